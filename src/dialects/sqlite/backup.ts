/**
 * Backups of SQLite files with SQLite's online backup API (better-sqlite3's `backup`): a
 * consistent copy even while other connections write, and a restore that copies the dump
 * back page by page under SQLite's own locks. A dump is a self-contained database file
 * (rollback journal, no `-wal`); a schema-only dump is the same file with its rows deleted
 * (but Stratum's own tables') and vacuumed.
 */
import { resolve } from 'node:path'
import type { DatabaseUrl } from '../../config/url.js'
import { BackupError } from '../../errors.js'
import type { DialectBackup, DumpOptions, RestoreOptions } from '../dialect.js'
import { invalidDump, readHeader } from '../dump-file.js'
import { type DriverDatabase, loadDriver } from './driver.js'
import { quoteIdentifier } from './quote.js'

/** The part of better-sqlite3's `Database` a backup uses. */
interface BackupDatabase extends DriverDatabase {
  backup(destination: string): Promise<unknown>
  pragma(source: string, options?: { simple?: boolean }): unknown
}

type Open = (
  path: string,
  options?: { readonly?: boolean; fileMustExist?: boolean },
) => BackupDatabase

async function opener(): Promise<Open> {
  const Database = await loadDriver()
  return (path, options) => new Database(path, options) as BackupDatabase
}

/** The database file of a `sqlite:` URL, resolved as the connection resolves it. */
function databaseFile(url: DatabaseUrl, restoring: boolean): string {
  if (url.path === undefined || url.path === ':memory:') {
    throw new BackupError(
      'BACKUP_UNSUPPORTED',
      `sqlite::memory: lives only in this process: there is no database file to ${restoring ? 'restore' : 'back up'}`,
      { hint: 'Use a file (sqlite:app.db) or turn backup.beforeUpgrade off for this database.' },
    )
  }
  return resolve(process.cwd(), url.path)
}

/** What an SQLite error means for a backup, for the message. */
function sqliteFailure(code: string, message: string, error: unknown): BackupError {
  return new BackupError(code, message, {
    cause: error,
    hint: 'Check that the disk has room, that the file size limit (ulimit -f) allows the file, and that the folder is writable.',
  })
}

function errorText(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string }
  return code === undefined ? String(message ?? error) : `${code} (${message})`
}

/** Deletes every row but those of `keep`, so that the copy holds only the structure. */
function emptyTables(copy: BackupDatabase, keep: ReadonlySet<string>): void {
  const tables = copy
    .prepare("SELECT name, type FROM pragma_table_list WHERE schema = 'main'")
    .all() as {
    name: string
    type: string
  }[]
  copy.exec('PRAGMA foreign_keys = OFF')
  for (const { name, type } of tables) {
    if (name.startsWith('sqlite_') || keep.has(name)) continue
    if (type === 'table' || type === 'virtual') copy.exec(`DELETE FROM ${quoteIdentifier(name)}`)
  }
  if (tables.some((table) => table.name === 'sqlite_sequence')) {
    const kept = [...keep].map((name) => `'${name.replaceAll("'", "''")}'`).join(', ')
    copy.exec(`DELETE FROM sqlite_sequence WHERE name NOT IN (${kept || "''"})`)
  }
  copy.exec('VACUUM')
}

async function dump(options: DumpOptions): Promise<void> {
  const source = databaseFile(options.url, false)
  const open = await opener()
  let step = `read ${source}`
  try {
    const database = open(source, { readonly: true, fileMustExist: true })
    try {
      step = `write ${options.file}`
      await database.backup(options.file)
    } finally {
      database.close()
    }
    const copy = open(options.file, { fileMustExist: true })
    try {
      copy.pragma('journal_mode = DELETE')
      if (options.schemaOnly) emptyTables(copy, new Set(options.keepRowsOf.map((t) => t.table)))
    } finally {
      copy.close()
    }
  } catch (error) {
    if (error instanceof BackupError) throw error
    throw sqliteFailure('BACKUP_FAILED', `Cannot ${step}: ${errorText(error)}`, error)
  }
}

/**
 * The header names SQLite, the file is as long as the header says (a truncated copy is
 * not), and `PRAGMA integrity_check` says `ok`.
 */
async function verify(file: string): Promise<void> {
  const header = await readHeader(file, 100)
  if (
    header.bytes.length < 100 ||
    header.bytes.subarray(0, 16).toString('latin1') !== 'SQLite format 3\0'
  ) {
    throw invalidDump(file, 'it is not an SQLite database file')
  }
  const rawPageSize = header.bytes.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize
  const pages = header.bytes.readUInt32BE(28)
  const sizeValid = header.bytes.readUInt32BE(92) === header.bytes.readUInt32BE(24)
  if (sizeValid && pages * pageSize !== header.size) {
    throw invalidDump(
      file,
      `it holds ${header.size} bytes where its header says ${pages * pageSize} (truncated?)`,
    )
  }
  const open = await opener()
  let result: unknown
  try {
    const database = open(file, { readonly: true, fileMustExist: true })
    try {
      result = database.pragma('integrity_check', { simple: true })
    } finally {
      database.close()
    }
  } catch (error) {
    throw invalidDump(file, `SQLite cannot read it (${errorText(error)})`, error)
  }
  if (result !== 'ok') throw invalidDump(file, `PRAGMA integrity_check says: ${String(result)}`)
}

async function restore(options: RestoreOptions): Promise<void> {
  const target = databaseFile(options.url, true)
  const open = await opener()
  try {
    const dumpFile = open(options.file, { readonly: true, fileMustExist: true })
    try {
      await dumpFile.backup(target)
    } finally {
      dumpFile.close()
    }
  } catch (error) {
    throw sqliteFailure(
      'RESTORE_FAILED',
      `Cannot copy ${options.file} into ${target}: ${errorText(error)}`,
      error,
    )
  }
}

/** Backups of `sqlite:` databases. */
export const sqliteBackup: DialectBackup = {
  extension: () => '.db',
  dump,
  verify: (file) => verify(file),
  restore,
}
