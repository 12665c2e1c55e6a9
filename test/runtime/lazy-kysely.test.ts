/**
 * Kysely loads only when something needs it: runs whose revisions use only `op`, and
 * `current` and `status`, never load it; a revision that uses `db` gets a working instance
 * on the run's connection.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { isKyselyLoaded } from '../../src/dialects/kysely-module.js'
import { createProject } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('lazy_kysely')
afterAll(() => dropTargets(targets))

/** A revision file that destructures only what it names from the context. */
function revision(id: string, down: string | null, body: string): string {
  return [
    "import type { MigrationContext } from 'stratum'",
    `export const revision = '${id}'`,
    `export const downRevision: string | null = ${down === null ? 'null' : `'${down}'`}`,
    `export async function upgrade({ op, db }: MigrationContext): Promise<void> {`,
    `  ${body}`,
    '}',
    '',
  ].join('\n')
}

// Sequential on purpose: the first `db` use loads Kysely for the rest of the file.
describe.sequential('Kysely on first use', () => {
  it.each(targets)(
    '$name: op-only revisions, current and status leave it unloaded',
    async ({ database }) => {
      if (!database.available) return
      const project = await createProject({ url: database.url, config: { versionTable: 'v_lk' } })
      writeFileSync(
        join(project.versions, 'a_rev.ts'),
        revision('a', null, "await op.createTable('lk_a', [{ name: 'id', type: 'integer' }])"),
      )
      const migrator = await project.migrator()
      try {
        expect((await migrator.upgrade('head')).current).toEqual(['a'])
        expect(await migrator.current()).toEqual(['a'])
        expect((await migrator.status()).pending).toEqual([])
        expect(isKyselyLoaded()).toBe(false)
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.each(targets)(
    '$name: a revision using db runs it on the run connection',
    async ({ database }) => {
      if (!database.available) return
      const project = await createProject({ url: database.url, config: { versionTable: 'v_lk2' } })
      writeFileSync(
        join(project.versions, 'a_rev.ts'),
        revision('a', null, "await op.createTable('lk_b', [{ name: 'id', type: 'integer' }])"),
      )
      writeFileSync(
        join(project.versions, 'b_rev.ts'),
        revision('b', 'a', "await db.insertInto('lk_b').values({ id: 7 }).execute()"),
      )
      const migrator = await project.migrator()
      try {
        expect((await migrator.upgrade('head')).current).toEqual(['b'])
      } finally {
        await migrator.close()
      }
      expect(isKyselyLoaded()).toBe(true)
      const { rows } = await withConnection(database.url, (connection) =>
        connection.query('SELECT id FROM lk_b'),
      )
      expect(rows.map((row) => Number(row.id))).toEqual([7])
      await project.remove()
    },
  )
})
