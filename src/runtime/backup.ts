/**
 * Where backups meet a run: the dump `upgrade` writes before it changes anything, and the
 * `backup` and `restore` commands, each under the migration lock so that no run changes
 * the database halfway through a dump or a restore. The work is in `src/backup/`.
 */
import {
  type BackupResult,
  backupSupport,
  createBackup,
  restoreDump,
  type VerifiedDump,
  verifyDump,
} from '../backup/index.js'
import type { DatabaseUrl } from '../config/url.js'
import type { DialectConnection } from '../dialects/dialect.js'
import { dialectFor } from '../dialects/registry.js'
import { BackupError } from '../errors.js'
import { type DatabaseContext, locked } from './database-context.js'
import { readVersionRows } from './version-table.js'

/** Where dumps go and how many stay (the config's `backup`), and the database's URL. */
export interface BackupSettings {
  readonly url: DatabaseUrl
  readonly folder: string
  readonly keep: number | undefined
}

function dumpOf(context: DatabaseContext, settings: BackupSettings, revisions: readonly string[]) {
  return {
    connection: context.connection,
    url: settings.url,
    folder: settings.folder,
    keep: settings.keep,
    revisions,
    keepRowsOf: [context.tables.version, context.tables.history],
    mask: context.mask,
  }
}

/**
 * The step `upgrade` runs under the lock, after planning and before any change, when it has
 * revisions to apply: a full dump, announced with the `backup` event. A failure is a
 * `BackupError` saying that the upgrade did not start and how to skip the backup.
 *
 * @example
 * const context = { ...base, backup: backupBeforeUpgrade(base, settings) }
 */
export function backupBeforeUpgrade(
  context: DatabaseContext,
  settings: BackupSettings,
): (rows: readonly string[]) => Promise<BackupResult> {
  return async (rows) => {
    let result: BackupResult
    try {
      result = await createBackup({ ...dumpOf(context, settings, rows), schemaOnly: false })
    } catch (error) {
      if (!(error instanceof BackupError)) throw error
      throw new BackupError(
        error.code,
        `The backup before upgrade failed, so the upgrade did not start: ${error.message}`,
        {
          cause: error,
          hint: `${error.hint === undefined ? '' : `${error.hint} `}To upgrade without a backup: stratum upgrade --no-backup.`,
        },
      )
    }
    context.events.emit('backup', result)
    return result
  }
}

/**
 * `stratum backup`: a dump of the database at its current revisions, under the lock.
 *
 * @example
 * const dump = await backupOnline(context, settings, { schemaOnly: false })
 */
export function backupOnline(
  context: DatabaseContext,
  settings: BackupSettings,
  options: { readonly schemaOnly: boolean },
): Promise<BackupResult> {
  return locked(context, async () => {
    const rows = (await readVersionRows(context.connection, context.tables.version)) ?? []
    const result = await createBackup({ ...dumpOf(context, settings, rows), ...options })
    context.events.emit('backup', result)
    return result
  })
}

/**
 * Checks a dump as `restore` would, without connecting.
 *
 * @example
 * const dump = await verifyBackup(parseUrl(config.url), 'migrations/dumps/shop_20261126T230501Z_base.sql')
 */
export async function verifyBackup(url: DatabaseUrl, file: string): Promise<VerifiedDump> {
  const backup = backupSupport(await dialectFor(url))
  return verifyDump({ backup, url, file })
}

/** Options of `Migrator.backup`. */
export interface BackupOptions {
  /** Only the structure (and Stratum's own rows, so that it restores at its revision). */
  readonly schemaOnly?: boolean
  readonly lockTimeoutMs?: number
}

/** What `Migrator.restore` returns: the dump restored, and the version rows it brought back. */
export interface RestoreResult extends VerifiedDump {
  /** The version-table rows after the restore, sorted (`[]` at base). */
  readonly current: readonly string[]
}

/**
 * `stratum restore`: verifies `file`, then replaces the database's content with it, under
 * the lock; then reads the version rows on a new connection from `reopen` (the old one may
 * have been closed, as PGlite's is, and no longer describes the database anyway).
 *
 * @example
 * await restoreOnline({ context, url, file: 'migrations/dumps/shop_20261126T230501Z_base.sql', reopen })
 */
export async function restoreOnline(options: {
  readonly context: DatabaseContext
  readonly url: DatabaseUrl
  readonly file: string
  readonly reopen: () => Promise<DialectConnection>
}): Promise<RestoreResult> {
  const { context, url, file } = options
  const dump = await locked(context, () =>
    restoreDump({ connection: context.connection, url, file, mask: context.mask }),
  )
  const connection = await options.reopen()
  const current = (await readVersionRows(connection, context.tables.version)) ?? []
  return { ...dump, current }
}
