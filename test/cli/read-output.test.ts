import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type TempProject,
  tempProject,
  writeJsonConfig,
  writeRevisions,
} from '../commands/project.js'
import { runMain } from './run-main.js'

// r1 -> a1 (accounts) ; r1 -> s1 (shop) -> s2, which depends on accounts: a1 is an effective head.
const GRAPH = [
  { revision: 'r1', message: 'root' },
  { revision: 'a1', down: 'r1', labels: ['accounts'], message: 'accounts' },
  { revision: 's1', down: 'r1', labels: ['shop'], message: 'shop' },
  { revision: 's2', down: 's1', dependsOn: ['accounts'], message: 'orders' },
]

describe('read command output', () => {
  let project: TempProject
  beforeEach(() => {
    project = tempProject()
    writeJsonConfig(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), GRAPH)
  })
  afterEach(() => project.remove())
  const run = async (...argv: string[]) => {
    const result = await runMain(argv, { cwd: project.root })
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    return result.stdout
  }

  it('heads: id, labels and head markers', async () => {
    expect(await run('heads')).toBe('a1 (accounts) (effective head)\ns2 (shop) (head)\n')
    expect(await run('heads', '--resolve-dependencies')).toBe('s2 (shop) (head)\n')
  })

  it('history: Alembic lines, newest first', async () => {
    const lines = (await run('history')).trimEnd().split('\n')
    expect(lines).toHaveLength(4)
    expect(lines).toContain('r1 -> a1 (accounts) (effective head), accounts')
    expect(lines).toContain('s1 (accounts) -> s2 (shop) (head), orders')
    expect(lines).toContain('r1 -> s1 (shop), shop')
    expect(lines.at(-1)).toBe('<base> -> r1 (branchpoint), root')
  })

  it('history -r A:B limits the range', async () => {
    expect(await run('history', '-r', 's1:s2')).toBe(
      's1 (accounts) -> s2 (shop) (head), orders\nr1 -> s1 (shop), shop\n',
    )
  })

  it('branches: the branch point and its children', async () => {
    expect(await run('branches')).toBe(
      [
        'r1 (branchpoint), root',
        '   -> a1 (accounts) (effective head), accounts',
        '   -> s1 (shop), shop',
        '',
      ].join('\n'),
    )
  })

  it("show and history --verbose: Alembic's verbose block", async () => {
    expect(await run('show', 's2')).toBe(
      [
        'Rev: s2 (head)',
        'Parent: s1',
        'Depends on: accounts',
        'Branch names: shop',
        `Path: ${join('migrations', 'versions', 's2.ts')}`,
        '',
        '    orders',
        '',
      ].join('\n'),
    )
    expect(await run('show', 'r1')).toContain(
      'Rev: r1 (branchpoint)\nParent: <base>\nBranches into: a1, s1\n',
    )
    const verbose = await run('history', '--verbose')
    expect(verbose.split('\n\n    ')).toHaveLength(5)
    expect(verbose).toContain('Rev: a1 (effective head)\n')
  })

  it('show REV naming several revisions prints each', async () => {
    const text = await run('show', 'heads')
    expect(text).toContain('Rev: s2 (head)')
    const base = await run('show', 'base')
    expect(base).toBe('')
  })

  it('--json: arrays of revision objects with absolute paths', async () => {
    const heads = JSON.parse(await run('heads', '--json')) as Record<string, unknown>[]
    expect(heads.map((h) => h.revision)).toEqual(['a1', 's2'])
    expect(heads[1]).toMatchObject({
      revision: 's2',
      downRevisions: ['s1'],
      branchLabels: [],
      labels: ['shop'],
      dependsOn: ['accounts'],
      message: 'orders',
      path: join(project.root, 'migrations', 'versions', 's2.ts'),
      isHead: true,
      isRealHead: true,
      isBase: false,
      isBranchPoint: false,
      isMergePoint: false,
      children: [],
    })
    const history = JSON.parse(await run('history', '--json')) as { revision: string }[]
    expect(history).toHaveLength(4)
    const branches = JSON.parse(await run('branches', '--json')) as { children: string[] }[]
    expect(branches).toEqual([expect.objectContaining({ revision: 'r1', children: ['a1', 's1'] })])
    const show = JSON.parse(await run('show', 'a1', '--json')) as unknown[]
    expect(show).toEqual([
      expect.objectContaining({ revision: 'a1', isHead: true, isRealHead: false }),
    ])
  })

  it('an empty versions folder prints nothing', async () => {
    const empty = tempProject()
    try {
      writeJsonConfig(empty.root)
      writeRevisions(join(empty.root, 'migrations', 'versions'), [])
      for (const command of ['heads', 'history', 'branches']) {
        expect(await runMain([command], { cwd: empty.root })).toEqual({
          code: 0,
          stdout: '',
          stderr: '',
        })
      }
      expect((await runMain(['heads', '--json'], { cwd: empty.root })).stdout).toBe('[]\n')
    } finally {
      empty.remove()
    }
  })
})
