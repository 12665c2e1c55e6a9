/**
 * Kysely instances for PostgreSQL, built on first use (see `../kysely-module.ts`): one on
 * the session's connection (`pg` or PGlite), and one that compiles but never connects.
 */
import type { Driver, Kysely, PostgresPool } from 'kysely'
import { kyselyModule } from '../kysely-module.js'

/** The untyped Kysely the Dialect interface speaks of. */
// biome-ignore lint/suspicious/noExplicitAny: the contract's type: revisions query any table.
type AnyKysely = Kysely<any>

/**
 * A Kysely instance with PostgreSQL's adapter, query compiler and introspector over
 * `createDriver`'s driver.
 *
 * @example
 * postgresKysely(() => new PgliteDriver(database))
 */
export function postgresKysely(createDriver: () => Driver): AnyKysely {
  const { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } = kyselyModule()
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  })
}

/**
 * A Kysely instance on a `pg` pool (Stratum passes one that hands out its single client).
 *
 * @example
 * kyselyOnPool(singleClientPool(client))
 */
export function kyselyOnPool(pool: PostgresPool): AnyKysely {
  const { Kysely, PostgresDialect } = kyselyModule()
  return new Kysely({ dialect: new PostgresDialect({ pool }) })
}

/**
 * A Kysely instance that compiles PostgreSQL but has no connection (offline mode).
 *
 * @example
 * createOfflineKysely().selectFrom('users').selectAll().compile().sql // 'select * from "users"'
 */
export function createOfflineKysely(): AnyKysely {
  return postgresKysely(() => new (kyselyModule().DummyDriver)())
}
