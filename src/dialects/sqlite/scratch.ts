/** Scratch databases for `stratum verify` on SQLite: always in memory. */
import type { DatabaseUrl } from '../../config/url.js'
import { ConfigError } from '../../errors.js'
import type { DialectScratch } from '../dialect.js'

const IN_MEMORY: DatabaseUrl = Object.freeze({
  dialect: 'sqlite',
  driverScheme: 'sqlite',
  path: ':memory:',
  params: Object.freeze({}),
}) as DatabaseUrl

/**
 * The SQLite dialect's scratch databases: `sqlite::memory:`, gone when its connection closes.
 *
 * @example
 * const db = await sqliteScratch.create(sqliteScratch.server(parseUrl('sqlite:app.db')), mask)
 * db.description // 'SQLite in memory'
 */
export const sqliteScratch: DialectScratch = Object.freeze({
  server: () => IN_MEMORY,
  async create(server: DatabaseUrl) {
    if (server.path !== undefined && server.path !== ':memory:') {
      throw new ConfigError(
        'SCRATCH_URL_INVALID',
        `A scratch SQLite database must be in memory, not the file '${server.path}'`,
        { hint: 'Use sqlite::memory: (verify never writes to a file it did not create).' },
      )
    }
    return { url: IN_MEMORY, description: 'SQLite in memory', drop: async () => {} }
  },
})
