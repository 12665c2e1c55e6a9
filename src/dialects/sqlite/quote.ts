/**
 * Quoting for SQLite: identifiers in double quotes, literals as SQL text. Every name
 * and value the SQLite dialect writes into SQL goes through this file.
 */
import { MigrationError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'

/**
 * The longest identifier Stratum accepts on SQLite, in characters. SQLite itself has
 * no limit (only the length of a statement), so the cap is ours: a name this long is
 * almost always a mistake (a generated name that doubled up), it could not be ported
 * to PostgreSQL (63 bytes) or MySQL (64 characters), and the table rebuild needs room
 * for its `stratum_new_` prefix. Longer names are rejected, never truncated.
 */
export const MAX_IDENTIFIER_LENGTH = 128

/**
 * Quotes one identifier: `"name"`, with inner double quotes doubled. Rejects empty
 * names and names with NUL characters (`INVALID_IDENTIFIER`) and names longer than
 * 128 characters (`IDENTIFIER_TOO_LONG`).
 *
 * @example
 * quoteIdentifier('user "admin"') // '"user ""admin"""'
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || name === '' || name.includes('\0')) {
    throw new MigrationError(
      'INVALID_IDENTIFIER',
      `Invalid SQLite identifier ${JSON.stringify(name)}: it must be a non-empty string without NUL characters`,
    )
  }
  const length = [...name].length
  if (length > MAX_IDENTIFIER_LENGTH) {
    throw new MigrationError(
      'IDENTIFIER_TOO_LONG',
      `Identifier '${name}' is ${length} characters long; Stratum allows at most ${MAX_IDENTIFIER_LENGTH} on SQLite`,
      { hint: 'Choose a shorter name; Stratum never truncates names.' },
    )
  }
  return quoteName(name)
}

/** Quotes a name without the length check (internal names such as `stratum_new_<table>`). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

/**
 * Throws `UNSUPPORTED_OPERATION` when `schema` is set: SQLite has no schemas (attached
 * databases are not supported as schemas).
 */
export function assertNoSchema(schema: string | undefined, what: string): void {
  if (schema === undefined) return
  throw new MigrationError(
    'UNSUPPORTED_OPERATION',
    `SQLite has no schemas: ${what} names schema '${schema}'`,
    { hint: 'Remove `schema` for SQLite (every table lives in the one database file).' },
  )
}

/**
 * Quotes a table: `"table"`. A `schema` is an `UNSUPPORTED_OPERATION` error, since
 * SQLite has no schemas.
 *
 * @example
 * quoteTable({ table: 'users' }) // '"users"'
 */
export function quoteTable(target: TableTarget): string {
  assertNoSchema(target.schema, `table '${target.table}'`)
  return quoteIdentifier(target.table)
}

/**
 * A SQL literal for a JavaScript value: `NULL`, strings with `''` escaping, numbers and
 * bigints as written, booleans as `1`/`0` (SQLite has no boolean storage class), Dates
 * as ISO-8601 text, Buffers and Uint8Arrays as `X'..'` blobs, plain objects and arrays
 * as JSON text. `NaN` and other values are `INVALID_LITERAL` errors.
 *
 * @example
 * literal("it's")                     // "'it''s'"
 * literal(true)                       // '1'
 * literal(new Uint8Array([1, 255]))   // "X'01ff'"
 * literal({ tags: ['a'] })            // `'{"tags":["a"]}'`
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  if (typeof value === 'boolean') return value ? '1' : '0'
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') return numberLiteral(value)
  if (value instanceof Date) return `'${isoDate(value)}'`
  const bytes = asBytes(value)
  if (bytes)
    return `X'${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}'`
  if (typeof value === 'object') return literal(JSON.stringify(value))
  throw new MigrationError('INVALID_LITERAL', `Cannot write a ${typeof value} as a SQLite literal`)
}

function numberLiteral(value: number): string {
  if (Number.isNaN(value)) {
    throw new MigrationError('INVALID_LITERAL', 'Cannot write NaN as a SQLite literal', {
      hint: 'Use null instead.',
    })
  }
  // SQLite reads out-of-range reals as infinities.
  if (value === Number.POSITIVE_INFINITY) return '9e999'
  if (value === Number.NEGATIVE_INFINITY) return '-9e999'
  return Object.is(value, -0) ? '0' : String(value)
}

/** A Date as ISO-8601 text; an invalid Date is an `INVALID_LITERAL` error. */
export function isoDate(value: Date): string {
  if (Number.isNaN(value.getTime())) {
    throw new MigrationError('INVALID_LITERAL', 'Cannot write an invalid Date as a SQLite value')
  }
  return value.toISOString()
}

/** The bytes of a Buffer, typed array or ArrayBuffer, or undefined for anything else. */
export function asBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value
  if (value instanceof ArrayBuffer) return new Uint8Array(value)
  if (ArrayBuffer.isView(value))
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
  return undefined
}

/**
 * A JavaScript value as better-sqlite3 binds it, converted the way `literal` writes it:
 * booleans as 1/0, Dates as ISO text, typed arrays as Buffers, plain objects and arrays
 * as JSON text, undefined as NULL. Online and offline runs therefore store the same values.
 *
 * @example
 * bindValue(true) // 1
 */
export function bindValue(value: unknown): unknown {
  if (value === undefined || value === null) return null
  if (typeof value === 'boolean') return value ? 1 : 0
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') {
    return value
  }
  if (value instanceof Date) return isoDate(value)
  if (Buffer.isBuffer(value)) return value
  const bytes = asBytes(value)
  if (bytes) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (typeof value === 'object') return JSON.stringify(value)
  return value
}
