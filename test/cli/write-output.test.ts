import { existsSync, readdirSync } from 'node:fs'
import { join, sep } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type TempProject, tempProject } from '../commands/project.js'
import { runMain } from './run-main.js'

describe('init, revision and merge output', () => {
  let project: TempProject
  // A JSON config keeps these tests independent of the TypeScript config loader.
  const run = (...argv: string[]) =>
    runMain(['--config', 'stratum.config.json', ...argv], { cwd: project.root })
  beforeEach(() => {
    project = tempProject()
  })
  afterEach(() => project.remove())

  it('init lists what it created, relative to the working directory', async () => {
    const result = await run('init')
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain(`Created migrations${sep}\n`)
    expect(result.stdout).toContain(`Created ${join('migrations', 'versions')}${sep}\n`)
    expect(result.stdout).toContain(`Created ${join('migrations', 'script.ts.tmpl')}\n`)
    expect(result.stdout).toContain('Created stratum.config.json\n')
  })

  it('init --quiet prints nothing; --json prints what it did', async () => {
    expect(await run('init', '--quiet')).toEqual({ code: 0, stdout: '', stderr: '' })
    const again = await run('--json', 'init', 'db')
    expect(again.code).toBe(0)
    const doc = JSON.parse(again.stdout) as Record<string, unknown>
    expect(doc).toEqual({
      directory: join(project.root, 'db'),
      configPath: join(project.root, 'stratum.config.json'),
      configCreated: false,
      created: [
        join(project.root, 'db'),
        join(project.root, 'db', 'versions'),
        join(project.root, 'db', 'script.ts.tmpl'),
        join(project.root, 'db', 'README.md'),
      ],
    })
    expect(again.stderr).toContain('already exists')
  })

  it('init refuses a folder that is not empty: exit 1, one line', async () => {
    await run('init')
    const result = await run('init')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^stratum: error: Directory .* already exists and is not empty\n {2}hint: /,
    )
  })

  it("revision prints Alembic's 'Generating <path> ... done'", async () => {
    await run('init')
    const result = await run('revision', '-m', 'create users', '--rev-id', 'aaa111')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(
      /^Generating migrations[/\\]versions[/\\]\d{8}_\d{4}-aaa111_create_users\.ts \.\.\. done\n$/,
    )
    const quiet = await run('revision', '-m', 'second', '--quiet')
    expect(quiet.stdout).toMatch(/^migrations[/\\]versions[/\\].*_second\.ts\n$/)
    const json = await run(
      'revision',
      '-m',
      'third',
      '--json',
      '--branch-label',
      'x',
      '--branch-label',
      'y',
    )
    const doc = JSON.parse(json.stdout) as Record<string, unknown>
    expect(doc).toMatchObject({ message: 'third', branchLabels: ['x', 'y'], isHead: true })
    expect(existsSync(doc.path as string)).toBe(true)
  })

  it('revision without --head on several heads: exit 1, lists the heads', async () => {
    await run('init')
    await run('revision', '-m', 'a', '--rev-id', 'aaa111')
    await run('revision', '-m', 'b', '--rev-id', 'bbb222', '--head', 'base')
    const result = await run('revision', '-m', 'c')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^stratum: error: Multiple heads are present \(aaa111, bbb222\)/)
    expect(result.stderr).toMatch(/hint: .*--head/)
  })

  it('merge heads writes a merge point', async () => {
    await run('init')
    await run('revision', '-m', 'a', '--rev-id', 'aaa111')
    await run('revision', '-m', 'b', '--rev-id', 'bbb222', '--head', 'base')
    const result = await run('merge', 'heads', '-m', 'join', '--rev-id', 'ccc333')
    expect(result.code).toBe(0)
    expect(result.stdout).toMatch(/^Generating .*-ccc333_join\.ts \.\.\. done\n$/)
    const history = await run('history')
    expect(history.stdout.split('\n')[0]).toBe('aaa111, bbb222 -> ccc333 (head) (mergepoint), join')
    expect(readdirSync(join(project.root, 'migrations', 'versions'))).toHaveLength(3)
  })

  it('merge with fewer than two heads is an error', async () => {
    await run('init')
    await run('revision', '-m', 'a', '--rev-id', 'aaa111')
    const result = await run('merge', 'heads', '-m', 'join')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^stratum: error: Nothing to merge/)
  })
})
