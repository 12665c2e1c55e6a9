/**
 * PostgreSQL in process: `pglite:memory:` for a throwaway database, `pglite:<dir>` for
 * one kept in a folder. The same session as a server connection, over PGlite.
 */
import { resolve } from 'node:path'
import type { DatabaseUrl } from '../../config/url.js'
import { ConnectionError } from '../../errors.js'
import type { ConnectOptions, Dialect, DialectConnection } from '../dialect.js'
import { loadDriver } from './load-driver.js'
import { type PgliteLike, pgliteKysely } from './pglite-driver.js'
import { PostgresSession } from './session.js'

interface Pglite extends PgliteLike {
  exec(script: string): Promise<unknown>
  close(): Promise<void>
  readonly closed: boolean
  /** The data folder as a tarball (PGlite's own dump; `backup.ts` writes it to a file). */
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>
}

/** The PGlite database behind each PGlite connection, for backups. */
const databases = new WeakMap<DialectConnection, Pglite>()

/**
 * The PGlite database a connection opened with {@link connectPglite} speaks to, or undefined
 * for any other connection.
 *
 * @example
 * const tarball = await pgliteDatabaseOf(connection)?.dumpDataDir('gzip')
 */
export function pgliteDatabaseOf(connection: DialectConnection): Pglite | undefined {
  return databases.get(connection)
}

interface PgliteClass {
  create(dataDir?: string): Promise<Pglite>
}

/**
 * Opens (creating if needed) a PGlite database. Connect options are accepted for the
 * interface's sake; an in-process database has no timeout or application name.
 *
 * @example
 * const connection = await connectPglite(postgresDialect, parseUrl('pglite:memory:'))
 */
export async function connectPglite(
  dialect: Dialect,
  url: DatabaseUrl,
  _options: ConnectOptions = {},
): Promise<DialectConnection> {
  const module = (await loadDriver('@electric-sql/pglite', 'PGlite')) as { PGlite?: PgliteClass }
  const PGlite = module.PGlite
  if (!PGlite) {
    throw new ConnectionError(
      'DRIVER_LOAD_FAILED',
      "The '@electric-sql/pglite' package has no PGlite export",
    )
  }
  const memory = url.path === undefined || url.path === ':memory:'
  const dataDir = memory ? undefined : resolve(url.path as string)
  let database: Pglite
  try {
    database = await PGlite.create(dataDir)
  } catch (error) {
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `Cannot open the PGlite database ${dataDir ? `in '${dataDir}'` : 'in memory'}: ${(error as Error)?.message ?? String(error)}`,
      { cause: error },
    )
  }
  const session = new PostgresSession({
    dialect,
    kysely: () => pgliteKysely(database),
    client: {
      async query(sql, parameters) {
        const result = await database.query(sql, [...parameters])
        return {
          rows: result.rows as Record<string, unknown>[],
          affectedRows: result.affectedRows ?? 0,
          command: result.command?.toUpperCase(),
        }
      },
      async exec(script) {
        await database.exec(script)
      },
      usable: () => !database.closed,
      close: () => database.close(),
    },
  })
  databases.set(session, database)
  return session
}
