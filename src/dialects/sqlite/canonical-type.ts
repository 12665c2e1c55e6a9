/**
 * Column types for autogenerate on SQLite: the declared type SQLite keeps in its
 * catalog read back as a portable type, and one canonical spelling per type so that a
 * model's portable type and the declared type it compiled to (or an equivalent
 * hand-written spelling) compare equal.
 *
 * SQLite keeps the declared type as text and derives only an affinity from it, so two
 * spellings are the same type when they say the same thing to people and tools:
 * `INT` and `INTEGER`, `BOOL` and `BOOLEAN`, `CHARACTER VARYING(n)` and `VARCHAR(n)`,
 * `DECIMAL(p,s)` and `NUMERIC(p,s)`, `DOUBLE PRECISION` and `DOUBLE`, `TIMESTAMP` and
 * `DATETIME`, `JSON` and `JSON TEXT`. One group goes further: every integer name
 * (`INTEGER`, `BIGINT`, `SMALLINT`, `INT8`...) is one canonical type, because SQLite
 * stores all of them as the same 64-bit integers, and because the compiler itself must
 * write `bigint` and `smallint` as `INTEGER` on an AUTOINCREMENT key: telling them apart
 * would report a difference on every run that no migration could remove.
 */
import type { ColumnType } from '../../operations/types.js'
import { literal } from './quote.js'
import { compileColumnType } from './types.js'

/** SQLite's type affinities (https://www.sqlite.org/datatype3.html, section 3.1). */
export type Affinity = 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC'

/** Declared type (normalised) → portable type, for exactly what the compiler writes. */
const PORTABLE: Readonly<Record<string, string>> = {
  INTEGER: 'integer',
  BIGINT: 'bigint',
  SMALLINT: 'smallint',
  BOOLEAN: 'boolean',
  TEXT: 'text',
  REAL: 'real',
  DOUBLE: 'double',
  DATE: 'date',
  TIME: 'time',
  DATETIME: 'timestamp',
  TIMESTAMPTZ: 'timestamptz',
  'JSON TEXT': 'json',
  'UUID TEXT': 'uuid',
  BLOB: 'bytes',
  NUMERIC: 'numeric',
}

const INTEGER_NAMES = [
  'INT',
  'INTEGER',
  'INT2',
  'INT4',
  'INT8',
  'BIGINT',
  'SMALLINT',
  'TINYINT',
  'MEDIUMINT',
  'UNSIGNED BIG INT',
]

/**
 * Type names (normalised, without arguments) → canonical name; arguments are dropped.
 * Every portable name is here or in SIZED, so that a declared type read back as a
 * native type that happens to be spelled like a portable one (`BYTES` → `bytes`)
 * still compares equal.
 */
const ALIASES: Readonly<Record<string, string>> = {
  ...Object.fromEntries(INTEGER_NAMES.map((name) => [name, 'INTEGER'])),
  BOOL: 'BOOLEAN',
  BOOLEAN: 'BOOLEAN',
  CLOB: 'TEXT',
  REAL: 'REAL',
  FLOAT4: 'REAL',
  DOUBLE: 'DOUBLE',
  'DOUBLE PRECISION': 'DOUBLE',
  FLOAT: 'DOUBLE',
  FLOAT8: 'DOUBLE',
  DATE: 'DATE',
  TIME: 'TIME',
  'TIME WITHOUT TIME ZONE': 'TIME',
  DATETIME: 'DATETIME',
  TIMESTAMP: 'DATETIME',
  'TIMESTAMP WITHOUT TIME ZONE': 'DATETIME',
  TIMESTAMPTZ: 'TIMESTAMPTZ',
  'TIMESTAMP WITH TIME ZONE': 'TIMESTAMPTZ',
  JSON: 'JSON',
  'JSON TEXT': 'JSON',
  JSONB: 'JSON',
  'JSONB TEXT': 'JSON',
  UUID: 'UUID',
  'UUID TEXT': 'UUID',
  BLOB: 'BLOB',
  BYTES: 'BLOB',
  // No declared type: BLOB affinity, values kept as given, like BLOB.
  '': 'BLOB',
}

/** Type names (normalised) whose arguments are kept: the canonical name plus `(args)`. */
const SIZED: Readonly<Record<string, string>> = {
  VARCHAR: 'VARCHAR',
  'CHARACTER VARYING': 'VARCHAR',
  'VARYING CHARACTER': 'VARCHAR',
  NVARCHAR: 'VARCHAR',
  'NATIONAL VARCHAR': 'VARCHAR',
  'NATIONAL CHARACTER VARYING': 'VARCHAR',
  CHAR: 'CHAR',
  CHARACTER: 'CHAR',
  NCHAR: 'CHAR',
  'NATIVE CHARACTER': 'CHAR',
  'NATIONAL CHARACTER': 'CHAR',
  TEXT: 'TEXT',
  NUMERIC: 'NUMERIC',
  DECIMAL: 'NUMERIC',
  DEC: 'NUMERIC',
}

/**
 * A declared type with letters in upper case and white space collapsed (none around
 * parentheses and commas), e.g. `numeric( 10 , 2 )` → `NUMERIC(10,2)`.
 */
export function normalizeDeclaredType(declared: string): string {
  return declared
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
}

/**
 * The canonical spelling of a type, portable or native: equal for every spelling of
 * one type (see the file comment), different otherwise.
 *
 * @example
 * canonicalType('timestamp') === canonicalType('TIMESTAMP')       // true: 'DATETIME'
 * canonicalType('varchar(20)') === canonicalType('character varying (20)') // true
 * canonicalType({ enum: ['a', 'b'] })                              // "TEXT CHECK IN ('a', 'b')"
 */
export function canonicalType(type: ColumnType): string {
  if (typeof type === 'object' && type !== null) {
    return `TEXT CHECK IN (${type.enum.map(literal).join(', ')})`
  }
  return canonicalDeclaredType(declaredTypeOf(type))
}

/** The canonical spelling of a declared type as SQLite's catalog keeps it. */
export function canonicalDeclaredType(declared: string): string {
  const text = normalizeDeclaredType(declared)
  const match = /^([^(]*?)(?:\((.*)\))?$/.exec(text)
  const name = match?.[1] ?? text
  const args = match?.[2]
  const alias = ALIASES[name]
  if (alias !== undefined) return alias
  const sized = SIZED[name]
  if (sized === undefined) return text
  if (args === undefined) return sized
  // NUMERIC(p) is NUMERIC(p,0), as in the SQL standard.
  return sized === 'NUMERIC' && /^\d+$/.test(args) ? `NUMERIC(${args},0)` : `${sized}(${args})`
}

/**
 * The declared type the compiler writes for `type` (`timestamp` → `DATETIME`), or the
 * type's own text when the compiler refuses it (`interval`, arrays), so that
 * introspection's reading of such a column still compares equal.
 */
export function declaredTypeOf(type: ColumnType): string {
  try {
    return compileColumnType(type).sql
  } catch {
    return typeof type === 'string' ? type : 'TEXT'
  }
}

/**
 * A declared type read back as a column type: the portable type when the text is
 * exactly what the compiler writes for one (`DATETIME` → `timestamp`, `VARCHAR(255)` →
 * `varchar(255)`), else the declared text in lower case as a native type (`INT` →
 * `int`), which compiles back to the same declared type. A column without a declared
 * type reads as `bytes` (both have BLOB affinity).
 *
 * @example
 * columnTypeOf('JSON TEXT') // 'json'
 * columnTypeOf('NUMERIC(10,2)') // 'numeric(10,2)'
 * columnTypeOf('Double Precision') // 'double precision'
 */
export function columnTypeOf(declared: string): string {
  const text = normalizeDeclaredType(declared)
  if (text === '') return 'bytes'
  const portable = PORTABLE[text]
  if (portable !== undefined) return portable
  if (/^(VARCHAR|CHAR)\(\d+\)$|^NUMERIC\(\d+(,\d+)?\)$/.test(text)) return text.toLowerCase()
  return declared.trim().replace(/\s+/g, ' ').toLowerCase()
}

/**
 * SQLite's affinity for a declared type, by its rules: `INT` → INTEGER; `CHAR`, `CLOB`
 * or `TEXT` → TEXT; `BLOB` or no type → BLOB; `REAL`, `FLOA` or `DOUB` → REAL; else
 * NUMERIC.
 *
 * @example
 * affinityOf('VARCHAR(20)') // 'TEXT'
 */
export function affinityOf(declared: string): Affinity {
  const text = declared.toUpperCase()
  if (text.includes('INT')) return 'INTEGER'
  if (text.includes('CHAR') || text.includes('CLOB') || text.includes('TEXT')) return 'TEXT'
  if (text.includes('BLOB') || text.trim() === '') return 'BLOB'
  if (text.includes('REAL') || text.includes('FLOA') || text.includes('DOUB')) return 'REAL'
  return 'NUMERIC'
}
