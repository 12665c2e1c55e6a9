/**
 * `sqlExpr`, the tag for raw SQL in model definitions: column defaults, check
 * constraints, index expressions and partial-index predicates.
 */
import type { SqlExpression } from '../operations/types.js'
import { COLUMN_BRAND, hasBrand } from './brand.js'

/** What `sqlExpr` accepts between `${}`: inserted as SQL text, never as a parameter. */
export type SqlExprValue =
  | string
  | number
  | bigint
  | boolean
  | SqlExpression
  | { readonly [COLUMN_BRAND]: true; readonly name: string }

function fragment(value: SqlExprValue, position: number): string {
  if (hasBrand(value, COLUMN_BRAND)) return (value as { name: string }).name
  if (isSqlExpression(value)) return value.sql
  if (['string', 'number', 'bigint', 'boolean'].includes(typeof value)) return String(value)
  throw new TypeError(
    `sqlExpr: value #${position + 1} is not SQL text, a number, a column or a sqlExpr`,
  )
}

/**
 * A raw SQL expression for DDL: `{ sql: '...' }`, exactly as written, with no parameters.
 * Interpolated values are inserted as SQL text: a table's column becomes its SQL name
 * (unquoted), another `sqlExpr` its text, a string or number itself, verbatim.
 *
 * It is deliberately not Kysely's `sql` (which builds parameterised queries and cannot
 * appear in a `CREATE TABLE`); keep using Kysely's `sql` in queries and data migrations.
 * The dialect writes the text as it is, so write it in the database's own SQL.
 *
 * @example
 * createdAt: timestamptz('created_at').notNull().default(sqlExpr`now()`)
 * checkConstraint('ck_price_positive', sqlExpr`${t.price} > 0`)         // { sql: 'price > 0' }
 * index('ix_users_email_lower').on(sqlExpr`lower(email)`)
 */
export function sqlExpr(strings: TemplateStringsArray, ...values: SqlExprValue[]): SqlExpression {
  let sql = strings[0] ?? ''
  values.forEach((value, position) => {
    sql += fragment(value, position) + (strings[position + 1] ?? '')
  })
  return Object.freeze({ sql })
}

/**
 * True for `{ sql: string }` objects (a `sqlExpr` or a literal `{ sql }`).
 *
 * @example
 * isSqlExpression(sqlExpr`now()`) // true
 * isSqlExpression('now()')        // false: a string default is a literal
 */
export function isSqlExpression(value: unknown): value is SqlExpression {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { sql?: unknown }).sql === 'string'
  )
}
