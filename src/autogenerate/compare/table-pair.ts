/**
 * A table on both sides, with the database's side seen through the renames: its
 * columns, keys and indexes under their new names, so the rest of the comparison
 * compares like with like.
 */
import type { ForeignKeyModel, TableModel } from '../../schema/model.js'
import type { CompareContext, TablePair } from './context.js'
import { tableKey } from './names.js'

const renaming = new WeakMap<CompareContext, boolean>()

/** Whether the comparison renames any table or column (asked once per comparison). */
function renamesAnything(context: CompareContext): boolean {
  let found = renaming.get(context)
  if (found === undefined) {
    found =
      context.tableRenames.size > 0 ||
      [...context.columnRenames.values()].some((renames) => renames.size > 0)
    renaming.set(context, found)
  }
  return found
}

const itself = <T extends object>(item: T): T => item

/**
 * Pairs a table of the models with the database's (possibly under an older name).
 *
 * @example
 * const pair = tablePair(context, modelUsers, databaseUser)
 */
export function tablePair(
  context: CompareContext,
  target: TableModel,
  current: TableModel,
): TablePair {
  const columnRenames = context.columnRenames.get(tableKey(current.name, current.schema))
  if (target.name === current.name && !renamesAnything(context)) {
    // Nothing to translate: the database's table is already seen under its names.
    return {
      target,
      current,
      renamed: current,
      columnRenames: columnRenames ?? new Map(),
      original: itself,
    }
  }
  const rename = (column: string) => columnRenames?.get(column) ?? column
  const originals = new Map<object, object>()
  const keep = <T extends object>(original: T, translated: T): T => {
    originals.set(translated, original)
    return translated
  }
  const foreignKey = (key: ForeignKeyModel): ForeignKeyModel => {
    const referenced = tableKey(key.referencedTable, key.referencedSchema)
    const referencedRenames = context.columnRenames.get(referenced)
    return keep(key, {
      ...key,
      columns: key.columns.map(rename),
      referencedTable: context.tableRenames.get(referenced) ?? key.referencedTable,
      referencedColumns: key.referencedColumns.map((column) => {
        return referencedRenames?.get(column) ?? column
      }),
    })
  }
  const renamed: TableModel = {
    ...current,
    name: target.name,
    columns: current.columns.map((column) =>
      keep(column, { ...column, name: rename(column.name) }),
    ),
    ...(current.primaryKey
      ? {
          primaryKey: keep(current.primaryKey, {
            ...current.primaryKey,
            columns: current.primaryKey.columns.map(rename),
          }),
        }
      : {}),
    uniques: current.uniques.map((unique) =>
      keep(unique, { ...unique, columns: unique.columns.map(rename) }),
    ),
    foreignKeys: current.foreignKeys.map(foreignKey),
    indexes: current.indexes.map((index) =>
      keep(index, {
        ...index,
        columns: index.columns.map((column) =>
          typeof column === 'string' ? rename(column) : column,
        ),
      }),
    ),
  }
  return {
    target,
    current,
    renamed,
    columnRenames: columnRenames ?? new Map(),
    original: <T extends object>(item: T): T => (originals.get(item) as T | undefined) ?? item,
  }
}
