/**
 * Kysely's database type from the model definitions, with no generator step:
 * `type Database = InferDatabase<typeof models>`. Type-level only.
 */
import type { Generated, ColumnType as KyselyColumnType } from 'kysely'
import type { AnyColumnBuilder } from './column.js'
import type { AnyTable } from './table.js'

/**
 * `bigint` values: the PostgreSQL driver returns them as strings (JavaScript numbers lose
 * precision past 2^53); inserts take a string, a number or a bigint. Narrow it with
 * `$type<number>()` if your driver is configured to return numbers.
 */
export type BigintValue = KyselyColumnType<
  string,
  string | number | bigint,
  string | number | bigint
>

/** `numeric(p,s)` values: strings (exact decimals); inserts take a string or a number. */
export type NumericValue = KyselyColumnType<string, string | number, string | number>

/**
 * `date`, `timestamp`, `timestamptz` values: `Date` as the PostgreSQL and MySQL drivers
 * return them (SQLite returns the stored text: use `$type<string>()` there); inserts take
 * a `Date` or an ISO string.
 */
export type DateTimeValue = KyselyColumnType<Date, Date | string, Date | string>

/** The value type of `T[]` columns (`.array()`). */
export type ArrayValue<T> = [T] extends [KyselyColumnType<infer S, infer I, infer U>]
  ? KyselyColumnType<S[], I[], U[]>
  : T[]

type OrNull<T, NotNull> = NotNull extends true ? T : T | null

type TypesOf<B extends AnyColumnBuilder> = B['~types']

/**
 * The Kysely column type of a builder: `T`, `T | null` when nullable, `Generated<T>` when
 * the database fills it in (a default or autoIncrement).
 */
export type InferColumn<B extends AnyColumnBuilder> = [TypesOf<B>['value']] extends [
  KyselyColumnType<infer S, infer I, infer U>,
]
  ? KyselyColumnType<
      OrNull<S, TypesOf<B>['notNull']>,
      | OrNull<I, TypesOf<B>['notNull']>
      | (TypesOf<B>['hasDefault'] extends true ? undefined : never),
      OrNull<U, TypesOf<B>['notNull']>
    >
  : TypesOf<B>['hasDefault'] extends true
    ? Generated<OrNull<TypesOf<B>['value'], TypesOf<B>['notNull']>>
    : OrNull<TypesOf<B>['value'], TypesOf<B>['notNull']>

/**
 * A column's SQL name: the name given to its type function, else its key (also when the
 * name is a `string` variable rather than a literal, which Kysely could not key by).
 */
type SqlName<K, B extends AnyColumnBuilder> = TypesOf<B>['name'] extends string
  ? string extends TypesOf<B>['name']
    ? K
    : TypesOf<B>['name']
  : K

/**
 * One table's row type for Kysely, keyed by SQL column names.
 *
 * @example
 * type UserRow = InferTable<typeof users>
 * // { id: Generated<number>; email: string; full_name: string | null; ... }
 */
export type InferTable<T extends AnyTable> = {
  -readonly [K in keyof T['columns'] & string as SqlName<
    K,
    T['columns'][K]['builder']
  >]: InferColumn<T['columns'][K]['builder']>
}

/** The key Kysely uses for a table: `'billing.invoices'` in a schema, else `'users'`. */
export type TableKey<T extends AnyTable> = T['schema'] extends string
  ? `${T['schema']}.${T['name']}`
  : T['name']

/** The tables among a module namespace's exports, an object's values, or an array's items. */
type TablesIn<M> = Extract<M extends readonly unknown[] ? M[number] : M[keyof M], AnyTable>

/**
 * The Kysely database type of the tables in `M`: a model module's namespace
 * (`typeof import('./models.js')`), an object of tables, or a tuple of tables. Other
 * exports (enum types, helpers) are ignored. Tables are keyed by SQL name
 * (`'billing.invoices'` when in a schema), columns by SQL name.
 *
 * Value types: integer, smallint, serial, real, double → number; bigint → string
 * (`BigintValue`); numeric → string (`NumericValue`); boolean → boolean; text, varchar,
 * char, uuid, time, interval → string; date, timestamp, timestamptz → Date
 * (`DateTimeValue`); json, jsonb → unknown or `json<T>()`; bytes → Buffer; enum → the
 * union of its values; arrays → T[]; `nativeType<T>()` → T (default unknown).
 *
 * @example
 * import * as models from './models.js'
 * type Database = InferDatabase<typeof models>
 * const db = new Kysely<Database>({ dialect })
 * await db.selectFrom('users').select(['id', 'email']).execute()
 */
export type InferDatabase<M> = {
  -readonly [T in TablesIn<M> as TableKey<T>]: InferTable<T>
}
