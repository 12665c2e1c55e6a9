/**
 * One column definition as MySQL writes it in CREATE TABLE, ADD COLUMN and MODIFY
 * COLUMN: `name type [COLLATE c] [NOT] NULL [DEFAULT d] [ON UPDATE u] [AUTO_INCREMENT]
 * [INVISIBLE] [UNIQUE] [PRIMARY KEY] [COMMENT '..'] [CHECK (..)]`.
 */
import type { ColumnSpec, DefaultValue } from '../../operations/types.js'
import { literal, quoteIdentifier } from './quote.js'
import { backslashEscaping, type PlainString } from './statement.js'
import { columnType, type TypeSql } from './types.js'

/** Everything a restated column carries. Defaults are SQL text, already rendered. */
export interface ColumnDefinition {
  readonly name: string
  readonly type: TypeSql
  readonly collation?: string | undefined
  /** `undefined` writes neither NULL nor NOT NULL (the server's default: nullable). */
  readonly nullable?: boolean | undefined
  readonly defaultSql?: string | undefined
  readonly onUpdate?: string | undefined
  readonly autoIncrement?: boolean | undefined
  readonly invisible?: boolean | undefined
  readonly unique?: boolean | undefined
  readonly primaryKey?: boolean | undefined
  readonly comment?: string | null | undefined
  /** A MariaDB column-level CHECK (such as the `json_valid` of its JSON type). */
  readonly check?: string | undefined
}

/** Expressions MySQL has always accepted bare after DEFAULT. */
const BARE_DEFAULT =
  /^\s*(NULL|(CURRENT_TIMESTAMP|LOCALTIME|LOCALTIMESTAMP)(\s*\(\s*\d*\s*\))?|NOW\s*\(\s*\d*\s*\))\s*$/i

/**
 * The SQL after `DEFAULT` for an expression: bare for NULL and CURRENT_TIMESTAMP (which
 * every version accepts), else in parentheses (MySQL 8.0.13+ expression defaults).
 * `inColumn` false is for `ALTER COLUMN .. SET DEFAULT`, which takes only literals
 * and parenthesised expressions.
 */
export function defaultExpression(expression: string, inColumn = true): string {
  const bare = inColumn ? BARE_DEFAULT.test(expression) : /^\s*NULL\s*$/i.test(expression)
  return bare ? expression.trim() : `(${expression})`
}

/** `CURRENT_TIMESTAMP` and its synonyms, without a precision. */
const NOW_WITHOUT_PRECISION =
  /^\s*((CURRENT_TIMESTAMP|LOCALTIME|LOCALTIMESTAMP)(\s*\(\s*\))?|NOW\s*\(\s*\))\s*$/i

/** Where the default goes, and the column's type when known (for the precision of `now`). */
export interface DefaultOptions {
  /** False for `ALTER COLUMN .. SET DEFAULT` (see `defaultExpression`). */
  readonly inColumn?: boolean
  /** The column's MySQL type, e.g. `datetime(6)`. */
  readonly type?: string | undefined
}

/**
 * The SQL after `DEFAULT` for a default value, or undefined for none (`null`). On a
 * `datetime(n)` column, a bare `CURRENT_TIMESTAMP` (or `now()`) gets the column's
 * precision: MySQL rejects a mismatch and MariaDB would drop the fraction.
 *
 * @example
 * defaultSql('draft')                                                // "'draft'"
 * defaultSql({ sql: 'CURRENT_TIMESTAMP' }, { type: 'datetime(6)' }) // 'CURRENT_TIMESTAMP(6)'
 * defaultSql({ sql: 'uuid()' })                                      // '(uuid())'
 */
export function defaultSql(
  value: DefaultValue | undefined,
  options: DefaultOptions = {},
): string | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'object') return literal(value)
  const precision = /^(datetime|timestamp)\((\d+)\)/i.exec(options.type ?? '')?.[2]
  const expression =
    precision && NOW_WITHOUT_PRECISION.test(value.sql)
      ? `CURRENT_TIMESTAMP(${precision})`
      : value.sql
  return defaultExpression(expression, options.inColumn)
}

/** A column definition from a ColumnSpec; table-level parts (foreign keys) are not included. */
export function specDefinition(
  spec: ColumnSpec,
  options: { inlineKey: boolean },
): ColumnDefinition {
  // Nullable is the server's default and goes unsaid, except on a primary key column,
  // where saying it lets the server reject the contradiction instead of ignoring it.
  const nullable = spec.nullable ?? !spec.primaryKey
  const type = columnType(spec.type)
  return {
    name: spec.name,
    type,
    nullable: nullable ? (spec.primaryKey ? true : undefined) : false,
    defaultSql: defaultSql(spec.default, { type: type(backslashEscaping) }),
    autoIncrement: spec.autoIncrement,
    unique: spec.unique,
    primaryKey: options.inlineKey && spec.primaryKey,
    comment: spec.comment,
  }
}

/**
 * Writes a column definition.
 *
 * @example
 * renderColumn({ name: 'id', type: () => 'int', nullable: false, autoIncrement: true }, plain)
 * // '`id` int NOT NULL AUTO_INCREMENT'
 */
export function renderColumn(column: ColumnDefinition, plain: PlainString): string {
  const parts = [quoteIdentifier(column.name), column.type(plain)]
  if (column.collation) parts.push(`COLLATE ${column.collation}`)
  if (column.nullable !== undefined) parts.push(column.nullable ? 'NULL' : 'NOT NULL')
  if (column.defaultSql !== undefined) parts.push(`DEFAULT ${column.defaultSql}`)
  if (column.onUpdate) parts.push(`ON UPDATE ${column.onUpdate}`)
  if (column.autoIncrement) parts.push('AUTO_INCREMENT')
  if (column.invisible) parts.push('INVISIBLE')
  if (column.unique) parts.push('UNIQUE')
  if (column.primaryKey) parts.push('PRIMARY KEY')
  if (column.comment) parts.push(`COMMENT ${plain(column.comment)}`)
  if (column.check) parts.push(`CHECK (${column.check})`)
  return parts.join(' ')
}
