/**
 * Alembic's version-table semantics on real databases: the rows after every step over
 * linear, branched, merged and dependsOn graphs; stamp; relative steps from the database's
 * heads. Each scenario uses its own version table, so one database per target suffices.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { MigrationNotFoundError, RevisionResolutionError } from '../../src/errors.js'
import type { Migrator } from '../../src/runtime/migrator.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { createTargets, dropTargets, tableExists, withConnection } from './targets.js'

const targets = await createTargets('semantics')
afterAll(() => dropTargets(targets))

describe.each(targets)('$name', (target) => {
  const { database } = target

  async function scenario(
    name: string,
    revisions: readonly RevisionSpec[],
    run: (migrator: Migrator, project: Project) => Promise<void>,
  ): Promise<void> {
    const project = await createProject({
      url: database.url,
      revisions: revisions.map((revision) => ({ prefix: `${name}_`, ...revision })),
      config: { versionTable: `v_${name}` },
    })
    const migrator = await project.migrator()
    try {
      await run(migrator, project)
    } finally {
      await migrator.close()
      await project.remove()
    }
  }

  const rows = async (migrator: Migrator) => [...(await migrator.currentDetails()).rows]

  it.skipIf(!database.available)('linear: relative steps from the heads, down and up', async () => {
    await scenario(
      'lin',
      [{ id: 'a' }, { id: 'b', down: 'a' }, { id: 'c', down: 'b' }],
      async (migrator) => {
        expect(await migrator.current()).toEqual([])
        expect((await migrator.upgrade('+1')).current).toEqual(['a'])
        expect(await rows(migrator)).toEqual(['a'])
        await migrator.upgrade('+2')
        expect(await rows(migrator)).toEqual(['c'])
        const down = await migrator.downgrade('-2')
        expect(down.steps.map((s) => [s.revision, s.status])).toEqual([
          ['c', 'applied'],
          ['b', 'applied'],
        ])
        expect(await rows(migrator)).toEqual(['a'])
        await migrator.upgrade('b')
        expect(await rows(migrator)).toEqual(['b'])
        expect((await migrator.upgrade('a')).steps).toEqual([])
        await migrator.downgrade('base')
        expect(await rows(migrator)).toEqual([])
        await expect(migrator.downgrade('-1')).rejects.toThrow(RevisionResolutionError)
        await migrator.upgrade('head')
        expect(await migrator.current()).toEqual(['c'])
        expect((await migrator.currentDetails()).atHeads).toBe(true)
      },
    )
    if (target.concurrent) expect(await tableExists(database.url, 'lin_t_c')).toBe(true)
  })

  it.skipIf(!database.available)(
    'branches: label addressing inserts and deletes rows',
    async () => {
      await scenario(
        'br',
        [
          { id: 'a' },
          { id: 'b1', down: 'a', branchLabels: ['x'] },
          { id: 'b2', down: 'a', branchLabels: ['y'] },
          { id: 'c1', down: 'b1' },
        ],
        async (migrator) => {
          await migrator.upgrade('x@head')
          expect(await rows(migrator)).toEqual(['c1'])
          await migrator.upgrade('y@head')
          expect(await rows(migrator)).toEqual(['b2', 'c1'])
          await expect(migrator.upgrade('+1')).rejects.toThrow(/multiple|ambiguous/i)
          await migrator.downgrade('x@-1')
          expect(await rows(migrator)).toEqual(['b1', 'b2'])
          await migrator.downgrade('x@a')
          expect(await rows(migrator)).toEqual(['b2'])
          // The branch's root is shared: removing it removes what descends from it, b2 too.
          await migrator.upgrade('x@head')
          await migrator.downgrade('x@base')
          expect(await rows(migrator)).toEqual([])
          await migrator.upgrade('heads')
          expect(await rows(migrator)).toEqual(['b2', 'c1'])
          expect((await migrator.currentDetails()).atHeads).toBe(true)
        },
      )
    },
  )

  it.skipIf(!database.available)(
    'merges: one row after the merge, two after un-merging',
    async () => {
      await scenario(
        'mg',
        [
          { id: 'a' },
          { id: 'b1', down: 'a' },
          { id: 'b2', down: 'a' },
          { id: 'm', down: ['b1', 'b2'] },
        ],
        async (migrator) => {
          await migrator.upgrade('b1')
          expect(await rows(migrator)).toEqual(['b1'])
          const report = await migrator.upgrade('head')
          expect(report.steps.map((s) => s.revision)).toEqual(['b2', 'm'])
          expect(await rows(migrator)).toEqual(['m'])
          await expect(migrator.downgrade('-1')).rejects.toThrow(/ambiguous/i)
          await migrator.downgrade('b1')
          expect(await rows(migrator)).toEqual(['b1', 'b2'])
          await migrator.upgrade('head')
          await migrator.downgrade('a')
          expect(await rows(migrator)).toEqual(['a'])
        },
      )
    },
  )

  it.skipIf(!database.available)(
    'dependsOn: the dependency is implied, then uncovered',
    async () => {
      await scenario(
        'dep',
        [
          { id: 'a1', branchLabels: ['alpha'] },
          { id: 'a2', down: 'a1' },
          { id: 'b1', branchLabels: ['beta'] },
          { id: 'b2', down: 'b1', dependsOn: ['a2'] },
        ],
        async (migrator) => {
          const report = await migrator.upgrade('beta@head')
          expect(report.steps.map((s) => s.revision).sort()).toEqual(['a1', 'a2', 'b1', 'b2'])
          expect(await rows(migrator)).toEqual(['b2'])
          expect(await migrator.current()).toEqual(['a2', 'b2'])
          await migrator.downgrade('beta@-1')
          expect(await rows(migrator)).toEqual(['a2', 'b1'])
          await migrator.downgrade('alpha@base')
          expect(await rows(migrator)).toEqual(['b1'])
        },
      )
    },
  )

  it.skipIf(!database.available)('stamp: several targets, purge, base', async () => {
    await scenario(
      'st',
      [{ id: 'a' }, { id: 'b1', down: 'a' }, { id: 'b2', down: 'a' }],
      async (migrator, project) => {
        const result = await migrator.stamp(['b1', 'b2'])
        expect(result.current).toEqual(['b1', 'b2'])
        expect(await rows(migrator)).toEqual(['b1', 'b2'])
        await migrator.stamp(['a'])
        expect(await rows(migrator)).toEqual(['a'])
        await migrator.stamp(['base'])
        expect(await rows(migrator)).toEqual([])
        // Stamping ran nothing: the tables of the revisions do not exist.
        await migrator.upgrade('b1')
        expect(await rows(migrator)).toEqual(['b1'])
        await migrator.close()
        await withConnection(project.url, async (connection) => {
          await connection.query(`INSERT INTO v_st (version_num) VALUES ('zzz')`)
        })
        await expect(migrator.current()).rejects.toThrow(MigrationNotFoundError)
        expect((await migrator.status()).missingRevisions).toEqual(['zzz'])
        await expect(migrator.upgrade('head')).rejects.toThrow(/zzz/)
        await migrator.stamp(['b2'], { purge: true })
        expect(await rows(migrator)).toEqual(['b2'])
      },
    )
  })

  it.skipIf(!database.available)('current never creates the tables', async () => {
    await scenario('cur', [{ id: 'a' }], async (migrator, project) => {
      expect(await migrator.current()).toEqual([])
      expect((await migrator.status()).versionTableExists).toBe(false)
      await migrator.close()
      expect(
        await withConnection(project.url, (connection) =>
          connection.tableExists({ table: 'v_cur' }),
        ),
      ).toBe(false)
    })
  })

  it.skipIf(!database.available)(
    'history marks the current revisions and takes current: ranges',
    async () => {
      await scenario(
        'hi',
        [{ id: 'a' }, { id: 'b', down: 'a' }, { id: 'c', down: 'b' }],
        async (migrator) => {
          await migrator.upgrade('b')
          const all = await migrator.history({ indicateCurrent: true })
          expect(all.revisions.map((r) => r.revision)).toEqual(['c', 'b', 'a'])
          expect(all.current).toEqual(['b'])
          const ahead = await migrator.history({ range: 'current:' })
          expect(ahead.revisions.map((r) => r.revision)).toEqual(['c', 'b'])
          expect((await migrator.history()).current).toEqual([])
        },
      )
    },
  )

  it.skipIf(!database.available || !['postgres', 'pglite'].includes(target.name))(
    'the version table may live in another schema',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [{ id: 'a', prefix: 'sc_' }],
        config: { versionTable: 'v_sc', versionTableSchema: 'meta' },
      })
      await withConnection(database.url, (connection) =>
        connection.query('CREATE SCHEMA IF NOT EXISTS meta'),
      )
      const migrator = await project.migrator()
      try {
        await migrator.upgrade('head')
        expect(await migrator.current()).toEqual(['a'])
        await migrator.close()
        const where = await withConnection(database.url, (connection) =>
          connection.query(
            "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name LIKE 'v_sc%' ORDER BY table_name",
          ),
        )
        expect(where.rows).toEqual([
          { table_schema: 'meta', table_name: 'v_sc' },
          { table_schema: 'meta', table_name: 'v_sc_history' },
        ])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})
