// Schema snapshots (`snapshots: true`): written after each upgrade and downgrade, equal to
// the introspected schema, and `--offline` autogenerate and check against them, on the
// four databases.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MigrationError } from '../../src/errors.js'
import { Migrator } from '../../src/runtime/migrator.js'
import {
  readLiveSchema,
  readSnapshot,
  type SchemaSnapshot,
  snapshotName,
  stableJson,
} from '../../src/runtime/snapshots.js'
import { stateTables } from '../../src/runtime/tables.js'
import { configFor } from '../commands/project.js'
import { type ModelProject, modelProject } from '../support/model-project.js'
import { createTargets, dropTargets, type Target, withConnection } from './targets.js'

const targets = await createTargets('snapshots')
afterAll(() => dropTargets(targets), 60_000)

const USERS = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  fullname: text(),
})`

const POSTS = `
export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.columns.id),
  title: varchar(200).notNull().default('untitled'),
}, (t) => ({ indexes: [index('ix_posts_author_title').on(t.authorId, t.title)] }))`

/** A URL of the same kind that nothing answers at. */
const UNREACHABLE: Record<Target['name'], string> = {
  sqlite: 'sqlite:/nonexistent/folder/app.db',
  pglite: 'pglite:/nonexistent/folder/pgdata',
  postgres: 'postgres://nobody@127.0.0.1:1/nothing',
  mariadb: 'mysql://nobody@127.0.0.1:1/nothing',
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

/** The snapshot file's content, checked to be stable JSON. */
function snapshotFile(project: ModelProject, revisions: readonly string[]): SchemaSnapshot {
  const text = readFileSync(
    join(project.root, 'migrations/snapshots', snapshotName(revisions)),
    'utf8',
  )
  const parsed = JSON.parse(text) as SchemaSnapshot
  expect(stableJson(parsed)).toBe(text)
  return parsed
}

/** The live schema as JSON would hold it (read on a fresh connection: close migrators first). */
async function liveSchema(project: ModelProject) {
  return withConnection(project.config.url ?? '', async (connection) => {
    const live = await readLiveSchema({
      config: project.config,
      connection,
      tables: stateTables(project.config),
    })
    return JSON.parse(stableJson(live.schema))
  })
}

describe.each(targets)('snapshots on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'writes the introspected schema after each step; offline autogenerate equals online',
    async () => {
      const project = modelProject({ url: database.url, snapshots: true })
      let migrator = await project.migrator()
      try {
        project.models(USERS)
        const first = await migrator.revision({ autogenerate: true, message: 'users', revId: 'r1' })
        expect(first.empty).toBe(false)
        await migrator.upgrade('head')
        await migrator.close()
        expect(snapshotFile(project, ['r1']).schema).toEqual(await liveSchema(project))
        expect(snapshotFile(project, ['r1'])).toMatchObject({ format: 1, revisions: ['r1'] })

        // The models move on: online and offline agree, offline with nobody listening.
        project.models(USERS + POSTS)
        migrator = await project.migrator()
        const online = await migrator.check()
        const away = await Migrator.open({
          config: { ...project.config, url: UNREACHABLE[target.name] },
        })
        const offline = await away.check({ offline: true })
        expect(offline.upgrade).toEqual(online.upgrade)
        expect(offline.downgrade).toEqual(online.downgrade)
        expect(offline.changes).toEqual(online.changes)
        expect(offline.changes.map((change) => change.detail)).toEqual(['table posts added'])
        const written = await away.revision({
          autogenerate: true,
          offline: true,
          message: 'posts',
          revId: 'r2',
        })
        await away.close()
        expect(written.comparison.upgrade).toEqual(online.upgrade)
        expect(readFileSync(written.path, 'utf8')).toContain("await op.createTable('posts', [")

        // Upgrade, downgrade: each step rewrites the snapshot of where the database is.
        await migrator.upgrade('head')
        expect((await migrator.check()).changes).toEqual([])
        await migrator.close()
        expect(snapshotFile(project, ['r2']).schema).toEqual(await liveSchema(project))
        expect((await away.check({ offline: true })).changes).toEqual([])

        migrator = await project.migrator()
        await migrator.downgrade('-1')
        await migrator.close()
        expect(snapshotFile(project, ['r1']).schema).toEqual(await liveSchema(project))
        migrator = await project.migrator()
        await migrator.downgrade('base')
        expect(readdirSync(join(project.root, 'migrations/snapshots')).sort()).toEqual([
          'r1.json',
          'r2.json',
        ])
      } finally {
        await migrator.downgrade('base').catch(() => {})
        await migrator.close()
        project.remove()
      }
    },
    120_000,
  )
})

describe('snapshots, without a database', () => {
  it('writes nothing when snapshots are off', async () => {
    const target = targets[0] as Target
    const project = modelProject({ url: `sqlite:${join('/tmp', `off-${process.pid}.db`)}` })
    project.models(USERS)
    const migrator = await project.migrator()
    try {
      await migrator.revision({ autogenerate: true, message: 'users', revId: 'r1' })
      await migrator.upgrade('head')
      expect(existsSync(join(project.root, 'migrations/snapshots'))).toBe(false)
      // --offline then refuses, naming the head and both ways out.
      const error = await rejection(migrator.check({ offline: true }))
      expect(error).toBeInstanceOf(MigrationError)
      expect(error).toMatchObject({
        code: 'SNAPSHOT_MISSING',
        message: 'no snapshot for head r1: run an upgrade with snapshots: true, or drop --offline',
      })
      const refused = await rejection(
        migrator.revision({ autogenerate: true, offline: true, message: 'again' }),
      )
      expect(refused).toMatchObject({ code: 'SNAPSHOT_MISSING' })
      expect(readdirSync(join(project.root, 'migrations/versions'))).toHaveLength(1)
    } finally {
      await migrator.downgrade('base').catch(() => {})
      await migrator.close()
      project.remove()
    }
    expect(target.name).toBe('sqlite')
  })

  it('names several heads by their sorted ids; refuses a broken file', async () => {
    expect(snapshotName(['c3d4', 'a1b2'])).toBe('a1b2+c3d4.json')
    expect(stableJson({ b: 1, a: [2, 1], c: undefined })).toBe(
      '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n',
    )
    const project = modelProject({ url: 'sqlite::memory:', snapshots: true })
    try {
      const config = configFor(project.root, { snapshots: true })
      expect(await readSnapshot(config, ['zz'])).toBeUndefined()
      const folder = join(project.root, 'migrations/snapshots')
      await import('node:fs').then((fs) => fs.mkdirSync(folder))
      writeFileSync(join(folder, 'zz.json'), '{"tables": []')
      expect(await rejection(readSnapshot(config, ['zz']))).toMatchObject({
        code: 'SNAPSHOT_INVALID',
        message: expect.stringContaining('migrations/snapshots/zz.json is not JSON'),
      })
      writeFileSync(join(folder, 'zz.json'), '{"tables": []}')
      expect(await rejection(readSnapshot(config, ['zz']))).toMatchObject({
        code: 'SNAPSHOT_INVALID',
        message: 'migrations/snapshots/zz.json is not a Stratum schema snapshot (format 1)',
      })
    } finally {
      project.remove()
    }
  })
})
