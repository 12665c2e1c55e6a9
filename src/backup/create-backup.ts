/**
 * Taking one dump: a name in the dumps folder, the dialect's dump written to
 * `<name>.partial`, checked as a restore would check it, its checksum file written, then
 * the rename that makes it a dump; retention last. Whatever fails, the partial file is
 * deleted, so nothing in the folder looks like a dump that is not one.
 */
import { mkdir, open, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { DatabaseUrl } from '../config/url.js'
import type { DialectBackup, DialectConnection } from '../dialects/dialect.js'
import { BackupError } from '../errors.js'
import type { TableTarget } from '../operations/types.js'
import { digestFile, writeChecksumFile } from './checksum.js'
import { databaseLabel, dumpFileName, revisionLabel } from './file-name.js'
import { type PruneResult, pruneDumps } from './retention.js'

/** What {@link createBackup} needs. */
export interface CreateBackupOptions {
  readonly connection: DialectConnection
  readonly url: DatabaseUrl
  /** The dumps folder (created if missing). */
  readonly folder: string
  /** How many dumps of this database and kind to keep; undefined keeps all. */
  readonly keep: number | undefined
  /** The database's current revisions (named in the file name). */
  readonly revisions: readonly string[]
  readonly schemaOnly: boolean
  /** Tables whose rows a schema-only dump keeps (Stratum's version and history tables). */
  readonly keepRowsOf: readonly TableTarget[]
  readonly mask: (text: string) => string
  /** The time the name records (default now). */
  readonly now?: Date
}

/** A dump that was written. */
export interface BackupResult {
  /** Absolute path of the dump. */
  readonly path: string
  /** Absolute path of its checksum file (`<path>.sha256`). */
  readonly checksumPath: string
  readonly bytes: number
  /** Hex SHA-256 of the dump. */
  readonly sha256: string
  /** The database part of the name. */
  readonly database: string
  /** The revisions the database was at (`[]` at base). */
  readonly revisions: readonly string[]
  readonly schemaOnly: boolean
  /** When it was taken (ISO 8601, UTC). */
  readonly takenAt: string
  /** Older dumps deleted by retention. */
  readonly deleted: readonly string[]
  /** Older dumps retention could not delete, with the reason. */
  readonly retentionFailures: readonly { readonly path: string; readonly reason: string }[]
}

/**
 * The dialect's backup support, or a `BackupError` `BACKUP_UNSUPPORTED` naming the dialect.
 *
 * @example
 * const backup = backupSupport(connection.dialect)
 */
export function backupSupport(dialect: {
  readonly name: string
  readonly backup?: DialectBackup
}): DialectBackup {
  if (dialect.backup !== undefined) return dialect.backup
  throw new BackupError(
    'BACKUP_UNSUPPORTED',
    `The dialect '${dialect.name}' cannot back up: it has no backup support`,
    {
      hint: 'Back the database up with its own tools, or give the dialect a backup implementation.',
    },
  )
}

function folderFailure(folder: string, error: unknown): BackupError {
  const code = (error as NodeJS.ErrnoException).code ?? String(error)
  return new BackupError('BACKUP_FAILED', `Cannot write to the backup folder ${folder}: ${code}`, {
    cause: error,
    hint: 'Make the folder writable, or point backup.folder in the config at one that is.',
  })
}

/** Claims a new name in the folder by creating its `.partial` file (mode 0600: dumps hold data). */
async function claimName(
  options: CreateBackupOptions,
  extension: string,
): Promise<{ path: string; partial: string; database: string; takenAt: Date }> {
  const database = databaseLabel(options.url)
  const takenAt = options.now ?? new Date()
  const revision = revisionLabel(options.revisions)
  for (let sequence = 1; ; sequence++) {
    const name = dumpFileName({
      database,
      takenAt,
      sequence,
      revision,
      schemaOnly: options.schemaOnly,
      extension,
    })
    const path = join(options.folder, name)
    if (
      await stat(path).then(
        () => true,
        () => false,
      )
    )
      continue
    const partial = `${path}.partial`
    try {
      await (await open(partial, 'wx', 0o600)).close()
      return { path, partial, database, takenAt }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw folderFailure(options.folder, error)
    }
  }
}

/** Retention after a complete dump; a folder that cannot be listed is reported, not thrown. */
async function prune(options: CreateBackupOptions, database: string): Promise<PruneResult> {
  const { folder, schemaOnly, keep } = options
  return pruneDumps({ folder, database, schemaOnly, keep }).catch((error: unknown) => ({
    deleted: [],
    failed: [{ path: folder, reason: (error as NodeJS.ErrnoException).code ?? String(error) }],
  }))
}

/**
 * Writes a complete dump of the connected database into the dumps folder and applies
 * retention. Throws a `BackupError` (`BACKUP_TOOL_MISSING`, `BACKUP_FAILED`,
 * `BACKUP_UNSUPPORTED`) after deleting whatever it had written.
 *
 * @example
 * const dump = await createBackup({ connection, url, folder: '/app/migrations/dumps', keep: 10,
 *   revisions: ['3f2a9c1b7d4e'], schemaOnly: false, keepRowsOf: [], mask: (t) => t })
 * dump.path // '/app/migrations/dumps/shop_20261126T230501Z_3f2a9c1b7d4e.sql'
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  const backup = backupSupport(options.connection.dialect)
  const extension = backup.extension(options.url)
  await mkdir(options.folder, { recursive: true }).catch((error: unknown) => {
    throw folderFailure(options.folder, error)
  })
  const { path, partial, database, takenAt } = await claimName(options, extension)
  let checksumPath: string | undefined
  try {
    await backup.dump({
      url: options.url,
      file: partial,
      connection: options.connection,
      schemaOnly: options.schemaOnly,
      keepRowsOf: options.keepRowsOf,
      mask: options.mask,
    })
    await backup.verify(partial, options.url).catch((error: unknown) => {
      throw new BackupError(
        'BACKUP_FAILED',
        `The dump tool finished but ${partial} is not a complete dump (${(error as Error).message})`,
        { cause: error },
      )
    })
    const digest = await digestFile(partial)
    checksumPath = await writeChecksumFile(path, digest.sha256)
    await rename(partial, path)
    const pruned = await prune(options, database)
    return {
      path,
      checksumPath,
      ...digest,
      database,
      revisions: [...options.revisions].sort(),
      schemaOnly: options.schemaOnly,
      takenAt: takenAt.toISOString(),
      deleted: pruned.deleted,
      retentionFailures: pruned.failed,
    }
  } catch (error) {
    await rm(partial, { force: true })
    if (checksumPath !== undefined) await rm(checksumPath, { force: true })
    if (error instanceof BackupError) throw error
    const code = (error as NodeJS.ErrnoException).code
    throw new BackupError(
      'BACKUP_FAILED',
      `Cannot write the dump ${partial}: ${options.mask(code ?? (error as Error)?.message ?? String(error))}`,
      { cause: error, hint: 'Check that the disk has room and that the folder is writable.' },
    )
  }
}
