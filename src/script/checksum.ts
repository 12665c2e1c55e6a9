/**
 * The checksum of a revision file, as the history table records it: the SHA-256 of the
 * text with a byte-order mark removed and CRLF line endings turned into LF, so a checkout
 * on Windows (or an editor adding a BOM) does not count as a change.
 */
import { createHash } from 'node:crypto'

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
