/**
 * Offline scripts, checked as text: no database is involved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MigrationUpgradeError, UsageError } from '../../src/errors.js'
import type { Migrator } from '../../src/runtime/migrator.js'
import { createProject, type Project } from '../support/project.js'

let project: Project
const open = (url: string) => project.migrator({ url })

beforeAll(async () => {
  project = await createProject({
    url: 'postgres://app:secret@db.invalid:5432/shop',
    revisions: [
      {
        id: 'a1',
        upgrade: "await op.execute('CREATE TABLE t (x int, y text)')",
        downgrade: "await op.execute('DROP TABLE t')",
      },
      {
        id: 'b2',
        down: 'a1',
        upgrade: "await op.execute('INSERT INTO t VALUES ($1, $2)', [1, \"it's\"])",
        downgrade: "await op.execute('DELETE FROM t')",
      },
      {
        id: 'c3',
        down: 'b2',
        transactional: false,
        upgrade: "await op.execute(isOffline ? 'SELECT 1' : 'SELECT 2')",
        downgrade: "await op.execute('SELECT 3')",
      },
    ],
  })
})
afterAll(() => project.remove())

const lines = (sql: string) => sql.split('\n').filter((line) => line !== '')

describe('offline upgrade', () => {
  it('per revision: DDL first, a comment, BEGIN/COMMIT, literal version changes', async () => {
    const migrator = await open('postgres://app:secret@db.invalid:5432/shop')
    const { sql } = await migrator.upgrade('b2', { sql: true })
    const shown = lines(sql).filter((line) => !line.startsWith(' ') && !line.startsWith(')'))
    expect(shown).toEqual([
      'CREATE TABLE "stratum_version" (',
      'CREATE TABLE IF NOT EXISTS "stratum_history" (',
      '-- Running upgrade  -> a1',
      'BEGIN;',
      'CREATE TABLE t (x int, y text);',
      `INSERT INTO "stratum_version" ("version_num") VALUES ('a1');`,
      expect.stringMatching(
        /^INSERT INTO "stratum_history" .* SELECT COALESCE\(MAX\("id"\), 0\) \+ 1, 'a1', 'upgrade'/,
      ),
      'COMMIT;',
      '-- Running upgrade a1 -> b2',
      'BEGIN;',
      "INSERT INTO t VALUES (1, 'it''s');",
      `UPDATE "stratum_version" SET "version_num" = 'b2' WHERE "version_num" = 'a1';`,
      expect.stringMatching(/^INSERT INTO "stratum_history"/),
      'COMMIT;',
    ])
  })

  it("mode 'all': one transaction, committed around a non-transactional revision", async () => {
    const migrator = await open('postgres://db.invalid/shop')
    const { sql } = await migrator.upgrade('head', { sql: true, transactionMode: 'all' })
    const control = lines(sql).filter((line) => /^(BEGIN|COMMIT|-- )/.test(line))
    expect(control).toEqual([
      'BEGIN;',
      '-- Running upgrade  -> a1',
      '-- Running upgrade a1 -> b2',
      'COMMIT;',
      '-- Running upgrade b2 -> c3',
    ])
    expect(sql).toContain('SELECT 1;')
  })

  it("mode 'none' and MySQL: no transaction statements", async () => {
    const none = await (await open('postgres://db.invalid/shop')).upgrade('head', {
      sql: true,
      transactionMode: 'none',
    })
    expect(none.sql).not.toMatch(/^(BEGIN|COMMIT)/m)
    const mysql = await (await open('mysql://root@db.invalid/shop')).upgrade('head', { sql: true })
    expect(mysql.sql).not.toMatch(/^(BEGIN|COMMIT|START)/m)
    expect(mysql.sql).toContain("INSERT INTO `stratum_version` (`version_num`) VALUES ('a1');")
  })

  it('FROM:TO starts from FROM (no version-table DDL), without connecting', async () => {
    const { sql } = await (await open('sqlite:/nonexistent/dir/x.db')).upgrade('a1:head', {
      sql: true,
    })
    expect(sql).not.toContain('CREATE TABLE "stratum_version"')
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "stratum_history"')
    expect(lines(sql).filter((line) => line.startsWith('--'))).toEqual([
      '-- Running upgrade a1 -> b2',
      '-- Running upgrade b2 -> c3',
    ])
  })
})

describe('offline downgrade and stamp', () => {
  let migrator: Migrator
  beforeAll(async () => {
    migrator = await open('sqlite:/nonexistent/x.db')
  })

  it('downgrade needs FROM:TO', async () => {
    await expect(migrator.downgrade('base', { sql: true })).rejects.toThrow(UsageError)
    const { sql } = await migrator.downgrade('head:a1', { sql: true })
    expect(lines(sql).filter((line) => line.startsWith('--'))).toEqual([
      '-- Running downgrade c3 -> b2',
      '-- Running downgrade b2 -> a1',
    ])
    expect(sql).toContain(
      `UPDATE "stratum_version" SET "version_num" = 'a1' WHERE "version_num" = 'b2';`,
    )
  })

  it('stamp writes the rows', async () => {
    const { sql } = await migrator.stamp(['b2'], { sql: true })
    expect(sql).toContain('CREATE TABLE "stratum_version"')
    expect(sql).toContain(`INSERT INTO "stratum_version" ("version_num") VALUES ('b2');`)
    const from = await migrator.stamp(['b2:a1'], { sql: true })
    expect(from.sql).toContain(
      `UPDATE "stratum_version" SET "version_num" = 'a1' WHERE "version_num" = 'b2';`,
    )
  })
})

describe('offline errors', () => {
  it('a revision that reads the database is named', async () => {
    const reading = await createProject({
      url: 'sqlite:/nonexistent/x.db',
      revisions: [{ id: 'r1', upgrade: 'await db.selectFrom("t").selectAll().execute()' }],
    })
    try {
      const migrator = await reading.migrator()
      const error = await migrator.upgrade('head', { sql: true }).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MigrationUpgradeError)
      expect((error as Error).message).toBe(
        'Revision r1 reads from the database and cannot run offline',
      )
      expect((error as MigrationUpgradeError).hint).toContain('isOffline')
    } finally {
      await reading.remove()
    }
  })

  it('a statement that cannot run in a transaction is refused in a transactional revision', async () => {
    const concurrent = await createProject({
      url: 'postgres://db.invalid/shop',
      revisions: [
        { id: 'i1', upgrade: "await op.createIndex('ix', 't', ['x'], { concurrently: true })" },
      ],
    })
    try {
      const migrator = await concurrent.migrator()
      const error = await migrator.upgrade('head', { sql: true }).catch((e: unknown) => e)
      expect((error as MigrationUpgradeError).code).toBe('NON_TRANSACTIONAL_STATEMENT')
      const none = await migrator.upgrade('head', { sql: true, transactionMode: 'none' })
      expect(none.sql).toContain('CONCURRENTLY')
    } finally {
      await concurrent.remove()
    }
  })
})
