/** Portable column types to PostgreSQL types. */
import { MigrationError } from '../../errors.js'
import type { ColumnType } from '../../operations/types.js'
import { quoteIdentifier } from './quote.js'

const SIMPLE: Readonly<Record<string, string>> = {
  integer: 'integer',
  bigint: 'bigint',
  smallint: 'smallint',
  boolean: 'boolean',
  text: 'text',
  varchar: 'varchar',
  char: 'char',
  numeric: 'numeric',
  real: 'real',
  double: 'double precision',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  uuid: 'uuid',
  bytes: 'bytea',
}

/** Types whose values `GENERATED ... AS IDENTITY` can produce. */
const IDENTITY_TYPES = new Set(['integer', 'bigint', 'smallint', 'int', 'int2', 'int4', 'int8'])

/**
 * What a native type may be written with: no quotes, semicolons or comments; a dot for a
 * type of another schema (`inventory.dimensions`).
 */
const NATIVE_TYPE = /^[A-Za-z_][A-Za-z0-9_ (),.[\]]*$/

function invalid(type: string, problem: string): never {
  throw new MigrationError('INVALID_TYPE', `Column type '${type}' ${problem}`, {
    hint: "Use a portable type ('integer', 'varchar(255)', 'numeric(10,2)', 'timestamptz'...) or a plain PostgreSQL type name.",
  })
}

/** `varchar(n)`, `char(n)`, `numeric(p)`, `numeric(p,s)`. */
function sized(name: string, args: string, type: string): string {
  const numbers = args.split(',').map((part) => part.trim())
  if (!numbers.every((part) => /^\d+$/.test(part))) {
    invalid(type, 'has a size that is not a whole number')
  }
  const max = name === 'numeric' ? 2 : 1
  if (numbers.length > max) invalid(type, `takes at most ${max} size argument(s)`)
  if (name !== 'numeric' && Number(numbers[0]) < 1)
    invalid(type, 'must have a length of at least 1')
  return `${name}(${numbers.join(',')})`
}

function compileName(type: string): string {
  const text = type.trim()
  if (text.endsWith('[]')) return `${compileName(text.slice(0, -2))}[]`
  const lower = text.toLowerCase()
  const simple = SIMPLE[lower]
  if (simple) return simple
  const match = /^(varchar|char|numeric)\s*\(([^)]*)\)$/.exec(lower)
  if (match) return sized(match[1] ?? '', match[2] ?? '', type)
  if (!NATIVE_TYPE.test(text)) {
    invalid(type, 'is not a type name: it may hold letters, digits, spaces, _ , . ( ) [ ] only')
  }
  return text
}

/**
 * The PostgreSQL spelling of a column type. Portable names map to PostgreSQL's
 * (`double` → `double precision`, `bytes` → `bytea`), `<type>[]` to arrays, an enum
 * column to its named type (created by `createEnum`, not here), anything else passes
 * through as a native type after a sanity check.
 *
 * @example
 * compileType('numeric(10, 2)')                  // 'numeric(10,2)'
 * compileType('text[]')                          // 'text[]'
 * compileType({ enum: ['a', 'b'], name: 'mood' }) // '"mood"'
 * compileType({ enum: ['open'], name: 'billing.status' }) // '"billing"."status"'
 */
export function compileType(type: ColumnType): string {
  if (typeof type === 'string') return compileName(type)
  if (type.name === undefined) {
    throw new MigrationError(
      'UNSUPPORTED_TYPE',
      `PostgreSQL enum columns need a named type; { enum: [${type.enum.map((value) => `'${value}'`).join(', ')}] } has no name`,
      {
        hint: "Create the type with op.createEnum('mood', [...]) and use { enum: [...], name: 'mood' }.",
      },
    )
  }
  // A type of another schema is named `schema.name`, as introspection reads it.
  const dot = type.name.indexOf('.')
  if (dot < 0) return quoteIdentifier(type.name)
  return `${quoteIdentifier(type.name.slice(0, dot))}.${quoteIdentifier(type.name.slice(dot + 1))}`
}

/** Whether a column of this type can be an identity column (autoIncrement). */
export function isIdentityType(type: ColumnType): boolean {
  return typeof type === 'string' && IDENTITY_TYPES.has(type.trim().toLowerCase())
}
