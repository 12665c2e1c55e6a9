/**
 * Backups of PGlite databases with PGlite's own dump: the whole data folder as a gzipped
 * tarball (`dumpDataDir`). A restore loads the tarball into a new folder beside the
 * database, opens it once to prove it works, then swaps the folders, so a failure leaves
 * the database as it was. Always the whole database: PGlite has no schema-only dump.
 */
import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { createGunzip } from 'node:zlib'
import type { DatabaseUrl } from '../../config/url.js'
import { BackupError } from '../../errors.js'
import type { DialectBackup, DumpOptions, RestoreOptions } from '../dialect.js'
import { invalidDump } from '../dump-file.js'
import { loadDriver } from './load-driver.js'
import { pgliteDatabaseOf } from './pglite-connection.js'

interface LoadedPglite {
  query(sql: string): Promise<unknown>
  close(): Promise<void>
}

interface PgliteLoader {
  create(dataDir: string, options: { loadDataDir: Blob }): Promise<LoadedPglite>
}

/** The data folder of a `pglite:` URL; in-memory databases have none to back up. */
function dataFolder(url: DatabaseUrl, restoring: boolean): string {
  if (url.path === undefined || url.path === ':memory:') {
    throw new BackupError(
      'BACKUP_UNSUPPORTED',
      `pglite:memory: lives only in this process: there is no database folder to ${restoring ? 'restore' : 'back up'}`,
      { hint: 'Use a folder (pglite:./data) or turn backup.beforeUpgrade off for this database.' },
    )
  }
  return resolve(url.path)
}

async function dump(options: DumpOptions): Promise<void> {
  dataFolder(options.url, false)
  if (options.schemaOnly) {
    throw new BackupError(
      'BACKUP_UNSUPPORTED',
      'PGlite dumps are the whole data folder: --schema-only is not available for pglite: URLs',
      { hint: 'Take a full backup (stratum backup) instead.' },
    )
  }
  const database = pgliteDatabaseOf(options.connection)
  if (database === undefined) {
    throw new BackupError('BACKUP_FAILED', 'The connection is not a PGlite connection')
  }
  const tarball = await database.dumpDataDir('gzip')
  try {
    await writeFile(options.file, Buffer.from(await tarball.arrayBuffer()))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new BackupError('BACKUP_FAILED', `Cannot write ${options.file}: ${code}`, {
      cause: error,
    })
  }
}

/**
 * Checks a tarball without loading it: the gzip stream ends properly (a truncated file does
 * not), the tar ends with its zero blocks, and the first entry is the data folder's
 * `PG_VERSION`.
 */
async function verify(file: string): Promise<void> {
  let first: Buffer | undefined
  let last = Buffer.alloc(0)
  let size = 0
  try {
    for await (const chunk of createReadStream(file).pipe(createGunzip())) {
      const data = chunk as Buffer
      if (first === undefined) first = data.subarray(0, 512)
      last = Buffer.concat([last, data]).subarray(-1024)
      size += data.length
    }
  } catch (error) {
    throw invalidDump(file, `its gzip data is damaged (${(error as Error).message})`, error)
  }
  const name = first?.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '') ?? ''
  if (!/(^|\/)PG_VERSION$/.test(name)) {
    throw invalidDump(file, 'it is not a PGlite data folder tarball (no PG_VERSION first)')
  }
  if (size % 512 !== 0 || last.length < 1024 || last.some((byte) => byte !== 0)) {
    throw invalidDump(file, 'its tar archive ends early (truncated?)')
  }
}

async function restore(options: RestoreOptions): Promise<void> {
  const folder = dataFolder(options.url, true)
  const module = (await loadDriver('@electric-sql/pglite', 'PGlite')) as { PGlite: PgliteLoader }
  const suffix = randomBytes(4).toString('hex')
  const incoming = join(dirname(folder), `.${basename(folder)}.restoring-${suffix}`)
  const outgoing = join(dirname(folder), `.${basename(folder)}.replaced-${suffix}`)
  try {
    const loaded = await module.PGlite.create(incoming, {
      loadDataDir: new Blob([await readFile(options.file)]),
    })
    await loaded.query('SELECT 1')
    await loaded.close()
  } catch (error) {
    await rm(incoming, { recursive: true, force: true })
    throw new BackupError(
      'RESTORE_FAILED',
      `PGlite could not load ${options.file}: ${options.mask((error as Error).message ?? String(error))}; the database was not touched`,
      { cause: error },
    )
  }
  // One process may hold a PGlite folder once: close ours before the swap.
  await options.connection.close()
  await rename(folder, outgoing)
  try {
    await rename(incoming, folder)
  } catch (error) {
    await rename(outgoing, folder)
    throw new BackupError(
      'RESTORE_FAILED',
      `Cannot move the restored data folder into place at ${folder}: ${(error as NodeJS.ErrnoException).code ?? error}; the database was not touched`,
      { cause: error },
    )
  }
  await rm(outgoing, { recursive: true, force: true })
}

/** Backups of `pglite:` databases. */
export const pgliteBackup: DialectBackup = {
  extension: () => '.tar.gz',
  dump,
  verify: (file) => verify(file),
  restore,
}
