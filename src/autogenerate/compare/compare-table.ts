/** Everything about one table that exists on both sides. */
import type { ColumnModel } from '../../schema/model.js'
import { normalComment } from './canonical.js'
import { Phase, TableStep } from './change-plan.js'
import { compareColumns } from './columns.js'
import { compareChecks, comparePrimaryKey, compareUniques, tableNames } from './constraints.js'
import type { CompareContext, TablePair } from './context.js'
import { compareForeignKeys } from './foreign-keys.js'
import {
  compareIndexes,
  indexColumns,
  keysAroundIndexChanges,
  reconcileIndexes,
} from './indexes.js'
import { displayName, tableKey } from './names.js'
import type { ResolvedScope } from './renames.js'

function compareComment(context: CompareContext, pair: TablePair): void {
  if (!context.canonical.capabilities.comments) return
  const table = pair.target
  const wanted = normalComment(table.comment)
  const found = normalComment(pair.current.comment)
  if (wanted === found) return
  context.plan.change({
    kind: 'tableComment',
    schema: table.schema,
    table: table.name,
    detail: `table ${displayName(table.name, table.schema)}: comment changed`,
  })
  const target = { kind: 'setTableComment', table: table.name, schema: table.schema } as const
  context.plan.add({
    phase: Phase.alterTables,
    group: tableKey(table.name, table.schema),
    order: TableStep.comment,
    up: [{ ...target, comment: wanted ?? null }],
    down: [{ ...target, comment: found ?? null }],
  })
}

/**
 * Columns, keys, checks, indexes and the comment of one table pair.
 *
 * @example
 * compareTable(context, tablePair(context, modelTable, databaseTable), columnRenames)
 */
export function compareTable(
  context: CompareContext,
  pair: TablePair,
  columns: ResolvedScope<ColumnModel>,
): void {
  compareColumns(context, pair, columns)
  const names = tableNames(context, pair)
  const lists = reconcileIndexes(context, pair)
  const primaryKey = comparePrimaryKey(context, pair)
  const uniques = compareUniques(
    context,
    pair,
    { target: lists.targetUniques, current: lists.currentUniques },
    names,
  )
  compareChecks(context, pair, names)
  const indexes = compareIndexes(context, pair, lists)
  const dropped = [...primaryKey.dropped, ...uniques.dropped, ...indexes.dropped]
  const rebuild = context.canonical.foreignKeysNeedIndex
    ? keysAroundIndexChanges(pair, {
        dropped: new Set(dropped),
        touched: [
          ...dropped.map((item) => ('unique' in item ? indexColumns(item) : item.columns)),
          ...[...primaryKey.created, ...uniques.created].map((item) => item.columns),
          ...indexes.created.map(indexColumns),
        ],
      })
    : new Set<string>()
  compareForeignKeys(context, pair, names, rebuild)
  // Created after every drop was seen, so that a new key may take a dropped key's name.
  names.flush()
  compareComment(context, pair)
}
