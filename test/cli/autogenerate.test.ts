// `revision --autogenerate` and `check` through the CLI, in process, on a SQLite file: the
// output, --json, --quiet, --rename, the rename prompt on a (fake) terminal, exit codes.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { type ModelProject, modelProject } from '../support/model-project.js'
import { Capture, type MainResult, runMain } from './run-main.js'

const USERS = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  fullname: text(),
})`

const USERS_V2 = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  name: text(),
  age: integer(),
}, (t) => ({ indexes: [index('ix_users_email').on(t.email)] }))`

let project: ModelProject | undefined
afterEach(() => {
  project?.remove()
  project = undefined
})

/** A project with a stratum.config.json (the CLI reads one) on a SQLite file. */
function cliModelProject(): ModelProject & { run(...argv: string[]): Promise<MainResult> } {
  const created = modelProject({ url: 'sqlite:unused' })
  const url = `sqlite:${join(created.root, 'app.db')}`
  writeFileSync(
    join(created.root, 'stratum.config.json'),
    JSON.stringify({ url, models: ['models/*.ts'] }),
  )
  project = created
  return Object.assign(created, {
    run: (...argv: string[]) => runMain(argv, { cwd: created.root }),
  })
}

const files = (root: string) => readdirSync(join(root, 'migrations', 'versions')).sort()

describe('revision --autogenerate', () => {
  it('prints the file on stdout and each detected change on stderr; check then agrees', async () => {
    const p = cliModelProject()
    p.models(USERS)
    const first = await p.run('revision', '--autogenerate', '-m', 'init')
    expect(first.code).toBe(0)
    expect(first.stdout).toMatch(
      /^Generating migrations\/versions\/\d{8}_\d{4}-[0-9a-f]{12}_init\.ts \.\.\. done\n$/,
    )
    expect(first.stderr).toBe('  Detected table users added\n')
    const source = readFileSync(
      join(p.root, 'migrations', 'versions', files(p.root)[0] ?? ''),
      'utf8',
    )
    expect(source).toContain("await op.createTable('users', [")

    const behind = await p.run('check')
    expect(behind.code).toBe(1)
    expect(behind.stderr).toMatch(
      /^stratum: error: Target database is not up to date: it is at base/,
    )
    const again = await p.run('revision', '--autogenerate', '-m', 'again')
    expect(again.code).toBe(1)
    expect(again.stderr).toContain("hint: Run 'stratum upgrade head' first")
    expect(files(p.root)).toHaveLength(1)

    expect((await p.run('upgrade', 'head')).code).toBe(0)
    expect(await p.run('check')).toEqual({
      code: 0,
      stdout: 'No new upgrade operations detected.\n',
      stderr: '',
    })
    const empty = await p.run('revision', '--autogenerate', '-m', 'nothing')
    expect(empty.code).toBe(0)
    expect(empty.stderr).toBe('  No changes in schema detected.\n')
    expect(files(p.root)).toHaveLength(2)
  })

  it('check exits 1 with one line per change; --json lists changes and operations', async () => {
    const p = cliModelProject()
    p.models(USERS)
    await p.run('revision', '--autogenerate', '-m', 'init')
    await p.run('upgrade')
    p.models(USERS_V2)
    const check = await p.run('check')
    expect(check.code).toBe(1)
    expect(check.stdout).toBe(
      [
        'New upgrade operations detected (4 changes):',
        '  column users.name added',
        '  column users.age added',
        '  column users.fullname dropped',
        '  index ix_users_email on users added',
        '',
      ].join('\n'),
    )
    expect(check.stderr).toContain('stratum: warning: column users.fullname is dropped')

    const json = await p.run('check', '--json')
    expect(json.code).toBe(1)
    const parsed = JSON.parse(json.stdout) as {
      changes: { kind: string }[]
      operations: { kind: string }[]
      warnings: string[]
    }
    expect(parsed.changes.map((change) => change.kind)).toEqual([
      'addColumn',
      'addColumn',
      'dropColumn',
      'createIndex',
    ])
    expect(parsed.operations.map((operation) => operation.kind)).toEqual([
      'addColumn',
      'addColumn',
      'dropColumn',
      'createIndex',
    ])
    expect(parsed.warnings).toHaveLength(1)
  })

  it('--rename makes a rename; --json and --quiet print only the data', async () => {
    const p = cliModelProject()
    p.models(USERS)
    await p.run('revision', '--autogenerate', '-m', 'init', '--quiet')
    await p.run('upgrade')
    p.models(USERS_V2)
    const json = await p.run(
      'revision',
      '--autogenerate',
      '-m',
      'rename',
      '--rename',
      'users.fullname=name',
      '--json',
    )
    expect(json.code).toBe(0)
    expect(json.stderr).toBe('')
    const created = JSON.parse(json.stdout) as {
      path: string
      empty: boolean
      changes: { detail: string }[]
      warnings: string[]
    }
    expect(created.empty).toBe(false)
    expect(created.warnings).toEqual([])
    expect(created.changes.map((change) => change.detail)).toEqual([
      'column users.fullname renamed to name',
      'column users.age added',
      'index ix_users_email on users added',
    ])
    expect(readFileSync(created.path, 'utf8')).toContain(
      "await op.alterColumn('users', 'fullname', { newName: 'name' })",
    )
    await p.run('upgrade')
    expect((await p.run('check')).code).toBe(0)
    const quiet = await p.run('revision', '--autogenerate', '-m', 'same', '-q')
    expect(quiet.stdout).toMatch(/^migrations\/versions\/\S+_same\.ts\n$/)
    expect(quiet.stderr).toBe('')
  })

  it('bad --rename syntax, and --rename without --autogenerate, are bad usage (exit 2)', async () => {
    const p = cliModelProject()
    p.models(USERS)
    const bad = await p.run('revision', '--autogenerate', '-m', 'x', '--rename', 'users.fullname')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^stratum: error: --rename 'users\.fullname': has no =\n {2}hint: /)
    const alone = await p.run('revision', '-m', 'x', '--rename', 'a=b')
    expect(alone.code).toBe(2)
    expect(alone.stderr).toContain('--rename only applies with --autogenerate')
    expect(files(p.root)).toEqual([])
  })

  it('a model that fails to import is an error naming the file (exit 1)', async () => {
    const p = cliModelProject()
    p.models('throw new Error("no such column helper")', 'broken.ts')
    const result = await p.run('revision', '--autogenerate', '-m', 'x')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^stratum: error: models\/broken\.ts: import failed: no such column helper\n/,
    )
  })

  it('on a terminal, asks whether a dropped and an added column are one renamed', async () => {
    const p = cliModelProject()
    p.models(USERS)
    await p.run('revision', '--autogenerate', '-m', 'init')
    await p.run('upgrade')
    p.models(USERS_V2)
    const stdin = Object.assign(new PassThrough(), { isTTY: true })
    const stdout = new Capture(true)
    const stderr = new Capture(true)
    const running = main(['revision', '--autogenerate', '-m', 'asked'], {
      stdin,
      stdout,
      stderr,
      cwd: p.root,
      env: { NO_COLOR: '1' },
    })
    stdin.write('y\n')
    expect(await running).toBe(0)
    expect(stderr.text).toBe(
      [
        'Was users.fullname renamed to users.name? [y/N]   Detected column users.fullname renamed to name',
        '  Detected column users.age added',
        '  Detected index ix_users_email on users added',
        '',
      ].join('\n'),
    )
    expect(stdout.text).toMatch(/^Generating \S+_asked\.ts \.\.\. done\n$/)
  })

  it('answering no (or not on a terminal) drops and adds, with a loud warning', async () => {
    const p = cliModelProject()
    p.models(USERS)
    await p.run('revision', '--autogenerate', '-m', 'init')
    await p.run('upgrade')
    p.models(USERS_V2)
    // Not a terminal: nothing is asked; a warning names the --rename to give.
    const piped = await p.run('revision', '--autogenerate', '-m', 'piped')
    expect(piped.stderr).not.toContain('[y/N]')
    expect(piped.stderr).toContain(
      "stratum: warning: column users.fullname is dropped while name, age are added. If it was renamed, say so (renamedFrom: 'fullname' in the model, or --rename users.fullname=name); as generated, its data is lost.",
    )
    const written = files(p.root).find((file) => file.endsWith('_piped.ts')) ?? ''
    expect(readFileSync(join(p.root, 'migrations', 'versions', written), 'utf8')).toContain(
      '// WARNING: column users.fullname is dropped',
    )
    rmSync(join(p.root, 'migrations', 'versions', written))

    const stdin = Object.assign(new PassThrough(), { isTTY: true })
    const stderr = new Capture(true)
    const running = main(['revision', '--autogenerate', '-m', 'declined'], {
      stdin,
      stdout: new Capture(true),
      stderr,
      cwd: p.root,
      env: { NO_COLOR: '1' },
    })
    stdin.write('\n')
    expect(await running).toBe(0)
    expect(stderr.text).toContain('Was users.fullname renamed to users.name? [y/N] ')
    expect(stderr.text).toContain('stratum: warning: column users.fullname is dropped')
  })
})
