/**
 * Scratch databases for `stratum verify` on PostgreSQL: PGlite in memory by default, so a
 * verification needs no server and never connects to the project's; a throwaway database
 * on a server when `--scratch-url postgres://...` names one (for extensions PGlite lacks).
 */

import type { DatabaseUrl } from '../../config/url.js'
import { ConfigError } from '../../errors.js'
import type { DialectConnection, DialectScratch } from '../dialect.js'
import { createServerScratch } from '../scratch-database.js'
import { quoteIdentifier } from './quote.js'

const IN_MEMORY: DatabaseUrl = Object.freeze({
  dialect: 'pglite',
  driverScheme: 'pglite',
  path: ':memory:',
  params: Object.freeze({}),
}) as DatabaseUrl

// Every schema but PostgreSQL's own (pg_catalog, pg_toast, pg_temp_N...).
const SCHEMAS_SQL = `SELECT nspname::text AS name FROM pg_namespace
WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`

/**
 * The PostgreSQL dialect's scratch databases; `connect` opens a server connection.
 *
 * @example
 * const scratch = postgresScratch((url) => connectPostgres(postgresDialect, url))
 * const db = await scratch.create(scratch.server(parseUrl('postgres://app@db/shop')), mask) // PGlite in memory
 */
export function postgresScratch(
  connect: (url: DatabaseUrl) => Promise<DialectConnection>,
): DialectScratch {
  return {
    server: () => IN_MEMORY,
    async create(server, mask) {
      if (server.dialect === 'postgres') {
        return createServerScratch({
          server,
          adminDatabase: server.database ?? 'postgres',
          connect,
          quoteIdentifier,
          mask,
        })
      }
      if (server.path !== undefined && server.path !== ':memory:') {
        throw new ConfigError(
          'SCRATCH_URL_INVALID',
          `A scratch PGlite database must be in memory, not the folder '${server.path}'`,
          {
            hint: 'Use pglite:memory:, or a postgres:// server where a throwaway database can be created.',
          },
        )
      }
      return { url: IN_MEMORY, description: 'PGlite in memory', drop: async () => {} }
    },
    async schemas(connection) {
      const { rows } = await connection.query(SCHEMAS_SQL)
      return rows.map((row) => String(row.name))
    },
  }
}
