// `drift`: the live database compared with its snapshot, or with a replay of its revisions
// on a scratch database, on the four databases.
import { afterAll, describe, expect, it } from 'vitest'
import type { Migrator } from '../../src/runtime/migrator.js'
import { pgliteDatabase } from '../support/databases.js'
import { createProject, type Project } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'
import { fiveRevisions } from './verify-fixtures.js'

const targets = await createTargets('drift')
afterAll(() => dropTargets(targets), 60_000)

const projects: Project[] = []
afterAll(async () => {
  for (const project of projects) await project.remove()
})

/** Runs `work` with a migrator on `project`, always closed (PGlite is one holder's). */
async function using<T>(project: Project, work: (migrator: Migrator) => Promise<T>): Promise<T> {
  const migrator = await project.migrator()
  try {
    return await work(migrator)
  } finally {
    await migrator.close()
  }
}

const extra: { drop(): Promise<void> }[] = []
afterAll(async () => {
  for (const database of extra) await database.drop()
})

function fresh(database: { url: string; drop(): Promise<void> }): string {
  extra.push(database)
  return database.url
}

describe.each(targets)('drift on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available).each([
    { snapshots: true, source: 'snapshot' },
    { snapshots: false, source: 'replay' },
  ])(
    'with snapshots: $snapshots, reports a hand-added column and nothing on a clean database',
    async ({ snapshots, source }) => {
      // PGlite: a fresh data folder per case (reopening one folder after the previous case's
      // clean-up, with a second PGlite replaying in the same process, broke its catalog).
      const url = target.name === 'pglite' ? fresh(pgliteDatabase('drift')) : database.url
      const project = await createProject({
        url,
        revisions: fiveRevisions(),
        config: { snapshots },
      })
      projects.push(project)
      try {
        // Behind the heads: compared with what r3 produces, not with the heads.
        const atR3 = await using(project, async (migrator) => {
          await migrator.upgrade('r3')
          return migrator.drift()
        })
        expect(atR3).toMatchObject({ drift: false, revisions: ['r3'], source, differences: [] })

        const clean = await using(project, async (migrator) => {
          await migrator.upgrade('head')
          return migrator.drift()
        })
        expect(clean).toMatchObject({ drift: false, revisions: ['r5'], source, differences: [] })

        await withConnection(url, (connection) =>
          connection.query('ALTER TABLE users ADD COLUMN nickname varchar(50)'),
        )
        const drifted = await using(project, (migrator) => migrator.drift())
        expect(drifted.drift).toBe(true)
        expect(drifted.source).toBe(source)
        expect(drifted.differences.map((difference) => difference.detail)).toEqual([
          'column users.nickname added',
        ])
        // Drift only reads: the column is still there, the version unchanged.
        expect(await using(project, (migrator) => migrator.current())).toEqual(['r5'])
        expect((await using(project, (migrator) => migrator.drift())).drift).toBe(true)
      } finally {
        await using(project, async (migrator) => {
          await withConnection(url, (connection) =>
            connection.query('DROP TABLE IF EXISTS users'),
          ).catch(() => {})
          await migrator.stamp(['base'], { purge: true })
          await withConnection(url, (connection) =>
            connection.query('DROP TABLE IF EXISTS posts'),
          ).catch(() => {})
        }).catch(() => {})
      }
    },
    120_000,
  )
})
