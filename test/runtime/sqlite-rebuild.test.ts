/**
 * SQLite's table rebuild runs with foreign keys off, which SQLite only allows outside a
 * transaction: the runtime switches them off before the revision's transaction and back on
 * after. Child rows survive; enforcement is back for the next revision.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { MigrationUpgradeError } from '../../src/errors.js'
import { sqliteDatabase } from '../support/databases.js'
import { createProject } from '../support/project.js'
import { withConnection } from './targets.js'

const database = sqliteDatabase('rebuild')
afterAll(() => database.drop())

describe('sqlite table rebuild', () => {
  it.each(['per-revision', 'all'] as const)('keeps child rows (%s)', async (mode) => {
    const p = mode === 'all' ? 'ra_' : 'rp_'
    const project = await createProject({
      url: database.url,
      revisions: [
        {
          id: 'a',
          upgrade: [
            `await op.createTable('${p}parent', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(10)' }])`,
            `await op.createTable('${p}child', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'parent_id', type: 'integer', references: { table: '${p}parent', column: 'id', onDelete: 'cascade' } }])`,
            `await op.bulkInsert('${p}parent', [{ id: 1, name: 'one' }])`,
            `await op.bulkInsert('${p}child', [{ id: 10, parent_id: 1 }])`,
          ].join('\n  '),
        },
        {
          id: 'b',
          down: 'a',
          upgrade: `await op.alterColumn('${p}parent', 'name', { type: 'text', nullable: false })`,
        },
        {
          id: 'c',
          down: 'b',
          upgrade: `await op.bulkInsert('${p}child', [{ id: 11, parent_id: 99 }])`,
        },
      ],
      config: { versionTable: `v_${p}` },
    })
    const migrator = await project.migrator({ transactionMode: mode })
    try {
      await migrator.upgrade('b')
      // Foreign keys are enforced again on the same connection: a dangling child row is refused.
      const error = await migrator.upgrade('head').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MigrationUpgradeError)
      expect((error as Error).message).toMatch(/FOREIGN KEY/i)
      expect(await migrator.current()).toEqual(['b'])
      await migrator.close()
      const children = await withConnection(database.url, (connection) =>
        connection.query(`SELECT id FROM ${p}child`),
      )
      expect(children.rows).toEqual([{ id: 10 }])
    } finally {
      await migrator.close()
      await project.remove()
    }
  })
})
