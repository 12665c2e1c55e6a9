/**
 * Portable column types as SQLite declared types.
 *
 * SQLite stores values by storage class, and a column's declared type only picks its
 * *affinity* (https://www.sqlite.org/datatype3.html, section 3.1), by substring, in
 * this order: `INT` → INTEGER; `CHAR`, `CLOB` or `TEXT` → TEXT; `BLOB` or no type →
 * BLOB; `REAL`, `FLOA` or `DOUB` → REAL; anything else → NUMERIC. A NUMERIC or INTEGER
 * column turns text that looks like a number into a number ('1' becomes 1, '1e5'
 * becomes 100000). So each portable type gets a name that (1) says what the column
 * means, for people and for introspection reading the catalog back, and (2) has the
 * affinity that keeps its values intact:
 *
 * | portable | declared | affinity | why |
 * |---|---|---|---|
 * | integer, bigint, smallint | INTEGER, BIGINT, SMALLINT | INTEGER | |
 * | boolean | BOOLEAN | NUMERIC | Stratum writes booleans as 1/0 |
 * | text, varchar(n), char(n) | TEXT, VARCHAR(n), CHAR(n) | TEXT | SQLite does not enforce `n` |
 * | numeric(p,s) | NUMERIC(p,s) | NUMERIC | kept as INTEGER or REAL: 15 significant digits |
 * | real, double | REAL, DOUBLE | REAL | |
 * | date, time, timestamp, timestamptz | DATE, TIME, DATETIME, TIMESTAMPTZ | NUMERIC | see below |
 * | json, jsonb | JSON TEXT | TEXT | a NUMERIC `JSON` column would store the JSON text '1' as 1 |
 * | uuid | UUID TEXT | TEXT | an all-digit hex UUID would become a number |
 * | bytes | BLOB | BLOB | |
 * | { enum } | TEXT + CHECK (col IN (...)) | TEXT | |
 *
 * Dates and times keep the names every SQLite tool recognises (DATE, DATETIME) and
 * their NUMERIC affinity: ISO-8601 text (what Stratum writes for a JavaScript Date) is
 * never number-like and is stored as given, and applications that store Unix times
 * keep numbers that sort as numbers; a TEXT affinity would turn those into text that
 * sorts wrongly. Only digit-only strings such as '20240102' would become numbers.
 *
 * `interval` and arrays (`<type>[]`) have no SQLite equivalent: UNSUPPORTED_OPERATION.
 * Any other type passes through as a native type after a plausibility check.
 */
import { MigrationError } from '../../errors.js'
import type { ColumnType } from '../../operations/types.js'
import { literal } from './quote.js'

/** A compiled column type: the declared type, plus a CHECK for enums. */
export interface SqliteColumnType {
  /** The declared type, e.g. `VARCHAR(255)`. */
  readonly sql: string
  /** Enum values the column is restricted to (`CHECK ("col" IN (...))`). */
  readonly enumValues?: readonly string[]
}

const SIMPLE: Readonly<Record<string, string>> = {
  integer: 'INTEGER',
  bigint: 'BIGINT',
  smallint: 'SMALLINT',
  boolean: 'BOOLEAN',
  text: 'TEXT',
  real: 'REAL',
  double: 'DOUBLE',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'DATETIME',
  timestamptz: 'TIMESTAMPTZ',
  json: 'JSON TEXT',
  jsonb: 'JSON TEXT',
  uuid: 'UUID TEXT',
  bytes: 'BLOB',
  numeric: 'NUMERIC',
}

/** Portable integer type names (lower case), the only ones `autoIncrement` accepts. */
export const INTEGER_TYPES: ReadonlySet<string> = new Set(['integer', 'bigint', 'smallint'])

/** Letters, digits, spaces, underscores, parentheses, commas and brackets; no quotes or `;`. */
const NATIVE_TYPE = /^[A-Za-z_][A-Za-z0-9_ ,()[\]]*$/

/**
 * Compiles a column type for SQLite.
 *
 * @example
 * compileColumnType('varchar(255)')          // { sql: 'VARCHAR(255)' }
 * compileColumnType('json')                  // { sql: 'JSON TEXT' }
 * compileColumnType({ enum: ['a', 'b'] })    // { sql: 'TEXT', enumValues: ['a', 'b'] }
 */
export function compileColumnType(type: ColumnType): SqliteColumnType {
  if (typeof type === 'object' && type !== null) return compileEnum(type.enum)
  if (typeof type !== 'string') throw invalidType(String(type), 'it is not a string')
  const text = type.trim()
  const lower = text.toLowerCase().replace(/\s+/g, ' ')
  const simple = SIMPLE[lower]
  if (simple) return { sql: simple }
  if (lower === 'interval') {
    throw unsupportedType(
      text,
      'SQLite has no interval type',
      "Store a number of seconds ('bigint') or ISO-8601 duration text ('text').",
    )
  }
  if (lower.endsWith('[]')) {
    throw unsupportedType(
      text,
      'SQLite has no array types',
      "Store the array as JSON ('json') or in a child table.",
    )
  }
  const sized = /^(varchar|char|numeric)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/.exec(lower)
  if (sized) {
    const [, name, first, second] = sized
    if (name === 'numeric')
      return { sql: second === undefined ? `NUMERIC(${first})` : `NUMERIC(${first},${second})` }
    if (second === undefined) return { sql: `${name === 'varchar' ? 'VARCHAR' : 'CHAR'}(${first})` }
  }
  if (!NATIVE_TYPE.test(text) || !balanced(text)) {
    throw invalidType(
      text,
      'a native type may only hold letters, digits, spaces, underscores, commas, parentheses and brackets',
    )
  }
  return { sql: text }
}

function compileEnum(values: readonly string[] | undefined): SqliteColumnType {
  if (
    !Array.isArray(values) ||
    values.length === 0 ||
    values.some((value) => typeof value !== 'string')
  ) {
    throw invalidType('enum', 'an enum needs a non-empty list of string values')
  }
  return { sql: 'TEXT', enumValues: values }
}

/** `CHECK ("col" IN ('a', 'b'))` for an enum column; `column` is already quoted. */
export function enumCheck(quotedColumn: string, values: readonly string[]): string {
  return `CHECK (${quotedColumn} IN (${values.map(literal).join(', ')}))`
}

function balanced(text: string): boolean {
  let depth = 0
  for (const character of text) {
    if (character === '(') depth++
    if (character === ')' && --depth < 0) return false
  }
  return depth === 0
}

function invalidType(type: string, problem: string): MigrationError {
  return new MigrationError('INVALID_COLUMN_TYPE', `Invalid column type '${type}': ${problem}`)
}

function unsupportedType(type: string, problem: string, hint: string): MigrationError {
  return new MigrationError(
    'UNSUPPORTED_OPERATION',
    `Column type '${type}' is not supported on SQLite: ${problem}`,
    { hint },
  )
}
