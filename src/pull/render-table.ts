/**
 * One introspected table as an exported `defineTable(...)`: single-column keys drawn on
 * their columns (`.primaryKey()`, `.unique()`, `.references(...)`), everything else in
 * the options (`(t) => ({ primaryKey, uniques, foreignKeys, indexes, checks, comment })`).
 * Constraint names the database would give anyway (`users_pkey`, `orders_user_id_fkey`,
 * `orders_ibfk_1`) are left out; the others are kept.
 */
import { stringLiteral } from '../autogenerate/render/literal.js'
import type { SqlExpression } from '../operations/types.js'
import type { ForeignKeyModel, IndexModel, TableModel, UniqueModel } from '../schema/model.js'
import {
  array,
  arrow,
  type CallCode,
  type CodeDoc,
  call,
  chain,
  object,
  printCode,
  text,
} from './code-doc.js'
import { sqlExprCode } from './literal-code.js'
import type { PlannedTable } from './model-plan.js'
import {
  type ColumnContext,
  type ColumnRole,
  columnCode,
  columnThunk,
  referenceOptions,
} from './render-column.js'

/** Lines stay within this many columns, as Biome's default formatting does. */
export const LINE_WIDTH = 100

type Entry = readonly [string, CodeDoc]

/** Whether `name` is what the database calls such a constraint when none is given. */
function conventionalName(
  table: TableModel,
  kind: 'pkey' | 'key' | 'fkey',
  columns: readonly string[],
  name: string | undefined,
): boolean {
  if (name === undefined) return true
  if (name === `${table.name}_${kind === 'pkey' ? '' : `${columns.join('_')}_`}${kind}`) return true
  if (kind === 'pkey') return name === 'PRIMARY'
  if (kind === 'key') return name === columns[0]
  return name.startsWith(`${table.name}_ibfk_`) && /^\d+$/.test(name.slice(table.name.length + 6))
}

function named<T extends { readonly name?: string }>(item: T, keep: boolean): T {
  if (keep || item.name === undefined) return item
  const { name: _name, ...rest } = item
  return rest as T
}

/** Which single-column keys the columns carry; the rest goes into the options. */
function columnRoles(
  planned: PlannedTable,
  context: ColumnContext,
): {
  roles: Map<string, ColumnRole>
  uniques: UniqueModel[]
  foreignKeys: ForeignKeyModel[]
} {
  const table = planned.model
  const roles = new Map<string, ColumnRole>()
  const role = (column: string) => roles.get(column) ?? {}
  const key = table.primaryKey
  if (key !== undefined && key.columns.length === 1) {
    const column = key.columns[0] as string
    const keep = !conventionalName(table, 'pkey', key.columns, key.name)
    roles.set(column, { primaryKey: named({ name: key.name }, keep) })
  }
  const uniques: UniqueModel[] = []
  for (const unique of table.uniques) {
    const item = named(unique, !conventionalName(table, 'key', unique.columns, unique.name))
    const column = unique.columns[0] as string
    if (unique.columns.length === 1 && role(column).unique === undefined) {
      roles.set(column, { ...role(column), unique: { ...(item.name ? { name: item.name } : {}) } })
    } else uniques.push(item)
  }
  const foreignKeys: ForeignKeyModel[] = []
  for (const foreignKey of table.foreignKeys) {
    const item = named(
      foreignKey,
      !conventionalName(table, 'fkey', foreignKey.columns, foreignKey.name),
    )
    const column = foreignKey.columns[0] as string
    const single = foreignKey.columns.length === 1 && role(column).foreignKey === undefined
    if (single && columnThunk(context.plan, item, 0) !== undefined) {
      roles.set(column, { ...role(column), foreignKey: item })
    } else foreignKeys.push(item)
  }
  return { roles, uniques, foreignKeys }
}

function columnRef(planned: PlannedTable, column: string): CodeDoc {
  return text(`t.${planned.keys.get(column) ?? column}`)
}

function nameArg(name: string | undefined): CodeDoc[] {
  return name === undefined ? [] : [text(stringLiteral(name))]
}

function uniqueCode(planned: PlannedTable, unique: UniqueModel, context: ColumnContext): CodeDoc {
  context.use('unique')
  const columns = unique.columns.map((column) => columnRef(planned, column))
  return chain(call('unique', ...nameArg(unique.name)), [call('on', ...columns)])
}

function foreignKeyCode(
  planned: PlannedTable,
  key: ForeignKeyModel,
  context: ColumnContext,
): CodeDoc {
  context.use('foreignKey')
  const targets = key.columns.map((_, position) => columnThunk(context.plan, key, position))
  return call(
    'foreignKey',
    object([
      ['columns', array(key.columns.map((column) => columnRef(planned, column)))],
      ['references', text(`() => [${targets.join(', ')}]`, true)],
      ...referenceOptions(key),
    ]),
  )
}

function indexCode(planned: PlannedTable, index: IndexModel, context: ColumnContext): CodeDoc {
  context.use('index')
  const columns = index.columns.map((column: string | SqlExpression) => {
    if (typeof column === 'string') return columnRef(planned, column)
    context.use('sqlExpr')
    return text(sqlExprCode(column.sql))
  })
  const links: CallCode[] = [call('on', ...columns)]
  if (index.unique) links.push(call('unique'))
  if (index.where !== undefined) {
    context.use('sqlExpr')
    links.push(call('where', text(sqlExprCode(index.where))))
  }
  if (index.using !== undefined) links.push(call('using', text(stringLiteral(index.using))))
  return chain(call('index', text(stringLiteral(index.name))), links)
}

/** The table's options: an object, or `(t) => ({...})` when it names columns. */
function optionsCode(
  planned: PlannedTable,
  keys: { uniques: UniqueModel[]; foreignKeys: ForeignKeyModel[] },
  context: ColumnContext,
): CodeDoc | undefined {
  const table = planned.model
  const entries: Entry[] = []
  if (table.schema !== undefined) entries.push(['schema', text(stringLiteral(table.schema))])
  const key = table.primaryKey
  if (key !== undefined && key.columns.length > 1) {
    context.use('primaryKey')
    const keep = !conventionalName(table, 'pkey', key.columns, key.name)
    const fields: Entry[] = [
      ['columns', array(key.columns.map((column) => columnRef(planned, column)))],
    ]
    if (keep && key.name !== undefined) fields.push(['name', text(stringLiteral(key.name))])
    entries.push(['primaryKey', call('primaryKey', object(fields))])
  }
  const lists: [string, CodeDoc[]][] = [
    ['uniques', keys.uniques.map((unique) => uniqueCode(planned, unique, context))],
    ['foreignKeys', keys.foreignKeys.map((item) => foreignKeyCode(planned, item, context))],
    ['indexes', table.indexes.map((index) => indexCode(planned, index, context))],
  ]
  for (const [field, items] of lists) if (items.length > 0) entries.push([field, array(items)])
  const usesColumns = entries.some(([field]) => field !== 'schema')
  if (table.checks.length > 0) {
    context.use('checkConstraint')
    context.use('sqlExpr')
    const checks = table.checks.map((check) =>
      call('checkConstraint', ...nameArg(check.name), text(sqlExprCode(check.expression))),
    )
    entries.push(['checks', array(checks)])
  }
  if (table.comment !== undefined) entries.push(['comment', text(stringLiteral(table.comment))])
  if (entries.length === 0) return undefined
  return usesColumns ? arrow('(t)', object(entries)) : object(entries)
}

/**
 * `export const <name> = defineTable('<table>', { ...columns }, options)`, laid out
 * within 100 columns.
 *
 * @example
 * renderTable(plannedTable, context)
 * // "export const artist = defineTable('artist', {\n  artistId: serial('artist_id').primaryKey(),\n ..."
 */
export function renderTable(planned: PlannedTable, context: ColumnContext): string {
  const table = planned.model
  context.use('defineTable')
  const keys = columnRoles(planned, context)
  const columns: Entry[] = table.columns.map((column) => {
    const columnKey = planned.keys.get(column.name) ?? column.name
    const role = keys.roles.get(column.name) ?? {}
    return [columnKey, columnCode(column, columnKey, role, context)]
  })
  const options = optionsCode(planned, keys, context)
  const args: CodeDoc[] = [text(stringLiteral(table.name)), object(columns, true)]
  if (options !== undefined) args.push(options)
  const start = `export const ${planned.exportName} = `
  const body = printCode(call('defineTable', ...args), {
    indent: '',
    column: start.length,
    trailing: 0,
    width: LINE_WIDTH,
  })
  return `${start}${body}`
}
