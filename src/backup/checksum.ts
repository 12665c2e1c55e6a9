/**
 * The checksum file beside each dump: `<dump>.sha256`, one line in the format of
 * `sha256sum` (`<hex>  <file name>`), so `sha256sum -c app_...sql.sha256` checks it too.
 */
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { basename } from 'node:path'

/** A file's SHA-256 and size. */
export interface FileDigest {
  /** Lower-case hex. */
  readonly sha256: string
  readonly bytes: number
}

/**
 * Streams a file through SHA-256.
 *
 * @example
 * const { sha256, bytes } = await digestFile('migrations/dumps/shop_20261126T230501Z_base.sql')
 */
export async function digestFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256')
  let bytes = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    bytes += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), bytes }
}

/** The path of a dump's checksum file. */
export function checksumPathOf(dump: string): string {
  return `${dump}.sha256`
}

/**
 * Writes `<dump>.sha256` for a dump, refusing to overwrite one.
 *
 * @example
 * await writeChecksumFile('dumps/shop_20261126T230501Z_base.sql', 'e3b0c442...')
 * // dumps/shop_20261126T230501Z_base.sql.sha256: "e3b0c442...  shop_20261126T230501Z_base.sql\n"
 */
export async function writeChecksumFile(dump: string, sha256: string): Promise<string> {
  const path = checksumPathOf(dump)
  await writeFile(path, `${sha256}  ${basename(dump)}\n`, { flag: 'wx' })
  return path
}

/**
 * The hex SHA-256 a checksum file records, or undefined when the file does not exist; a
 * file that does not hold one `sha256sum` line is an `Error` naming the problem.
 *
 * @example
 * await readChecksumFile('dumps/shop_20261126T230501Z_base.sql') // 'e3b0c442...'
 */
export async function readChecksumFile(dump: string): Promise<string | undefined> {
  const path = checksumPathOf(dump)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const match = /^([0-9a-fA-F]{64}) [ *](.+)$/m.exec(text)
  if (match === null) throw new Error(`${path} does not hold a sha256sum line`)
  return (match[1] ?? '').toLowerCase()
}
