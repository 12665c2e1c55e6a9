/**
 * Columns of a table that exists on both sides: added, dropped, renamed, and changed
 * in type, nullability, default, comment or auto-increment.
 */
import type { AlterColumn, DefaultValue } from '../../operations/types.js'
import type { ColumnModel, TableModel } from '../../schema/model.js'
import { normalComment } from './canonical.js'
import { info, Phase, TableStep, warning } from './change-plan.js'
import type { CompareContext, TablePair } from './context.js'
import { columnSpec } from './model-operations.js'
import { displayName, tableKey } from './names.js'
import type { ResolvedScope } from './renames.js'
import type { Change } from './types.js'

/** `alterColumn`'s spelling of a default: `null` drops it, a literal NULL is SQL. */
function alterDefault(value: DefaultValue | undefined): DefaultValue {
  if (value === undefined) return null
  return value === null ? { sql: 'NULL' } : value
}

function typeText(type: ColumnModel['type']): string {
  return typeof type === 'string' ? type : (type.name ?? `enum(${type.enum.join(', ')})`)
}

function defaultText(value: DefaultValue | undefined): string {
  if (value === undefined) return 'none'
  if (value !== null && typeof value === 'object') return value.sql
  return JSON.stringify(value)
}

/** The `existing*` fields: what the column is now (MySQL restates the whole column). */
function existing(column: ColumnModel, comments: boolean): Partial<AlterColumn> {
  return {
    existingType: column.type,
    existingNullable: column.nullable,
    existingDefault: column.default === undefined ? undefined : alterDefault(column.default),
    existingComment: comments ? column.comment : undefined,
    existingAutoIncrement: column.autoIncrement || undefined,
  }
}

interface ColumnChanges {
  readonly up: Partial<AlterColumn>
  readonly down: Partial<AlterColumn>
  readonly changes: { kind: Change['kind']; detail: string }[]
}

/** What differs between the model's column and the database's. */
function columnChanges(
  context: CompareContext,
  target: ColumnModel,
  current: ColumnModel,
): ColumnChanges {
  const { canonical } = context
  const up: Record<string, unknown> = {}
  const down: Record<string, unknown> = {}
  const changes: ColumnChanges['changes'] = []
  if (!canonical.sameType(target.type, current.type)) {
    up.type = target.type
    down.type = current.type
    changes.push({
      kind: 'columnType',
      detail: `type ${typeText(current.type)} -> ${typeText(target.type)}`,
    })
  }
  if (target.nullable !== current.nullable) {
    up.nullable = target.nullable
    down.nullable = current.nullable
    changes.push({
      kind: 'columnNullable',
      detail: target.nullable ? 'NOT NULL -> nullable' : 'nullable -> NOT NULL',
    })
  }
  if (!canonical.sameDefault(target, current)) {
    up.default = alterDefault(target.default)
    down.default = alterDefault(current.default)
    changes.push({
      kind: 'columnDefault',
      detail: `default ${defaultText(current.default)} -> ${defaultText(target.default)}`,
    })
  }
  const comments = canonical.capabilities.comments
  if (comments && normalComment(target.comment) !== normalComment(current.comment)) {
    up.comment = normalComment(target.comment) ?? null
    down.comment = normalComment(current.comment) ?? null
    changes.push({ kind: 'columnComment', detail: 'comment changed' })
  }
  return { up, down, changes }
}

function alterStep(
  context: CompareContext,
  table: TableModel,
  target: ColumnModel,
  current: ColumnModel,
): void {
  const { plan, canonical } = context
  const where = `${displayName(table.name, table.schema)}.${target.name}`
  const group = tableKey(table.name, table.schema)
  const found = columnChanges(context, target, current)
  const autoIncrement = Boolean(target.autoIncrement) !== Boolean(current.autoIncrement)
  for (const change of found.changes) {
    plan.change({
      kind: change.kind,
      schema: table.schema,
      table: table.name,
      column: target.name,
      detail: `column ${where}: ${change.detail}`,
    })
  }
  const manual = autoIncrement
    ? `column ${where}: auto-increment ${target.autoIncrement ? 'added' : 'removed'}; the op API cannot change it, so write that step by hand (op.execute)`
    : undefined
  if (manual) {
    plan.change({
      kind: 'columnAutoIncrement',
      schema: table.schema,
      table: table.name,
      column: target.name,
      detail: manual,
    })
    plan.warn(manual)
  }
  if (found.changes.length === 0 && !manual) return
  const comments = canonical.capabilities.comments
  const op = (changes: Partial<AlterColumn>, before: ColumnModel): AlterColumn => ({
    kind: 'alterColumn',
    table: table.name,
    schema: table.schema,
    column: target.name,
    ...changes,
    ...existing(before, comments),
  })
  plan.add({
    phase: Phase.alterTables,
    group,
    order: TableStep.alterColumn,
    up: [
      ...(manual ? [warning(manual)] : []),
      ...(found.changes.length > 0 ? [op(found.up, current)] : []),
    ],
    down: found.changes.length > 0 ? [op(found.down, target)] : [],
  })
}

/**
 * Emits the column steps of one table pair, given its resolved column renames.
 *
 * @example
 * compareColumns(context, pair, resolvedColumnScope)
 */
export function compareColumns(
  context: CompareContext,
  pair: TablePair,
  resolved: ResolvedScope<ColumnModel>,
): void {
  const { plan } = context
  const table = pair.target
  const group = tableKey(table.name, table.schema)
  const name = displayName(table.name, table.schema)
  const target = { kind: 'alterColumn', table: table.name, schema: table.schema } as const
  for (const { from, to } of resolved.renamed) {
    plan.change({
      kind: 'renameColumn',
      schema: table.schema,
      table: table.name,
      column: to.name,
      detail: `column ${name}.${from.name} renamed to ${to.name}`,
    })
    plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.renameColumn,
      up: [{ ...target, column: from.name, newName: to.name }],
      down: [{ ...target, column: to.name, newName: from.name }],
    })
  }
  for (const column of resolved.added) {
    plan.change({
      kind: 'addColumn',
      schema: table.schema,
      table: table.name,
      column: column.name,
      detail: `column ${name}.${column.name} added`,
    })
    const risky = !column.nullable && column.default === undefined && !column.autoIncrement
    const note = `column ${name}.${column.name} is NOT NULL without a default: adding it fails if the table has rows (add it nullable, fill it, then make it NOT NULL)`
    if (risky) plan.warn(note)
    plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.addColumn,
      up: [
        ...(risky ? [warning(note)] : []),
        { kind: 'addColumn', table: table.name, schema: table.schema, column: columnSpec(column) },
      ],
      down: [{ kind: 'dropColumn', table: table.name, schema: table.schema, column: column.name }],
    })
  }
  for (const column of resolved.dropped) {
    plan.change({
      kind: 'dropColumn',
      schema: table.schema,
      table: table.name,
      column: column.name,
      detail: `column ${name}.${column.name} dropped`,
    })
    const suspicious = resolved.suspicious.get(column)
    if (suspicious) plan.warn(suspicious)
    plan.add({
      phase: Phase.alterTables,
      group,
      order: TableStep.dropColumn,
      up: [
        ...(suspicious ? [warning(suspicious)] : []),
        { kind: 'dropColumn', table: table.name, schema: table.schema, column: column.name },
      ],
      down: [
        info('Recreates the column; its data is not restored.'),
        { kind: 'addColumn', table: table.name, schema: table.schema, column: columnSpec(column) },
      ],
    })
  }
  const currentColumns = new Map(pair.renamed.columns.map((column) => [column.name, column]))
  for (const column of table.columns) {
    const current = currentColumns.get(column.name)
    if (current && !resolved.added.includes(column)) alterStep(context, table, column, current)
  }
}
