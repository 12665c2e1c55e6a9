/**
 * Foreign keys. They are dropped before anything else (a table or key they reference
 * may go) and created after everything else (the tables and keys they reference must
 * exist), under the names they have at that moment.
 */
import type { CreateForeignKey, Operation } from '../../operations/types.js'
import type { ForeignKeyModel, TableModel } from '../../schema/model.js'
import { normalAction } from './canonical.js'
import { info, Phase, warning } from './change-plan.js'
import type { CompareContext, TablePair } from './context.js'
import { hasIndexFor, implicitIndexOf } from './indexes.js'
import { matchByNameOrSignature } from './match.js'
import { createForeignKeyOperation } from './model-operations.js'
import { displayName, type TableNames, tableKey } from './names.js'

/** What a foreign key does, for matching keys whose names differ or are absent. */
export function foreignKeySignature(context: CompareContext, key: ForeignKeyModel): string {
  const deferrable = context.canonical.capabilities.deferrableConstraints
  return JSON.stringify([
    key.columns,
    key.referencedSchema ?? null,
    key.referencedTable,
    key.referencedColumns,
    normalAction(key.onDelete, context.canonical.capabilities),
    normalAction(key.onUpdate, context.canonical.capabilities),
    deferrable ? Boolean(key.deferrable) : false,
    deferrable ? Boolean(key.initiallyDeferred) : false,
  ])
}

function dropIndexOperation(name: string, table: TableModel): Operation {
  return { kind: 'dropIndex', name, table: table.name, schema: table.schema }
}

function describe(key: ForeignKeyModel): string {
  const name = key.name === undefined ? '' : `${key.name} `
  const target = displayName(key.referencedTable, key.referencedSchema)
  return `foreign key ${name}(${key.columns.join(', ')}) -> ${target}(${key.referencedColumns.join(', ')})`
}

/**
 * The index InnoDB made for a key of `table`, which MySQL's introspection leaves out: it
 * exists when nothing else the table has serves the key, under the key's name. (A key
 * named `<table>_ibfk_<n>` had its index named after its first column, perhaps with a
 * number: unknown, so left alone.) Once the key is dropped, the index would show up as
 * one the models do not have.
 */
function hiddenIndexOf(table: TableModel, key: ForeignKeyModel): string | undefined {
  if (key.name === undefined || /_ibfk_\d+$/.test(key.name)) return undefined
  return hasIndexFor(table, key.columns) ? undefined : key.name
}

/**
 * The step that drops a foreign key of `table` (as the database names it), recreating
 * it in the downgrade; a warning when the key has no name to drop it by. `hiddenIndex`:
 * also drop the index MySQL made for the key (the table stays, so it would remain).
 */
export function dropForeignKeyStep(
  context: CompareContext,
  table: TableModel,
  key: ForeignKeyModel,
  options: { readonly hiddenIndex?: boolean } = {},
): void {
  if (key.name === undefined) {
    const text = `${describe(key)} of ${displayName(table.name, table.schema)} has no name in the database, so no operation can drop it; drop it by hand (on SQLite, rebuild the table)`
    context.plan.warn(text)
    context.plan.add({ phase: Phase.dropForeignKeys, up: [warning(text)], down: [] })
    return
  }
  const drop: Operation = {
    kind: 'dropConstraint',
    name: key.name,
    table: table.name,
    schema: table.schema,
    type: 'foreignKey',
  }
  // MySQL keeps the index it made for the key; it goes with the key (and comes back with it).
  const implicit = context.canonical.foreignKeysNeedIndex
    ? (implicitIndexOf(table, key)?.name ??
      (options.hiddenIndex ? hiddenIndexOf(table, key) : undefined))
    : undefined
  context.plan.add({
    phase: Phase.dropForeignKeys,
    up: [drop, ...(implicit ? [dropIndexOperation(implicit, table)] : [])],
    down: [createForeignKeyOperation(table, key, key.name)],
  })
}

/** The step that creates a foreign key of `table` (named if the model leaves it unnamed). */
export function createForeignKeyStep(
  context: CompareContext,
  table: TableModel,
  key: ForeignKeyModel,
  names: TableNames,
): void {
  const name = key.name ?? names.generate([table.name, ...key.columns], 'fkey')
  const create: CreateForeignKey = createForeignKeyOperation(table, key, name)
  // Where no index serves the key, MySQL makes one under the key's name: the downgrade drops it.
  const implicit = context.canonical.foreignKeysNeedIndex && !hasIndexFor(table, key.columns)
  context.plan.add({
    phase: Phase.createForeignKeys,
    up: [create],
    down: [
      { kind: 'dropConstraint', name, table: table.name, schema: table.schema, type: 'foreignKey' },
      ...(implicit ? [dropIndexOperation(name, table)] : []),
    ],
  })
}

/**
 * The foreign keys of a table on both sides. Keys named in `rebuild` are dropped and
 * created again even when unchanged (their index changes).
 */
export function compareForeignKeys(
  context: CompareContext,
  pair: TablePair,
  names: TableNames,
  rebuild: ReadonlySet<string> = new Set(),
): void {
  const table = pair.target
  const where = displayName(table.name, table.schema)
  const matched = matchByNameOrSignature(table.foreignKeys, pair.renamed.foreignKeys, (key) =>
    foreignKeySignature(context, key),
  )
  const changed = new Set(matched.changed.map(([, found]) => found))
  for (const key of [...matched.dropped, ...changed]) {
    context.plan.change({
      kind: changed.has(key) ? 'changeForeignKey' : 'dropForeignKey',
      schema: table.schema,
      table: table.name,
      name: key.name,
      detail: `${describe(key)} of ${where} ${changed.has(key) ? 'changed' : 'dropped'}`,
    })
    // Dropped before any rename: under the database's names.
    dropForeignKeyStep(context, pair.current, pair.original(key), { hiddenIndex: true })
    names.release(key.name)
  }
  for (const [wanted, found] of matched.same) {
    if (found.name === undefined || !rebuild.has(found.name)) continue
    context.plan.add({
      phase: Phase.dropForeignKeys,
      up: [
        info(
          `Foreign key ${found.name} of ${where} is dropped and created again around the change of the index it needs.`,
        ),
      ],
      down: [],
    })
    dropForeignKeyStep(context, pair.current, pair.original(found), { hiddenIndex: true })
    names.later(() => createForeignKeyStep(context, table, { ...wanted, name: found.name }, names))
  }
  for (const key of [...matched.added, ...matched.changed.map(([wanted]) => wanted)]) {
    if (matched.added.includes(key)) {
      context.plan.change({
        kind: 'createForeignKey',
        schema: table.schema,
        table: table.name,
        name: key.name,
        detail: `${describe(key)} of ${where} added`,
      })
    }
    names.later(() => createForeignKeyStep(context, table, key, names))
  }
}

/** The key of the table a foreign key references. */
export function referencedKey(key: ForeignKeyModel): string {
  return tableKey(key.referencedTable, key.referencedSchema)
}
