/**
 * `pull` and `baseline` options and refusals through the API: where files go and what the
 * config is told, never overwriting without `force`, schemas on PostgreSQL, and the clear
 * errors that leave every file and the database as they were.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import { MigrationCreationError, MigrationError, UsageError } from '../../src/errors.js'
import { Migrator } from '../../src/runtime/migrator.js'
import { tempProject } from '../commands/project.js'
import { withConnection } from '../runtime/targets.js'
import { postgresDatabase, sqliteDatabase } from '../support/databases.js'

const SQL = `CREATE TABLE users (id INTEGER PRIMARY KEY AUTOINCREMENT, email TEXT NOT NULL UNIQUE);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  author_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT 'untitled'
);
CREATE TABLE tmp_import (line TEXT);`

const databases = [sqliteDatabase('pull_api'), sqliteDatabase('pull_api_empty')]
const postgres = await postgresDatabase('pull_api')
afterAll(() => Promise.all([...databases, postgres].map((database) => database.drop())))

/** A project in a new folder: `stratum.config.json` with `config`, and `migrations/`. */
async function project(config: Record<string, unknown>) {
  const folder = tempProject('stratum-pull-api-')
  writeFileSync(join(folder.root, 'stratum.config.json'), JSON.stringify(config))
  await init({ cwd: folder.root })
  const open = () => Migrator.open({ cwd: folder.root })
  return { root: folder.root, open, remove: folder.remove }
}

async function using<T>(
  opened: Promise<Migrator>,
  work: (migrator: Migrator) => Promise<T>,
): Promise<T> {
  const migrator = await opened
  try {
    return await work(migrator)
  } finally {
    await migrator.close()
  }
}

async function failure(run: Promise<unknown>): Promise<MigrationError> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(MigrationError)
  return error as MigrationError
}

const [source, empty] = databases as [(typeof databases)[0], (typeof databases)[0]]
await withConnection(source.url, (connection) => connection.executeBatch([SQL]))

describe('pull', () => {
  it('writes one file per table into models/, leaving out excluded tables, and tells the config', async () => {
    const p = await project({ url: source.url, migrations: 'migrations', exclude: ['tmp_*'] })
    try {
      const result = await using(p.open(), (migrator) => migrator.pull())
      expect(result.directory).toBe(join(p.root, 'models'))
      expect(result.files).toEqual([
        { path: join(p.root, 'models', 'posts.ts'), tables: ['posts'] },
        { path: join(p.root, 'models', 'users.ts'), tables: ['users'] },
      ])
      expect(result.modelsHint).toBe("models: ['models/**/*.ts']")
      expect(result.unmodelled).toEqual([])
      const posts = readFileSync(join(p.root, 'models', 'posts.ts'), 'utf8')
      expect(posts).toContain("import { users } from './users.js'")
      expect(posts).toContain(".references(() => users.columns.id, { onDelete: 'cascade' }),")
      expect(posts).toContain("title: text().notNull().default('untitled'),")
    } finally {
      p.remove()
    }
  })

  it('refuses to overwrite files unless forced, before writing any', async () => {
    const p = await project({ url: source.url, migrations: 'migrations', models: ['db/*.ts'] })
    try {
      mkdirSync(join(p.root, 'db'))
      writeFileSync(join(p.root, 'db', 'users.ts'), '// mine\n')
      const error = await failure(using(p.open(), (migrator) => migrator.pull({ out: 'db' })))
      expect(error.code).toBe('PULL_FILES_EXIST')
      expect(error.message).toBe('Not overwriting db/users.ts')
      expect(error.hint).toContain('--force')
      expect(readdirSync(join(p.root, 'db'))).toEqual(['users.ts'])
      expect(readFileSync(join(p.root, 'db', 'users.ts'), 'utf8')).toBe('// mine\n')

      const forced = await using(p.open(), (migrator) =>
        migrator.pull({ out: 'db', force: true, split: 'schema' }),
      )
      expect(forced.files.map((file) => file.path)).toEqual([join(p.root, 'db', 'schema.ts')])
      expect(forced.modelsHint).toBeUndefined()
      const again = await using(p.open(), (migrator) => migrator.pull({ out: 'db', force: true }))
      expect(again.files).toHaveLength(3)
      expect(readFileSync(join(p.root, 'db', 'users.ts'), 'utf8')).toContain('defineTable')
    } finally {
      p.remove()
    }
  })

  it('refuses --out that is a file, --schema without schemas, and an empty database', async () => {
    const p = await project({ url: source.url, migrations: 'migrations' })
    try {
      writeFileSync(join(p.root, 'models'), 'a file')
      const notFolder = await failure(using(p.open(), (migrator) => migrator.pull()))
      expect(notFolder.code).toBe('PULL_NOT_A_FOLDER')
      const schemas = await failure(
        using(p.open(), (migrator) => migrator.pull({ out: 'm', schemas: ['main'] })),
      )
      expect(schemas).toBeInstanceOf(UsageError)
      expect(schemas.message).toBe('--schema needs a database with schemas; sqlite has none')
      const nothing = await failure(
        using(Migrator.open({ cwd: p.root, url: empty.url }), (migrator) =>
          migrator.pull({ out: 'm' }),
        ),
      )
      expect(nothing.code).toBe('PULL_NOTHING')
      expect(existsSync(join(p.root, 'm'))).toBe(false)
    } finally {
      p.remove()
    }
  })
})

describe('baseline', () => {
  it('is the first revision only; refused on top of revisions and on an empty database', async () => {
    const p = await project({ url: source.url, migrations: 'migrations', exclude: ['tmp_*'] })
    try {
      const versions = join(p.root, 'migrations', 'versions')
      const nothing = await failure(
        using(Migrator.open({ cwd: p.root, url: empty.url }), (migrator) => migrator.baseline()),
      )
      expect(nothing).toBeInstanceOf(MigrationCreationError)
      expect(nothing.code).toBe('BASELINE_NOTHING')
      expect(readdirSync(versions)).toEqual([])

      const written = await using(p.open(), (migrator) =>
        migrator.baseline({ message: 'adopt', revId: 'ba5e11e00001', stamp: true }),
      )
      expect(written.revision.revision).toBe('ba5e11e00001')
      expect(written.revision.message).toBe('adopt')
      expect(written.stamped?.current).toEqual(['ba5e11e00001'])
      expect(written.comparison.upgrade.map((operation) => operation.kind)).toEqual([
        'createTable',
        'createTable',
      ])
      const text = readFileSync(written.path, 'utf8')
      expect(text).toContain("await op.dropTable('users')")
      expect(text).not.toContain('tmp_import')

      const refused = await failure(using(p.open(), (migrator) => migrator.baseline()))
      expect(refused.code).toBe('BASELINE_NOT_FIRST')
      expect(refused.message).toBe(
        'A baseline must be the first revision, and the migrations folder has 1 revision already (head: ba5e11e00001)',
      )
      expect(readdirSync(versions)).toHaveLength(1)
      expect(await using(p.open(), (migrator) => migrator.current())).toEqual(['ba5e11e00001'])
    } finally {
      p.remove()
    }
  })
})

describe.skipIf(!postgres.available)('pull on PostgreSQL schemas', () => {
  it('reads every schema by default, the ones named with --schema, and names what is missing', async () => {
    await withConnection(postgres.url, (connection) =>
      connection.executeBatch([
        `CREATE SCHEMA sales;
         CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL);
         CREATE TABLE sales.orders (id serial PRIMARY KEY, customer_id integer REFERENCES customers (id));
         CREATE SCHEMA empty_schema;`,
      ]),
    )
    const p = await project({
      url: postgres.url,
      migrations: 'migrations',
      models: ['models/**/*.ts'],
    })
    try {
      const missing = await failure(
        using(p.open(), (migrator) => migrator.pull({ schemas: ['sales'] })),
      )
      expect(missing.code).toBe('PULL_MISSING_REFERENCE')
      expect(missing.message).toBe(
        "Table 'sales.orders' has a foreign key to 'customers', which is not pulled",
      )
      const unknown = await failure(
        using(p.open(), (migrator) => migrator.pull({ schemas: ['nope'] })),
      )
      expect(unknown.code).toBe('SCHEMA_NOT_FOUND')
      expect(existsSync(join(p.root, 'models'))).toBe(false)

      const named = await using(p.open(), (migrator) =>
        migrator.pull({ schemas: ['public', 'sales'], out: 'named' }),
      )
      expect(named.files.map((file) => file.tables)).toEqual([['customers'], ['sales.orders']])
      const all = await using(p.open(), (migrator) => migrator.pull())
      expect(all.files.map((file) => file.path)).toEqual([
        join(p.root, 'models', 'customers.ts'),
        join(p.root, 'models', 'sales', 'orders.ts'),
      ])
      const orders = readFileSync(join(p.root, 'models', 'sales', 'orders.ts'), 'utf8')
      expect(orders).toContain("import { customers } from '../customers.js'")
      const comparison = await using(p.open(), (migrator) => migrator.compare())
      expect(comparison.changes).toEqual([])
    } finally {
      p.remove()
    }
  }, 120_000)
})
