/**
 * Checksums of revision files, as recorded in the history table: the SHA-256 of the text
 * with a byte-order mark removed and CRLF line endings turned into LF, so a checkout on
 * Windows (or an editor adding a BOM) does not count as a change.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'

/**
 * The checksum of a revision file's text (hex SHA-256 of the normalised text).
 *
 * @example
 * checksumOf('a\r\nb') === checksumOf('\uFEFFa\nb') // true
 */
export function checksumOf(text: string): string {
  const normalised = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r\n/g, '\n')
  return createHash('sha256').update(normalised, 'utf8').digest('hex')
}

/**
 * Reads a file and returns its checksum.
 *
 * @example
 * await fileChecksum('/app/migrations/versions/20261126_1030-3f2a9c1b7d4e_add_users.ts')
 */
export async function fileChecksum(path: string): Promise<string> {
  return checksumOf(await readFile(path, 'utf8'))
}

/**
 * Checksums of several files, read concurrently; a file that cannot be read maps to
 * `undefined` (the caller reports it as missing).
 *
 * @example
 * const sums = await fileChecksums(['/a.ts', '/b.ts']) // Map { '/a.ts' => 'e3b0...', ... }
 */
export async function fileChecksums(
  paths: readonly string[],
): Promise<Map<string, string | undefined>> {
  const entries = await Promise.all(
    paths.map(async (path) => [path, await fileChecksum(path).catch(() => undefined)] as const),
  )
  return new Map(entries)
}
