/**
 * Model objects as operations: a table of the model becomes `createTable` (plus its
 * indexes), a column an `addColumn` spec. Single-column keys are written inline on the
 * column (`primaryKey: true`, `unique: true`, `references`), as a person would.
 */
import type {
  ColumnReference,
  ColumnSpec,
  CreateForeignKey,
  CreateIndex,
  CreateTable,
  ForeignKeySpec,
  Operation,
} from '../../operations/types.js'
import type {
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
} from '../../schema/model.js'

/** The name a database gives a primary key left unnamed: no need to write it. */
function isDefaultPrimaryKeyName(key: PrimaryKeyModel, table: string): boolean {
  return key.name === undefined || key.name === `${table}_pkey` || key.name === 'PRIMARY'
}

/** What a column spec may say inline about keys. */
export interface InlineKeys {
  readonly primaryKey?: boolean
  readonly unique?: boolean
  readonly references?: ColumnReference
}

/**
 * A column of the model as a `ColumnSpec` (for `createTable` and `addColumn`).
 *
 * @example
 * columnSpec({ name: 'email', type: 'text', nullable: false })
 * // { name: 'email', type: 'text', nullable: false }
 */
export function columnSpec(column: ColumnModel, inline: InlineKeys = {}): ColumnSpec {
  return {
    name: column.name,
    type: column.type,
    nullable: column.nullable || inline.primaryKey ? undefined : false,
    default: column.default,
    primaryKey: inline.primaryKey || undefined,
    autoIncrement: column.autoIncrement || undefined,
    unique: inline.unique || undefined,
    references: inline.references,
    comment: column.comment,
  }
}

/** A foreign key of the model as a spec, leaving out what is the default anyway. */
export function foreignKeySpec(key: ForeignKeyModel): ForeignKeySpec {
  return {
    name: key.name,
    columns: key.columns,
    referencedSchema: key.referencedSchema,
    referencedTable: key.referencedTable,
    referencedColumns: key.referencedColumns,
    onDelete: key.onDelete === 'no action' ? undefined : key.onDelete,
    onUpdate: key.onUpdate === 'no action' ? undefined : key.onUpdate,
    deferrable: key.deferrable || undefined,
    initiallyDeferred: key.initiallyDeferred || undefined,
  }
}

function inlineReference(key: ForeignKeyModel): ColumnReference {
  const spec = foreignKeySpec(key)
  return {
    table: key.referencedTable,
    column: key.referencedColumns[0] as string,
    schema: spec.referencedSchema,
    name: spec.name,
    onDelete: spec.onDelete,
    onUpdate: spec.onUpdate,
    deferrable: spec.deferrable,
    initiallyDeferred: spec.initiallyDeferred,
  }
}

/** `createForeignKey` for one key of `table`, under `name`. */
export function createForeignKeyOperation(
  table: TableModel,
  key: ForeignKeyModel,
  name: string,
): CreateForeignKey {
  const { name: _name, ...spec } = foreignKeySpec(key)
  return { kind: 'createForeignKey', name, table: table.name, schema: table.schema, ...spec }
}

/** `createIndex` for one index of `table`. */
export function createIndexOperation(table: TableModel, index: IndexModel): CreateIndex {
  return {
    kind: 'createIndex',
    name: index.name,
    table: table.name,
    schema: table.schema,
    columns: index.columns,
    unique: index.unique || undefined,
    where: index.where,
    using: index.using,
  }
}

/** What `createTableOperations` leaves for later or to the database. */
export interface LeaveOut {
  /** Foreign keys created afterwards with `createForeignKey` (the ones closing a cycle). */
  readonly foreignKey?: (key: ForeignKeyModel) => boolean
  /** Indexes the database makes by itself (MySQL's index for a foreign key). */
  readonly index?: (index: IndexModel) => boolean
}

/**
 * `createTable` for a table of the model, followed by its indexes.
 *
 * @example
 * createTableOperations(usersTable) // [{ kind: 'createTable', table: 'users', ... }, { kind: 'createIndex', ... }]
 */
export function createTableOperations(table: TableModel, leave: LeaveOut = {}): Operation[] {
  const leaveOut = leave.foreignKey ?? (() => false)
  const indexes = table.indexes.filter((index) => !leave.index?.(index))
  const key = table.primaryKey
  const inlineKey = key && key.columns.length === 1 && isDefaultPrimaryKeyName(key, table.name)
  const inline = new Map<string, { primaryKey?: boolean; unique?: boolean; fk?: ForeignKeyModel }>()
  const at = (column: string) => {
    const entry = inline.get(column) ?? {}
    inline.set(column, entry)
    return entry
  }
  if (inlineKey) at(key.columns[0] as string).primaryKey = true
  const uniques = table.uniques.filter((unique) => {
    const column = unique.columns[0] as string
    if (unique.name !== undefined || unique.columns.length !== 1 || at(column).unique) return true
    at(column).unique = true
    return false
  })
  const foreignKeys = table.foreignKeys.filter((fk) => {
    if (leaveOut(fk)) return false
    const column = fk.columns[0] as string
    if (fk.columns.length !== 1 || at(column).fk) return true
    at(column).fk = fk
    return false
  })
  const columns = table.columns.map((column) => {
    const entry = inline.get(column.name) ?? {}
    return columnSpec(column, {
      primaryKey: entry.primaryKey,
      unique: entry.unique,
      references: entry.fk && inlineReference(entry.fk),
    })
  })
  const create: CreateTable = {
    kind: 'createTable',
    table: table.name,
    schema: table.schema,
    columns,
    primaryKey: key && !inlineKey ? primaryKeySpec(key, table.name) : undefined,
    uniques: uniques.length > 0 ? uniques : undefined,
    foreignKeys: foreignKeys.length > 0 ? foreignKeys.map(foreignKeySpec) : undefined,
    checks: table.checks.length > 0 ? table.checks : undefined,
    comment: table.comment,
  }
  return [create, ...indexes.map((index) => createIndexOperation(table, index))]
}

function primaryKeySpec(key: PrimaryKeyModel, table: string) {
  return {
    columns: key.columns,
    name: isDefaultPrimaryKeyName(key, table) ? undefined : key.name,
  }
}
