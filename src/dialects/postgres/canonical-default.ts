/**
 * Column defaults: reading the catalog's text (`'draft'::character varying`,
 * `'-1'::integer`, `now()`) into a `DefaultValue`, and one canonical SQL text per
 * default so that a model's `'draft'` and the catalog's `'draft'::character varying`
 * agree. Expressions are compared as canonical expressions: `now()` and
 * `CURRENT_TIMESTAMP` stay different, as PostgreSQL keeps them.
 */
import type { ColumnType, DefaultValue } from '../../operations/types.js'
import {
  canonicalExpression,
  normaliseExpression,
  printExpression,
} from './canonical-expression.js'
import {
  formatLiteral,
  type Literal,
  normaliseLiteral,
  normaliseNumber,
} from './canonical-literal.js'
import { baseType, canonicalType, typeFamily } from './canonical-type.js'
import type { ExpressionNode } from './expression-ast.js'
import { parseExpression } from './expression-parser.js'
import { SqlSyntaxError } from './sql-tokens.js'

/**
 * The literal a default expression stands for in a column of `columnType` (canonical),
 * or undefined when it is not a plain literal. Casts are looked through when they only
 * restate the column's type: its own base type, a text type for a text column, a number
 * type around a number for a number column (`'-5'::integer` for a bigint column, as
 * PostgreSQL stores it).
 */
function literalOf(node: ExpressionNode, columnType: string): Literal | undefined {
  if (node.type === 'literal') return node
  if (node.type === 'prefix' && (node.op === '-' || node.op === '+')) {
    const inner = node.expr
    if (inner.type === 'literal' && inner.kind === 'number') {
      return { kind: 'number', value: node.op === '-' ? `-${inner.value}` : inner.value }
    }
    return undefined
  }
  if (node.type !== 'cast') return undefined
  const inner = literalOf(node.expr, columnType)
  if (inner === undefined || inner.kind === 'null') return inner
  const castType = canonicalType(node.typeText)
  if (baseType(castType) === baseType(columnType)) return inner
  const castFamily = typeFamily(castType)
  const columnFamily = typeFamily(columnType)
  if (castFamily === 'string' && columnFamily === 'string') return inner
  if (castFamily === 'number' && columnFamily === 'number' && normaliseNumber(inner.value)) {
    return inner
  }
  return undefined
}

function parse(sql: string): ExpressionNode | undefined {
  try {
    return parseExpression(sql)
  } catch (error) {
    if (error instanceof SqlSyntaxError) return undefined
    throw error
  }
}

/**
 * A default as the catalog prints it (`pg_get_expr(adbin, adrelid)`), as a
 * `DefaultValue`: literals become strings, numbers and booleans, a NULL default is no
 * default (undefined), anything else is `{ sql }` with the catalog's text.
 *
 * @example
 * defaultFromCatalog("'a''b'::character varying", 'varchar(10)') // "a'b"
 * defaultFromCatalog("'-1'::integer", 'bigint')                   // -1
 * defaultFromCatalog('now()', 'timestamptz')                      // { sql: 'now()' }
 */
export function defaultFromCatalog(text: string, type: ColumnType): DefaultValue | undefined {
  const columnType = canonicalType(type)
  const cacheKey = `${columnType}\u0000${text}`
  let value = cache.get(cacheKey)
  if (value === undefined && !cache.has(cacheKey)) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    value = readDefault(text, columnType)
    cache.set(cacheKey, value)
  }
  // Each column gets its own object: the model is plain data that callers may keep.
  return typeof value === 'object' && value !== null ? { sql: value.sql } : value
}

// Tables of one schema repeat the same few defaults; parsing each once is enough.
const CACHE_LIMIT = 10_000
const cache = new Map<string, DefaultValue | undefined>()

function readDefault(text: string, columnType: string): DefaultValue | undefined {
  const node = parse(text)
  const literal = node && literalOf(node, columnType)
  if (literal === undefined || literal.kind === 'raw') return { sql: text }
  if (literal.kind === 'null') return undefined
  if (literal.kind === 'boolean') return literal.value === 'true'
  const family = typeFamily(columnType)
  if (literal.kind === 'string' && family !== 'number') return literal.value
  const number = normaliseNumber(literal.value)
  if (number === undefined) return literal.value
  const value = Number(number)
  return Number.isFinite(value) && normaliseNumber(String(value)) === number ? value : number
}

function defaultLiteral(value: string | number | boolean): Literal {
  if (typeof value === 'string') return { kind: 'string', value }
  if (typeof value === 'number') return { kind: 'number', value: String(value) }
  return { kind: 'boolean', value: String(value) }
}

/**
 * The canonical SQL of a default for a column of `type`, or undefined for no default
 * (undefined, `null`, and a NULL expression all mean none). A literal and the same
 * literal cast to the column's type agree, literals are read as the column reads them
 * (`'0'` is `0` for an integer, `'yes'` is `true` for a boolean, jsonb and uuid text is
 * normalised), and expressions are compared by their canonical text (keyword case,
 * spacing, parentheses and casts on literals do not matter).
 *
 * @example
 * canonicalDefault('draft', 'varchar(20)')                             // "'draft'"
 * canonicalDefault({ sql: "'draft'::character varying" }, 'varchar(20)') // "'draft'"
 * canonicalDefault({ sql: 'CURRENT_TIMESTAMP' }, 'timestamptz')        // 'current_timestamp'
 */
export function canonicalDefault(
  value: DefaultValue | undefined,
  type: ColumnType,
): string | undefined {
  if (value === undefined || value === null) return undefined
  const columnType = canonicalType(type)
  const family = typeFamily(columnType)
  if (typeof value !== 'object')
    return formatLiteral(normaliseLiteral(defaultLiteral(value), family))
  const node = parse(value.sql)
  if (node === undefined) return canonicalExpression(value.sql)
  const literal = literalOf(node, columnType)
  if (literal?.kind === 'null') return undefined
  if (literal !== undefined) return formatLiteral(normaliseLiteral(literal, family))
  return printExpression(normaliseExpression(node))
}
