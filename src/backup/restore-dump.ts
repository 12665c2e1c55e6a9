/**
 * Restoring a dump: every check of `verifyDump` first, then the dialect replaces the
 * database's content with the dump's.
 */
import type { DatabaseUrl } from '../config/url.js'
import type { DialectConnection } from '../dialects/dialect.js'
import { backupSupport } from './create-backup.js'
import { type VerifiedDump, verifyDump } from './verify-dump.js'

/**
 * Verifies `file` (nothing is touched when it is truncated, altered or of another kind),
 * then restores it over the connected database. The connection may be closed afterwards
 * (PGlite reopens its folder): reconnect before using the database again.
 *
 * @example
 * await restoreDump({ connection, url, file: 'migrations/dumps/shop_20261126T230501Z_base.sql', mask })
 */
export async function restoreDump(options: {
  readonly connection: DialectConnection
  readonly url: DatabaseUrl
  readonly file: string
  readonly mask: (text: string) => string
}): Promise<VerifiedDump> {
  const backup = backupSupport(options.connection.dialect)
  const dump = await verifyDump({ backup, url: options.url, file: options.file })
  await backup.restore({
    url: options.url,
    file: dump.path,
    connection: options.connection,
    mask: options.mask,
  })
  return dump
}
