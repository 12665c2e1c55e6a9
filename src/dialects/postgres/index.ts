/**
 * The PostgreSQL dialect: `postgres://` servers through `pg`, and `pglite:` databases
 * in process through `@electric-sql/pglite`.
 *
 * @example
 * const connection = await postgresDialect.connect(parseUrl(process.env.DATABASE_URL!))
 * for (const step of postgresDialect.compile(operation)) ...
 */
import { ConnectionError } from '../../errors.js'
import type { Dialect } from '../dialect.js'
import { postgresBackup } from './backup.js'
import { compilePostgres } from './compile.js'
import { connectPostgres } from './connection.js'
import { postgresIntrospection } from './introspect.js'
import { createOfflineKysely } from './kysely.js'
import { connectPglite } from './pglite-connection.js'
import { literal, MAX_IDENTIFIER_BYTES, quoteIdentifier, quoteTable } from './quote.js'
import { postgresScratch } from './scratch.js'

/** The PostgreSQL dialect. */
export const postgresDialect: Dialect = {
  name: 'postgres',
  capabilities: {
    transactionalDdl: true,
    schemas: true,
    enumTypes: true,
    partialIndexes: true,
    expressionIndexes: true,
    concurrentIndexes: true,
    comments: true,
    deferrableConstraints: true,
    batchedStatements: true,
  },
  maxIdentifierLength: MAX_IDENTIFIER_BYTES,
  quoteIdentifier,
  quoteTable,
  literal,
  compile: compilePostgres,
  offlineTransaction: { begin: 'BEGIN;', commit: 'COMMIT;' },
  createOfflineKysely,
  async connect(url, options) {
    if (url.dialect === 'postgres') return connectPostgres(postgresDialect, url, options)
    if (url.dialect === 'pglite') return connectPglite(postgresDialect, url, options)
    throw new ConnectionError(
      'UNSUPPORTED_URL',
      `The postgres dialect opens postgres:// and pglite: URLs, not ${url.driverScheme}:`,
    )
  },
  introspection: postgresIntrospection,
  backup: postgresBackup,
  scratch: postgresScratch((url) =>
    connectPostgres(postgresDialect, url, { applicationName: 'stratum verify' }),
  ),
}

export { canonicalDefault } from './canonical-default.js'
export { canonicalExpression } from './canonical-expression.js'
export { canonicalType } from './canonical-type.js'
export { compilePostgres } from './compile.js'
export { introspectPostgres, postgresIntrospection } from './introspect.js'
export { literal, quoteIdentifier, quoteTable } from './quote.js'
export { compileType } from './types.js'
