/**
 * Kysely instances: one bound to Stratum's single connection, and one that never connects.
 * Both are built on first use, which is when Kysely itself loads (see `../kysely-module.ts`).
 */
import type { MysqlPool, MysqlPoolConnection } from 'kysely'
import type { DialectConnection } from '../dialect.js'
import { kyselyModule } from '../kysely-module.js'

/** The untyped Kysely the Dialect interface speaks of. */
type AnyKysely = DialectConnection['kysely']

/** What Kysely's MySQL driver calls on a mysql2 callback connection. */
export interface CallbackConnection {
  query(...args: unknown[]): unknown
}

/**
 * A Kysely instance on one mysql2 callback connection (the promise connection's
 * `.connection`). Kysely's driver wants a pool: this one hands out the same
 * connection every time, `release()` keeps it open, and `end()` leaves it to Stratum,
 * so a revision calling `db.destroy()` cannot close the run's connection.
 */
export function kyselyOnConnection(connection: CallbackConnection): AnyKysely {
  const pooled = {
    query: (...args: unknown[]) => connection.query(...args),
    release: () => {},
  } as unknown as MysqlPoolConnection
  const pool: MysqlPool = {
    getConnection: (callback) => callback(null, pooled),
    end: (callback) => callback(null),
  }
  const { Kysely, MysqlDialect } = kyselyModule()
  return new Kysely({ dialect: new MysqlDialect({ pool }) })
}

/**
 * A Kysely instance that compiles MySQL but has no connection (offline mode).
 *
 * @example
 * createOfflineKysely().selectFrom('users').selectAll().compile().sql // 'select * from `users`'
 */
export function createOfflineKysely(): AnyKysely {
  const { DummyDriver, Kysely, MysqlAdapter, MysqlIntrospector, MysqlQueryCompiler } =
    kyselyModule()
  return new Kysely({
    dialect: {
      createAdapter: () => new MysqlAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new MysqlIntrospector(db),
      createQueryCompiler: () => new MysqlQueryCompiler(),
    },
  })
}
