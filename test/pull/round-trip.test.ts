/**
 * The adoption round trip through the API, on public sample schemas (test/fixtures): build
 * the database from its SQL, `pull` models (autogenerate then finds nothing to do), write a
 * `baseline`, upgrade an empty database with it (the catalog equals the original's, and
 * so do the views, functions and triggers it carries as SQL), downgrade it to base
 * (nothing is left but Stratum's own tables). Chinook on SQLite, PGlite, PostgreSQL and
 * MariaDB; Pagila on PostgreSQL and PGlite.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import type { DialectConnection, UnmodelledObject } from '../../src/dialects/dialect.js'
import { Migrator } from '../../src/runtime/migrator.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { tempProject } from '../commands/project.js'
import { withConnection } from '../runtime/targets.js'
import {
  mysqlDatabase,
  pgliteDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/databases.js'
import { fixture } from './support.js'

type Kind = 'sqlite' | 'pglite' | 'postgres' | 'mariadb'

const made: TestDatabase[] = []
afterAll(() => Promise.all(made.map((database) => database.drop())))

/** Two databases of one kind: the sample's, and an empty one to rebuild it in. */
async function pair(kind: Kind, sample: string): Promise<[TestDatabase, TestDatabase]> {
  const make = (role: string) => {
    const prefix = `pull_${sample}_${role}`
    if (kind === 'sqlite') return Promise.resolve(sqliteDatabase(prefix))
    if (kind === 'pglite') return Promise.resolve(pgliteDatabase(prefix))
    return kind === 'postgres' ? postgresDatabase(prefix) : mysqlDatabase(prefix)
  }
  const databases: [TestDatabase, TestDatabase] = [await make('src'), await make('new')]
  made.push(...databases)
  return databases
}

const cases = [
  { sample: 'chinook', kind: 'sqlite', file: 'chinook/sqlite.sql' },
  { sample: 'chinook', kind: 'pglite', file: 'chinook/postgres.sql' },
  { sample: 'chinook', kind: 'postgres', file: 'chinook/postgres.sql' },
  { sample: 'chinook', kind: 'mariadb', file: 'chinook/mariadb.sql' },
  { sample: 'pagila', kind: 'postgres', file: 'pagila/postgres.sql' },
  { sample: 'pagila', kind: 'pglite', file: 'pagila/postgres.sql' },
  { sample: 'unmodelled', kind: 'sqlite', file: 'unmodelled/sqlite.sql' },
  { sample: 'unmodelled', kind: 'postgres', file: 'unmodelled/postgres.sql' },
  { sample: 'unmodelled', kind: 'mariadb', file: 'unmodelled/mariadb.sql' },
] as const

/** What each sample holds that the DSL cannot express, by kind. */
const UNMODELLED: Record<string, Record<string, readonly string[]>> = {
  chinook: {
    sqlite: ['trigger', 'view'],
    pglite: [],
    postgres: [],
    mariadb: ['function', 'trigger', 'view'],
  },
  pagila: {
    postgres: [
      'domain',
      'function',
      'function',
      'partition',
      'partitioned table',
      'trigger',
      'trigger',
      'trigger',
      'view',
    ],
    pglite: [
      'domain',
      'function',
      'function',
      'partition',
      'partitioned table',
      'trigger',
      'trigger',
      'trigger',
      'view',
    ],
  },
  unmodelled: {
    sqlite: [
      'generated column',
      'table option',
      'table option',
      'trigger',
      'view',
      'view',
      'virtual table',
    ],
    postgres: [
      'composite type',
      'exclusion constraint',
      'generated column',
      'generated column',
      'inheriting table',
      'materialized view',
      'range type',
      'row security policy',
      'rule',
      'sequence',
      'view',
    ],
    mariadb: ['event', 'generated column', 'partitioned table', 'procedure', 'view', 'view'],
  },
}
const withDatabases = await Promise.all(
  cases.map(async (item) => ({ ...item, databases: await pair(item.kind, item.sample) })),
)

const OWN = new Set(['stratum_version', 'stratum_history'])

interface Catalog {
  readonly schema: SchemaModel
  readonly unmodelled: readonly UnmodelledObject[]
  /** Whether Stratum's version table is there. */
  readonly ownTables: boolean
}

/**
 * What introspection reads of a database (every schema of its own), Stratum's tables left
 * out; `sql` is run first.
 */
async function catalog(url: string, sql?: string): Promise<Catalog> {
  return withConnection(url, async (connection: DialectConnection) => {
    if (sql !== undefined) await connection.executeBatch([sql])
    const introspection = connection.dialect.introspection
    if (introspection?.unmodelled === undefined) throw new Error('no introspection')
    const schemas = await introspection.userSchemas?.(connection)
    const options = {
      ...(schemas === undefined ? {} : { schemas }),
      skipTable: (table: string) => OWN.has(table),
    }
    return {
      schema: await introspection.introspect(connection, options),
      unmodelled: await introspection.unmodelled(connection, options),
      ownTables: await connection.tableExists({ table: 'stratum_version' }),
    }
  })
}

async function withMigrator<T>(
  options: { cwd: string; url?: string },
  work: (migrator: Migrator) => Promise<T>,
): Promise<T> {
  const migrator = await Migrator.open(options)
  try {
    return await work(migrator)
  } finally {
    await migrator.close()
  }
}

describe.each(withDatabases)('$sample on $kind', ({ sample, kind, file, databases }) => {
  const [source, target] = databases
  it.skipIf(!source.available)(
    'pull → nothing to compare; baseline → upgrade rebuilds the catalog → downgrade leaves nothing',
    async () => {
      const project = tempProject(`stratum-pull-${sample}-`)
      const cwd = project.root
      const [sourceUrl, targetUrl] = [source.url, target.url]
      try {
        writeFileSync(
          join(cwd, 'stratum.config.json'),
          JSON.stringify({ url: sourceUrl, migrations: 'migrations', models: ['models/*.ts'] }),
        )
        await init({ cwd })
        const original = await catalog(sourceUrl, fixture(file))
        expect(original.schema.tables.length).toBeGreaterThan(1)
        expect(original.unmodelled.map((item) => item.kind).sort()).toEqual(
          UNMODELLED[sample]?.[kind],
        )

        // One Migrator at a time: a PGlite folder opens in one place at once.
        const baseline = await withMigrator({ cwd }, async (migrator) => {
          const pulled = await migrator.pull({ split: 'schema' })
          const schemas = new Set(original.schema.tables.map((table) => table.schema))
          expect(pulled.files).toHaveLength(schemas.size)
          expect(pulled.modelsHint).toBeUndefined()
          expect(pulled.unmodelled).toEqual(original.unmodelled)
          const comparison = await migrator.compare()
          expect(comparison.changes).toEqual([])
          expect(comparison.upgrade).toEqual([])
          return migrator.baseline({ message: 'baseline' })
        })
        expect(baseline.revision.downRevisions).toEqual([])
        expect(baseline.notRecreated).toEqual(
          original.unmodelled.filter((item) => item.create === undefined),
        )

        await withMigrator({ cwd, url: targetUrl }, (migrator) => migrator.upgrade('head'))
        const built = await catalog(targetUrl)
        expect(built.schema).toEqual(original.schema)
        expect(built.unmodelled).toEqual(
          original.unmodelled.filter((item) => item.create !== undefined),
        )

        await withMigrator({ cwd, url: targetUrl }, (migrator) => migrator.downgrade('base'))
        const emptied = await catalog(targetUrl)
        expect(emptied.schema.tables).toEqual([])
        expect(emptied.schema.enums).toEqual([])
        expect(emptied.unmodelled).toEqual([])
        expect(emptied.ownTables).toBe(true)

        // Adopting the source database: the baseline stamped, then nothing to compare.
        await withMigrator({ cwd }, async (migrator) => {
          await migrator.stamp([baseline.revision.revision])
          expect((await migrator.check()).changes).toEqual([])
        })
      } finally {
        project.remove()
      }
    },
    240_000,
  )
})
