/**
 * Indexes, compared by name (indexes always have one). A changed index is dropped and
 * created again. Indexes the database made for a constraint (a unique constraint's or
 * primary key's own index, MySQL's index for a foreign key) are not the models'
 * business, and a unique index on one side may stand for a unique constraint on the
 * other (MySQL and SQLite report one as the other).
 */
import type { Operation } from '../../operations/types.js'
import type { ForeignKeyModel, IndexModel, TableModel, UniqueModel } from '../../schema/model.js'
import { Phase, TableStep } from './change-plan.js'
import { type CompareContext, sameList, type TablePair } from './context.js'
import { createIndexOperation } from './model-operations.js'
import { displayName, tableKey } from './names.js'

/** The unique constraints and indexes left to compare on each side. */
export interface IndexLists {
  readonly targetUniques: readonly UniqueModel[]
  readonly currentUniques: readonly UniqueModel[]
  readonly targetIndexes: readonly IndexModel[]
  readonly currentIndexes: readonly IndexModel[]
}

function plainColumns(index: IndexModel): readonly string[] | undefined {
  if (index.where !== undefined || !index.columns.every((column) => typeof column === 'string')) {
    return undefined
  }
  return index.columns as readonly string[]
}

/** Whether a unique index and a unique constraint enforce the same thing. */
function standsFor(index: IndexModel, unique: UniqueModel): boolean {
  const columns = plainColumns(index)
  return index.unique && columns !== undefined && sameList(columns, unique.columns)
}

/** Takes the first item matching `test` out of `list`; returns whether it found one. */
function takeOut<T>(list: T[], test: (item: T) => boolean): boolean {
  const at = list.findIndex(test)
  if (at < 0) return false
  list.splice(at, 1)
  return true
}

/**
 * Leaves out the database's constraint indexes (a key's own index; the index MySQL made
 * for a foreign key), and pairs unique constraints on one side with unique indexes on
 * the other.
 */
export function reconcileIndexes(context: CompareContext, pair: TablePair): IndexLists {
  const { target, renamed } = pair
  const targetNames = new Set(target.indexes.map((index) => index.name))
  const currentNames = new Set(renamed.indexes.map((index) => index.name))
  const constraintNames = new Set<string>()
  for (const item of [renamed.primaryKey, ...renamed.uniques]) {
    if (item?.name !== undefined) constraintNames.add(item.name)
  }
  const currentIndexes = renamed.indexes.filter((index) => {
    if (targetNames.has(index.name)) return true
    if (constraintNames.has(index.name)) return false
    if (!context.canonical.foreignKeysNeedIndex) return true
    return !renamed.foreignKeys.some((key) => implicitIndexOf(renamed, key) === index)
  })
  const targetIndexes = [...target.indexes]
  const targetUniques = [...target.uniques]
  const currentUniques = [...renamed.uniques]
  const sameColumns = (a: UniqueModel) => (b: UniqueModel) => sameList(a.columns, b.columns)
  // A name given on both sides must agree; an index name the other side uses is not free.
  const named = (unique: UniqueModel, index: IndexModel) =>
    unique.name === undefined || unique.name === index.name
  for (const unique of [...targetUniques]) {
    if (currentUniques.some(sameColumns(unique))) continue
    const taken = takeOut(
      currentIndexes,
      (index) => !targetNames.has(index.name) && named(unique, index) && standsFor(index, unique),
    )
    if (taken) takeOut(targetUniques, (item) => item === unique)
  }
  for (const unique of [...currentUniques]) {
    if (targetUniques.some(sameColumns(unique))) continue
    const taken = takeOut(
      targetIndexes,
      (index) => !currentNames.has(index.name) && named(unique, index) && standsFor(index, unique),
    )
    if (taken) takeOut(currentUniques, (item) => item === unique)
  }
  return { targetUniques, currentUniques, targetIndexes, currentIndexes }
}

/** What an index does, in canonical form. */
function indexSignature(context: CompareContext, index: IndexModel): string {
  const { canonical } = context
  const using = index.using?.toLowerCase()
  return JSON.stringify([
    index.columns.map((column) =>
      typeof column === 'string' ? column : { sql: canonical.expression(column.sql) },
    ),
    index.unique,
    canonical.capabilities.partialIndexes && index.where !== undefined
      ? canonical.expression(index.where)
      : null,
    using === undefined || using === 'btree' ? null : using,
  ])
}

function dropIndex(index: IndexModel, table: TableModel): Operation {
  return { kind: 'dropIndex', name: index.name, table: table.name, schema: table.schema }
}

/** Indexes added, dropped or changed; returns the indexes it drops and creates. */
export function compareIndexes(
  context: CompareContext,
  pair: TablePair,
  lists: IndexLists,
): { dropped: IndexModel[]; created: IndexModel[] } {
  const table = pair.target
  const group = tableKey(table.name, table.schema)
  const where = displayName(table.name, table.schema)
  const current = new Map(lists.currentIndexes.map((index) => [index.name, index]))
  const wanted = new Set(lists.targetIndexes.map((index) => index.name))
  const dropped: IndexModel[] = []
  const dropStep = (index: IndexModel) => {
    dropped.push(index)
    context.plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.dropIndex,
      up: [dropIndex(index, table)],
      down: [createIndexOperation(table, pair.original(index))],
    })
  }
  const created: IndexModel[] = []
  const createStep = (index: IndexModel) => {
    created.push(index)
    context.plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.createIndex,
      up: [createIndexOperation(table, index)],
      down: [dropIndex(index, table)],
    })
  }
  const change = (kind: 'createIndex' | 'dropIndex' | 'changeIndex', index: IndexModel) => {
    const verb = { createIndex: 'added', dropIndex: 'dropped', changeIndex: 'changed' }[kind]
    context.plan.change({
      kind,
      schema: table.schema,
      table: table.name,
      name: index.name,
      detail: `index ${index.name} on ${where} ${verb}`,
    })
  }
  for (const index of lists.currentIndexes) {
    if (wanted.has(index.name)) continue
    change('dropIndex', index)
    dropStep(index)
  }
  for (const index of lists.targetIndexes) {
    const found = current.get(index.name)
    if (!found) {
      change('createIndex', index)
      createStep(index)
    } else if (indexSignature(context, index) !== indexSignature(context, found)) {
      change('changeIndex', index)
      dropStep(found)
      createStep(index)
    }
  }
  return { dropped, created }
}

/** Whether an index, the primary key or a unique constraint of `table` starts with `columns`. */
export function hasIndexFor(table: TableModel, columns: readonly string[]): boolean {
  const covers = (indexed: readonly string[] | undefined) =>
    indexed !== undefined && columns.every((column, i) => indexed[i] === column)
  return (
    table.indexes.some((index) => covers(plainColumns(index))) ||
    covers(table.primaryKey?.columns) ||
    table.uniques.some((unique) => covers(unique.columns))
  )
}

/** The index the database made for a foreign key of `table` (MySQL names it after the key). */
export function implicitIndexOf(table: TableModel, key: ForeignKeyModel): IndexModel | undefined {
  return table.indexes.find((index) => {
    const columns = plainColumns(index)
    return index.name === key.name && !index.unique && columns && sameList(columns, key.columns)
  })
}

/** Indexes, unique constraints and primary keys that a comparison drops and creates. */
export interface IndexLikeChanges {
  /** The database's (from the pair's `renamed` table). */
  readonly dropped: ReadonlySet<object>
  /** Column lists of the dropped and the created ones. */
  readonly touched: readonly (readonly string[] | undefined)[]
}

/**
 * The foreign keys whose index changes hands where the database needs one for each key
 * (MySQL): an index (or unique constraint, or primary key) that serves the key is
 * dropped or created while nothing else keeps serving it. MySQL refuses to drop a
 * key's only index, and drops its own index for a key once another serves (so the
 * downgrade could not drop the new one). Those keys are dropped before and created
 * again after the change, in both directions.
 */
export function keysAroundIndexChanges(pair: TablePair, changes: IndexLikeChanges): Set<string> {
  const covers = (columns: readonly string[] | undefined, key: readonly string[]) =>
    columns !== undefined && key.every((column, i) => columns[i] === column)
  const { renamed } = pair
  const out = new Set<string>()
  for (const key of renamed.foreignKeys) {
    if (key.name === undefined) continue
    if (!changes.touched.some((columns) => covers(columns, key.columns))) continue
    const own = implicitIndexOf(renamed, key)
    const kept = [
      ...renamed.indexes
        .filter((index) => index !== own && !changes.dropped.has(index))
        .map(plainColumns),
      ...[renamed.primaryKey, ...renamed.uniques]
        .filter((item) => item !== undefined && !changes.dropped.has(item))
        .map((item) => item?.columns),
    ]
    if (!kept.some((columns) => covers(columns, key.columns))) out.add(key.name)
  }
  return out
}

/** The columns an index covers in order, or undefined for a partial or expression index. */
export function indexColumns(index: IndexModel): readonly string[] | undefined {
  return plainColumns(index)
}
