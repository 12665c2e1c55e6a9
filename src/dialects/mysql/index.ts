/**
 * The MySQL/MariaDB dialect (MySQL 8, MariaDB 10.11+), through the optional `mysql2`
 * driver. DDL commits implicitly on these servers, so offline scripts get no
 * BEGIN/COMMIT and the runtime records progress statement by statement.
 *
 * @example
 * const connection = await mysqlDialect.connect(parseUrl('mysql://root@127.0.0.1:3306/shop'))
 * for (const step of mysqlDialect.compile({ kind: 'dropColumn', table: 'users', column: 'age' })) {
 *   if ('sql' in step) await connection.query(step.sql)
 * }
 */
import type { Dialect } from '../dialect.js'
import { mysqlBackup } from './backup.js'
import { compile } from './compile.js'
import { connectMysql } from './connection.js'
import { mysqlIntrospection } from './introspect.js'
import { createOfflineKysely } from './kysely.js'
import { literal, MAX_IDENTIFIER_LENGTH, quoteIdentifier, quoteTable } from './quote.js'
import { mysqlScratch } from './scratch.js'

export const mysqlDialect: Dialect = {
  name: 'mysql',
  capabilities: {
    transactionalDdl: false,
    schemas: false,
    enumTypes: false,
    partialIndexes: false,
    expressionIndexes: false,
    concurrentIndexes: false,
    comments: true,
    deferrableConstraints: false,
    batchedStatements: true,
    foreignKeysNeedIndex: true,
    restrictIsNoAction: true,
  },
  maxIdentifierLength: MAX_IDENTIFIER_LENGTH,
  quoteIdentifier,
  quoteTable,
  literal,
  compile,
  offlineTransaction: undefined,
  createOfflineKysely,
  connect: (url, options = {}) => connectMysql(url, { ...options, dialect: mysqlDialect }),
  introspection: mysqlIntrospection,
  backup: mysqlBackup,
  scratch: mysqlScratch((url) => connectMysql(url, { dialect: mysqlDialect })),
}
