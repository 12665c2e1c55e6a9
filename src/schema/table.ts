/**
 * `defineTable` and `schema`: a table from its columns and options. The table keeps
 * typed columns (`users.columns.email`) for constraints and foreign keys, builds its
 * normalised model on demand, and carries the types `InferDatabase` reads.
 */
import { ModelError } from '../errors.js'
import { isPlainObject } from '../operations/freeze.js'
import { BUILDER_BRAND, COLUMN_BRAND, hasBrand, TABLE_BRAND } from './brand.js'
import type { AnyColumnBuilder } from './column.js'
import type {
  CheckDefinition,
  ForeignKeyDefinition,
  IndexBuilder,
  PrimaryKeyDefinition,
  UniqueDefinition,
} from './constraints.js'
import type { EnumModel, TableModel } from './model.js'
import { bindColumn, type TableColumn, type TableRef } from './table-column.js'
import { tableLabel, tableModel } from './table-model.js'

/** A table's columns as written: property key to column builder. */
export type ColumnMap = Readonly<Record<string, AnyColumnBuilder>>

/** A table's columns once defined, by the same keys. */
export type TableColumns<C extends ColumnMap> = { readonly [K in keyof C]: TableColumn<C[K]> }

/** The third argument of `defineTable` (or what its function returns). */
export interface TableOptions {
  /** The PostgreSQL schema; unset means the connection's default schema. */
  readonly schema?: string
  readonly comment?: string
  /** The table's previous name: autogenerate renames it instead of dropping and creating. */
  readonly renamedFrom?: string
  /** A primary key over several columns (or one, named). */
  readonly primaryKey?: PrimaryKeyDefinition
  readonly uniques?: readonly UniqueDefinition[]
  readonly foreignKeys?: readonly ForeignKeyDefinition[]
  readonly indexes?: readonly IndexBuilder[]
  readonly checks?: readonly CheckDefinition[]
}

/** The schema an options type names, as a literal when it is one. */
export type SchemaOf<O> = O extends { readonly schema: infer S extends string } ? S : undefined

/**
 * A defined table. `Name`, `Schema` and `Columns` are kept as literal types so that
 * `InferDatabase` can give Kysely the exact table and column names.
 */
export interface Table<
  Name extends string = string,
  Schema extends string | undefined = string | undefined,
  Columns extends ColumnMap = ColumnMap,
> {
  readonly [TABLE_BRAND]: true
  readonly name: Name
  readonly schema: Schema
  /** The columns by key, for constraints, indexes and foreign keys: `users.columns.id`. */
  readonly columns: TableColumns<Columns>
  /**
   * The normalised model: SQL names, foreign keys resolved, constraints sorted, unnamed
   * constraints left unnamed.
   */
  toModel(): TableModel
  /** The enum types this table's columns use. */
  enumTypes(): readonly EnumModel[]
}

/** Any defined table. */
export type AnyTable = Table<string, string | undefined, ColumnMap>

function fail(table: TableRef, problem: string, hint?: string): never {
  throw new ModelError('MODEL_INVALID', `Table '${tableLabel(table)}': ${problem}`, { hint })
}

/** The list options: [field, the definitions' kind, the function that makes them]. */
const OPTION_LISTS: readonly (readonly [string, string, string])[] = [
  ['uniques', 'unique', 'unique'],
  ['foreignKeys', 'foreignKey', 'foreignKey'],
  ['checks', 'check', 'checkConstraint'],
  ['indexes', 'index', 'index'],
]

function checkOptions(table: TableRef, options: unknown): TableOptions {
  if (options === undefined) return {}
  if (!isPlainObject(options)) {
    fail(table, 'the options must be an object (or a function returning one)')
  }
  for (const [field, kind, maker] of OPTION_LISTS) {
    const list = options[field]
    if (list === undefined) continue
    if (!Array.isArray(list) || list.some((item) => item?.kind !== kind)) {
      fail(table, `options.${field} must be a list of ${maker}(...) definitions`)
    }
  }
  if (
    options.primaryKey !== undefined &&
    (options.primaryKey as { kind?: unknown }).kind !== 'primaryKey'
  ) {
    fail(table, 'options.primaryKey must be primaryKey({ columns: [...] })')
  }
  return options as TableOptions
}

/** The columns every constraint names must be this table's own. */
function checkOwnColumns(table: TableRef, options: TableOptions): void {
  const definitions = [
    ...(options.primaryKey === undefined ? [] : [options.primaryKey]),
    ...(options.uniques ?? []),
    ...(options.foreignKeys ?? []),
  ]
  const columns = [
    ...definitions.flatMap((definition) => definition.columns),
    ...(options.indexes ?? []).flatMap(({ config }) =>
      config.columns.filter((column): column is TableColumn => hasBrand(column, COLUMN_BRAND)),
    ),
  ]
  const foreign = columns.find((column) => column.table !== table)
  if (foreign !== undefined) {
    fail(
      table,
      `a constraint or index names column '${foreign.name}' of table '${tableLabel(foreign.table)}'`,
      'Use the columns the options function receives: (t) => ({ indexes: [index(...).on(t.email)] })',
    )
  }
}

function checkColumns(
  table: TableRef,
  columns: readonly TableColumn[],
  options: TableOptions,
): void {
  const seen = new Map<string, string>()
  for (const column of columns) {
    const other = seen.get(column.name)
    if (other !== undefined) {
      fail(table, `columns '${other}' and '${column.key}' are both named '${column.name}'`)
    }
    seen.set(column.name, column.key)
    const config = column.builder.config
    if (config.autoIncrement && config.hasDefault) {
      fail(table, `column '${column.name}' is autoIncrement and has a default; keep one`)
    }
  }
  const keyed = columns.filter((column) => column.builder.config.primaryKey !== undefined)
  if (keyed.length > 1) {
    fail(
      table,
      `more than one column is primaryKey() (${keyed.map((column) => column.name).join(', ')})`,
      'For a key over several columns write primaryKey({ columns: [...] }) in the table options.',
    )
  }
  if (keyed.length === 1 && options.primaryKey !== undefined) {
    fail(table, 'has both a primaryKey() column and a primaryKey option; keep one')
  }
}

function usedEnums(columns: readonly TableColumn[]): readonly EnumModel[] {
  const found = new Map<string, EnumModel>()
  for (const column of columns) {
    const enumType = column.builder.config.enumType
    if (enumType !== undefined) found.set(`${enumType.schema ?? ''}.${enumType.name}`, enumType)
  }
  return Object.freeze([...found.values()])
}

/** Builds a table; `defineTable` and `schema(...).table` call this. */
function buildTable(options: {
  readonly name: string
  readonly schema: string | undefined
  readonly columns: unknown
  readonly options: unknown
}): AnyTable {
  const table: { name: string; schema: string | undefined } = {
    name: options.name,
    schema: options.schema,
  }
  if (typeof table.name !== 'string' || table.name === '') {
    throw new ModelError('MODEL_INVALID', 'defineTable() needs a non-empty table name')
  }
  if (!isPlainObject(options.columns))
    fail(table, 'the columns must be an object of column builders')
  const bound: Record<string, TableColumn> = {}
  for (const [key, builder] of Object.entries(options.columns)) {
    if (!hasBrand(builder, BUILDER_BRAND)) {
      fail(table, `'${key}' is not a column (write integer(), text(), varchar(255)...)`)
    }
    bound[key] = bindColumn({ table, key, builder: builder as AnyColumnBuilder })
  }
  Object.freeze(bound)
  const raw = typeof options.options === 'function' ? options.options(bound) : options.options
  const checked = checkOptions(table, raw)
  if (checked.schema !== undefined) {
    if (options.schema !== undefined && checked.schema !== options.schema) {
      fail(table, `is in schema '${options.schema}' but its options say '${checked.schema}'`)
    }
    table.schema = checked.schema
  }
  Object.freeze(table)
  const columns = Object.values(bound)
  checkOwnColumns(table, checked)
  checkColumns(table, columns, checked)
  const parts = { table, columns, options: checked }
  // The brand last: the literal's other fields then share one shape from the start.
  return Object.freeze({
    name: table.name,
    schema: table.schema,
    columns: bound,
    toModel: () => tableModel(parts),
    enumTypes: () => usedEnums(columns),
    [TABLE_BRAND]: true as const,
  })
}

/**
 * Defines a table. `columns` maps property keys to column builders; a column's SQL name
 * is the name given to its type function, else its key. `options` is an object, or a
 * function receiving the table's columns and returning one (for constraints and
 * indexes). Foreign keys are resolved lazily, so tables may reference themselves and
 * each other in cycles. Throws `ModelError` `MODEL_INVALID` for a malformed definition.
 *
 * @example
 * export const users = defineTable('users', {
 *   id: integer().primaryKey().autoIncrement(),
 *   email: varchar(255).notNull().unique(),
 *   fullName: text('full_name').renamedFrom('fullname'),
 *   createdAt: timestamptz('created_at').notNull().default(sqlExpr`now()`),
 * }, (t) => ({
 *   indexes: [index('ix_users_email_lower').on(sqlExpr`lower(${t.email})`).unique()],
 *   checks: [checkConstraint('ck_users_email', sqlExpr`${t.email} <> ''`)],
 *   comment: 'People who can log in',
 * }))
 *
 * export const invoices = defineTable('invoices', { id: serial().primaryKey() }, { schema: 'billing' })
 */
export function defineTable<
  const Name extends string,
  Columns extends ColumnMap,
  const Options extends TableOptions = Record<never, never>,
>(
  name: Name,
  columns: Columns,
  options?: Options | ((t: TableColumns<Columns>) => Options),
): Table<Name, SchemaOf<Options>, Columns> {
  return buildTable({ name, schema: undefined, columns, options }) as Table<
    Name,
    SchemaOf<Options>,
    Columns
  >
}

/** Tables and enum types in one PostgreSQL schema, from `schema(name)`. */
export interface SchemaScope<S extends string> {
  readonly name: S
  /**
   * `defineTable` in this schema.
   *
   * @example
   * const billing = schema('billing')
   * export const invoices = billing.table('invoices', { id: serial().primaryKey() })
   */
  table<
    const Name extends string,
    Columns extends ColumnMap,
    const Options extends Omit<TableOptions, 'schema'> = Record<never, never>,
  >(
    name: Name,
    columns: Columns,
    options?: Options | ((t: TableColumns<Columns>) => Options),
  ): Table<Name, S, Columns>
}

/**
 * A PostgreSQL schema to define tables in (the same as `{ schema: name }` in each
 * table's options). Kysely then addresses its tables as `'billing.invoices'`.
 * Enum types take the schema in their options: `enumType('status', [...], { schema: 'billing' })`.
 *
 * @example
 * const billing = schema('billing')
 * export const invoices = billing.table('invoices', {
 *   id: serial().primaryKey(),
 *   total: numeric(12, 2).notNull(),
 * })
 */
export function schema<const S extends string>(name: S): SchemaScope<S> {
  if (typeof name !== 'string' || name === '') {
    throw new ModelError('MODEL_INVALID', 'schema() needs a non-empty schema name')
  }
  return Object.freeze({
    name,
    table: (tableName: string, columns: unknown, options?: unknown) =>
      buildTable({ name: tableName, schema: name, columns, options }),
  }) as SchemaScope<S>
}

/**
 * Whether `value` is a table made by `defineTable` (from any copy of Stratum).
 *
 * @example
 * Object.values(await import('./models.js')).filter(isTable)
 */
export function isTable(value: unknown): value is AnyTable {
  return hasBrand(value, TABLE_BRAND)
}
