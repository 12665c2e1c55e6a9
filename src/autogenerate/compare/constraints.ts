/** Primary keys, unique constraints and check constraints of a table on both sides. */
import type { ConstraintType, Operation } from '../../operations/types.js'
import type { CheckModel, TableModel, UniqueModel } from '../../schema/model.js'
import { Phase, TableStep, warning } from './change-plan.js'
import { type CompareContext, sameList, type TablePair } from './context.js'
import { matchByNameOrSignature } from './match.js'
import { displayName, TableNames, tableKey } from './names.js'
import type { ChangeKind } from './types.js'

interface ConstraintStep {
  readonly context: CompareContext
  readonly table: TableModel
  readonly kind: ChangeKind
  readonly name?: string
  readonly detail: string
}

function record(step: ConstraintStep): void {
  const { context, table, kind, name, detail } = step
  context.plan.change({ kind, schema: table.schema, table: table.name, name, detail })
}

function drop(name: string, table: TableModel, type: ConstraintType): Operation {
  return { kind: 'dropConstraint', name, table: table.name, schema: table.schema, type }
}

/** A drop step, or a warning when the database keeps no name to drop it by (SQLite). */
function dropStep(
  context: CompareContext,
  table: TableModel,
  options: { name: string | undefined; type: ConstraintType; recreate: Operation; what: string },
  names?: TableNames,
): void {
  names?.release(options.name)
  const group = tableKey(table.name, table.schema)
  if (options.name === undefined) {
    const text = `${options.what} of ${displayName(table.name, table.schema)} has no name in the database, so no operation can drop it; drop it by hand (on SQLite, rebuild the table)`
    context.plan.warn(text)
    context.plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.dropConstraint,
      up: [warning(text)],
      down: [],
    })
    return
  }
  context.plan.add({
    phase: Phase.alterTables,
    group,
    order: TableStep.dropConstraint,
    up: [drop(options.name, table, options.type)],
    down: [options.recreate],
  })
}

/** The keys a comparison drops (the database's) and creates (the models'). */
export interface KeyChanges {
  readonly dropped: readonly { readonly columns: readonly string[] }[]
  readonly created: readonly { readonly columns: readonly string[] }[]
}

/** Every constraint and index name of the table, so generated names do not clash. */
export function tableNames(context: CompareContext, pair: TablePair): TableNames {
  const names = new Set<string>()
  for (const table of [pair.target, pair.current]) {
    const all = [
      table.primaryKey,
      ...table.uniques,
      ...table.foreignKeys,
      ...table.checks,
      ...table.indexes,
    ]
    for (const item of all) if (item?.name !== undefined) names.add(item.name)
  }
  return new TableNames(names, context.maxIdentifierLength)
}

/** The primary key: added, dropped, or changed (dropped and created again). */
export function comparePrimaryKey(context: CompareContext, pair: TablePair): KeyChanges {
  const table = pair.target
  const wanted = table.primaryKey
  const found = pair.renamed.primaryKey
  if (sameList(wanted?.columns ?? [], found?.columns ?? [])) return { dropped: [], created: [] }
  const where = displayName(table.name, table.schema)
  const list = (columns: readonly string[] | undefined) => `(${(columns ?? []).join(', ')})`
  record({
    context,
    table,
    kind: !found ? 'createPrimaryKey' : !wanted ? 'dropPrimaryKey' : 'changePrimaryKey',
    detail: `primary key of ${where}: ${found ? list(found.columns) : 'none'} -> ${wanted ? list(wanted.columns) : 'none'}`,
  })
  if (found) {
    const original = pair.original(found)
    // SQLite stores no name for a primary key; its dropConstraint finds it by type.
    const name = original.name ?? `${pair.current.name}_pkey`
    dropStep(context, table, {
      name,
      type: 'primaryKey',
      what: 'the primary key',
      recreate: {
        kind: 'createPrimaryKey',
        name,
        table: table.name,
        schema: table.schema,
        columns: original.columns,
      },
    })
  }
  if (wanted) {
    const name = wanted.name ?? `${table.name}_pkey`
    context.plan.add({
      phase: Phase.alterTables,
      group: tableKey(table.name, table.schema),
      order: TableStep.createPrimaryKey,
      up: [
        {
          kind: 'createPrimaryKey',
          name,
          table: table.name,
          schema: table.schema,
          columns: wanted.columns,
        },
      ],
      down: [drop(name, table, 'primaryKey')],
    })
  }
  return { dropped: found ? [found] : [], created: wanted ? [wanted] : [] }
}

/**
 * Unique constraints, given the lists left after unique indexes that stand for them
 * were set aside (see `reconcileUniques`).
 */
export function compareUniques(
  context: CompareContext,
  pair: TablePair,
  lists: { target: readonly UniqueModel[]; current: readonly UniqueModel[] },
  names: TableNames,
): KeyChanges {
  const table = pair.target
  const where = displayName(table.name, table.schema)
  const matched = matchByNameOrSignature(lists.target, lists.current, (unique) =>
    unique.columns.join('\u0000'),
  )
  const describe = (unique: UniqueModel) =>
    `unique constraint ${unique.name === undefined ? '' : `${unique.name} `}(${unique.columns.join(', ')})`
  for (const unique of [...matched.dropped, ...matched.changed.map(([, found]) => found)]) {
    const original = pair.original(unique)
    const changed = matched.changed.some(([, found]) => found === unique)
    record({
      context,
      table,
      kind: changed ? 'changeUnique' : 'dropUnique',
      name: unique.name,
      detail: `${describe(unique)} of ${where} ${changed ? 'changed' : 'dropped'}`,
    })
    dropStep(
      context,
      table,
      {
        name: original.name,
        type: 'unique',
        what: describe(original),
        recreate: {
          kind: 'createUniqueConstraint',
          name: original.name ?? '',
          table: table.name,
          schema: table.schema,
          columns: original.columns,
        },
      },
      names,
    )
  }
  for (const unique of [...matched.added, ...matched.changed.map(([wanted]) => wanted)]) {
    if (matched.added.includes(unique)) {
      record({
        context,
        table,
        kind: 'createUnique',
        name: unique.name,
        detail: `${describe(unique)} of ${where} added`,
      })
    }
    names.later(() => {
      const name = unique.name ?? names.generate([table.name, ...unique.columns], 'key')
      context.plan.add({
        phase: Phase.alterTables,
        group: tableKey(table.name, table.schema),
        order: TableStep.createConstraint,
        up: [
          {
            kind: 'createUniqueConstraint',
            name,
            table: table.name,
            schema: table.schema,
            columns: unique.columns,
          },
        ],
        down: [drop(name, table, 'unique')],
      })
    })
  }
  return {
    dropped: [...matched.dropped, ...matched.changed.map(([, found]) => found)],
    created: [...matched.added, ...matched.changed.map(([wanted]) => wanted)],
  }
}

/** Check constraints: by name when both sides name them, else by canonical expression. */
export function compareChecks(context: CompareContext, pair: TablePair, names: TableNames): void {
  const table = pair.target
  const where = displayName(table.name, table.schema)
  const matched = matchByNameOrSignature(table.checks, pair.renamed.checks, (check) =>
    context.canonical.expression(check.expression),
  )
  const describe = (check: CheckModel) => `check ${check.name ?? `(${check.expression})`}`
  for (const check of [...matched.dropped, ...matched.changed.map(([, found]) => found)]) {
    const changed = matched.changed.some(([, found]) => found === check)
    record({
      context,
      table,
      kind: changed ? 'changeCheck' : 'dropCheck',
      name: check.name,
      detail: `${describe(check)} of ${where} ${changed ? 'changed' : 'dropped'}`,
    })
    dropStep(
      context,
      table,
      {
        name: check.name,
        type: 'check',
        what: describe(check),
        recreate: {
          kind: 'createCheckConstraint',
          name: check.name ?? '',
          table: table.name,
          schema: table.schema,
          expression: check.expression,
        },
      },
      names,
    )
  }
  for (const check of [...matched.added, ...matched.changed.map(([wanted]) => wanted)]) {
    if (matched.added.includes(check)) {
      record({
        context,
        table,
        kind: 'createCheck',
        name: check.name,
        detail: `${describe(check)} of ${where} added`,
      })
    }
    names.later(() => {
      const name = check.name ?? names.generate([table.name], 'check')
      context.plan.add({
        phase: Phase.alterTables,
        group: tableKey(table.name, table.schema),
        order: TableStep.createConstraint,
        up: [
          {
            kind: 'createCheckConstraint',
            name,
            table: table.name,
            schema: table.schema,
            expression: check.expression,
          },
        ],
        down: [drop(name, table, 'check')],
      })
    })
  }
}
