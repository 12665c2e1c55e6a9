/**
 * Autogenerate's comparison: the models against the database, as the operations that
 * bring the database to the models and back.
 */
import type { ColumnModel, TableModel } from '../../schema/model.js'
import { Canonical } from './canonical.js'
import { ChangePlan } from './change-plan.js'
import { compareTable } from './compare-table.js'
import type { CompareContext } from './context.js'
import { compareEnums, compareSchemaNames } from './enums.js'
import { tableKey } from './names.js'
import { normalizeModel } from './normalize.js'
import {
  ExplicitRenames,
  nameSimilarity,
  type RenameScope,
  type ResolvedScope,
  resolveRenames,
} from './renames.js'
import { tablePair } from './table-pair.js'
import { createTables, dropTables, renameTable } from './tables.js'
import type { CompareOptions, ComparisonResult } from './types.js'

const keyOf = (table: TableModel) => tableKey(table.name, table.schema)

/** Tables look alike when at least half of their column names are shared. */
function tableSimilarity(from: TableModel, to: TableModel): number | undefined {
  const left = new Set(from.columns.map((column) => column.name))
  const shared = to.columns.filter((column) => left.has(column.name)).length
  const union = left.size + to.columns.length - shared
  const similarity = union === 0 ? 0 : shared / union
  return similarity >= 0.5 ? similarity : undefined
}

function groupBySchema(tables: readonly TableModel[]): Map<string | undefined, TableModel[]> {
  const out = new Map<string | undefined, TableModel[]>()
  for (const table of tables) out.set(table.schema, [...(out.get(table.schema) ?? []), table])
  return out
}

/**
 * Compares the models (`target`) with the database (`current`) and returns the
 * operations of an upgrade and its downgrade, a readable list of the changes, and
 * warnings. Renames come from `renamedFrom` hints, then `renameMap`, then the
 * `renames` resolver; an unresolved drop + add is done as such, with a warning.
 *
 * @example
 * const result = await compareSchemas({
 *   target: modelSchema,
 *   current: await dialect.introspection!.introspect(connection),
 *   dialect,
 *   renameMap: parseRenameArgs(['users.fullname=name']),
 *   skipTable: createTableFilter({ exclude: ['tmp_*'], ownTables: [{ table: 'stratum_version' }] }),
 * })
 * if (result.changes.length > 0) console.log(renderRevisionBodies(result).upgrades)
 */
export async function compareSchemas(options: CompareOptions): Promise<ComparisonResult> {
  const canonical = new Canonical(options.dialect)
  const plan = new ChangePlan()
  const warn = (text: string) => plan.warn(text)
  const normalize = { capabilities: canonical.capabilities, ...options }
  const target = normalizeModel(options.target, { ...normalize, warn })
  const current = normalizeModel(options.current, normalize)
  const explicit = new ExplicitRenames(options.renameMap)

  const currentByKey = new Map(current.tables.map((table) => [keyOf(table), table]))
  const targetKeys = new Set(target.tables.map(keyOf))
  const added = target.tables.filter((table) => !currentByKey.has(keyOf(table)))
  const dropped = current.tables.filter((table) => !targetKeys.has(keyOf(table)))
  const addedBySchema = groupBySchema(added)
  const droppedBySchema = groupBySchema(dropped)
  const tableScopes: RenameScope<TableModel>[] = [...addedBySchema.keys()]
    .filter((schema) => droppedBySchema.has(schema))
    .map((schema) => ({
      kind: 'table',
      ...(schema === undefined ? {} : { schema }),
      dropped: droppedBySchema.get(schema) ?? [],
      added: addedBySchema.get(schema) ?? [],
      similarity: tableSimilarity,
    }))
  const resolvedTables = await resolveRenames(tableScopes, {
    resolver: options.renames,
    explicit,
    warn,
  })
  const renamedTables = resolvedTables.flatMap((scope) => scope.renamed)
  const stillAdded = new Set(added)
  const stillDropped = new Set(dropped)
  const suspicious = new Map<TableModel, string>()
  for (const scope of resolvedTables) {
    for (const { from, to } of scope.renamed) {
      stillAdded.delete(to)
      stillDropped.delete(from)
    }
    for (const [table, text] of scope.suspicious) suspicious.set(table, text)
  }

  const pairs = target.tables.flatMap((table) => {
    const found = currentByKey.get(keyOf(table))
    return found ? [{ target: table, current: found }] : []
  })
  for (const { from, to } of renamedTables) pairs.push({ target: to, current: from })
  pairs.sort((a, b) => (keyOf(a.target) < keyOf(b.target) ? -1 : 1))

  const columnScopes: RenameScope<ColumnModel>[] = pairs.map(({ target: to, current: from }) => {
    const wanted = new Set(to.columns.map((column) => column.name))
    const found = new Set(from.columns.map((column) => column.name))
    return {
      kind: 'column',
      ...(to.schema === undefined ? {} : { schema: to.schema }),
      table: to.name,
      ...(from.name === to.name ? {} : { oldTable: from.name }),
      dropped: from.columns.filter((column) => !wanted.has(column.name)),
      added: to.columns.filter((column) => !found.has(column.name)),
      similarity: (a, b) =>
        a.nullable === b.nullable && canonical.sameType(a.type, b.type)
          ? 0.5 + 0.5 * nameSimilarity(a.name, b.name)
          : undefined,
    }
  })
  const resolvedColumns: ResolvedScope<ColumnModel>[] = await resolveRenames(columnScopes, {
    resolver: options.renames,
    explicit,
    warn,
  })
  for (const argument of explicit.unused()) {
    warn(
      `--rename ${argument} was not used: the database and the models have no such dropped and added pair`,
    )
  }

  const context: CompareContext = {
    canonical,
    plan,
    maxIdentifierLength: options.dialect.maxIdentifierLength,
    tableRenames: new Map(renamedTables.map(({ from, to }) => [keyOf(from), to.name])),
    columnRenames: new Map(
      resolvedColumns.map((scope, i) => [
        keyOf((pairs[i] as { current: TableModel }).current),
        new Map(scope.renamed.map(({ from, to }) => [from.name, to.name])),
      ]),
    ),
  }
  compareSchemaNames(context, target, current)
  compareEnums(context, target, current)
  for (const { from, to } of renamedTables) renameTable(context, from, to)
  createTables(
    context,
    target.tables.filter((table) => stillAdded.has(table)),
  )
  dropTables(
    context,
    current.tables.filter((table) => stillDropped.has(table)),
    suspicious,
  )
  pairs.forEach((pair, i) => {
    compareTable(
      context,
      tablePair(context, pair.target, pair.current),
      resolvedColumns[i] as ResolvedScope<ColumnModel>,
    )
  })
  return plan.result()
}
