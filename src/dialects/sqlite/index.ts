/**
 * The SQLite dialect, Stratum's embedded default (driver: better-sqlite3 12).
 *
 * What SQLite's ALTER TABLE cannot do (change a column's type, nullability or default,
 * add or drop constraints, drop an indexed column) runs as the documented table
 * rebuild: a procedure step with `needsForeignKeysOff`, so the runtime switches
 * foreign key enforcement off around that revision. The migration lock is a sidecar
 * file lock that works across processes and dies with its process. Introspection for
 * autogenerate reads the whole catalog in three queries (`introspect.ts`).
 *
 * @example
 * import { sqliteDialect } from './dialects/sqlite/index.js'
 * const connection = await sqliteDialect.connect(parseUrl('sqlite:app.db'))
 * for (const step of sqliteDialect.compile({ kind: 'dropTable', table: 'old' })) {
 *   if ('sql' in step) await connection.query(step.sql)
 * }
 */
import type { Dialect, DialectCapabilities } from '../dialect.js'
import { sqliteBackup } from './backup.js'
import { compile } from './compile.js'
import { connectSqlite } from './connection.js'
import { sqliteIntrospection } from './introspect.js'
import { createOfflineKysely } from './kysely-database.js'
import { literal, MAX_IDENTIFIER_LENGTH, quoteIdentifier, quoteTable } from './quote.js'
import { sqliteScratch } from './scratch.js'

const capabilities: DialectCapabilities = Object.freeze({
  transactionalDdl: true,
  schemas: false,
  enumTypes: false,
  partialIndexes: true,
  expressionIndexes: true,
  concurrentIndexes: false,
  comments: false,
  deferrableConstraints: true,
  batchedStatements: true,
})

/** The SQLite dialect. */
export const sqliteDialect: Dialect = {
  name: 'sqlite',
  capabilities,
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  quoteIdentifier,
  quoteTable,
  literal,
  compile,
  offlineTransaction: Object.freeze({ begin: 'BEGIN;', commit: 'COMMIT;' }),
  createOfflineKysely,
  connect(url, options) {
    return connectSqlite(url, { ...options, dialect: sqliteDialect })
  },
  introspection: sqliteIntrospection,
  backup: sqliteBackup,
  scratch: sqliteScratch,
}
Object.freeze(sqliteDialect)

export { connectSqlite, type SqliteConnection } from './connection.js'
export { introspectSqlite, sqliteIntrospection } from './introspect.js'
export { compileColumnType } from './types.js'
