/**
 * Whole tables: created in dependency order (referenced tables first), dropped in the
 * reverse order, renamed. Foreign keys that close a cycle are created after the
 * tables (and dropped before them); a dropped table's downgrade recreates it with
 * its keys and indexes.
 */
import type { ForeignKeyModel, IndexModel, TableModel } from '../../schema/model.js'
import { info, Phase, warning } from './change-plan.js'
import type { CompareContext } from './context.js'
import { createForeignKeyStep, dropForeignKeyStep, referencedKey } from './foreign-keys.js'
import { implicitIndexOf } from './indexes.js'
import { createTableOperations } from './model-operations.js'
import { displayName, TableNames, tableKey } from './names.js'
import { orderByDependencies } from './topological-order.js'

function keyOf(table: TableModel): string {
  return tableKey(table.name, table.schema)
}

function order(tables: readonly TableModel[]) {
  return orderByDependencies(tables, keyOf, (table) => table.foreignKeys.map(referencedKey))
}

function names(context: CompareContext, table: TableModel): TableNames {
  const taken = new Set<string>()
  for (const item of [table.primaryKey, ...table.uniques, ...table.foreignKeys, ...table.checks]) {
    if (item?.name !== undefined) taken.add(item.name)
  }
  for (const index of table.indexes) taken.add(index.name)
  return new TableNames(taken, context.maxIdentifierLength)
}

/**
 * Creates the tables only the models have, referenced tables first.
 *
 * @example
 * createTables(context, [users, orders]) // users, then orders (orders references users)
 */
export function createTables(context: CompareContext, tables: readonly TableModel[]): void {
  const later: { table: TableModel; key: ForeignKeyModel }[] = []
  for (const { item: table, deferred } of order(tables)) {
    const leaveOut = (key: ForeignKeyModel) => deferred.has(referencedKey(key))
    context.plan.change({
      kind: 'createTable',
      schema: table.schema,
      table: table.name,
      detail: `table ${displayName(table.name, table.schema)} added`,
    })
    context.plan.add({
      phase: Phase.createTables,
      up: createTableOperations(table, { foreignKey: leaveOut }),
      down: [{ kind: 'dropTable', table: table.name, schema: table.schema }],
    })
    for (const key of table.foreignKeys) if (leaveOut(key)) later.push({ table, key })
  }
  const taken = new Map<TableModel, TableNames>()
  for (const { table, key } of later) {
    const pool = taken.get(table) ?? names(context, table)
    taken.set(table, pool)
    createForeignKeyStep(context, table, key, pool)
  }
}

/**
 * Drops the tables only the database has, referencing tables first; each downgrade
 * recreates its table (rows are not restored). `suspicious` holds the warnings for
 * tables that may have been renamed instead.
 */
export function dropTables(
  context: CompareContext,
  tables: readonly TableModel[],
  suspicious: ReadonlyMap<TableModel, string>,
): void {
  const ordered = order(tables)
  for (const { item: table, deferred } of ordered) {
    for (const key of table.foreignKeys) {
      if (deferred.has(referencedKey(key)) && key.name !== undefined) {
        dropForeignKeyStep(context, table, key)
      }
    }
  }
  for (const { item: table, deferred } of ordered.reverse()) {
    const leaveOut = (key: ForeignKeyModel) =>
      deferred.has(referencedKey(key)) && key.name !== undefined
    // MySQL makes these again with their foreign keys; creating them too would clash.
    const implicit = (index: IndexModel) =>
      context.canonical.foreignKeysNeedIndex &&
      table.foreignKeys.some((key) => implicitIndexOf(table, key) === index)
    const where = displayName(table.name, table.schema)
    context.plan.change({
      kind: 'dropTable',
      schema: table.schema,
      table: table.name,
      detail: `table ${where} dropped`,
    })
    const alert = suspicious.get(table)
    if (alert) context.plan.warn(alert)
    context.plan.add({
      phase: Phase.dropTables,
      up: [
        ...(alert ? [warning(alert)] : []),
        { kind: 'dropTable', table: table.name, schema: table.schema },
      ],
      down: [
        info('Recreates the table; its rows are not restored.'),
        ...createTableOperations(table, { foreignKey: leaveOut, index: implicit }),
      ],
    })
  }
}

/** Renames a table (it keeps its schema). */
export function renameTable(context: CompareContext, from: TableModel, to: TableModel): void {
  context.plan.change({
    kind: 'renameTable',
    schema: to.schema,
    table: to.name,
    detail: `table ${displayName(from.name, from.schema)} renamed to ${to.name}`,
  })
  context.plan.add({
    phase: Phase.renameTables,
    up: [{ kind: 'renameTable', table: from.name, schema: from.schema, newName: to.name }],
    down: [{ kind: 'renameTable', table: to.name, schema: to.schema, newName: from.name }],
  })
}
