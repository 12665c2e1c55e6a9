/**
 * The better-sqlite3 handle as Kysely's `SqliteDialect` sees it: parameters are
 * converted the way Stratum's literals are written (booleans as 1/0, Dates as ISO
 * text, objects as JSON), and `close()` leaves the handle open, because the
 * connection, not Kysely, owns it. Kysely itself is loaded when an instance is first
 * built (see `../kysely-module.ts`).
 */
import type { Kysely, SqliteDatabase, SqliteStatement } from 'kysely'
import { kyselyModule } from '../kysely-module.js'
import type { DriverDatabase } from './driver.js'
import { bindValue } from './quote.js'

/** The untyped Kysely the Dialect interface speaks of. */
// biome-ignore lint/suspicious/noExplicitAny: the contract's type: revisions query any table.
type AnyKysely = Kysely<any>

/**
 * Wraps `db` for `new SqliteDialect({ database })`.
 *
 * @example
 * new Kysely({ dialect: new SqliteDialect({ database: kyselyDatabase(db) }) })
 */
export function kyselyDatabase(db: DriverDatabase): SqliteDatabase {
  return {
    close() {},
    prepare(sql: string): SqliteStatement {
      const statement = db.prepare(sql)
      const bind = (parameters: readonly unknown[]) => parameters.map(bindValue)
      return {
        get reader() {
          return statement.reader
        },
        all: (parameters) => statement.all(bind(parameters)),
        run: (parameters) => statement.run(bind(parameters)),
        iterate: (parameters) => statement.iterate(bind(parameters)),
      }
    },
  }
}

/**
 * A Kysely instance on the connection's better-sqlite3 handle.
 *
 * @example
 * const db = kyselyOnDatabase(handle)
 */
export function kyselyOnDatabase(db: DriverDatabase): AnyKysely {
  const { Kysely, SqliteDialect } = kyselyModule()
  return new Kysely({ dialect: new SqliteDialect({ database: kyselyDatabase(db) }) })
}

/**
 * A Kysely instance that compiles SQLite but has no connection (offline mode).
 *
 * @example
 * createOfflineKysely().selectFrom('users').selectAll().compile().sql // 'select * from "users"'
 */
export function createOfflineKysely(): AnyKysely {
  const { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler } =
    kyselyModule()
  return new Kysely({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  })
}
