/**
 * How Stratum recognises its own model objects. Model files are loaded with jiti, and
 * `'stratum'` inside them may be a second copy of this package (evaluated afresh per
 * load), so `instanceof` cannot be trusted: objects carry a registered symbol instead,
 * which every copy shares.
 */

/** Marks a table made by `defineTable`. */
export const TABLE_BRAND: unique symbol = Symbol.for('stratum.schema.table')
/** Marks a table's column (`users.columns.id`). */
export const COLUMN_BRAND: unique symbol = Symbol.for('stratum.schema.column')
/** Marks a column builder (`integer()`, `text('name')`...). */
export const BUILDER_BRAND: unique symbol = Symbol.for('stratum.schema.builder')
/** Marks an enum type made by `enumType`. */
export const ENUM_BRAND: unique symbol = Symbol.for('stratum.schema.enum')

/** Whether `value` carries `brand` (works across copies of this package). */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as Record<symbol, unknown>)[brand] === true
  )
}
