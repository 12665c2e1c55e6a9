/**
 * Portable column types in MySQL/MariaDB spelling.
 *
 * `timestamp` and `timestamptz` both become `datetime(6)`: MySQL has no time-zone-aware
 * type, and its TIMESTAMP ends in 2038, so values are stored exactly as given; write
 * them in UTC (Stratum's literals and connections do).
 */
import { MigrationError } from '../../errors.js'
import type { ColumnType } from '../../operations/types.js'
import type { PlainString } from './statement.js'
import { unsupported } from './unsupported.js'

/** A rendered type; ENUM values are plain strings, so rendering needs the string writer. */
export type TypeSql = (plain: PlainString) => string

const FIXED: Readonly<Record<string, string>> = {
  integer: 'int',
  int: 'int',
  bigint: 'bigint',
  smallint: 'smallint',
  boolean: 'tinyint(1)',
  text: 'text',
  char: 'char',
  numeric: 'decimal',
  decimal: 'decimal',
  real: 'float',
  double: 'double',
  date: 'date',
  time: 'time',
  timestamp: 'datetime(6)',
  timestamptz: 'datetime(6)',
  json: 'json',
  jsonb: 'json',
  uuid: 'char(36)',
  bytes: 'longblob',
}

/** `name(a)` or `name(a, b)`, for the portable types that take sizes. */
const SIZED =
  /^(varchar|char|numeric|decimal|time|timestamp|timestamptz)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/

/** What a native type expression may contain: no quotes, no semicolons. */
const NATIVE = /^[A-Za-z][A-Za-z0-9_ (),[\]]*$/

function invalid(type: string, problem: string, hint?: string): MigrationError {
  return new MigrationError('INVALID_COLUMN_TYPE', `Column type '${type}' ${problem}`, { hint })
}

function sized(type: string, match: RegExpExecArray): string {
  const [, name, first, second] = match
  const args = second === undefined ? `${first}` : `${first},${second}`
  switch (name) {
    case 'varchar':
    case 'char':
      if (second !== undefined) throw invalid(type, 'takes one length, as in varchar(255)')
      return `${name}(${args})`
    case 'numeric':
    case 'decimal':
      return `decimal(${args})`
    default:
      if (second !== undefined) throw invalid(type, 'takes one precision, as in timestamp(3)')
      return name === 'time' ? `time(${args})` : `datetime(${args})`
  }
}

/**
 * The MySQL spelling of a column type: portable names are mapped (`integer` → `int`,
 * `boolean` → `tinyint(1)`, `uuid` → `char(36)`, `{ enum: [...] }` → `ENUM(...)`...);
 * any other name passes through as a native type after a plausibility check. Arrays
 * and `interval` throw `UNSUPPORTED_OPERATION`; `varchar` without a length and
 * implausible type text throw `INVALID_COLUMN_TYPE`.
 *
 * @example
 * columnType('numeric(10,2)')(plain)        // 'decimal(10,2)'
 * columnType({ enum: ['a', 'b'] })(plain)   // "ENUM('a','b')"
 */
export function columnType(type: ColumnType): TypeSql {
  if (typeof type !== 'string') {
    const values = type.enum
    return (plain) => `ENUM(${values.map(plain).join(',')})`
  }
  const text = type.trim()
  const lower = text.toLowerCase()
  const fixed = FIXED[lower]
  if (fixed !== undefined) return () => fixed
  const match = SIZED.exec(lower)
  if (match) {
    const sql = sized(type, match)
    return () => sql
  }
  if (lower === 'varchar') {
    throw invalid(type, 'needs a length on MySQL', 'Write varchar(255), or use text.')
  }
  if (lower.endsWith('[]')) {
    throw unsupported(`Array type '${type}'`, 'MySQL has no array types', 'Use json instead.')
  }
  if (lower === 'interval') {
    throw unsupported(
      "Column type 'interval'",
      'MySQL has no interval type',
      'Store a number of seconds (bigint) or an ISO 8601 duration (varchar).',
    )
  }
  if (!NATIVE.test(text)) {
    throw invalid(
      type,
      'is not a plausible type expression (letters, digits, spaces, parentheses, commas, underscores and brackets only)',
      'For an enum, use { enum: [...] }.',
    )
  }
  return () => text
}
