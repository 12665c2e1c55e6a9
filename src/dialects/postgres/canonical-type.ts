/**
 * One spelling per PostgreSQL type, so that autogenerate sees `int4`, `integer` and
 * `int` as the same column type. The canonical spelling is the portable name where
 * there is one (`integer`, `varchar(20)`, `double`, `bytes`, `timestamptz`...) and a
 * normalised native spelling otherwise (`timestamptz(3)`, `bit varying(4)`, `tsvector`),
 * so every canonical type is also a valid `ColumnType` that compiles back to itself.
 */
import type { ColumnType } from '../../operations/types.js'

/** Single names and multi-word spellings PostgreSQL treats as one type. */
const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  integer: 'integer',
  serial: 'integer',
  serial4: 'integer',
  int8: 'bigint',
  bigint: 'bigint',
  bigserial: 'bigint',
  serial8: 'bigint',
  int2: 'smallint',
  smallint: 'smallint',
  smallserial: 'smallint',
  serial2: 'smallint',
  bool: 'boolean',
  boolean: 'boolean',
  float4: 'real',
  real: 'real',
  float8: 'double',
  float: 'double',
  double: 'double',
  'double precision': 'double',
  bytea: 'bytes',
  bytes: 'bytes',
  text: 'text',
  date: 'date',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  interval: 'interval',
  varchar: 'varchar',
  'character varying': 'varchar',
  'char varying': 'varchar',
  char: 'char(1)',
  character: 'char(1)',
  decimal: 'numeric',
  numeric: 'numeric',
  bit: 'bit(1)',
  varbit: 'bit varying',
  'bit varying': 'bit varying',
  time: 'time',
  'time without time zone': 'time',
  timetz: 'timetz',
  'time with time zone': 'timetz',
  timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp',
  timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz',
}

/** `timestamp(3) with time zone`, `timestamptz(3)`, `time(0)`... (6 is the default precision). */
const DATETIME = /^(timestamptz|timestamp|timetz|time)(?:\((\d+)\))?(?: (with|without) time zone)?$/

const SIZED: readonly [RegExp, (match: RegExpExecArray) => string][] = [
  [/^(?:varchar|character varying|char varying)\((\d+)\)$/, (m) => `varchar(${m[1]})`],
  [/^(?:char|character|bpchar)\((\d+)\)$/, (m) => `char(${m[1]})`],
  [/^(?:numeric|decimal)\((\d+)(?:,(-?\d+))?\)$/, (m) => `numeric(${m[1]},${m[2] ?? '0'})`],
  [/^float\((\d+)\)$/, (m) => (Number(m[1]) <= 24 ? 'real' : 'double')],
  [/^bit\((\d+)\)$/, (m) => `bit(${m[1]})`],
  [/^(?:varbit|bit varying)\((\d+)\)$/, (m) => `bit varying(${m[1]})`],
]

/** Names the SQL grammar reads as a built-in type: quoted, they name something else (`"char"`). */
const TYPE_KEYWORDS = new Set([
  'bigint',
  'bit',
  'boolean',
  'char',
  'character',
  'dec',
  'decimal',
  'double',
  'float',
  'int',
  'integer',
  'interval',
  'national',
  'nchar',
  'numeric',
  'real',
  'smallint',
  'time',
  'timestamp',
  'varchar',
])

/**
 * A name as the catalog stores it, written the way SQL must spell it: bare when it is
 * a plain lower-case name, double-quoted otherwise.
 *
 * @example
 * canonicalName('mood') // 'mood'
 * canonicalName('Mood') // '"Mood"'
 */
export function canonicalName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !TYPE_KEYWORDS.has(name)
    ? name
    : `"${name.replaceAll('"', '""')}"`
}

/**
 * Lower-cases what is not quoted, collapses whitespace, drops spaces around
 * punctuation, and resolves each quoted identifier to its canonical spelling.
 */
function normaliseText(type: string): string {
  let out = ''
  let index = 0
  while (index < type.length) {
    const char = type[index] as string
    if (char === '"') {
      let end = index + 1
      let name = ''
      while (end < type.length) {
        if (type[end] === '"' && type[end + 1] === '"') {
          name += '"'
          end += 2
        } else if (type[end] === '"') break
        else name += type[end++]
      }
      out += canonicalName(name)
      index = end + 1
    } else {
      out += /\s/.test(char) ? ' ' : char.toLowerCase()
      index++
    }
  }
  return out
    .replace(/ +/g, ' ')
    .replace(/ ?([(,.[]) ?/g, '$1')
    .replace(/ ([)\]])/g, '$1')
    .trim()
}

function canonicalScalar(text: string): string {
  const name = text.startsWith('pg_catalog.') ? text.slice('pg_catalog.'.length) : text
  const alias = ALIASES[name]
  if (alias !== undefined) return alias
  const datetime = DATETIME.exec(name)
  if (datetime) {
    const [, base = '', precision, zone] = datetime
    const withZone = base.endsWith('tz') || zone === 'with'
    if (base.endsWith('tz') && zone !== undefined) return text
    const root = base.startsWith('timestamp') ? 'timestamp' : 'time'
    const suffix = precision === undefined || precision === '6' ? '' : `(${precision})`
    return `${root}${withZone ? 'tz' : ''}${suffix}`
  }
  for (const [pattern, build] of SIZED) {
    const match = pattern.exec(name)
    if (match) return build(match)
  }
  return name
}

// A schema of 500 tables spells the same few types thousands of times.
const CACHE_LIMIT = 10_000
const cache = new Map<string, string>()

/**
 * The canonical spelling of a column type, portable or native. Aliases collapse
 * (`int4` → `integer`, `character varying(10)` → `varchar(10)`, `float8` → `double`,
 * `timestamp with time zone` → `timestamptz`), defaults made explicit the way the
 * catalog stores them (`char` → `char(1)`, `numeric(10)` → `numeric(10,0)`), the
 * default precision 6 of time types is dropped, every array spelling becomes `<type>[]`
 * (PostgreSQL ignores declared dimensions), and an enum is its type's name, so a
 * native `'mood'` and `{ enum: [...], name: 'mood' }` agree. Unknown names are
 * lower-cased unless quoted.
 *
 * @example
 * canonicalType('int4')                          // 'integer'
 * canonicalType('character varying(10)[]')       // 'varchar(10)[]'
 * canonicalType('timestamp(3) with time zone')   // 'timestamptz(3)'
 * canonicalType({ enum: ['a'], name: 'mood' })   // 'mood'
 */
export function canonicalType(type: ColumnType): string {
  if (typeof type === 'string') {
    let canonical = cache.get(type)
    if (canonical === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear()
      canonical = canonicalText(type)
      cache.set(type, canonical)
    }
    return canonical
  }
  if (type.name === undefined) {
    return `enum(${type.enum.map((value) => `'${value.replaceAll("'", "''")}'`).join(',')})`
  }
  return enumTypeName(type.name)
}

function canonicalText(type: string): string {
  let text = normaliseText(type)
  let array = false
  for (;;) {
    const match = /(?:\[\d*\]| array(?:\[\d*\])?)$/.exec(text)
    if (!match) break
    array = true
    text = text.slice(0, match.index).trim()
  }
  const scalar = canonicalScalar(text)
  return array ? `${scalar}[]` : scalar
}

/** An enum's name (`mood` or `schema.mood`, unquoted parts) in canonical spelling. */
function enumTypeName(name: string): string {
  const dot = name.indexOf('.')
  if (dot < 0) return canonicalName(name)
  return `${canonicalName(name.slice(0, dot))}.${canonicalName(name.slice(dot + 1))}`
}

/** Kinds of values, for reading literals the way a column of that type would. */
export type TypeFamily =
  | 'number'
  | 'boolean'
  | 'string'
  | 'jsonb'
  | 'uuid'
  | 'date'
  | 'timestamp'
  | 'time'
  | 'interval'
  | 'array'
  | 'other'

const NUMBER_TYPES = /^(integer|bigint|smallint|real|double|numeric(\(\d+,-?\d+\))?)$/
const STRING_TYPES = /^(text|varchar(\(\d+\))?|char\(\d+\)|bpchar|name|citext)$/

/**
 * The family of a canonical type (from `canonicalType`).
 *
 * @example
 * typeFamily('numeric(10,2)') // 'number'
 */
export function typeFamily(canonical: string): TypeFamily {
  if (canonical.endsWith('[]')) return 'array'
  if (NUMBER_TYPES.test(canonical)) return 'number'
  if (STRING_TYPES.test(canonical)) return 'string'
  if (canonical === 'boolean') return 'boolean'
  if (canonical === 'jsonb') return 'jsonb'
  if (canonical === 'uuid') return 'uuid'
  if (canonical === 'date') return 'date'
  if (/^timestamp(\(\d+\))?$/.test(canonical)) return 'timestamp'
  if (/^time(\(\d+\))?$/.test(canonical)) return 'time'
  if (canonical === 'interval') return 'interval'
  return 'other'
}

/**
 * A canonical type without its size or precision (`varchar(20)` → `varchar`), with
 * `char(n)` and `bpchar` both `char`: the catalog casts a column's default to the bare
 * type, so a default's cast is compared with this.
 *
 * @example
 * baseType('varchar(20)') // 'varchar'
 */
export function baseType(canonical: string): string {
  const bare = canonical.replace(/\([^)]*\)/g, '')
  return bare === 'bpchar' ? 'char' : bare
}
