/**
 * A defined table to its normalised `TableModel`: SQL names resolved, foreign-key
 * targets looked up (the functions are called here, so tables may reference each other
 * in any order), optional fields left out when unset, constraints sorted.
 */
import { ModelError } from '../errors.js'
import { frozenCopy } from '../operations/freeze.js'
import type { ColumnType, SqlExpression } from '../operations/types.js'
import { COLUMN_BRAND, hasBrand } from './brand.js'
import type { ColumnThunk, ReferenceOptions } from './column.js'
import type {
  CheckModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueModel,
} from './model.js'
import type { TableOptions } from './table.js'
import type { TableColumn, TableRef } from './table-column.js'

/** What `tableModel` reads: the table, its columns in order, and its checked options. */
export interface TableParts {
  readonly table: TableRef
  readonly columns: readonly TableColumn[]
  readonly options: TableOptions
}

/** `billing.invoices` or `users`, for messages. */
export function tableLabel(table: TableRef): string {
  return table.schema === undefined ? table.name : `${table.schema}.${table.name}`
}

/** A value taken from the caller: a frozen copy when it is an object (theirs stays theirs). */
function own<T>(value: T): T {
  return typeof value === 'object' && value !== null ? frozenCopy(value) : value
}

/**
 * Freezes, in place, arrays and plain objects this module has just built (every value
 * taken from the caller went through `own` or `copyType` first): the same result as a
 * frozen copy, without copying.
 */
function freezeBuilt<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value
  if (Array.isArray(value)) for (const item of value) freezeBuilt(item)
  else for (const key of Object.keys(value)) freezeBuilt((value as Record<string, unknown>)[key])
  return Object.freeze(value)
}

function copyType(type: ColumnType): ColumnType {
  return typeof type === 'string'
    ? type
    : { enum: [...type.enum], ...(type.name === undefined ? {} : { name: type.name }) }
}

function columnModel(column: TableColumn, inPrimaryKey: boolean): ColumnModel {
  const config = column.builder.config
  return {
    name: column.name,
    type: copyType(config.type),
    nullable: !(config.notNull || config.autoIncrement || inPrimaryKey),
    ...(config.hasDefault ? { default: own(config.default) } : {}),
    ...(config.autoIncrement ? { autoIncrement: true } : {}),
    ...(config.comment === undefined ? {} : { comment: own(config.comment) }),
    ...(config.renamedFrom === undefined ? {} : { renamedFrom: own(config.renamedFrom) }),
  }
}

function named(name: string | undefined): { name?: string } {
  return name === undefined ? {} : { name }
}

function primaryKeyModel(parts: TableParts): PrimaryKeyModel | undefined {
  const tableLevel = parts.options.primaryKey
  if (tableLevel !== undefined) {
    return { ...named(tableLevel.name), columns: tableLevel.columns.map((column) => column.name) }
  }
  const column = parts.columns.find((candidate) => candidate.builder.config.primaryKey)
  const key = column?.builder.config.primaryKey
  return column === undefined || key === undefined
    ? undefined
    : { ...named(key.name), columns: [column.name] }
}

/** Calls a foreign key's function and checks that it returned `count` columns of one table. */
function referencedColumns(options: {
  readonly thunk: ColumnThunk
  readonly count: number
  readonly where: string
}): readonly TableColumn[] {
  const { thunk, count, where } = options
  const result: unknown = thunk()
  const list = Array.isArray(result) ? result : [result]
  if (!list.every((item) => hasBrand(item, COLUMN_BRAND))) {
    throw new ModelError(
      'MODEL_INVALID',
      `${where}: the references function must return a table's column, as in () => users.columns.id`,
    )
  }
  const columns = list as TableColumn[]
  if (columns.length !== count) {
    throw new ModelError(
      'MODEL_INVALID',
      `${where}: ${count} column(s) reference ${columns.length} column(s)`,
    )
  }
  const first = columns[0]
  if (
    first !== undefined &&
    columns.some((c) => c.table.name !== first.table.name || c.table.schema !== first.table.schema)
  ) {
    throw new ModelError(
      'MODEL_INVALID',
      `${where}: the referenced columns are in different tables`,
    )
  }
  return columns
}

function foreignKeyModel(options: {
  readonly columns: readonly TableColumn[]
  readonly target: ColumnThunk
  readonly reference: ReferenceOptions
  readonly where: string
}): ForeignKeyModel {
  const { columns, target, reference, where } = options
  const referenced = referencedColumns({ thunk: target, count: columns.length, where })
  const table = referenced[0]?.table
  return {
    ...named(reference.name),
    columns: columns.map((column) => column.name),
    referencedTable: table?.name ?? '',
    ...(table?.schema === undefined ? {} : { referencedSchema: table.schema }),
    referencedColumns: referenced.map((column) => column.name),
    ...(reference.onDelete === undefined ? {} : { onDelete: reference.onDelete }),
    ...(reference.onUpdate === undefined ? {} : { onUpdate: reference.onUpdate }),
    // INITIALLY DEFERRED requires DEFERRABLE; absent means false.
    ...(reference.deferrable || reference.initiallyDeferred ? { deferrable: true } : {}),
    ...(reference.initiallyDeferred ? { initiallyDeferred: true } : {}),
  }
}

function foreignKeyModels(parts: TableParts): ForeignKeyModel[] {
  const label = tableLabel(parts.table)
  const fromColumns = parts.columns.flatMap((column) => {
    const reference = column.builder.config.references
    return reference === undefined
      ? []
      : [
          foreignKeyModel({
            columns: [column],
            target: reference.target,
            reference: reference.options,
            where: `Table '${label}', column '${column.name}'`,
          }),
        ]
  })
  const fromOptions = (parts.options.foreignKeys ?? []).map((definition) =>
    foreignKeyModel({
      columns: definition.columns,
      target: definition.references,
      reference: definition,
      where: `Table '${label}', foreign key (${definition.columns.map((c) => c.name).join(', ')})`,
    }),
  )
  return [...fromColumns, ...fromOptions]
}

function indexColumn(column: TableColumn | SqlExpression): string | SqlExpression {
  return hasBrand(column, COLUMN_BRAND)
    ? (column as TableColumn).name
    : { sql: (column as SqlExpression).sql }
}

function indexModels(parts: TableParts): IndexModel[] {
  return (parts.options.indexes ?? []).map(({ config }) => ({
    name: own(config.name),
    columns: config.columns.map(indexColumn),
    unique: own(config.unique),
    ...(config.where === undefined ? {} : { where: own(config.where) }),
    ...(config.using === undefined ? {} : { using: own(config.using) }),
  }))
}

function uniqueModels(parts: TableParts): UniqueModel[] {
  const fromColumns = parts.columns.flatMap((column) => {
    const constraint = column.builder.config.unique
    return constraint === undefined ? [] : [{ ...named(constraint.name), columns: [column.name] }]
  })
  const fromOptions = (parts.options.uniques ?? []).map((definition) => ({
    ...named(definition.name),
    columns: definition.columns.map((column) => column.name),
  }))
  return [...fromColumns, ...fromOptions]
}

function checkModels(parts: TableParts): CheckModel[] {
  return (parts.options.checks ?? []).map((definition) => ({
    ...named(definition.name),
    expression: own(definition.expression),
  }))
}

/** Orders by name; unnamed ones (by columns, then expression) come first. */
function sortKey(item: {
  readonly name?: string
  readonly columns?: readonly (string | SqlExpression)[]
  readonly expression?: string
}): string {
  const columns = (item.columns ?? [])
    .map((c) => (typeof c === 'string' ? c : c.sql))
    .join('\u0001')
  return `${item.name ?? ''}\u0000${columns}\u0000${item.expression ?? ''}`
}

function sorted<T extends Parameters<typeof sortKey>[0]>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, key: sortKey(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ item }) => item)
}

/**
 * The normalised model of a table, frozen. Foreign-key functions are called here.
 * Throws `ModelError` `MODEL_INVALID` when a foreign key's function returns something
 * other than columns of one table, as many as it has columns.
 *
 * @example
 * tableModel({ table: { name: 'tags', schema: undefined }, columns, options: {} })
 * // { name: 'tags', columns: [...], uniques: [], foreignKeys: [], indexes: [], checks: [] }
 */
export function tableModel(parts: TableParts): TableModel {
  const primaryKey = primaryKeyModel(parts)
  const keyColumns = new Set(primaryKey?.columns ?? [])
  const { options } = parts
  return freezeBuilt<TableModel>({
    name: parts.table.name,
    ...(parts.table.schema === undefined ? {} : { schema: parts.table.schema }),
    columns: parts.columns.map((column) => columnModel(column, keyColumns.has(column.name))),
    ...(primaryKey === undefined ? {} : { primaryKey }),
    uniques: sorted(uniqueModels(parts)),
    foreignKeys: sorted(foreignKeyModels(parts)),
    indexes: sorted(indexModels(parts)),
    checks: sorted(checkModels(parts)),
    ...(options.comment === undefined ? {} : { comment: own(options.comment) }),
    ...(options.renamedFrom === undefined ? {} : { renamedFrom: own(options.renamedFrom) }),
  })
}
