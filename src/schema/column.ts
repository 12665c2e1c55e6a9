/**
 * The column builder behind every type function (`integer()`, `text('full_name')`...).
 * Builders are immutable: each method returns a new builder, so a shared base such as
 * `const id = integer().primaryKey()` can be reused across tables safely. The type
 * parameters record what Kysely needs (value type, SQL name, nullability, whether the
 * database fills the value in) and cost nothing at run time.
 */
import { ModelError } from '../errors.js'
import type { ColumnType, DefaultValue, ReferentialAction } from '../operations/types.js'
import { BUILDER_BRAND } from './brand.js'
import type { ArrayValue } from './infer.js'
import type { EnumModel } from './model.js'
import { isSqlExpression } from './sql-expr.js'

/** Options of a foreign key: `references(() => users.columns.id, { onDelete: 'cascade' })`. */
export interface ReferenceOptions {
  /** The constraint's name; unset leaves naming to the database's convention. */
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  /** PostgreSQL `DEFERRABLE`. */
  readonly deferrable?: boolean
  /** PostgreSQL `INITIALLY DEFERRED` (implies deferrable). */
  readonly initiallyDeferred?: boolean
}

/**
 * A function returning the referenced column: `() => users.columns.id`. Its return type
 * is `void` on purpose: with a precise one, TypeScript would need a table's type while
 * still inferring it whenever the table references itself or a table that references it
 * back (error TS7022). What the function returns is checked when the model is built.
 */
export type ColumnThunk = () => void

/** Everything a column builder records; `defineTable` turns it into a `ColumnModel`. */
export interface ColumnConfig {
  /** The SQL name; unset means the key the column has in `defineTable`. */
  readonly name: string | undefined
  readonly type: ColumnType
  readonly notNull: boolean
  readonly primaryKey: { readonly name?: string } | undefined
  readonly autoIncrement: boolean
  readonly hasDefault: boolean
  readonly default: DefaultValue | undefined
  readonly unique: { readonly name?: string } | undefined
  readonly references:
    | { readonly target: ColumnThunk; readonly options: ReferenceOptions }
    | undefined
  readonly comment: string | undefined
  readonly renamedFrom: string | undefined
  /** The enum type of an enum column (also of an array of one). */
  readonly enumType: EnumModel | undefined
}

/** Types whose values autoIncrement (identity, AUTO_INCREMENT) can generate. */
const INTEGER_TYPES = new Set(['integer', 'bigint', 'smallint'])

function describeType(type: ColumnType): string {
  return typeof type === 'string' ? type : `enum ${type.name ?? `(${type.enum.join(', ')})`}`
}

function checkDefault(value: unknown): DefaultValue {
  if (value === null || ['string', 'boolean'].includes(typeof value)) return value as DefaultValue
  if (typeof value === 'number' && Number.isFinite(value)) return value
  if (isSqlExpression(value)) return value
  throw new ModelError(
    'MODEL_INVALID',
    `default() takes a string, a finite number, a boolean, null or sqlExpr\`...\`; got ${String(value)}`,
    { hint: 'For an SQL expression write default(sqlExpr`now()`).' },
  )
}

/**
 * A column in the making. Type parameters: `T` the TypeScript value (a plain type or a
 * Kysely `ColumnType<Select, Insert, Update>`), `N` the SQL name given to the type
 * function (undefined: the key in `defineTable`), `NotNull`, and `HasDefault` (the
 * database fills it in: a default or autoIncrement, so inserts may leave it out).
 *
 * @example
 * const email = varchar(255).notNull().unique()
 * const createdAt = timestamptz('created_at').notNull().default(sqlExpr`now()`)
 */
export class ColumnBuilder<
  T,
  N extends string | undefined = undefined,
  NotNull extends boolean = false,
  HasDefault extends boolean = false,
> {
  readonly [BUILDER_BRAND] = true as const
  /** What the builder has recorded (read by `defineTable`). */
  readonly config: ColumnConfig
  /** Type-level only: what `InferDatabase` reads. */
  declare readonly '~types': {
    readonly value: T
    readonly name: N
    readonly notNull: NotNull
    readonly hasDefault: HasDefault
  }

  constructor(config: ColumnConfig) {
    // A frozen config cannot change under the builder: kept as it is (the builder's own
    // methods make one per step), anything else is copied first.
    this.config = Object.isFrozen(config) ? config : Object.freeze({ ...config })
    Object.freeze(this)
  }

  private with<R>(patch: Partial<ColumnConfig>): R {
    return new ColumnBuilder(Object.freeze({ ...this.config, ...patch })) as R
  }

  /**
   * `NOT NULL`. Columns are nullable unless they are `notNull()`, part of the primary key,
   * or autoIncrement.
   *
   * @example
   * email: varchar(255).notNull()
   */
  notNull(): ColumnBuilder<T, N, true, HasDefault> {
    return this.with({ notNull: true })
  }

  /**
   * The table's primary key is this column (implies not null). For a key over several
   * columns use `primaryKey({ columns: [...] })` in the table's options instead.
   *
   * @example
   * id: integer().primaryKey().autoIncrement()
   * code: char(2).primaryKey({ name: 'pk_countries' })
   */
  primaryKey(options: { readonly name?: string } = {}): ColumnBuilder<T, N, true, HasDefault> {
    return this.with({ primaryKey: options.name === undefined ? {} : { name: options.name } })
  }

  /**
   * The database numbers the rows: an identity column on PostgreSQL, AUTO_INCREMENT on
   * MySQL, INTEGER PRIMARY KEY AUTOINCREMENT on SQLite. Integer types only; implies not
   * null, and inserts may leave the column out.
   *
   * @example
   * id: bigint().primaryKey().autoIncrement()
   */
  autoIncrement(): ColumnBuilder<T, N, true, true> {
    const { type } = this.config
    if (typeof type !== 'string' || !INTEGER_TYPES.has(type)) {
      throw new ModelError(
        'MODEL_INVALID',
        `autoIncrement() needs an integer, bigint or smallint column, not ${describeType(type)}`,
      )
    }
    return this.with({ autoIncrement: true })
  }

  /**
   * The column's default: a literal (quoted by the dialect) or an SQL expression with
   * `sqlExpr`. Inserts may then leave the column out.
   *
   * @example
   * status: text().notNull().default('draft')
   * active: boolean().notNull().default(true)
   * createdAt: timestamptz('created_at').notNull().default(sqlExpr`now()`)
   */
  default(value: DefaultValue): ColumnBuilder<T, N, NotNull, true> {
    return this.with({ hasDefault: true, default: checkDefault(value) })
  }

  /**
   * Defaults to the current time: `CURRENT_TIMESTAMP`, which every dialect understands.
   *
   * @example
   * updatedAt: timestamptz('updated_at').notNull().defaultNow()
   */
  defaultNow(): ColumnBuilder<T, N, NotNull, true> {
    return this.with({ hasDefault: true, default: Object.freeze({ sql: 'CURRENT_TIMESTAMP' }) })
  }

  /**
   * A unique constraint on this column alone; for several columns use
   * `unique(name).on(...)` in the table's options.
   *
   * @example
   * email: varchar(255).notNull().unique()
   * slug: text().unique('uq_posts_slug')
   */
  unique(name?: string): ColumnBuilder<T, N, NotNull, HasDefault> {
    return this.with({ unique: name === undefined ? {} : { name } })
  }

  /**
   * A foreign key from this column. `target` returns the referenced column and is called
   * only when the model is built, so a table may reference itself or a table defined
   * later. Keys over several columns are `foreignKey({...})` in the table's options.
   *
   * @example
   * authorId: integer('author_id').notNull().references(() => users.columns.id, { onDelete: 'cascade' })
   * parentId: integer('parent_id').references(() => nodes.columns.id)   // nodes is this table
   */
  references(
    target: ColumnThunk,
    options: ReferenceOptions = {},
  ): ColumnBuilder<T, N, NotNull, HasDefault> {
    if (typeof target !== 'function') {
      throw new ModelError(
        'MODEL_INVALID',
        'references() takes a function returning the column, e.g. () => users.columns.id',
      )
    }
    return this.with({
      references: Object.freeze({ target, options: Object.freeze({ ...options }) }),
    })
  }

  /**
   * The column's comment (PostgreSQL and MySQL store it; SQLite has none).
   *
   * @example
   * email: varchar(255).comment('Where receipts go')
   */
  comment(text: string): ColumnBuilder<T, N, NotNull, HasDefault> {
    return this.with({ comment: text })
  }

  /**
   * The column's previous SQL name: autogenerate renames it instead of dropping it and
   * adding a new one. Remove the hint once the migration is applied everywhere.
   *
   * @example
   * fullName: text('full_name').renamedFrom('fullname')
   */
  renamedFrom(previous: string): ColumnBuilder<T, N, NotNull, HasDefault> {
    return this.with({ renamedFrom: previous })
  }

  /**
   * A PostgreSQL array of this type (`text[]`); other dialects refuse it when compiling.
   * On an enum column it names the enum type (`mood[]`).
   *
   * @example
   * tags: text().array().notNull().default(sqlExpr`'{}'`)
   */
  array(): ColumnBuilder<ArrayValue<T>, N, NotNull, HasDefault> {
    const { type } = this.config
    const element = typeof type === 'string' ? type : type.name
    if (element === undefined) {
      throw new ModelError('MODEL_INVALID', 'array() of an enum needs a named enum type')
    }
    return this.with({ type: `${element}[]` })
  }

  /**
   * Narrows (or replaces) the TypeScript type Kysely sees, without changing the SQL type:
   * branded ids, JSON shapes, a native type's values.
   *
   * @example
   * id: uuid().primaryKey().$type<UserId>()
   * settings: jsonb().$type<{ theme: 'dark' | 'light' }>()
   */
  $type<U>(): ColumnBuilder<U, N, NotNull, HasDefault> {
    return this as unknown as ColumnBuilder<U, N, NotNull, HasDefault>
  }
}

/** Any column builder, whatever its types. */
export type AnyColumnBuilder = ColumnBuilder<unknown, string | undefined, boolean, boolean>

const EMPTY: Omit<ColumnConfig, 'name' | 'type'> = Object.freeze({
  notNull: false,
  primaryKey: undefined,
  autoIncrement: false,
  hasDefault: false,
  default: undefined,
  unique: undefined,
  references: undefined,
  comment: undefined,
  renamedFrom: undefined,
  enumType: undefined,
})

/**
 * A fresh builder for `type`, named `name` when given. The type functions call this.
 *
 * @example
 * newColumn<string, 'full_name'>('full_name', 'text')
 */
export function newColumn<T, N extends string | undefined = undefined>(
  name: N,
  type: ColumnType,
  enumType?: EnumModel,
): ColumnBuilder<T, N> {
  if (name !== undefined && (typeof name !== 'string' || name === '')) {
    throw new ModelError(
      'MODEL_INVALID',
      `A column name must be a non-empty string, not ${String(name)}`,
    )
  }
  return new ColumnBuilder(Object.freeze({ ...EMPTY, name, type, enumType }))
}
