/**
 * Scratch databases for `stratum verify` on MySQL/MariaDB: a throwaway database on the
 * project's server (or the `--scratch-url` one), created and dropped over a connection to
 * `information_schema`, so the project's own database is never opened.
 */
import type { DatabaseUrl } from '../../config/url.js'
import type { DialectConnection, DialectScratch } from '../dialect.js'
import { createServerScratch } from '../scratch-database.js'
import { quoteIdentifier } from './quote.js'

/**
 * The MySQL dialect's scratch databases; `connect` opens a connection.
 *
 * @example
 * const scratch = mysqlScratch((url) => mysqlDialect.connect(url))
 * const db = await scratch.create(scratch.server(parseUrl('mysql://root@db/shop')), mask)
 * db.description // 'stratum_verify_5f0c1e2d3a4b on db:3306'
 */
export function mysqlScratch(
  connect: (url: DatabaseUrl) => Promise<DialectConnection>,
): DialectScratch {
  return {
    server: (url) => url,
    create: (server, mask) =>
      createServerScratch({
        server,
        adminDatabase: 'information_schema',
        connect,
        quoteIdentifier,
        mask,
      }),
  }
}
