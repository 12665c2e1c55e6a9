/**
 * A column as part of a table (`users.columns.email`): the builder plus its key, its
 * SQL name and its table. Constraints, indexes, foreign keys and `sqlExpr` take these.
 */
import { COLUMN_BRAND } from './brand.js'
import type { AnyColumnBuilder } from './column.js'

/** Where a column lives. `schema` is undefined for the connection's default schema. */
export interface TableRef {
  readonly name: string
  readonly schema: string | undefined
}

/** One column of a defined table. */
export interface TableColumn<B extends AnyColumnBuilder = AnyColumnBuilder> {
  readonly [COLUMN_BRAND]: true
  /** The property name in `defineTable`'s columns. */
  readonly key: string
  /** The SQL name: the name given to the type function, else the key. */
  readonly name: string
  readonly table: TableRef
  readonly builder: B
}

/**
 * Binds a builder to its table under `key`.
 *
 * @example
 * bindColumn({ table, key: 'fullName', builder: text('full_name') }).name // 'full_name'
 */
export function bindColumn<B extends AnyColumnBuilder>(options: {
  readonly table: TableRef
  readonly key: string
  readonly builder: B
}): TableColumn<B> {
  const { table, key, builder } = options
  return Object.freeze({
    key,
    name: builder.config.name ?? key,
    table,
    builder,
    [COLUMN_BRAND]: true as const,
  })
}
