/**
 * Quoting for MySQL and MariaDB: identifiers in backticks, and literals that read the
 * same whether or not the session has `NO_BACKSLASH_ESCAPES` in its `sql_mode`.
 *
 * A plain quoted string cannot carry a backslash in a mode-independent way (`'\\'`
 * is one backslash by default and two under `NO_BACKSLASH_ESCAPES`), so strings that
 * contain one (or a NUL, or Ctrl-Z, which some clients read as end of file) are
 * written as UTF-8 hex with a character set introducer: `_utf8mb4 X'5c'`. That form
 * is a string literal wherever an expression is allowed. Where MySQL's grammar takes
 * only a plain quoted string (COMMENT, ENUM values) see `plainString` and
 * `modeIndependent` in statement.ts.
 */
import { MigrationError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'
import { hasSupplementary } from './statement.js'

/** MySQL and MariaDB reject identifiers longer than 64 characters. */
export const MAX_IDENTIFIER_LENGTH = 64

/** Strings written as hex: those with a backslash, NUL, or Ctrl-Z. */
const needsHex = (text: string) =>
  text.includes('\\') || text.includes('\0') || text.includes('\x1a')

/**
 * Quotes one identifier in backticks, doubling backticks inside. Names longer than 64
 * characters are rejected (MigrationError `IDENTIFIER_TOO_LONG`), never truncated.
 *
 * @example
 * quoteIdentifier('order')   // '`order`'
 * quoteIdentifier('a`b')     // '`a``b`'
 */
export function quoteIdentifier(name: string): string {
  const length = [...name].length
  if (length > MAX_IDENTIFIER_LENGTH) {
    throw new MigrationError(
      'IDENTIFIER_TOO_LONG',
      `Identifier '${name}' is ${length} characters long; MySQL allows at most ${MAX_IDENTIFIER_LENGTH}`,
      { hint: 'Choose a shorter name.' },
    )
  }
  if (name.includes('\0') || hasSupplementary(name)) {
    throw new MigrationError(
      'IDENTIFIER_INVALID',
      `Identifier '${name}' holds a NUL or a character outside the Basic Multilingual Plane (such as an emoji), which MySQL does not allow in names`,
    )
  }
  return `\`${name.replace(/`/g, '``')}\``
}

/**
 * Quotes a table, qualified by its database when `schema` is given (a MySQL schema is
 * a database).
 *
 * @example
 * quoteTable({ table: 'users' })                  // '`users`'
 * quoteTable({ table: 'users', schema: 'shop' })  // '`shop`.`users`'
 */
export function quoteTable(target: TableTarget): string {
  const table = quoteIdentifier(target.table)
  return target.schema === undefined ? table : `${quoteIdentifier(target.schema)}.${table}`
}

/**
 * A string literal that means the same under every `sql_mode`: `'it''s'`, or
 * `_utf8mb4 X'..'` when the text holds a backslash, NUL or Ctrl-Z.
 *
 * @example
 * stringLiteral("it's")  // "'it''s'"
 * stringLiteral('a\\b')  // "_utf8mb4 X'615c62'"
 */
export function stringLiteral(text: string): string {
  if (needsHex(text)) return `_utf8mb4 X'${Buffer.from(text, 'utf8').toString('hex')}'`
  return `'${text.replace(/'/g, "''")}'`
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0')

/** `'YYYY-MM-DD HH:MM:SS.fff'` in UTC. */
function dateLiteral(date: Date): string {
  if (Number.isNaN(date.getTime())) {
    throw new MigrationError('INVALID_LITERAL', 'Cannot write an invalid Date as a MySQL literal')
  }
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`
  return `'${day} ${time}.${pad(date.getUTCMilliseconds(), 3)}'`
}

/**
 * A SQL literal for a JavaScript value: `NULL` for null and undefined, `TRUE`/`FALSE`,
 * numbers and bigints as written, strings (see `stringLiteral`), a Date as
 * `'YYYY-MM-DD HH:MM:SS.fff'` in UTC, a Buffer or Uint8Array as `X'..'`, and plain
 * objects and arrays as JSON text. Throws MigrationError `INVALID_LITERAL` for what
 * has no literal (NaN, Infinity, functions, symbols).
 *
 * @example
 * literal(null)                       // 'NULL'
 * literal({ a: 1 })                   // `'{"a":1}'`
 * literal(new Date(0))                // "'1970-01-01 00:00:00.000'"
 * literal(Buffer.from([0, 255]))      // "X'00ff'"
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'bigint') return String(value)
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new MigrationError('INVALID_LITERAL', `MySQL has no literal for the number ${value}`)
    }
    return Object.is(value, -0) ? '0' : String(value)
  }
  if (typeof value === 'string') return stringLiteral(value)
  if (value instanceof Date) return dateLiteral(value)
  if (value instanceof Uint8Array) return `X'${Buffer.from(value).toString('hex')}'`
  if (typeof value === 'object') {
    const json: string | undefined = JSON.stringify(value)
    if (json !== undefined) return stringLiteral(json)
  }
  throw new MigrationError('INVALID_LITERAL', `MySQL has no literal for a ${typeof value}`)
}
