/** Empties a corpus database after a failed scenario, so the next one starts clean. */
import { rmSync } from 'node:fs'
import { parseUrl } from '../../../src/config/url.js'
import { withConnection } from '../targets.js'

/**
 * Drops every table (Stratum's too), enum type and extra schema: PostgreSQL and PGlite
 * recreate `public`, MariaDB drops its tables one by one, SQLite loses its file.
 */
export async function resetDatabase(url: string): Promise<void> {
  const parsed = parseUrl(url)
  if (url.startsWith('sqlite:')) {
    if (parsed.path !== undefined) rmSync(parsed.path, { force: true })
    return
  }
  await withConnection(url, async (connection) => {
    if (connection.dialect.name === 'mysql') {
      const { rows } = await connection.query(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
      )
      await connection.query('SET FOREIGN_KEY_CHECKS = 0')
      for (const row of rows) await connection.query(`DROP TABLE \`${String(row.name)}\``)
      await connection.query('SET FOREIGN_KEY_CHECKS = 1')
      return
    }
    await connection.query('DROP SCHEMA IF EXISTS billing CASCADE')
    await connection.query('DROP SCHEMA public CASCADE')
    await connection.query('CREATE SCHEMA public')
  })
}
