// `verify`: every revision's round trip on a scratch database, on SQLite, PGlite (for a
// postgres:// project whose server is never contacted) and a throwaway MariaDB database.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import { verify } from '../../src/runtime/verify.js'
import type { VerifyProgress } from '../../src/runtime/verify-report.js'
import {
  MYSQL_SERVER_URL,
  mysqlDatabase,
  POSTGRES_SERVER_URL,
  postgresDatabase,
} from '../support/databases.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { FORGETS_COLUMN, FORGETS_INDEX, fiveRevisions } from './verify-fixtures.js'

const projects: Project[] = []
afterAll(async () => {
  for (const project of projects) await project.remove()
})

async function project(url: string, revisions: readonly RevisionSpec[]): Promise<Project> {
  const created = await createProject({ url, revisions })
  projects.push(created)
  return created
}

async function verifyProject(
  created: Project,
  options: { strict?: boolean; range?: string; scratchUrl?: string } = {},
) {
  const config = await loadConfig({ cwd: created.dir })
  const events: VerifyProgress[] = []
  const report = await verify({ config, ...options, onProgress: (e) => events.push(e) })
  return { report, events }
}

const statuses = (report: { revisions: readonly { revision: string; status: string }[] }) =>
  report.revisions.map((r) => `${r.revision} ${r.status}`)

describe('verify on SQLite', () => {
  it('passes a clean project, in memory, without creating the project database', async () => {
    const created = await project('sqlite:app.db', fiveRevisions())
    const { report, events } = await verifyProject(created)
    expect(report.ok).toBe(true)
    expect(report.scratch).toBe('SQLite in memory')
    expect(statuses(report)).toEqual([
      'r1 restored',
      'r2 restored',
      'r3 restored',
      'r4 restored',
      'r5 restored',
    ])
    for (const result of report.revisions) {
      expect(result.restored).toBe(true)
      expect(result.upgradeMs).toBeGreaterThanOrEqual(0)
      expect(result.downgradeMs).toBeGreaterThanOrEqual(0)
    }
    expect(events.map((e) => e.kind)).toEqual([
      'scratch',
      ...Array(5).fill(['start', 'end']).flat(),
    ])
    expect(existsSync(join(created.dir, 'app.db'))).toBe(false)
  })

  it('reports revision 3 whose downgrade forgets an index as the first failure', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_INDEX))
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(false)
    expect(statuses(report)).toEqual(['r1 restored', 'r2 restored', 'r3 not restored'])
    expect(report.failed?.revision).toBe('r3')
    expect(report.notRun).toEqual(['r4', 'r5'])
    expect(report.failed?.differences.map((d) => d.text)).toEqual([
      'downgrade of r3 leaves index ix_users_email on users (added by its upgrade)',
    ])
    expect(report.failed?.differences[0]).toMatchObject({ kind: 'left', by: 'upgrade' })
  })

  it('reports a forgotten column', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_COLUMN))
    const { report } = await verifyProject(created)
    expect(report.failed?.differences.map((d) => d.text)).toEqual([
      'downgrade of r3 leaves column users.nickname (added by its upgrade)',
    ])
  })

  it('reports what a downgrade drops that the upgrade did not create', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({
        downgrade: "await op.dropIndex('ix_users_email'); await op.dropTable('posts_old')",
      }),
    )
    // r3's downgrade drops a table the upgrade never made: the downgrade itself fails.
    const { report } = await verifyProject(created)
    expect(statuses(report)).toEqual(['r1 restored', 'r2 restored', 'r3 downgrade failed'])
    expect(report.failed?.error?.message).toMatch(/Downgrade failed at revision r3 \(index email\)/)
    expect(report.failed?.downgradeMs).not.toBeNull()
  })

  it('says what a downgrade dropped that existed before the upgrade', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({
        downgrade: "await op.dropIndex('ix_users_email'); await op.dropColumn('users', 'name')",
      }),
    )
    const { report } = await verifyProject(created)
    expect(report.failed?.differences.map((d) => d.text)).toEqual([
      'downgrade of r3 does not restore column users.name (dropped by its downgrade)',
    ])
  })

  it('skips an irreversible revision and says so; --strict makes it a failure', async () => {
    const created = await project('sqlite:app.db', fiveRevisions({ downgrade: null }))
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(true)
    expect(statuses(report)).toEqual([
      'r1 restored',
      'r2 restored',
      'r3 irreversible',
      'r4 restored',
      'r5 restored',
    ])
    const skipped = report.revisions[2]
    expect(skipped?.restored).toBe(false)
    expect(skipped?.downgradeMs).toBeNull()
    expect(skipped?.error?.code).toBe('IRREVERSIBLE')

    const strict = await verifyProject(created, { strict: true })
    expect(strict.report.ok).toBe(false)
    expect(strict.report.failed?.revision).toBe('r3')
    expect(strict.report.notRun).toEqual(['r4', 'r5'])
  })

  it('treats a downgrade that throws IrreversibleMigrationError as irreversible', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({
        header: "import { IrreversibleMigrationError } from 'stratum'",
        downgrade: "throw new IrreversibleMigrationError('the emails are gone')",
      }),
    )
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(true)
    expect(report.revisions[2]?.status).toBe('irreversible')
    expect(report.revisions[2]?.error?.message).toContain('the emails are gone')
  })

  it('fails clearly when an upgrade throws, naming the revision', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({ upgrade: "await op.execute('CREATE INDEX ix_bad ON no_such_table (x)')" }),
    )
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(false)
    expect(statuses(report)).toEqual(['r1 restored', 'r2 restored', 'r3 upgrade failed'])
    expect(report.failed?.error?.message).toMatch(/Upgrade failed at revision r3.*no_such_table/)
    expect(report.failed?.downgradeMs).toBeNull()
  })

  it('fails when the upgrade after the downgrade fails (what snapshots cannot see)', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({
        upgrade: "await op.execute('CREATE VIEW user_emails AS SELECT email FROM users')",
        downgrade: '// forgot the view',
      }),
    )
    const { report } = await verifyProject(created)
    expect(statuses(report)).toEqual(['r1 restored', 'r2 restored', 'r3 reupgrade failed'])
    expect(report.failed?.error?.message).toMatch(/user_emails/)
  })

  it('walks branches and merges in upgrade order, downgrading one revision at a time', async () => {
    const table = (name: string) =>
      `await op.createTable('${name}', [{ name: 'id', type: 'integer', primaryKey: true }])`
    const created = await project('sqlite:app.db', [
      { id: 'a1', upgrade: table('a'), downgrade: "await op.dropTable('a')" },
      { id: 'b1', down: 'a1', upgrade: table('b'), downgrade: "await op.dropTable('b')" },
      { id: 'c1', down: 'a1', upgrade: table('c'), downgrade: "await op.dropTable('c')" },
      { id: 'd1', down: ['b1', 'c1'], upgrade: table('d'), downgrade: "await op.dropTable('d')" },
      { id: 'x1', upgrade: table('x'), downgrade: "await op.dropTable('x')" },
    ])
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(true)
    expect(report.revisions.map((r) => r.revision).sort()).toEqual(['a1', 'b1', 'c1', 'd1', 'x1'])
    expect(report.revisions.every((r) => r.status === 'restored')).toBe(true)
  })

  it('checks only a range, applying what lies below it first', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_INDEX))
    const { report, events } = await verifyProject(created, { range: 'r4:r5' })
    expect(report.ok).toBe(true)
    expect(statuses(report)).toEqual(['r4 restored', 'r5 restored'])
    expect(events[1]).toEqual({ kind: 'prepare', revisions: expect.arrayContaining(['r1', 'r3']) })
  })

  it('refuses a scratch URL of another kind of database, or a file', async () => {
    const created = await project('sqlite:app.db', fiveRevisions())
    await expect(verifyProject(created, { scratchUrl: 'pglite:memory:' })).rejects.toThrow(
      /--scratch-url is a postgres database, but the project's database is sqlite/,
    )
    await expect(verifyProject(created, { scratchUrl: 'sqlite:other.db' })).rejects.toMatchObject({
      code: 'SCRATCH_URL_INVALID',
    })
    expect(existsSync(join(created.dir, 'other.db'))).toBe(false)
  })

  it('stops when aborted', async () => {
    const created = await project('sqlite:app.db', fiveRevisions())
    const config = await loadConfig({ cwd: created.dir })
    const controller = new AbortController()
    const run = verify({
      config,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.kind === 'end' && e.result.revision === 'r2') controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ code: 'VERIFY_INTERRUPTED' })
  })
})

describe('verify on PGlite for a postgres:// project', () => {
  // Nothing listens on port 9: verify must never try to connect there.
  const UNREACHABLE = 'postgres://x@127.0.0.1:9/none'

  it('passes a clean project without contacting the project server', async () => {
    const created = await project(UNREACHABLE, fiveRevisions())
    const migrator = await created.migrator()
    const report = await migrator.verify()
    await migrator.close()
    expect(report.scratch).toBe('PGlite in memory')
    expect(report.ok).toBe(true)
    expect(report.revisions).toHaveLength(5)
  }, 120_000)

  it('reports a forgotten column and a schema left behind', async () => {
    const created = await project(
      UNREACHABLE,
      fiveRevisions({
        message: 'billing',
        upgrade:
          "await op.createSchema('billing'); await op.addColumn('users', { name: 'nickname', type: 'varchar(50)' })",
        downgrade: '// forgot both',
      }),
    )
    const { report } = await verifyProject(created)
    expect(report.failed?.revision).toBe('r3')
    expect(report.failed?.differences.map((d) => d.text).sort()).toEqual([
      'downgrade of r3 leaves column users.nickname (added by its upgrade)',
      'downgrade of r3 leaves schema billing (added by its upgrade)',
    ])
  }, 120_000)
})

const pgProbe = await postgresDatabase('verify_probe')
afterAll(() => pgProbe.drop())

describe.skipIf(!pgProbe.available)('verify with --scratch-url on a PostgreSQL server', () => {
  it('creates a throwaway database there and drops it', async () => {
    const created = await project('postgres://x@127.0.0.1:9/none', fiveRevisions(FORGETS_INDEX))
    const { report } = await verifyProject(created, { scratchUrl: POSTGRES_SERVER_URL })
    expect(report.scratch).toMatch(/^stratum_verify_[0-9a-f]{12} on 127\.0\.0\.1:5432$/)
    expect(report.failed?.differences.map((d) => d.text)).toEqual([
      'downgrade of r3 leaves index ix_users_email on users (added by its upgrade)',
    ])
    const name = report.scratch.split(' ')[0]
    const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL })
    await client.connect()
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    await client.end()
    expect(rows).toEqual([])
  }, 60_000)
})

const mysqlProbe = await mysqlDatabase('verify_probe')
afterAll(() => mysqlProbe.drop())

describe.skipIf(!mysqlProbe.available)('verify on a throwaway MariaDB database', () => {
  // The configured database does not exist: verify must neither need nor create it.
  const configured = `${MYSQL_SERVER_URL.replace(/\/$/, '')}/stratum_verify_never_created`

  async function schemata(names: readonly string[]): Promise<string[]> {
    const client = await mysql.createConnection({ uri: MYSQL_SERVER_URL })
    const [rows] = await client.query(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?)',
      [names],
    )
    await client.end()
    return (rows as { name: string }[]).map((row) => row.name)
  }

  it('passes a clean project and drops the scratch database', async () => {
    const created = await project(configured, fiveRevisions())
    const { report } = await verifyProject(created)
    expect(report.ok).toBe(true)
    expect(report.scratch).toMatch(/^stratum_verify_[0-9a-f]{12} on 127\.0\.0\.1:3306$/)
    const scratch = report.scratch.split(' ')[0] as string
    expect(await schemata([scratch, 'stratum_verify_never_created'])).toEqual([])
  }, 60_000)

  it('reports the forgotten index and still drops the scratch database', async () => {
    const created = await project(configured, fiveRevisions(FORGETS_INDEX))
    const { report } = await verifyProject(created)
    expect(report.failed?.differences.map((d) => d.text)).toEqual([
      'downgrade of r3 leaves index ix_users_email on users (added by its upgrade)',
    ])
    expect(await schemata([report.scratch.split(' ')[0] as string])).toEqual([])
  }, 60_000)

  it('drops the scratch database when a revision fails to upgrade', async () => {
    const created = await project(
      configured,
      fiveRevisions({ upgrade: "await op.execute('ALTER TABLE no_such_table ADD x int')" }),
    )
    const { report, events } = await verifyProject(created)
    expect(report.failed?.status).toBe('upgrade failed')
    const scratch = events.find((e) => e.kind === 'scratch')
    const name = scratch?.kind === 'scratch' ? scratch.description.split(' ')[0] : ''
    expect(await schemata([name as string])).toEqual([])
  }, 60_000)

  it('explains a missing CREATE right', async () => {
    const user = `stratum_verify_${process.pid}`
    const admin = await mysql.createConnection({ uri: MYSQL_SERVER_URL })
    await admin.query(`CREATE USER IF NOT EXISTS '${user}'@'%'`)
    await admin.query(`CREATE USER IF NOT EXISTS '${user}'@'localhost'`)
    try {
      const url = new URL(configured)
      url.username = user
      const created = await project(url.toString(), fiveRevisions())
      await expect(verifyProject(created)).rejects.toMatchObject({
        code: 'SCRATCH_CREATE_FAILED',
        message: expect.stringMatching(
          /Cannot create a scratch database on 127\.0\.0\.1:3306 as user stratum_verify_/,
        ),
        hint: expect.stringMatching(/--scratch-url/),
      })
    } finally {
      await admin.query(`DROP USER IF EXISTS '${user}'@'%'`)
      await admin.query(`DROP USER IF EXISTS '${user}'@'localhost'`)
      await admin.end()
    }
  }, 60_000)
})
