/**
 * Column types, both ways: the catalog's COLUMN_TYPE read back as a portable type
 * (`portableType`), and one canonical spelling per type (`canonicalType`) so that a
 * model's `integer` and the catalog's `int(11)` compare equal.
 *
 * The canonical form is the MySQL type the compiler writes (types.ts), normalised the
 * way the servers normalise it: display widths dropped (`int(11)` = `int`, except
 * `tinyint(1)`, which is boolean), default sizes filled in (`decimal` =
 * `decimal(10,0)`, `char` = `char(1)`), zero precision dropped (`datetime(0)` =
 * `datetime`), synonyms merged (`bool`, `character varying`, `double precision`),
 * and character set and collation clauses ignored (the catalog's COLUMN_TYPE has none).
 *
 * Known limits, all from types.ts having one spelling for two server types: `uuid`
 * compiles to `char(36)`, so MariaDB's native UUID type reads as equal to it; MySQL's
 * TIMESTAMP type reads as the portable `timestamp` (which is `datetime(6)`); `json` on
 * MariaDB is LONGTEXT with a `json_valid` check, and reads back as `json`.
 */
import type { ColumnType } from '../../operations/types.js'
import { canonicalString } from './canonical-expression.js'
import { enumValues } from './decode.js'
import { backslashEscaping } from './statement.js'
import { columnType } from './types.js'

const SYNONYMS: readonly (readonly [RegExp, string])[] = [
  [/^integer\b/, 'int'],
  [/^(bool|boolean)$/, 'tinyint(1)'],
  [/^(character varying|national varchar|nvarchar|national character varying)\b/, 'varchar'],
  [/^(character|national char|nchar|national character)\b/, 'char'],
  [/^double precision\b/, 'double'],
  [/^(numeric|dec|fixed)\b/, 'decimal'],
  [/^(decimal)$/, 'decimal(10,0)'],
  [/^decimal\((\d+)\)/, 'decimal($1,0)'],
  [/^(char|binary|bit)$/, '$1(1)'],
  [/^(datetime|time|timestamp)\(0\)/, '$1'],
  [/^year\(4\)/, 'year'],
  [/ (signed|(character set|charset) \w+|collate \w+)\b/g, ''],
]

/** `float(p)` is FLOAT up to 24 bits of precision and DOUBLE above. */
function floatPrecision(type: string): string {
  const match = /^float\((\d+)\)(.*)$/.exec(type)
  if (!match) return type
  return `${Number(match[1]) <= 24 ? 'float' : 'double'}${match[2]}`
}

/** Integer display widths mean nothing (MySQL 8.0.19 stopped printing them), except with ZEROFILL. */
function dropDisplayWidth(type: string): string {
  if (/\bzerofill\b/.test(type) || /^tinyint\(1\)/.test(type)) return type
  return type.replace(/^(tinyint|smallint|mediumint|int|bigint)\(\d+\)/, '$1')
}

/** The canonical spelling of a MySQL type as the catalog or a user writes it. */
function canonicalNative(text: string): string {
  const parsed = enumValues(text.trim())
  if (parsed) {
    const values = parsed.values.map(canonicalString).join(',')
    return `${parsed.keyword.toLowerCase()}(${values})${parsed.rest.toLowerCase().trim()}`
  }
  let type = text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/ ?([(),]) ?/g, '$1')
  type = type.replace(/\)(?=\w)/g, ') ')
  for (const [pattern, replacement] of SYNONYMS) type = type.replace(pattern, replacement)
  return dropDisplayWidth(floatPrecision(type))
}

/**
 * The canonical spelling of a portable or native type: what the compiler writes for it,
 * normalised as described in the module comment. Never throws; a type the compiler
 * rejects is canonicalised as native text.
 *
 * @example
 * canonicalType('integer') === canonicalType('int(11)')      // 'int'
 * canonicalType('uuid') === canonicalType('char(36)')        // 'char(36)'
 * canonicalType('timestamptz') === canonicalType('datetime(6)')
 */
export function canonicalType(type: ColumnType): string {
  if (typeof type !== 'string') {
    return `enum(${type.enum.map(canonicalString).join(',')})`
  }
  let compiled: string
  try {
    compiled = columnType(type)(backslashEscaping)
  } catch {
    compiled = type
  }
  return canonicalNative(compiled)
}

/** Catalog types that are a portable type, by their canonical spelling. */
const PORTABLE: Readonly<Record<string, string>> = {
  int: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  'tinyint(1)': 'boolean',
  text: 'text',
  float: 'real',
  double: 'double',
  date: 'date',
  time: 'time',
  'datetime(6)': 'timestamp',
  json: 'json',
  longblob: 'bytes',
}

/**
 * The catalog's COLUMN_TYPE as a model type: portable where one compiles to it
 * (`int(11)` → `integer`, `tinyint(1)` → `boolean`, `decimal(10,2)` → `numeric(10,2)`,
 * `datetime(6)` → `timestamp`, `enum('a','b')` → `{ enum: ['a', 'b'] }`, MariaDB's
 * LONGTEXT with a `json_valid` check → `json`), else the native type without display
 * width (`tinyint(4)` → `tinyint`, `bigint(20) unsigned` → `bigint unsigned`).
 * `char(36)` stays `char(36)` (which `uuid` compiles to: the canonical forms agree).
 *
 * @example
 * portableType('int(11)', { jsonCheck: false })   // 'integer'
 * portableType('longtext', { jsonCheck: true })   // 'json'
 */
export function portableType(catalogType: string, options: { jsonCheck: boolean }): ColumnType {
  const parsed = enumValues(catalogType.trim())
  if (parsed?.keyword.toLowerCase() === 'enum' && parsed.rest.trim() === '') {
    return { enum: parsed.values }
  }
  if (parsed) return catalogType.trim()
  const canonical = canonicalNative(catalogType)
  if (options.jsonCheck && canonical === 'longtext') return 'json'
  const portable = PORTABLE[canonical]
  if (portable !== undefined) return portable
  const sized = /^(varchar|char)\((\d+)\)$/.exec(canonical)
  if (sized) return canonical
  const decimal = /^decimal\((\d+),(\d+)\)$/.exec(canonical)
  if (decimal) return `numeric(${decimal[1]},${decimal[2]})`
  const datetime = /^datetime\(([1-5])\)$/.exec(canonical)
  if (datetime) return `timestamp(${datetime[1]})`
  return canonical
}
