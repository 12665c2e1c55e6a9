import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TempProject, tempProject } from '../commands/project.js'
import { ok, stratum } from './stratum.js'

interface RevisionJson {
  revision: string
  downRevisions: string[]
  branchLabels: string[]
  labels: string[]
  dependsOn: string[]
  message: string
  path: string
  children: string[]
  isHead: boolean
  isRealHead: boolean
  isBase: boolean
  isBranchPoint: boolean
  isMergePoint: boolean
}

const json = <T>(text: string) => JSON.parse(text) as T

// The proof: init, three revisions, a branch with --head, merge heads, then every
// read command in text and JSON, driving the built bin/stratum in a throwaway project.
describe('e2e: a project from init to a merge', () => {
  let project: TempProject
  let cwd: string
  const ids: Record<string, string> = {}

  beforeAll(() => {
    project = tempProject('stratum-e2e-')
    cwd = project.root
  })
  afterAll(() => project.remove())

  it('init creates the config and the migrations folder', () => {
    const out = ok(cwd, 'init')
    expect(out).toContain('Created stratum.config.ts')
    for (const path of [
      'stratum.config.ts',
      'migrations/versions',
      'migrations/script.ts.tmpl',
      'migrations/README.md',
    ]) {
      expect(existsSync(join(cwd, path))).toBe(true)
    }
  })

  it('three revisions in a row', () => {
    const first = json<RevisionJson>(ok(cwd, 'revision', '-m', 'create users table', '--json'))
    expect(first).toMatchObject({ downRevisions: [], isBase: true, isHead: true })
    expect(first.revision).toMatch(/^[0-9a-f]{12}$/)
    expect(readFileSync(first.path, 'utf8')).toContain(
      `export const revision = '${first.revision}'`,
    )
    ids.users = first.revision

    const second = ok(cwd, 'revision', '-m', 'add email to users', '--rev-id', 'b2c3d4e5f6a7')
    expect(second).toMatch(
      /^Generating migrations\/versions\/\d{8}_\d{4}-b2c3d4e5f6a7_add_email_to_users\.ts \.\.\. done\n$/,
    )
    ids.email = 'b2c3d4e5f6a7'

    ok(cwd, 'revision', '-m', 'add name to users', '--rev-id', 'c3d4e5f6a7b8')
    ids.name = 'c3d4e5f6a7b8'
    expect(ok(cwd, 'heads')).toBe('c3d4e5f6a7b8 (head)\n')
  })

  it('a branch from an older revision with --head (needs --splice)', () => {
    const refused = stratum(cwd, 'revision', '-m', 'orders', '--head', ids.email!)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('--splice')
    const out = ok(
      cwd,
      'revision',
      '-m',
      'create orders table',
      '--head',
      ids.email!.slice(0, 4),
      '--splice',
      '--branch-label',
      'orders',
      '--rev-id',
      'd4e5f6a7b8c9',
    )
    expect(out).toContain('d4e5f6a7b8c9_create_orders_table.ts ... done')
    ids.orders = 'd4e5f6a7b8c9'
    expect(ok(cwd, 'heads')).toBe('c3d4e5f6a7b8 (head)\nd4e5f6a7b8c9 (orders) (head)\n')
  })

  it('merge heads joins the branch', () => {
    const out = ok(
      cwd,
      'merge',
      'heads',
      '-m',
      'merge users and orders',
      '--rev-id',
      'e5f6a7b8c9d0',
    )
    expect(out).toMatch(
      /^Generating migrations\/versions\/.*-e5f6a7b8c9d0_merge_users_and_orders\.ts \.\.\. done\n$/,
    )
    ids.merge = 'e5f6a7b8c9d0'
  })

  it('heads, branches, history and show in text', () => {
    expect(ok(cwd, 'heads')).toBe('e5f6a7b8c9d0 (orders) (head)\n')
    expect(ok(cwd, 'branches')).toBe(
      [
        'b2c3d4e5f6a7 (branchpoint), add email to users',
        '             -> c3d4e5f6a7b8, add name to users',
        '             -> d4e5f6a7b8c9 (orders), create orders table',
        '',
      ].join('\n'),
    )
    const history = ok(cwd, 'history').trimEnd().split('\n')
    expect(history).toHaveLength(5)
    expect(history[0]).toBe(
      'c3d4e5f6a7b8, d4e5f6a7b8c9 -> e5f6a7b8c9d0 (orders) (head) (mergepoint), merge users and orders',
    )
    expect(history).toContain(`${ids.users} -> b2c3d4e5f6a7 (branchpoint), add email to users`)
    expect(history).toContain('b2c3d4e5f6a7 -> d4e5f6a7b8c9 (orders), create orders table')
    expect(history.at(-1)).toBe(`<base> -> ${ids.users}, create users table`)
    expect(ok(cwd, 'history', '-r', 'd4e5:heads')).toBe(
      `${history[0]}\nb2c3d4e5f6a7 -> d4e5f6a7b8c9 (orders), create orders table\n`,
    )

    const graph = ok(cwd, 'history', '--graph').trimEnd().split('\n')
    expect(graph).toEqual([
      `* ${history[0]}`,
      '|\\',
      `| * ${history[1]}`,
      `* | ${history[2]}`,
      '|/',
      `* ${history[3]}`,
      `* ${history[4]}`,
    ])

    const show = ok(cwd, 'show', 'head')
    expect(show).toMatch(
      /^Rev: e5f6a7b8c9d0 \(head\) \(mergepoint\)\nMerges: c3d4e5f6a7b8, d4e5f6a7b8c9\nBranch names: orders\nPath: migrations\/versions\/.*e5f6a7b8c9d0_merge_users_and_orders\.ts\n\n {4}merge users and orders\n$/,
    )
    expect(ok(cwd, 'show', 'orders')).toContain('Rev: d4e5f6a7b8c9\nParent: b2c3d4e5f6a7\n')
  })

  it('the same in --json', () => {
    const heads = json<RevisionJson[]>(ok(cwd, 'heads', '--json'))
    expect(heads).toEqual([
      expect.objectContaining({
        revision: ids.merge,
        downRevisions: [ids.name, ids.orders],
        branchLabels: [],
        labels: ['orders'],
        dependsOn: [],
        message: 'merge users and orders',
        isHead: true,
        isRealHead: true,
        isMergePoint: true,
        children: [],
      }),
    ])
    expect(heads[0]?.path).toMatch(/^\/.*e5f6a7b8c9d0_merge_users_and_orders\.ts$/)

    const history = json<RevisionJson[]>(ok(cwd, 'history', '--json'))
    expect(history.map((r) => r.revision)[0]).toBe(ids.merge)
    expect(history.map((r) => r.revision).at(-1)).toBe(ids.users)
    for (const rev of history) {
      expect(Object.keys(rev)).toEqual(
        expect.arrayContaining([
          'revision',
          'downRevisions',
          'branchLabels',
          'dependsOn',
          'message',
          'path',
        ]),
      )
    }
    const orders = history.find((r) => r.revision === ids.orders)
    expect(orders).toMatchObject({ branchLabels: ['orders'], downRevisions: [ids.email] })

    const branches = json<RevisionJson[]>(ok(cwd, 'branches', '--json'))
    expect(branches).toEqual([
      expect.objectContaining({
        revision: ids.email,
        isBranchPoint: true,
        children: [ids.name, ids.orders],
      }),
    ])
    const show = json<RevisionJson[]>(ok(cwd, 'show', 'orders@head', '--json'))
    expect(show.map((r) => r.revision)).toEqual([ids.merge])
  })
})
