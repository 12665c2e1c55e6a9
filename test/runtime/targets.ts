/**
 * The four databases runtime tests loop over: a SQLite file, PGlite, a PostgreSQL server
 * and a MariaDB server (skipped with a reason when unavailable, except under CI).
 */

import { parseUrl } from '../../src/config/url.js'
import type { DialectConnection } from '../../src/dialects/dialect.js'
import { dialectFor } from '../../src/dialects/registry.js'
import {
  mysqlDatabase,
  pgliteDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/databases.js'

export interface Target {
  readonly name: 'sqlite' | 'pglite' | 'postgres' | 'mariadb'
  readonly database: TestDatabase
  /** DDL rolls back (everything but MariaDB). */
  readonly transactionalDdl: boolean
  /** Several connections at once (PGlite is one process's). */
  readonly concurrent: boolean
}

/**
 * Creates one database per target for a test file.
 *
 * @example
 * const targets = await createTargets('semantics')
 * describe.each(targets)('$name', (target) => { ... })
 */
export async function createTargets(prefix: string): Promise<Target[]> {
  const [postgres, mariadb] = await Promise.all([postgresDatabase(prefix), mysqlDatabase(prefix)])
  return [
    { name: 'sqlite', database: sqliteDatabase(prefix), transactionalDdl: true, concurrent: true },
    { name: 'pglite', database: pgliteDatabase(prefix), transactionalDdl: true, concurrent: false },
    { name: 'postgres', database: postgres, transactionalDdl: true, concurrent: true },
    { name: 'mariadb', database: mariadb, transactionalDdl: false, concurrent: true },
  ]
}

/** Drops every target's database. */
export async function dropTargets(targets: readonly Target[]): Promise<void> {
  await Promise.all(targets.map((target) => target.database.drop()))
}

/**
 * Runs `work` on a fresh connection to `url` (close every Migrator on a PGlite folder first:
 * one process may hold it once).
 */
export async function withConnection<T>(
  url: string,
  work: (connection: DialectConnection) => Promise<T>,
): Promise<T> {
  const parsed = parseUrl(url)
  const connection = await (await dialectFor(parsed)).connect(parsed)
  try {
    return await work(connection)
  } finally {
    await connection.close()
  }
}

/** Whether a table exists, on a fresh connection. */
export function tableExists(url: string, table: string): Promise<boolean> {
  return withConnection(url, (connection) => connection.tableExists({ table }))
}
