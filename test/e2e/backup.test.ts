// Backups and restores as a user runs them, through the built bin/stratum, on a SQLite
// file, a PostgreSQL server and a MariaDB server: the dump before `upgrade`, `backup`,
// retention, `restore` and its refusals, and backups that fail (tool missing, file size
// limit) stopping the upgrade before any DDL.
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { parseDumpFileName } from '../../src/backup/file-name.js'
import { tableExists, withConnection } from '../runtime/targets.js'
import {
  mysqlDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/databases.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { expectOneLineError, type RunResult } from './stratum.js'

const BIN = fileURLToPath(new URL('../../bin/stratum', import.meta.url))
const LONG = 180_000

type Kind = 'sqlite' | 'postgres' | 'mariadb'

const created: TestDatabase[] = []
afterAll(() => Promise.all(created.map((database) => database.drop())))

/** A new empty database of `kind` (one per test, dropped after the file). */
async function freshDatabase(kind: Kind): Promise<TestDatabase> {
  const database =
    kind === 'sqlite'
      ? sqliteDatabase('e2e_backup')
      : kind === 'postgres'
        ? await postgresDatabase('e2e_backup')
        : await mysqlDatabase('e2e_backup')
  created.push(database)
  return database
}

const [postgresProbe, mariadbProbe] = await Promise.all([
  postgresDatabase('e2e_backup_probe'),
  mysqlDatabase('e2e_backup_probe'),
])
created.push(postgresProbe, mariadbProbe)
const KINDS: { readonly kind: Kind; readonly available: boolean; readonly tool: string }[] = [
  { kind: 'sqlite', available: true, tool: '' },
  { kind: 'postgres', available: postgresProbe.available, tool: 'pg_dump' },
  { kind: 'mariadb', available: mariadbProbe.available, tool: 'mariadb-dump' },
]

/** Run bin/stratum in `cwd`; stdin is not a terminal. `shell` wraps it (for `ulimit`). */
function run(
  cwd: string,
  args: readonly string[],
  options: { env?: Record<string, string>; shell?: string } = {},
): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env }
  delete env.DATABASE_URL
  delete env.STRATUM_ENV
  const command = [process.execPath, BIN, ...args]
  const result =
    options.shell === undefined
      ? spawnSync(command[0] as string, command.slice(1), { cwd, env, encoding: 'utf8', input: '' })
      : spawnSync('/bin/bash', ['-c', `${options.shell}; exec "$@"`, 'stratum', ...command], {
          cwd,
          env,
          encoding: 'utf8',
          input: '',
        })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

function ok(cwd: string, ...args: string[]): RunResult {
  const result = run(cwd, args)
  if (result.code !== 0) throw new Error(`stratum ${args.join(' ')}: ${result.stderr}`)
  return result
}

const USERS: RevisionSpec = {
  id: 'a1',
  message: 'users',
  upgrade:
    "await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(200)', nullable: false }])",
  downgrade: "await op.dropTable('users')",
}
const POSTS: RevisionSpec = { id: 'b2', down: 'a1', message: 'posts', prefix: 'e2e_' }

async function project(kind: Kind, keep?: number): Promise<{ project: Project; url: string }> {
  const database = await freshDatabase(kind)
  const backup = keep === undefined ? { beforeUpgrade: true } : { beforeUpgrade: true, keep }
  const made = await createProject({
    url: database.url,
    revisions: [USERS, POSTS],
    config: { backup },
  })
  return { project: made, url: database.url }
}

const dumpsOf = (cwd: string) => join(cwd, 'migrations', 'dumps')
function dumpFiles(cwd: string): string[] {
  try {
    return readdirSync(dumpsOf(cwd)).sort()
  } catch {
    return []
  }
}

/** Nothing in the dumps folder looks like a dump: no dump name, no partial file. */
function expectNoDump(cwd: string): void {
  const files = dumpFiles(cwd)
  expect(files.filter((name) => parseDumpFileName(name) !== undefined)).toEqual([])
  expect(files.filter((name) => name.endsWith('.partial'))).toEqual([])
}

/** Rows large enough that a dump passes a 1 KiB file size limit. */
async function fillUsers(url: string): Promise<void> {
  await withConnection(url, async (connection) => {
    for (let id = 1; id <= 40; id++) {
      await connection.query(`INSERT INTO users (id, name) VALUES (${id}, '${'x'.repeat(150)}')`)
    }
  })
}

describe.each(KINDS)('backups e2e on $kind', ({ kind, available, tool }) => {
  it.skipIf(!available)(
    'upgrade writes a dump first and says where; --no-backup, --sql and nothing to do write none',
    async () => {
      const { project: p } = await project(kind)
      const cwd = p.dir
      try {
        const first = ok(cwd, 'upgrade', 'a1')
        const line = /^stratum: Backup written: (migrations\/dumps\/\S+_base\.(sql|db))\n$/.exec(
          first.stderr,
        )
        expect(line, first.stderr).not.toBeNull()
        expect(first.stdout).toMatch(/^Running upgrade {2}-> a1, users \.\.\. done/)
        const dump = join(cwd, line?.[1] ?? '')
        expect(readFileSync(`${dump}.sha256`, 'utf8')).toMatch(/^[0-9a-f]{64} {2}\S+_base\./)

        expect(ok(cwd, 'upgrade', 'a1').stderr).toBe('') // nothing to apply: no dump
        expect(ok(cwd, 'upgrade', '--sql', 'a1:b2').stderr).toBe('')
        const skipped = ok(cwd, 'upgrade', '--no-backup', 'b2')
        expect(skipped.stderr).toBe('')
        expect(dumpFiles(cwd)).toHaveLength(2)

        ok(cwd, 'downgrade', 'a1')
        const json = ok(cwd, 'upgrade', '--json')
        const report = JSON.parse(json.stdout) as { backup: { path: string; revisions: string[] } }
        expect(report.backup.revisions).toEqual(['a1'])
        expect(report.backup.path).toMatch(/_a1\.(sql|db)$/)
        expect(json.stderr).toContain('Backup written:')
        expect(dumpFiles(cwd)).toHaveLength(4)
      } finally {
        await p.remove()
      }
    },
    LONG,
  )

  it.skipIf(!available)(
    'backup prints the path, --json the details; retention keeps the newest N of its own files',
    async () => {
      const { project: p } = await project(kind, 2)
      const cwd = p.dir
      try {
        mkdirSync(dumpsOf(cwd), { recursive: true })
        writeFileSync(join(dumpsOf(cwd), 'alldb_dump.sql'), 'a hand-made dump')
        ok(cwd, 'upgrade', '--no-backup', 'head')
        const printed = ok(cwd, 'backup').stdout
        expect(printed).toMatch(/^migrations\/dumps\/\S+_b2\.(sql|db)\n$/)
        const json = JSON.parse(ok(cwd, 'backup', '--json').stdout) as Record<string, unknown>
        expect(Object.keys(json)).toEqual(expect.arrayContaining(['path', 'bytes', 'sha256']))
        expect(json.sha256).toMatch(/^[0-9a-f]{64}$/)
        const third = JSON.parse(ok(cwd, 'backup', '--json').stdout) as { deleted: string[] }
        expect(third.deleted).toEqual([join(cwd, printed.trim())])
        const files = dumpFiles(cwd)
        expect(files.filter((name) => parseDumpFileName(name) !== undefined)).toHaveLength(2)
        expect(files).toContain('alldb_dump.sql')
        if (kind !== 'sqlite') {
          // Two schema-only dumps do not push the full ones out.
          expect(ok(cwd, 'backup', '--schema-only').stdout).toMatch(/_b2\.schema\.sql\n$/)
          expect(dumpFiles(cwd).filter((name) => parseDumpFileName(name))).toHaveLength(3)
        }
      } finally {
        await p.remove()
      }
    },
    LONG,
  )

  it.skipIf(!available)(
    'restore checks the file, asks first (refused without a terminal), then restores with --yes',
    async () => {
      const { project: p, url } = await project(kind)
      const cwd = p.dir
      try {
        ok(cwd, 'upgrade', '--no-backup', 'a1')
        const file = ok(cwd, 'backup').stdout.trim()
        ok(cwd, 'upgrade', '--no-backup', 'head')

        const asked = run(cwd, ['restore', file])
        expect(expectOneLineError(asked, 1)).toMatch(
          /^stratum: error: Replace everything in .* with migrations\/dumps\/\S+ \(taken .* UTC at revision a1\)\? Refusing without a terminal to confirm on; nothing was changed$/,
        )
        expect(ok(cwd, 'current').stdout).toBe('b2 (head)\n')

        const path = join(cwd, file)
        const original = readFileSync(path)
        const checksum = readFileSync(`${path}.sha256`, 'utf8')
        const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex')

        // Truncated, with a checksum file made to match: the dump's own end is missing.
        truncateSync(path, Math.floor(original.length * 0.7))
        writeFileSync(`${path}.sha256`, `${sha(readFileSync(path))}  ${basename(path)}\n`)
        const truncated = run(cwd, ['restore', file, '--yes'])
        expect(expectOneLineError(truncated, 1)).toMatch(
          /is not a complete dump: .*; the database was not touched$/,
        )
        // Altered by one byte, with the checksum file it was written with.
        const altered = Buffer.from(original)
        const middle = Math.floor(altered.length / 2)
        altered[middle] = (altered[middle] ?? 0) ^ 0x20
        writeFileSync(path, altered)
        writeFileSync(`${path}.sha256`, checksum)
        expect(expectOneLineError(run(cwd, ['restore', file, '--yes']), 1)).toMatch(
          /does not match its checksum .*altered or truncated; the database was not touched$/,
        )
        expect(ok(cwd, 'current').stdout).toBe('b2 (head)\n')
        expect(await tableExists(url, 'e2e_t_b2')).toBe(true)

        writeFileSync(path, original)
        const restored = ok(cwd, 'restore', file, '--yes')
        expect(restored.stdout).toBe(`Restored ${file}: the database is at a1\n`)
        expect(ok(cwd, 'current').stdout).toBe('a1\n')
        expect(await tableExists(url, 'e2e_t_b2')).toBe(false)
      } finally {
        await p.remove()
      }
    },
    LONG,
  )

  it.skipIf(!available || kind === 'sqlite')(
    'a dump tool missing from PATH stops the upgrade before any DDL',
    async () => {
      const { project: p, url } = await project(kind)
      const cwd = p.dir
      try {
        ok(cwd, 'upgrade', '--no-backup', 'a1')
        const emptyBin = join(cwd, 'empty-bin')
        mkdirSync(emptyBin)
        const result = run(cwd, ['upgrade'], { env: { PATH: emptyBin } })
        const line = expectOneLineError(result, 1)
        expect(line).toContain('The backup before upgrade failed, so the upgrade did not start')
        expect(line).toContain(`${tool}`)
        expect(line).toMatch(/(is not|Neither .* is) on PATH/)
        expect(result.stderr).toContain('stratum upgrade --no-backup')
        expect(ok(cwd, 'current').stdout).toBe('a1\n')
        expect(await tableExists(url, 'e2e_t_b2')).toBe(false)
        expectNoDump(cwd)
      } finally {
        await p.remove()
      }
    },
    LONG,
  )

  it.skipIf(!available)(
    'a file size limit (ulimit -f) stops the upgrade before any DDL and leaves no dump',
    async () => {
      const { project: p, url } = await project(kind)
      const cwd = p.dir
      try {
        ok(cwd, 'upgrade', '--no-backup', 'a1')
        await fillUsers(url)
        const result = run(cwd, ['upgrade'], { shell: 'ulimit -f 1' })
        const line = expectOneLineError(result, 1)
        expect(line).toContain('The backup before upgrade failed, so the upgrade did not start')
        expect(line).toMatch(
          kind === 'sqlite'
            ? /Cannot write \S+\.partial: SQLITE_/
            : /(mariadb-dump|pg_dump) was stopped by the file size limit \(ulimit -f\)/,
        )
        expect(ok(cwd, 'current').stdout).toBe('a1\n')
        expect(await tableExists(url, 'e2e_t_b2')).toBe(false)
        expectNoDump(cwd)
        // The same upgrade without the limit backs up and runs.
        expect(ok(cwd, 'upgrade').stderr).toMatch(/^stratum: Backup written: \S+_a1\./)
        expect(ok(cwd, 'current').stdout).toBe('b2 (head)\n')
      } finally {
        await p.remove()
      }
    },
    LONG,
  )
})

describe('restore in a protected environment', () => {
  it('says the environment is protected when it asks, and goes on with --yes', async () => {
    const database = await freshDatabase('sqlite')
    const p = await createProject({
      url: database.url,
      revisions: [USERS],
      config: { environments: { production: { protected: true } } },
    })
    const cwd = p.dir
    try {
      ok(cwd, 'upgrade', 'head')
      const file = ok(cwd, 'backup').stdout.trim()
      const asked = run(cwd, ['--env', 'production', 'restore', file])
      expect(expectOneLineError(asked, 1)).toMatch(
        /^stratum: error: The environment 'production' is protected: replace everything in sqlite:\S+ with migrations\/dumps\/\S+ \(taken .*\)\? Refusing without a terminal/,
      )
      expect(ok(cwd, '--env', 'production', 'restore', file, '--yes').stdout).toBe(
        `Restored ${file}: the database is at a1\n`,
      )
    } finally {
      await p.remove()
    }
  })
})

describe('passwords and the dump tools', () => {
  const PASSWORD = 'Kx9q@Vw2:Jm7/Pz%4#Hb?Yt'
  const WRONG = 'Wq1@Zx2:Cv3/Bn%4#Mk?Lp'
  const user = `stratum_bk_${Date.now().toString(36)}`
  let admin: import('mysql2/promise').Connection | undefined
  afterAll(async () => {
    await admin?.query(`DROP USER IF EXISTS '${user}'@'%'`)
    await admin?.end()
  })

  /** A wrapper for `tool` on PATH that records its arguments and whether the password variable is set. */
  function spy(cwd: string, tool: string, variable: string): { path: string; log: string } {
    const real = spawnSync('/bin/sh', ['-c', `command -v ${tool}`], {
      encoding: 'utf8',
    }).stdout.trim()
    const bin = join(cwd, 'spy-bin')
    const log = join(cwd, 'argv.log')
    mkdirSync(bin, { recursive: true })
    writeFileSync(
      join(bin, tool),
      `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\nprintf '${variable}:%s\\n' "\${${variable}:+set}" >> '${log}'\nexec '${real}' "$@"\n`,
      { mode: 0o755 },
    )
    return { path: `${bin}:${process.env.PATH ?? ''}`, log }
  }

  it.skipIf(!mariadbProbe.available)(
    'MariaDB: the password goes in MYSQL_PWD, never in argv or any output',
    async () => {
      const database = await freshDatabase('mariadb')
      const mysql = await import('mysql2/promise')
      admin = await mysql.createConnection({ uri: 'mysql://root@127.0.0.1:3306/' })
      await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${PASSWORD}'`)
      await admin.query(`GRANT ALL ON \`${database.name}\`.* TO '${user}'@'%'`)
      const url = (password: string) =>
        `mysql://${user}:${encodeURIComponent(password)}@127.0.0.1:3306/${database.name}`
      const p = await createProject({
        url: url(PASSWORD),
        revisions: [USERS],
        config: { backup: { beforeUpgrade: true } },
      })
      const cwd = p.dir
      try {
        const { path, log } = spy(cwd, 'mariadb-dump', 'MYSQL_PWD')
        const env = { PATH: path }
        const upgraded = run(cwd, ['--verbose', 'upgrade'], { env })
        expect(upgraded.code, upgraded.stderr).toBe(0)
        expect(upgraded.stderr).toMatch(/^stratum: Backup written: /)
        const recorded = readFileSync(log, 'utf8')
        expect(recorded).toContain(`--user=${user}`)
        expect(recorded).toContain('MYSQL_PWD:set')
        const restored = run(cwd, ['restore', '--yes', ok(cwd, 'backup').stdout.trim()])
        expect(restored.code, restored.stderr).toBe(0)

        const wrong = run(cwd, ['--url', url(WRONG), '--verbose', 'backup'], { env })
        expect(wrong.code).toBe(1)
        for (const output of [
          recorded,
          upgraded.stdout,
          upgraded.stderr,
          wrong.stdout,
          wrong.stderr,
        ]) {
          for (const secret of [
            PASSWORD,
            WRONG,
            encodeURIComponent(PASSWORD),
            encodeURIComponent(WRONG),
          ]) {
            expect(output).not.toContain(secret)
          }
        }
      } finally {
        await p.remove()
      }
    },
    LONG,
  )

  it.skipIf(!postgresProbe.available)(
    'PostgreSQL: the password goes in PGPASSWORD, never in argv',
    async () => {
      const database = await freshDatabase('postgres')
      const url = database.url.replace('postgres@', `postgres:${encodeURIComponent(PASSWORD)}@`)
      const p = await createProject({
        url,
        revisions: [USERS],
        config: { backup: { beforeUpgrade: true } },
      })
      const cwd = p.dir
      try {
        const { path, log } = spy(cwd, 'pg_dump', 'PGPASSWORD')
        const upgraded = run(cwd, ['--verbose', 'upgrade'], { env: { PATH: path } })
        expect(upgraded.code, upgraded.stderr).toBe(0)
        const recorded = readFileSync(log, 'utf8')
        expect(recorded).toContain('PGPASSWORD:set')
        for (const output of [recorded, upgraded.stdout, upgraded.stderr]) {
          expect(output).not.toContain(PASSWORD)
          expect(output).not.toContain(encodeURIComponent(PASSWORD))
        }
      } finally {
        await p.remove()
      }
    },
    LONG,
  )
})
