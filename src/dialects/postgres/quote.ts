/**
 * Quoting for PostgreSQL: every identifier and every literal Stratum writes into SQL
 * goes through `quoteIdentifier` or `literal`.
 */
import { MigrationError } from '../../errors.js'
import { isPlainObject } from '../../operations/freeze.js'
import type { TableTarget } from '../../operations/types.js'

/** PostgreSQL's NAMEDATALEN - 1: longer names are truncated by the server, so we refuse them. */
export const MAX_IDENTIFIER_BYTES = 63

/**
 * A double-quoted identifier. Names longer than 63 bytes (UTF-8) are rejected with code
 * `IDENTIFIER_TOO_LONG`, since PostgreSQL would silently truncate them.
 *
 * @example
 * quoteIdentifier('user')     // '"user"'
 * quoteIdentifier('say "hi"') // '"say ""hi"""'
 */
export function quoteIdentifier(name: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new MigrationError('INVALID_IDENTIFIER', 'An identifier must be a non-empty string')
  }
  if (name.includes('\0')) {
    throw new MigrationError(
      'INVALID_IDENTIFIER',
      `Identifier ${JSON.stringify(name)} contains a NUL character`,
    )
  }
  const bytes = Buffer.byteLength(name, 'utf8')
  if (bytes > MAX_IDENTIFIER_BYTES) {
    throw new MigrationError(
      'IDENTIFIER_TOO_LONG',
      `Identifier '${name}' is ${bytes} bytes long; PostgreSQL allows at most ${MAX_IDENTIFIER_BYTES}`,
      { hint: 'Choose a shorter name; PostgreSQL would silently truncate it.' },
    )
  }
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * A name qualified by an optional schema: `"schema"."name"` or `"name"`.
 *
 * @example
 * quoteQualified('mood', 'app') // '"app"."mood"'
 */
export function quoteQualified(name: string, schema?: string): string {
  return schema === undefined
    ? quoteIdentifier(name)
    : `${quoteIdentifier(schema)}.${quoteIdentifier(name)}`
}

/**
 * A table name, schema-qualified when the target names a schema.
 *
 * @example
 * quoteTable({ table: 'users', schema: 'app' }) // '"app"."users"'
 */
export function quoteTable(target: TableTarget): string {
  return quoteQualified(target.table, target.schema)
}

/**
 * A string literal. Standard-conforming strings (the default since PostgreSQL 9.1) make
 * a backslash an ordinary character, so doubling quotes is the whole escape.
 *
 * @example
 * quoteString("it's") // "'it''s'"
 */
export function quoteString(text: string): string {
  if (text.includes('\0')) {
    throw new MigrationError(
      'INVALID_LITERAL',
      'PostgreSQL text cannot contain a NUL character (\\0)',
    )
  }
  return `'${text.replaceAll("'", "''")}'`
}

/**
 * A SQL literal for a JavaScript value: strings, numbers, bigints, booleans, `null` and
 * `undefined` (NULL), `Date` (a `timestamptz` literal), `Buffer`/`Uint8Array` (`bytea`),
 * plain objects and arrays (their JSON text, which json and jsonb columns accept).
 *
 * @example
 * literal("O'Hara")                  // "'O''Hara'"
 * literal(new Date(0))               // "'1970-01-01T00:00:00.000Z'::timestamptz"
 * literal(Buffer.from([1, 255]))     // "'\\x01ff'::bytea"
 * literal({ tags: ['a'] })           // `'{"tags":["a"]}'`
 */
export function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  if (typeof value === 'string') return quoteString(value)
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'bigint') return value.toString()
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value)
    // Valid input for both numeric and floating-point columns.
    return Number.isNaN(value) ? "'NaN'" : value > 0 ? "'Infinity'" : "'-Infinity'"
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new MigrationError('INVALID_LITERAL', 'Cannot write an invalid Date as a literal')
    }
    return `${quoteString(value.toISOString())}::timestamptz`
  }
  if (value instanceof Uint8Array) {
    return `'\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'::bytea`
  }
  if (Array.isArray(value) || isPlainObject(value)) return quoteString(JSON.stringify(value))
  throw new MigrationError(
    'INVALID_LITERAL',
    `Cannot write a ${typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value} as a PostgreSQL literal`,
    {
      hint: 'Use a string, number, boolean, null, Date, Buffer, or a plain object or array (JSON).',
    },
  )
}
