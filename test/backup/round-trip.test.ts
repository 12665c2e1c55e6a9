// Backup → change schema and data → restore, through the Migrator, on the four databases:
// the catalog, every table's rows and the version rows come back as they were; a file that
// is truncated, altered or of another kind is refused before the database is touched.
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { digestFile } from '../../src/backup/checksum.js'
import { BackupError } from '../../src/errors.js'
import { createTargets, dropTargets, type Target, withConnection } from '../runtime/targets.js'
import { sqliteDatabase } from '../support/databases.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { snapshot } from './snapshot.js'

const targets = await createTargets('backup_rt')
afterAll(() => dropTargets(targets))

const LONG = 240_000

const USERS: RevisionSpec = {
  id: 'a1',
  message: 'users and orders',
  upgrade: [
    "await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true, autoIncrement: true }, { name: 'name', type: 'varchar(100)', nullable: false }, { name: 'score', type: 'numeric(8,2)', nullable: true }])",
    "await op.createIndex('users_name_idx', 'users', ['name'])",
    "await op.createTable('orders', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'user_id', type: 'integer', nullable: false }, { name: 'note', type: 'text', nullable: true }])",
    "await op.createForeignKey('orders_user_fk', { table: 'orders', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'] })",
    "await op.bulkInsert('users', [{ name: 'ada', score: 1.5 }, { name: 'bob', score: null }, { name: \"o'hara\", score: 99.25 }])",
    "await op.bulkInsert('orders', [{ id: 1, user_id: 1, note: 'line one\\nline two' }, { id: 2, user_id: 3, note: null }])",
  ].join('\n  '),
  downgrade: "await op.dropTable('orders')\n  await op.dropTable('users')",
}

const EMAIL: RevisionSpec = {
  id: 'b2',
  down: 'a1',
  message: 'email and audit',
  upgrade: [
    "await op.addColumn('users', { name: 'email', type: 'varchar(200)', nullable: true })",
    "await op.createTable('audit', [{ name: 'id', type: 'integer', primaryKey: true }])",
  ].join('\n  '),
  downgrade: "await op.dropTable('audit')\n  await op.dropColumn('users', 'email')",
}

/** Changes rows and adds a table outside any revision. */
async function changeData(url: string): Promise<void> {
  await withConnection(url, async (connection) => {
    await connection.query("INSERT INTO users (name, score) VALUES ('carl', 3)")
    await connection.query("UPDATE users SET name = 'ADA' WHERE id = 1")
    await connection.query('DELETE FROM orders WHERE id = 2')
    await connection.query('CREATE TABLE stray (x integer)')
  })
}

async function withMigrator<T>(
  project: Project,
  work: (migrator: Awaited<ReturnType<Project['migrator']>>) => Promise<T>,
): Promise<T> {
  const migrator = await project.migrator()
  try {
    return await work(migrator)
  } finally {
    await migrator.close()
  }
}

/** The error a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(BackupError)
  return error as BackupError
}

/** Schemas other than the system ones (PostgreSQL). */
async function schemas(url: string): Promise<string[]> {
  return withConnection(url, async (connection) => {
    const { rows } = await connection.query(
      "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1",
    )
    return rows.map((row) => String(row.nspname))
  })
}

const postgresLike = (target: Target) => target.name === 'postgres' || target.name === 'pglite'

describe.each(targets)('backup and restore on $name', (target) => {
  const { database } = target
  const url = database.url

  it.skipIf(!database.available)(
    'round trip: the catalog, the rows and the revision come back; the database works on',
    async () => {
      const project = await createProject({ url, revisions: [USERS, EMAIL] })
      try {
        await withMigrator(project, (migrator) => migrator.upgrade('a1'))
        if (postgresLike(target)) {
          await withConnection(url, async (connection) => {
            await connection.query('CREATE SCHEMA reports')
            await connection.query('CREATE TABLE reports.daily (day date PRIMARY KEY)')
          })
        }
        const dump = await withMigrator(project, (migrator) => migrator.backup())
        const before = await snapshot(url)
        const schemasBefore = postgresLike(target) ? await schemas(url) : []
        expect(before.versions).toEqual(['a1'])
        expect(dump).toMatchObject({ revisions: ['a1'], schemaOnly: false })
        expect(dump.bytes).toBe(statSync(dump.path).size)
        expect(readFileSync(dump.checksumPath, 'utf8')).toMatch(/^[0-9a-f]{64} {2}\S+\n$/)

        await withMigrator(project, (migrator) => migrator.upgrade('head'))
        await changeData(url)
        if (postgresLike(target)) {
          await withConnection(url, async (connection) => {
            await connection.query('DROP SCHEMA reports CASCADE')
            await connection.query('CREATE SCHEMA later')
          })
        }
        const changed = await snapshot(url)
        expect(changed.versions).toEqual(['b2'])
        expect(changed.schema).not.toEqual(before.schema)

        const restored = await withMigrator(project, (migrator) => migrator.restore(dump.path))
        expect(restored.current).toEqual(['a1'])
        expect(restored.sha256).toBe(dump.sha256)
        expect(await snapshot(url)).toEqual(before)
        if (postgresLike(target)) expect(await schemas(url)).toEqual(schemasBefore)

        // The next generated id continues from the dump, and the revisions run again.
        await withConnection(url, async (connection) => {
          await connection.query("INSERT INTO users (name) VALUES ('dora')")
          const { rows } = await connection.query("SELECT id FROM users WHERE name = 'dora'")
          expect(Number(rows[0]?.id)).toBe(4)
        })
        const again = await withMigrator(project, (migrator) => migrator.upgrade('head'))
        expect(again.current).toEqual(['b2'])
      } finally {
        await project.remove()
      }
    },
    LONG,
  )

  it.skipIf(!database.available || target.name === 'pglite')(
    'a schema-only dump restores the structure and the revision, with empty tables',
    async () => {
      const project = await createProject({ url, revisions: [USERS, EMAIL] })
      try {
        await withMigrator(project, (migrator) => migrator.upgrade('head'))
        const before = await snapshot(url)
        const dump = await withMigrator(project, (migrator) =>
          migrator.backup({ schemaOnly: true }),
        )
        expect(dump.path).toMatch(/_b2\.schema\.(sql|db)$/)
        await changeData(url)
        const restored = await withMigrator(project, (migrator) => migrator.restore(dump.path))
        expect(restored.current).toEqual(['b2'])
        const after = await snapshot(url)
        expect(after.schema).toEqual(before.schema)
        expect(after.rows.stratum_history).toBe(before.rows.stratum_history)
        await withConnection(url, async (connection) => {
          for (const table of ['users', 'orders', 'audit']) {
            const { rows } = await connection.query(`SELECT COUNT(*) AS n FROM ${table}`)
            expect(Number(rows[0]?.n), table).toBe(0)
          }
        })
      } finally {
        await project.remove()
      }
    },
    LONG,
  )

  it.skipIf(!database.available)(
    'refuses a truncated, an altered or an unchecked file without touching the database',
    async () => {
      const project = await createProject({ url, revisions: [USERS, EMAIL] })
      try {
        await withMigrator(project, (migrator) => migrator.upgrade('head'))
        const dump = await withMigrator(project, (migrator) => migrator.backup())
        await withConnection(url, (connection) =>
          connection.query("INSERT INTO users (name) VALUES ('eve')"),
        )
        const before = await snapshot(url)
        const original = readFileSync(dump.path)

        // Truncated, with a checksum file that matches the truncated file: the dump's own
        // end is missing, which the dialect's check sees.
        truncateSync(dump.path, Math.floor(original.length * 0.6))
        writeFileSync(dump.checksumPath, `${(await digestFile(dump.path)).sha256}  x\n`)
        await withMigrator(project, async (migrator) => {
          const truncated = await rejection(migrator.restore(dump.path))
          expect(truncated.code).toBe('RESTORE_FILE_INVALID')
          expect(truncated.message).toContain('is not a complete dump')
          expect(truncated.message).toContain('the database was not touched')
        })

        // Altered by one byte, checksum file as written: the checksum does not match.
        const altered = Buffer.from(original)
        const middle = Math.floor(altered.length / 2)
        altered[middle] = (altered[middle] ?? 0) ^ 0x01
        writeFileSync(dump.path, altered)
        writeFileSync(dump.checksumPath, `${dump.sha256}  x\n`)
        await withMigrator(project, async (migrator) => {
          const error = await rejection(migrator.restore(dump.path))
          expect(error.message).toMatch(/does not match its checksum .*altered or truncated/)
          const verify = await rejection(migrator.verifyBackup(dump.path))
          expect(verify.code).toBe('RESTORE_FILE_INVALID')
        })

        // Intact, but without its checksum file.
        writeFileSync(dump.path, original)
        writeFileSync(dump.checksumPath, '')
        await withMigrator(project, async (migrator) => {
          const error = await rejection(migrator.restore(dump.path))
          expect(error.message).toContain('is not a checksum file')
        })
        expect(await snapshot(url)).toEqual(before)
      } finally {
        await project.remove()
      }
    },
    LONG,
  )
})

describe('a dump of another kind of database', () => {
  const [, , postgres, mariadb] = targets as [Target, Target, Target, Target]
  const sqlite = sqliteDatabase('backup_kind')
  afterAll(() => sqlite.drop())

  it.skipIf(!postgres.database.available || !mariadb.database.available)(
    'is refused before anything is touched',
    async () => {
      const project = await createProject({ url: sqlite.url, revisions: [USERS] })
      try {
        await withMigrator(project, (migrator) => migrator.upgrade('head'))
        const dump = await withMigrator(project, (migrator) => migrator.backup())
        for (const other of [postgres, mariadb]) {
          const migrator = await project.migrator({ url: other.database.url })
          try {
            const error = await rejection(migrator.restore(dump.path))
            expect(error.code).toBe('RESTORE_FILE_INVALID')
            expect(error.message).toMatch(/does not start like/)
          } finally {
            await migrator.close()
          }
        }
      } finally {
        await project.remove()
      }
    },
    LONG,
  )
})
