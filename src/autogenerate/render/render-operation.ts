/**
 * One operation as one `await op.<kind>(...)` statement, with exactly the arguments
 * the `op` method takes (see `Operations`), so that running the statement records the
 * same operation again.
 */
import { MigrationError } from '../../errors.js'
import type { Operation, OperationKind } from '../../operations/types.js'
import {
  type Doc,
  flat,
  isList,
  type KeyOrder,
  layout,
  mustBreak,
  textWidth,
  valueDoc,
} from './layout.js'

/** The positional arguments of each method; the other fields form its options object. */
const POSITIONAL: Readonly<Record<OperationKind, readonly string[]>> = {
  createTable: ['table', 'columns'],
  dropTable: ['table'],
  renameTable: ['table', 'newName'],
  addColumn: ['table', 'column'],
  dropColumn: ['table', 'column'],
  alterColumn: ['table', 'column'],
  createIndex: ['name', 'table', 'columns'],
  dropIndex: ['name'],
  createPrimaryKey: ['name', 'table', 'columns'],
  createUniqueConstraint: ['name', 'table', 'columns'],
  createForeignKey: ['name'],
  createCheckConstraint: ['name', 'table', 'expression'],
  dropConstraint: ['name', 'table'],
  setTableComment: ['table', 'comment'],
  createSchema: ['name'],
  dropSchema: ['name'],
  createEnum: ['name', 'values'],
  dropEnum: ['name'],
  addEnumValue: ['name', 'value'],
  execute: ['sql'],
  bulkInsert: ['table', 'rows'],
}

/** Methods whose last argument (changes, spec) is required even when empty. */
const REQUIRED_OPTIONS = new Set<OperationKind>(['alterColumn', 'createForeignKey'])

/** The order fields are written in, so rendered code reads alike everywhere. */
const KEY_ORDER = [
  'name',
  'table',
  'type',
  'using',
  'nullable',
  'default',
  'newName',
  'primaryKey',
  'autoIncrement',
  'unique',
  'column',
  'columns',
  'references',
  'referencedSchema',
  'referencedTable',
  'referencedColumns',
  'onDelete',
  'onUpdate',
  'deferrable',
  'initiallyDeferred',
  'uniques',
  'foreignKeys',
  'checks',
  'expression',
  'where',
  'comment',
  'existingType',
  'existingNullable',
  'existingDefault',
  'existingComment',
  'existingAutoIncrement',
  'before',
  'after',
  'concurrently',
  'ifNotExists',
  'ifExists',
  'cascade',
  'schema',
]

/** A column reference reads `table`, `column` first, and its name after them. */
const REFERENCE_ORDER = ['table', 'column', 'schema', 'name']

/** Each field's place in an order: its first position in the list. */
function ranks(order: readonly string[]): ReadonlyMap<string, number> {
  const rank = new Map<string, number>()
  for (const key of order) if (!rank.has(key)) rank.set(key, rank.size)
  return rank
}

const FIELD_RANK = ranks(KEY_ORDER)
const REFERENCE_RANK = ranks([...REFERENCE_ORDER, ...KEY_ORDER])

/** Known fields in the order above, then any others as the object has them. */
const orderKeys: KeyOrder = (keys) => {
  const reference = keys.includes('table') && keys.includes('column') && !keys.includes('type')
  const rank = reference ? REFERENCE_RANK : FIELD_RANK
  const known = keys.filter((key) => rank.has(key))
  known.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0))
  return known.length === keys.length ? known : [...known, ...keys.filter((key) => !rank.has(key))]
}

/** Row data and parameters keep their own key order. */
const DATA_FIELDS = new Set(['rows', 'parameters'])

function unrenderable(operation: Operation, problem: string): MigrationError {
  return new MigrationError(
    'UNRENDERABLE_OPERATION',
    `Cannot write op.${operation.kind}() into a revision file: ${problem}`,
  )
}

/** The method's arguments as docs. */
function argumentDocs(operation: Operation): Doc[] {
  const fields = operation as unknown as Record<string, unknown>
  if (!(operation.kind in POSITIONAL)) throw unrenderable(operation, 'unknown operation kind')
  const positional = POSITIONAL[operation.kind]
  const docs = positional.map((field) => {
    const value = fields[field]
    if (value === undefined) throw unrenderable(operation, `it has no ${field}`)
    return DATA_FIELDS.has(field) ? valueDoc(value) : valueDoc(value, orderKeys)
  })
  const rest: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'kind' && !positional.includes(key) && value !== undefined) rest[key] = value
  }
  if (operation.kind === 'execute') {
    const { parameters, ...other } = rest
    if (Object.keys(other).length > 0) {
      throw unrenderable(operation, `unknown field(s) ${Object.keys(other).join(', ')}`)
    }
    return parameters === undefined ? docs : [...docs, valueDoc(parameters)]
  }
  if (Object.keys(rest).length > 0 || REQUIRED_OPTIONS.has(operation.kind)) {
    docs.push(valueDoc(rest, orderKeys))
  }
  return docs
}

/**
 * One statement, laid out within `width` columns when it can be: on one line; else
 * with its last argument (an object or a list) opened across lines; else one
 * argument per line.
 *
 * @example
 * renderOperation({ kind: 'dropColumn', table: 'users', column: 'email' })
 * // "await op.dropColumn('users', 'email')"
 */
export function renderOperation(
  operation: Operation,
  options: { readonly indent?: string; readonly width?: number } = {},
): string {
  const indent = options.indent ?? ''
  const width = options.width ?? 100
  const head = `await op.${operation.kind}(`
  const args = argumentDocs(operation)
  let oneLineWidth = head.length + 1 + 2 * Math.max(args.length - 1, 0)
  for (const doc of args) oneLineWidth += doc.width
  if (indent.length + oneLineWidth <= width && !args.some(mustBreak)) {
    return `${indent}${head}${args.map(flat).join(', ')})`
  }
  const last = args.at(-1)
  const before = args.at(-2)
  // As Prettier and Biome do: the last argument opens across lines unless the one
  // before it is a list of the same kind.
  const hug = last && isList(last) && !(before && isList(before) && before.open === last.open)
  if (hug && !args.slice(0, -1).some(mustBreak)) {
    const start = `${head}${args
      .slice(0, -1)
      .map((doc) => `${flat(doc)}, `)
      .join('')}`
    const column = indent.length + textWidth(start)
    if (column + last.open.length <= width) {
      return `${indent}${start}${layout(last, { indent, column, trailing: 1, width })})`
    }
  }
  const inner = `${indent}  `
  const lines = args.map(
    (doc) => `${inner}${layout(doc, { indent: inner, column: inner.length, trailing: 1, width })},`,
  )
  return `${indent}${head}\n${lines.join('\n')}\n${indent})`
}
