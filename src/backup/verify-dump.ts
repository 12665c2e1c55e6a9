/**
 * What a restore checks before it touches the database: the file exists, its checksum file
 * is there and matches (an altered or truncated file does not), and the dialect recognises
 * a complete dump of its own (the last line pg_dump or mariadb-dump writes, SQLite's
 * header and integrity check, a whole PGlite tarball).
 */
import { stat } from 'node:fs/promises'
import { basename, resolve } from 'node:path'
import type { DatabaseUrl } from '../config/url.js'
import type { DialectBackup } from '../dialects/dialect.js'
import { BackupError } from '../errors.js'
import { checksumPathOf, digestFile, readChecksumFile } from './checksum.js'
import { type DumpName, parseDumpFileName } from './file-name.js'

/** A dump that passed every check. */
export interface VerifiedDump {
  /** Absolute path. */
  readonly path: string
  readonly bytes: number
  readonly sha256: string
  /** What its name says (database, time, revision, kind), when Stratum named it. */
  readonly name: DumpName | undefined
}

function refused(problem: string, hint: string, cause?: unknown): BackupError {
  return new BackupError('RESTORE_FILE_INVALID', `${problem}; the database was not touched`, {
    cause,
    hint,
  })
}

/**
 * Checks `file` as a dump of `url`'s database; throws `BackupError` `RESTORE_FILE_INVALID`
 * naming the problem otherwise. Reads only the file and its checksum file.
 *
 * @example
 * const dump = await verifyDump({ backup: postgresDialect.backup!, url, file: 'migrations/dumps/shop_20261126T230501Z_base.sql' })
 */
export async function verifyDump(options: {
  readonly backup: DialectBackup
  readonly url: DatabaseUrl
  readonly file: string
}): Promise<VerifiedDump> {
  const path = resolve(options.file)
  const info = await stat(path).catch(() => undefined)
  if (info === undefined || !info.isFile()) {
    throw refused(`No dump file at ${path}`, 'Give the path of a dump (stratum backup prints it).')
  }
  const checksumPath = checksumPathOf(path)
  const expected = await readChecksumFile(path).catch((error: unknown) => {
    throw refused(
      `${checksumPath} is not a checksum file (${(error as Error).message})`,
      'It should hold one line: <sha256>  <file name>.',
      error,
    )
  })
  if (expected === undefined) {
    throw refused(
      `${path} has no checksum file (${basename(checksumPath)}), so Stratum cannot tell whether it is intact`,
      `Stratum writes one beside each dump; if you trust this file, write it yourself: sha256sum ${basename(path)} > ${basename(checksumPath)}`,
    )
  }
  const digest = await digestFile(path)
  if (digest.sha256 !== expected) {
    throw refused(
      `${path} does not match its checksum (sha256 ${digest.sha256.slice(0, 12)}…, recorded ${expected.slice(0, 12)}…): it was altered or truncated`,
      'Restore another dump, or take a new one with stratum backup.',
    )
  }
  await options.backup.verify(path, options.url)
  return { path, ...digest, name: parseDumpFileName(basename(path)) }
}
