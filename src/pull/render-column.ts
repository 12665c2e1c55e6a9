/**
 * One introspected column as a column builder chain of the model DSL:
 * `varchar('e_mail', 255).notNull().unique()`. Portable types get their type function,
 * anything else `nativeType('...')`; literal defaults are values and expressions `sqlExpr`.
 */
import { stringLiteral } from '../autogenerate/render/literal.js'
import type { ColumnType, DefaultValue } from '../operations/types.js'
import type { ColumnModel, ForeignKeyModel } from '../schema/model.js'
import { type CallCode, type CodeDoc, call, chain, object, text } from './code-doc.js'
import { numberCode, sqlExprCode } from './literal-code.js'
import type { ModelPlan } from './model-plan.js'

/** Portable types whose function takes no size. */
const PLAIN_TYPES = new Set([
  'integer',
  'bigint',
  'smallint',
  'boolean',
  'text',
  'real',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'json',
  'jsonb',
  'uuid',
  'bytes',
  'numeric',
])

/** Types with sizes: `varchar(255)`, `char(2)`, `numeric(10,2)`, `numeric(10)`. */
const SIZED_TYPE = /^(varchar|char|numeric)\((\d+)(?:,(\d+))?\)$/

/** What rendering a column needs besides the column. */
export interface ColumnContext {
  readonly plan: ModelPlan
  /** Records a DSL function the file must import. */
  readonly use: (name: string) => void
  /** The local const of an inline (unnamed) enum of this column, created on demand. */
  readonly localEnum: (column: ColumnModel) => string
  /** Records something about the column that the DSL cannot say. */
  readonly note: (text: string) => void
}

/** What the column is part of: its table's single-column keys, drawn on the column. */
export interface ColumnRole {
  readonly primaryKey?: { readonly name?: string } | undefined
  readonly unique?: { readonly name?: string } | undefined
  readonly foreignKey?: ForeignKeyModel | undefined
}

/** The builder that makes `type` with SQL name `name` (omitted when the key is the name). */
function typeCall(
  type: ColumnType,
  name: string | undefined,
  column: ColumnModel,
  context: ColumnContext,
): { head: CallCode; links: CallCode[] } {
  const nameArg = name === undefined ? [] : [text(stringLiteral(name))]
  const fn = (fnName: string, ...sizes: CodeDoc[]) => {
    context.use(fnName)
    return { head: call(fnName, ...nameArg, ...sizes), links: [] as CallCode[] }
  }
  if (typeof type !== 'string') {
    if (type.name === undefined)
      return { head: call(context.localEnum(column), ...nameArg), links: [] }
    const named = context.plan.enumType(type.name)
    if (named !== undefined) return { head: call(named.exportName, ...nameArg), links: [] }
    return fn('nativeType', text(stringLiteral(type.name)))
  }
  if (column.autoIncrement && (type === 'integer' || type === 'bigint')) {
    return fn(type === 'integer' ? 'serial' : 'bigserial')
  }
  if (PLAIN_TYPES.has(type)) return fn(type)
  const sized = SIZED_TYPE.exec(type)
  if (sized !== null) {
    const [, fnName = '', first = '', second] = sized
    return fn(fnName, text(first), ...(second === undefined ? [] : [text(second)]))
  }
  if (type.endsWith('[]')) {
    const element = type.slice(0, -2)
    const named = context.plan.enumType(element)
    const inner = named
      ? { head: call(named.exportName, ...nameArg), links: [] as CallCode[] }
      : PLAIN_TYPES.has(element) || SIZED_TYPE.test(element)
        ? typeCall(element, name, { ...column, autoIncrement: false }, context)
        : undefined
    if (inner !== undefined) return { head: inner.head, links: [...inner.links, call('array')] }
  }
  return fn('nativeType', text(stringLiteral(type)))
}

/** `.default(...)`, `.defaultNow()`. */
function defaultCall(value: DefaultValue, context: ColumnContext): CallCode {
  if (value === null) return call('default', text('null'))
  switch (typeof value) {
    case 'string':
      return call('default', text(stringLiteral(value)))
    case 'number':
      return call('default', text(numberCode(value)))
    case 'boolean':
      return call('default', text(String(value)))
  }
  if (value.sql === 'CURRENT_TIMESTAMP') return call('defaultNow')
  context.use('sqlExpr')
  return call('default', text(sqlExprCode(value.sql)))
}

/** `{ name, onDelete, ... }` of a foreign key, or nothing when it has none. */
export function referenceOptions(key: ForeignKeyModel): (readonly [string, CodeDoc])[] {
  const entries: (readonly [string, CodeDoc])[] = []
  const add = (field: string, value: string | boolean | undefined) => {
    if (value === undefined || value === false) return
    entries.push([field, text(typeof value === 'string' ? stringLiteral(value) : 'true')])
  }
  add('name', key.name)
  add('onDelete', key.onDelete)
  add('onUpdate', key.onUpdate)
  add('deferrable', key.deferrable && !key.initiallyDeferred)
  add('initiallyDeferred', key.initiallyDeferred)
  return entries
}

/** `() => artist.columns.artistId`, or undefined when the table is not pulled. */
export function columnThunk(
  plan: ModelPlan,
  key: ForeignKeyModel,
  position: number,
): string | undefined {
  const target = plan.table(key.referencedSchema, key.referencedTable)
  const column = key.referencedColumns[position]
  const columnKey = column === undefined ? undefined : target?.keys.get(column)
  if (target === undefined || columnKey === undefined) return undefined
  return `${target.exportName}.columns.${columnKey}`
}

/**
 * The builder chain of one column.
 *
 * @example
 * flatCode(columnCode(column, 'artistId', { foreignKey }, context))
 * // "integer('artist_id').notNull().references(() => artist.columns.artistId)"
 */
export function columnCode(
  column: ColumnModel,
  columnKey: string,
  role: ColumnRole,
  context: ColumnContext,
): CodeDoc {
  const name = columnKey === column.name ? undefined : column.name
  const { head, links } = typeCall(column.type, name, column, context)
  let numbered = head.callee === 'serial' || head.callee === 'bigserial'
  if (column.autoIncrement && !numbered) {
    // The DSL numbers integer columns only (autoIncrement() refuses other types).
    numbered = head.callee === 'smallint'
    if (numbered) links.push(call('autoIncrement'))
    else context.note(`column ${column.name}: auto-increment of a ${String(column.type)} column`)
  }
  const impliedNotNull = numbered || role.primaryKey !== undefined
  if (role.primaryKey !== undefined) {
    const keyName = role.primaryKey.name
    links.push(
      keyName === undefined
        ? call('primaryKey')
        : call('primaryKey', object([['name', text(stringLiteral(keyName))]])),
    )
  }
  if (!column.nullable && !impliedNotNull) links.push(call('notNull'))
  if (column.default !== undefined) links.push(defaultCall(column.default, context))
  if (role.unique !== undefined) {
    const uniqueName = role.unique.name
    links.push(
      uniqueName === undefined ? call('unique') : call('unique', text(stringLiteral(uniqueName))),
    )
  }
  if (role.foreignKey !== undefined) {
    const thunk = columnThunk(context.plan, role.foreignKey, 0)
    if (thunk !== undefined) {
      const options = referenceOptions(role.foreignKey)
      links.push(
        call(
          'references',
          text(`() => ${thunk}`, true),
          ...(options.length > 0 ? [object(options)] : []),
        ),
      )
    }
  }
  if (column.comment !== undefined) links.push(call('comment', text(stringLiteral(column.comment))))
  return chain(head, links)
}
