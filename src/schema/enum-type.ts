/**
 * `enumType`: a named enumeration, created as a type on PostgreSQL and written inline
 * (`ENUM('a','b')`) on MySQL. Calling it makes a column of that type.
 */
import { ModelError } from '../errors.js'
import { ENUM_BRAND, hasBrand } from './brand.js'
import { type ColumnBuilder, newColumn } from './column.js'
import type { EnumModel } from './model.js'

/** An enum type: call it for a column (`mood()`, `mood('current_mood')`). */
export interface EnumType<V extends readonly string[] = readonly string[]> {
  /**
   * A column of this enum type; `name` is its SQL name (default: its key in `defineTable`).
   * Kysely sees the union of the values.
   */
  <const N extends string | undefined = undefined>(name?: N): ColumnBuilder<V[number], N>
  readonly [ENUM_BRAND]: true
  /** The type's name. */
  readonly name: string
  /** The PostgreSQL schema; undefined for the default one. */
  readonly schema: string | undefined
  readonly values: V
  /** The normalised model of the type. */
  toModel(): EnumModel
}

/**
 * A named enum type. On PostgreSQL it is a `CREATE TYPE ... AS ENUM` of its own (export it
 * from a model file, or let discovery find it through the tables that use it); on MySQL
 * each column writes the values inline; on SQLite it is text. Values keep their order.
 *
 * @example
 * export const mood = enumType('mood', ['sad', 'ok', 'happy'])
 * export const people = defineTable('people', {
 *   id: serial().primaryKey(),
 *   mood: mood().notNull().default('ok'),          // Kysely: 'sad' | 'ok' | 'happy'
 * })
 * export const status = enumType('status', ['open', 'paid'], { schema: 'billing' })
 */
export function enumType<const V extends readonly [string, ...string[]]>(
  name: string,
  values: V,
  options: { readonly schema?: string } = {},
): EnumType<V> {
  if (typeof name !== 'string' || name === '') {
    throw new ModelError('MODEL_INVALID', 'enumType() needs a non-empty type name')
  }
  if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) {
    throw new ModelError('MODEL_INVALID', `Enum type '${name}' needs a non-empty list of strings`)
  }
  const duplicate = values.find((value, position) => values.indexOf(value) !== position)
  if (duplicate !== undefined) {
    throw new ModelError('MODEL_INVALID', `Enum type '${name}' lists '${duplicate}' twice`)
  }
  const frozenValues = Object.freeze([...values]) as unknown as V
  const model: EnumModel = Object.freeze({
    name,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    values: frozenValues,
  })
  // A column names a type of another schema qualified, as introspection reads it back.
  const typeName = options.schema === undefined ? name : `${options.schema}.${name}`
  const type = Object.freeze({ enum: frozenValues, name: typeName })
  const column = (columnName?: string) => newColumn(columnName, type, model)
  Object.defineProperty(column, 'name', { value: name })
  return Object.freeze(
    Object.assign(column, {
      [ENUM_BRAND]: true as const,
      schema: options.schema,
      values: frozenValues,
      toModel: () => model,
    }),
  ) as unknown as EnumType<V>
}

/**
 * Whether `value` is an enum type made by `enumType` (from any copy of Stratum).
 *
 * @example
 * Object.values(await import('./models.js')).filter(isEnumType)
 */
export function isEnumType(value: unknown): value is EnumType {
  return hasBrand(value, ENUM_BRAND)
}
