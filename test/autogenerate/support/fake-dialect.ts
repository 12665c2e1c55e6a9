/**
 * A dialect for pure comparison tests: capabilities as asked, and canonical functions
 * that know a few aliases (`int4` = `integer`, `character varying(n)` = `varchar(n)`),
 * ignore case and spacing in SQL, and drop casts from defaults, the way real
 * catalogs spell things differently from models.
 */

import type { CompareDialect } from '../../../src/autogenerate/index.js'
import type { DialectCapabilities, DialectIntrospection } from '../../../src/dialects/dialect.js'
import type { ColumnType, DefaultValue } from '../../../src/operations/types.js'

const ALIASES: Readonly<Record<string, string>> = {
  int: 'integer',
  int4: 'integer',
  int8: 'bigint',
  bool: 'boolean',
  'timestamp with time zone': 'timestamptz',
  'double precision': 'double',
}

function canonicalType(type: ColumnType): string {
  if (typeof type !== 'string') return type.name ?? `enum(${type.enum.join(',')})`
  const text = type.trim().toLowerCase().replace(/\s+/g, ' ')
  const varying = /^character varying\s*\((\d+)\)$/.exec(text)
  if (varying) return `varchar(${varying[1]})`
  return ALIASES[text] ?? text.replace(/\s*,\s*/g, ',')
}

function canonicalExpression(sql: string): string {
  let text = sql.trim().toLowerCase().replace(/\s+/g, ' ')
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim()
  return text
}

function canonicalDefault(value: DefaultValue | undefined, _type: ColumnType): string | undefined {
  if (value === undefined) return undefined
  if (value === null) return 'null'
  if (typeof value === 'object') {
    const text = canonicalExpression(value.sql).replace(/::[a-z ]+$/, '')
    return text === 'current_timestamp' ? 'now()' : text
  }
  if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`
  return String(value)
}

export const fakeIntrospection: DialectIntrospection = {
  introspect: () => Promise.reject(new Error('the fake dialect reads no database')),
  canonicalType,
  canonicalDefault,
  canonicalExpression,
}

const ALL: DialectCapabilities = {
  transactionalDdl: true,
  schemas: true,
  enumTypes: true,
  partialIndexes: true,
  expressionIndexes: true,
  concurrentIndexes: true,
  comments: true,
  deferrableConstraints: true,
  batchedStatements: true,
}

export function fakeDialect(
  capabilities: Partial<DialectCapabilities> = {},
  name = 'fake',
): CompareDialect {
  return {
    name,
    capabilities: { ...ALL, ...capabilities },
    maxIdentifierLength: 63,
    introspection: fakeIntrospection,
  }
}

/** PostgreSQL-like: everything. */
export const pgLike = fakeDialect({}, 'pg-like')
/** MySQL-like: no schemas, enum types, partial/expression indexes or deferrable keys. */
export const mysqlLike = fakeDialect(
  {
    schemas: false,
    enumTypes: false,
    partialIndexes: false,
    expressionIndexes: false,
    deferrableConstraints: false,
    transactionalDdl: false,
  },
  'mysql-like',
)
/** SQLite-like: no schemas, enum types or comments. */
export const sqliteLike = fakeDialect(
  { schemas: false, enumTypes: false, comments: false, concurrentIndexes: false },
  'sqlite-like',
)
