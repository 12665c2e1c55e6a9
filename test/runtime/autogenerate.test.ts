// Migrator.compare, Migrator.check, Migrator.revision({ autogenerate }) and compare() on the
// four databases.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { RenameCandidate } from '../../src/autogenerate/index.js'
import { ConfigError, MigrationError, ModelError, UsageError } from '../../src/errors.js'
import { compare } from '../../src/runtime/compare.js'
import { type ModelProject, modelProject } from '../support/model-project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('autogen_api')
afterAll(() => dropTargets(targets))

const USERS = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  fullname: text(),
})`

const USERS_RENAMED = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
})`

const POSTS = `
export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.columns.id),
  title: varchar(200).notNull(),
}, (t) => ({ indexes: [index('ix_posts_author_title').on(t.authorId, t.title)] }))`

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

/** Runs `work` with a project on `url` and a migrator, and cleans both up. */
async function withProject(
  url: string,
  work: (project: ModelProject, migrator: Awaited<ReturnType<ModelProject['migrator']>>) => unknown,
  options: { exclude?: string[] } = {},
): Promise<void> {
  const project = modelProject({ url, ...options })
  const migrator = await project.migrator()
  try {
    await work(project, migrator)
  } finally {
    await migrator.downgrade('base').catch(() => {})
    await migrator.close()
    project.remove()
  }
}

describe.each(targets)('autogenerate API on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'writes the upgrade, refuses a database behind the heads, then finds nothing',
    async () => {
      await withProject(database.url, async (project, migrator) => {
        project.models(USERS + POSTS)
        const first = await migrator.revision({ autogenerate: true, message: 'init' })
        expect(first.empty).toBe(false)
        expect(first.comparison.changes.map((change) => change.detail)).toEqual([
          'table users added',
          'table posts added',
        ])
        const source = readFileSync(first.path, 'utf8')
        expect(source).toContain("await op.createTable('users', [")
        expect(source).toContain("await op.createIndex('ix_posts_author_title', 'posts'")
        expect(source.indexOf("op.createTable('users'")).toBeLessThan(
          source.indexOf("op.createTable('posts'"),
        )
        expect(source).toContain("await op.dropTable('posts')")
        expect(first.revision.downRevisions).toEqual([])

        // Behind the heads: revision and check refuse, compare still answers.
        const behind = await rejection(migrator.revision({ autogenerate: true, message: 'again' }))
        expect(behind).toBeInstanceOf(MigrationError)
        expect(behind).toMatchObject({
          code: 'NOT_UP_TO_DATE',
          message: `Target database is not up to date: it is at base, the head is ${first.revision.revision}`,
          hint: "Run 'stratum upgrade head' first, then compare against the result.",
        })
        expect(await rejection(migrator.check())).toMatchObject({ code: 'NOT_UP_TO_DATE' })
        expect((await migrator.compare()).upgrade).toHaveLength(3)

        await migrator.upgrade('head')
        const clean = await migrator.check()
        expect(clean.changes).toEqual([])
        expect(clean.upgrade).toEqual([])

        const empty = await migrator.revision({ autogenerate: true, message: 'nothing' })
        expect(empty.empty).toBe(true)
        expect(empty.comparison.changes).toEqual([])
        expect(readFileSync(empty.path, 'utf8')).toContain(
          '// Write the schema changes of this revision here, with op.',
        )
        expect(empty.revision.downRevisions).toEqual([first.revision.revision])
      })
    },
    60_000,
  )

  it.skipIf(!database.available)(
    'renames through --rename answers and through an injected resolver',
    async () => {
      await withProject(database.url, async (project, migrator) => {
        project.models(USERS)
        await migrator.revision({ autogenerate: true, message: 'users' })
        await migrator.upgrade('head')
        project.models(USERS_RENAMED)

        const dropped = await migrator.compare()
        expect(dropped.changes.map((change) => change.kind).sort()).toEqual([
          'addColumn',
          'dropColumn',
        ])
        expect(dropped.warnings.join('\n')).toContain('--rename users.fullname=name')

        const answered = await migrator.compare({ renameArgs: ['users.fullname=name'] })
        expect(answered.changes.map((change) => change.detail)).toEqual([
          'column users.fullname renamed to name',
        ])
        expect(answered.warnings).toEqual([])

        const asked: RenameCandidate[] = []
        const written = await migrator.revision({
          autogenerate: true,
          message: 'rename',
          renames: async (candidates) => {
            asked.push(...candidates)
            return candidates.map(() => true)
          },
        })
        expect(asked).toMatchObject([
          { kind: 'column', table: 'users', from: 'fullname', to: 'name' },
        ])
        expect(readFileSync(written.path, 'utf8')).toContain(
          "await op.alterColumn('users', 'fullname', { newName: 'name' })",
        )
        await migrator.upgrade('head')
        expect((await migrator.check()).changes).toEqual([])
      })
    },
    60_000,
  )

  it.skipIf(!database.available)(
    "leaves Stratum's tables and the exclude globs alone",
    async () => {
      await withProject(
        database.url,
        async (project, migrator) => {
          project.models(USERS)
          await migrator.revision({ autogenerate: true, message: 'users' })
          await migrator.upgrade('head')
          await migrator.close()
          await withConnection(database.url, (connection) =>
            connection.query('CREATE TABLE legacy_audit (id integer)'),
          )
          try {
            const result = await migrator.compare()
            expect(result.changes).toEqual([])
            const seen = (await migrator.introspect()).tables.map((table) => table.name)
            expect(seen).toEqual(['users'])
          } finally {
            await migrator.close()
            await withConnection(database.url, (connection) =>
              connection.query('DROP TABLE legacy_audit'),
            )
          }
        },
        { exclude: ['legacy_*'] },
      )
    },
    60_000,
  )
})

describe('autogenerate API without a database', () => {
  const sqlite = targets.find((target) => target.name === 'sqlite')
  const url = sqlite?.database.url ?? 'sqlite::memory:'

  it('needs models in the config', async () => {
    const project = modelProject({ url, models: [] })
    const migrator = await project.migrator()
    try {
      const error = await rejection(migrator.compare())
      expect(error).toBeInstanceOf(ConfigError)
      expect(error).toMatchObject({ code: 'MODELS_NOT_CONFIGURED' })
      expect((error as ConfigError).hint).toContain("models: ['src/db/schema.ts']")
      expect(await rejection(migrator.revision({ autogenerate: true }))).toMatchObject({
        code: 'MODELS_NOT_CONFIGURED',
      })
    } finally {
      await migrator.close()
      project.remove()
    }
  })

  it('reports a bad --rename before importing models or connecting', async () => {
    const project = modelProject({ url: 'postgres://nobody:pw@127.0.0.1:9/none' })
    project.models('throw new Error("must not be imported")')
    const migrator = await project.migrator()
    try {
      const error = await rejection(migrator.compare({ renameArgs: ['users.fullname'] }))
      expect(error).toBeInstanceOf(UsageError)
      expect((error as UsageError).message).toBe("--rename 'users.fullname': has no =")
    } finally {
      await migrator.close()
      project.remove()
    }
  })

  it('names the model file that fails to import, before connecting', async () => {
    const project = modelProject({ url: 'postgres://nobody:pw@127.0.0.1:9/none' })
    project.models('throw new Error("boom in the models")', 'broken.ts')
    const migrator = await project.migrator()
    try {
      const error = await rejection(migrator.compare())
      expect(error).toBeInstanceOf(ModelError)
      expect((error as ModelError).message).toMatch(/broken\.ts.*boom in the models/)
      expect((error as ModelError).files).toEqual([join(project.root, 'models', 'broken.ts')])
    } finally {
      await migrator.close()
      project.remove()
    }
  })

  it('compare() opens the project from its config file and closes it', async () => {
    const project = modelProject({ url })
    try {
      project.models(USERS)
      writeFileSync(
        join(project.root, 'stratum.config.json'),
        JSON.stringify({ url, models: ['models/*.ts'] }),
      )
      const result = await compare({ cwd: project.root })
      expect(result.changes.map((change) => change.detail)).toEqual(['table users added'])
      expect(result.upgrade.map((operation) => operation.kind)).toEqual(['createTable'])
    } finally {
      project.remove()
    }
  })
})
