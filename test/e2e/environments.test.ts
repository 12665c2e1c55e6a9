// Environments, protected environments, several databases and `stratum config`, driven
// through bin/stratum as a user would, on SQLite files.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tempProject } from '../commands/project.js'
import { revisionSource } from '../support/project.js'
import { expectOneLineError, type RunResult } from './stratum.js'

const BIN = fileURLToPath(new URL('../../bin/stratum', import.meta.url))
const project = tempProject('stratum-env-')
afterAll(() => project.remove())

/** Run bin/stratum in the project with extra environment variables (stdin is not a TTY). */
function run(env: Record<string, string>, ...args: string[]): RunResult {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env }
  delete childEnv.DATABASE_URL
  if (env.STRATUM_ENV === undefined) delete childEnv.STRATUM_ENV
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: project.root,
    env: childEnv,
    encoding: 'utf8',
    input: '',
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

const stratum = (...args: string[]) => run({}, ...args)

function versionOf(file: string): string[] {
  const db = new Database(join(project.root, file), { readonly: true })
  try {
    return db
      .prepare('SELECT version_num FROM stratum_version')
      .all()
      .map((row) => (row as { version_num: string }).version_num)
  } finally {
    db.close()
  }
}

function writeRevision(folder: string, id: string, down: string | null): void {
  const versions = join(project.root, folder, 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(versions, `${id}_rev.ts`), revisionSource({ id, down }))
}

beforeAll(() => {
  writeFileSync(
    join(project.root, 'stratum.config.ts'),
    `import { defineConfig } from 'stratum'

export default defineConfig({
  databases: {
    main: { url: 'sqlite:main.db' },
    analytics: { url: 'sqlite:analytics.db', migrations: 'analytics' },
  },
  environments: {
    staging: { databases: { main: { url: 'sqlite:staging-main.db' } } },
    production: {
      protected: true,
      databases: {
        main: { url: 'sqlite:prod-main.db' },
        analytics: { url: 'postgres://report:hunter2@127.0.0.1:9/analytics' },
      },
    },
  },
})
`,
  )
  writeRevision('migrations/main', 'a1', null)
  writeRevision('migrations/main', 'a2', 'a1')
  const init = stratum('--db', 'analytics', 'init')
  if (init.code !== 0) throw new Error(init.stderr)
  writeRevision('analytics', 'b1', null)
})

describe('several databases', () => {
  it('upgrade without --db upgrades each in declared order', () => {
    const result = stratum('upgrade')
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const main = result.stdout.indexOf('Database main:')
    const analytics = result.stdout.indexOf('Database analytics:')
    expect(main).toBeGreaterThanOrEqual(0)
    expect(analytics).toBeGreaterThan(main)
    expect(versionOf('main.db')).toEqual(['a2'])
    expect(versionOf('analytics.db')).toEqual(['b1'])
    expect(stratum('upgrade').stdout).toContain('Already at a2')
  })

  it('upgrade --json reports each database', () => {
    const result = stratum('upgrade', '--json')
    expect(result.code).toBe(0)
    const reports = JSON.parse(result.stdout) as { database: string; current: string[] }[]
    expect(reports.map((r) => [r.database, r.current])).toEqual([
      ['main', ['a2']],
      ['analytics', ['b1']],
    ])
  })

  it('--db selects one database', () => {
    const current = JSON.parse(stratum('--db', 'analytics', 'current', '--json').stdout)
    expect(current.map((r: { revision: string }) => r.revision)).toEqual(['b1'])
    expect(stratum('--db', 'main', 'downgrade', '-1').code).toBe(0)
    expect(versionOf('main.db')).toEqual(['a1'])
    expect(versionOf('analytics.db')).toEqual(['b1'])
  })

  it('commands about one database ask for --db', () => {
    for (const args of [['current'], ['revision', '-m', 'x'], ['heads'], ['downgrade', '-1']]) {
      const line = expectOneLineError(stratum(...args), 2)
      expect(line).toContain('several databases (main, analytics): choose one with --db NAME')
    }
    expect(expectOneLineError(stratum('upgrade', '--sql'), 2)).toContain('--db')
  })

  it('an unknown --db names the known ones', () => {
    const line = expectOneLineError(stratum('--db', 'mian', 'current'), 1)
    expect(line).toContain("unknown database 'mian' (did you mean 'main'?); known: main, analytics")
  })

  it("revision --db writes into that database's folder", () => {
    const result = stratum('--db', 'analytics', 'revision', '-m', 'second', '--rev-id', 'b2')
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(join('analytics', 'versions'))
  })
})

describe('environments', () => {
  it('STRATUM_ENV and --env choose the overrides', () => {
    expect(run({ STRATUM_ENV: 'staging' }, '--db', 'main', 'upgrade', 'a1').code).toBe(0)
    expect(versionOf('staging-main.db')).toEqual(['a1'])
    const shown = JSON.parse(stratum('--env', 'staging', '--db', 'main', 'config', '--json').stdout)
    expect(shown).toMatchObject({
      environment: 'staging',
      protected: false,
      url: 'sqlite:staging-main.db',
    })
  })

  it('an unknown environment is an error naming its source', () => {
    expect(expectOneLineError(run({ STRATUM_ENV: 'qa' }, 'config'), 1)).toContain(
      "STRATUM_ENV: unknown environment 'qa'; known: staging, production",
    )
    expect(expectOneLineError(stratum('--env', 'qa', 'config'), 1)).toContain(
      "--env: unknown environment 'qa'",
    )
  })

  it('a protected environment refuses destructive commands without a terminal', () => {
    const prod = ['--env', 'production', '--db', 'main']
    expect(stratum(...prod, 'upgrade').code).toBe(0)
    expect(versionOf('prod-main.db')).toEqual(['a2'])
    const refused = stratum(...prod, 'downgrade', '-1')
    expect(expectOneLineError(refused, 1)).toContain("The environment 'production' is protected")
    expect(refused.stderr).toContain('--yes')
    expect(versionOf('prod-main.db')).toEqual(['a2'])
    expectOneLineError(stratum(...prod, 'stamp', 'base', '--purge'), 1)
    expect(versionOf('prod-main.db')).toEqual(['a2'])
    expect(stratum(...prod, 'stamp', 'a2').code).toBe(0)
    expect(stratum(...prod, 'downgrade', '-1', '--yes').code).toBe(0)
    expect(versionOf('prod-main.db')).toEqual(['a1'])
    expect(stratum(...prod, 'downgrade', 'a1:base', '--sql').code).toBe(0)
  })

  it('stratum config masks secrets and shows every database', () => {
    const pretty = stratum('--env', 'production', 'config')
    expect(pretty.code).toBe(0)
    expect(pretty.stdout).not.toContain('hunter2')
    expect(pretty.stdout).toContain('postgres://report:***@127.0.0.1:9/analytics')
    expect(pretty.stdout).toMatch(/databases:\n {2}main:\n {4}configPath: /)
    const json = JSON.parse(stratum('--env', 'production', 'config', '--json').stdout)
    expect(Object.keys(json.databases)).toEqual(['main', 'analytics'])
    expect(json.databases.main).toMatchObject({ environment: 'production', protected: true })
    expect(existsSync(join(project.root, 'prod-main.db'))).toBe(true)
  })
})
