/**
 * The better-sqlite3 handle as Kysely's `SqliteDialect` sees it: parameters are
 * converted the way Stratum's literals are written (booleans as 1/0, Dates as ISO
 * text, objects as JSON), and `close()` leaves the handle open, because the
 * connection, not Kysely, owns it.
 */
import type { SqliteDatabase, SqliteStatement } from 'kysely'
import type { DriverDatabase } from './driver.js'
import { bindValue } from './quote.js'

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
