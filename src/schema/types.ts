/**
 * The column type functions of the model DSL. One portable set for every dialect:
 * each dialect compiles the portable name (`double` is `double precision` on
 * PostgreSQL, `double` on MySQL, `REAL` on SQLite).
 *
 * Every function takes an optional SQL name first (default: the column's key in
 * `defineTable`), then its sizes: `varchar(255)`, `varchar('e_mail', 255)`.
 */
import { ModelError } from '../errors.js'
import { type ColumnBuilder, newColumn } from './column.js'
import type { BigintValue, DateTimeValue, NumericValue } from './infer.js'

type Named<T, N extends string | undefined> = ColumnBuilder<T, N>

function size(value: unknown, what: string, minimum: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum) {
    throw new ModelError(
      'MODEL_INVALID',
      `${what} must be a whole number of at least ${minimum}, not ${String(value)}`,
    )
  }
  return value
}

/** Splits `(name?, ...sizes)` arguments. */
function nameFirst(args: readonly unknown[]): [string | undefined, unknown[]] {
  return typeof args[0] === 'string' ? [args[0], args.slice(1)] : [undefined, [...args]]
}

/**
 * A 4-byte integer (`integer`, MySQL `int`). Kysely type: number.
 *
 * @example
 * quantity: integer().notNull().default(1)
 * authorId: integer('author_id').references(() => users.columns.id)
 */
export function integer<const N extends string | undefined = undefined>(
  name?: N,
): Named<number, N> {
  return newColumn(name as N, 'integer')
}

/**
 * A 2-byte integer. Kysely type: number.
 *
 * @example
 * rank: smallint().notNull()
 */
export function smallint<const N extends string | undefined = undefined>(
  name?: N,
): Named<number, N> {
  return newColumn(name as N, 'smallint')
}

/**
 * An 8-byte integer. Kysely type: `BigintValue` (selected as a string; see there).
 *
 * @example
 * views: bigint().notNull().default(0)
 */
export function bigint<const N extends string | undefined = undefined>(
  name?: N,
): Named<BigintValue, N> {
  return newColumn(name as N, 'bigint')
}

/**
 * An auto-numbered integer: `integer().autoIncrement()` (an identity column on
 * PostgreSQL, AUTO_INCREMENT on MySQL). Not a primary key by itself.
 *
 * @example
 * id: serial().primaryKey()
 */
export function serial<const N extends string | undefined = undefined>(
  name?: N,
): ColumnBuilder<number, N, true, true> {
  return integer(name).autoIncrement()
}

/**
 * An auto-numbered 8-byte integer: `bigint().autoIncrement()`.
 *
 * @example
 * id: bigserial().primaryKey()
 */
export function bigserial<const N extends string | undefined = undefined>(
  name?: N,
): ColumnBuilder<BigintValue, N, true, true> {
  return bigint(name).autoIncrement()
}

/**
 * A boolean (MySQL `tinyint(1)`, SQLite integer: those drivers return 1 and 0).
 *
 * @example
 * active: boolean().notNull().default(true)
 */
export function boolean<const N extends string | undefined = undefined>(
  name?: N,
): Named<boolean, N> {
  return newColumn(name as N, 'boolean')
}

/**
 * Text of any length. Kysely type: string.
 *
 * @example
 * fullName: text('full_name')
 */
export function text<const N extends string | undefined = undefined>(name?: N): Named<string, N> {
  return newColumn(name as N, 'text')
}

/**
 * Text of at most `length` characters (`varchar(n)`). Kysely type: string.
 *
 * @example
 * email: varchar(255).notNull()
 * email: varchar('e_mail', 255).notNull()
 */
export function varchar(length: number): Named<string, undefined>
export function varchar<const N extends string>(name: N, length: number): Named<string, N>
export function varchar(...args: [number] | [string, number]): Named<string, string | undefined> {
  const [name, [length]] = nameFirst(args)
  return newColumn(name, `varchar(${size(length, 'varchar() length', 1)})`)
}

/**
 * Fixed-length text (`char(n)`). Kysely type: string.
 *
 * @example
 * countryCode: char('country_code', 2).notNull()
 */
export function char(length: number): Named<string, undefined>
export function char<const N extends string>(name: N, length: number): Named<string, N>
export function char(...args: [number] | [string, number]): Named<string, string | undefined> {
  const [name, [length]] = nameFirst(args)
  return newColumn(name, `char(${size(length, 'char() length', 1)})`)
}

/**
 * An exact decimal: `numeric`, `numeric(p)` or `numeric(p,s)` (MySQL `decimal`). Kysely
 * type: `NumericValue` (selected as a string, so no precision is lost).
 *
 * @example
 * price: numeric(10, 2).notNull()
 * total: numeric('total_amount', 12, 2)
 */
export function numeric(precision?: number, scale?: number): Named<NumericValue, undefined>
export function numeric<const N extends string>(
  name: N,
  precision?: number,
  scale?: number,
): Named<NumericValue, N>
export function numeric(...args: unknown[]): Named<NumericValue, string | undefined> {
  const [name, sizes] = nameFirst(args)
  const [precision, scale] = sizes
  if (precision === undefined) {
    if (scale !== undefined)
      throw new ModelError('MODEL_INVALID', 'numeric() scale needs a precision')
    return newColumn(name, 'numeric')
  }
  const p = size(precision, 'numeric() precision', 1)
  if (scale === undefined) return newColumn(name, `numeric(${p})`)
  const s = size(scale, 'numeric() scale', 0)
  if (s > p) throw new ModelError('MODEL_INVALID', `numeric(${p},${s}): scale exceeds precision`)
  return newColumn(name, `numeric(${p},${s})`)
}

/**
 * A 4-byte floating-point number. Kysely type: number.
 *
 * @example
 * ratio: real()
 */
export function real<const N extends string | undefined = undefined>(name?: N): Named<number, N> {
  return newColumn(name as N, 'real')
}

/**
 * An 8-byte floating-point number (`double precision`). Kysely type: number.
 *
 * @example
 * latitude: double().notNull()
 */
export function double<const N extends string | undefined = undefined>(name?: N): Named<number, N> {
  return newColumn(name as N, 'double')
}

/**
 * A calendar date. Kysely type: `DateTimeValue` (Date).
 *
 * @example
 * birthday: date()
 */
export function date<const N extends string | undefined = undefined>(
  name?: N,
): Named<DateTimeValue, N> {
  return newColumn(name as N, 'date')
}

/**
 * A time of day. Kysely type: string (`'13:45:00'`).
 *
 * @example
 * opensAt: time('opens_at')
 */
export function time<const N extends string | undefined = undefined>(name?: N): Named<string, N> {
  return newColumn(name as N, 'time')
}

/**
 * A date and time without time zone (MySQL `datetime(6)`). Kysely type: `DateTimeValue`.
 *
 * @example
 * scheduledFor: timestamp('scheduled_for')
 */
export function timestamp<const N extends string | undefined = undefined>(
  name?: N,
): Named<DateTimeValue, N> {
  return newColumn(name as N, 'timestamp')
}

/**
 * A point in time (`timestamp with time zone`; MySQL `datetime(6)` holding UTC). Kysely
 * type: `DateTimeValue`.
 *
 * @example
 * createdAt: timestamptz('created_at').notNull().defaultNow()
 */
export function timestamptz<const N extends string | undefined = undefined>(
  name?: N,
): Named<DateTimeValue, N> {
  return newColumn(name as N, 'timestamptz')
}

/**
 * A duration (PostgreSQL; MySQL has none). Kysely type: string — node-postgres parses
 * intervals into objects unless told otherwise: narrow with `$type<...>()` to match.
 *
 * @example
 * retention: interval().notNull().default(sqlExpr`'30 days'`)
 */
export function interval<const N extends string | undefined = undefined>(
  name?: N,
): Named<string, N> {
  return newColumn(name as N, 'interval')
}

/**
 * JSON stored as text (`json`; MySQL `json`). Kysely type: `T`, default unknown. With an
 * SQL name, set the type with `$type`: `json('payload').$type<Payload>()`.
 *
 * @example
 * payload: json<{ event: string }>().notNull()
 * payload: json('event_payload').$type<{ event: string }>()
 */
export function json<T = unknown>(): Named<T, undefined>
export function json<const N extends string>(name: N): Named<unknown, N>
export function json(name?: string): Named<unknown, string | undefined> {
  return newColumn(name, 'json')
}

/**
 * Binary JSON (`jsonb` on PostgreSQL; `json` elsewhere). Kysely type: `T`, default
 * unknown. With an SQL name, set the type with `$type`.
 *
 * @example
 * settings: jsonb<{ theme: 'dark' | 'light' }>().notNull().default(sqlExpr`'{}'`)
 */
export function jsonb<T = unknown>(): Named<T, undefined>
export function jsonb<const N extends string>(name: N): Named<unknown, N>
export function jsonb(name?: string): Named<unknown, string | undefined> {
  return newColumn(name, 'jsonb')
}

/**
 * A UUID (MySQL `char(36)`). Kysely type: string.
 *
 * @example
 * id: uuid().primaryKey().default(sqlExpr`gen_random_uuid()`)
 */
export function uuid<const N extends string | undefined = undefined>(name?: N): Named<string, N> {
  return newColumn(name as N, 'uuid')
}

/**
 * Binary data (`bytea`, MySQL `longblob`, SQLite `blob`). Kysely type: Buffer.
 *
 * @example
 * avatar: bytes()
 */
export function bytes<const N extends string | undefined = undefined>(name?: N): Named<Buffer, N> {
  return newColumn(name as N, 'bytes')
}

/**
 * The same as `bytes()`, for those who think of it as a blob.
 *
 * @example
 * thumbnail: blob('thumbnail_png')
 */
export function blob<const N extends string | undefined = undefined>(name?: N): Named<Buffer, N> {
  return bytes(name)
}

/**
 * Any type the database knows, written as it is (`tsvector`, `citext`, `mediumtext`,
 * `inet`...): the escape hatch for what the portable types lack. Give the SQL name first
 * to set it. Kysely type: `T`, default unknown; with a name, set it with `$type`.
 *
 * @example
 * search: nativeType('tsvector')
 * address: nativeType<string>('inet')
 * email: nativeType('email_ci', 'citext').$type<string>().notNull()
 */
export function nativeType<T = unknown>(type: string): Named<T, undefined>
export function nativeType<const N extends string>(name: N, type: string): Named<unknown, N>
export function nativeType(first: string, second?: string): Named<unknown, string | undefined> {
  const [name, type] = second === undefined ? [undefined, first] : [first, second]
  if (typeof type !== 'string' || type.trim() === '') {
    throw new ModelError('MODEL_INVALID', 'nativeType() needs the type as text, e.g. tsvector')
  }
  return newColumn(name, type.trim())
}
