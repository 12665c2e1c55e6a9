import { UsageError } from '../../errors.js'
import type { ColumnRename, RenameMap, TableRename } from './types.js'

const FORMS =
  'Write TABLE.OLD=NEW for a column (users.fullname=name), OLD=NEW for a table (person=people), with SCHEMA. in front of the table where needed (billing.invoices.total=amount, billing.bills=billing.invoices).'

function bad(argument: string, problem: string): UsageError {
  return new UsageError(`--rename '${argument}': ${problem}`, { hint: FORMS })
}

function parseOne(argument: string): { table?: TableRename; column?: ColumnRename } {
  const text = argument.trim()
  const sides = text.split('=')
  if (sides.length !== 2) {
    throw bad(argument, sides.length === 1 ? 'has no =' : 'has more than one =')
  }
  const [left, right] = sides.map((side) => side.split('.')) as [string[], string[]]
  if ([...left, ...right].some((part) => part.trim() === '')) {
    throw bad(argument, 'has an empty name')
  }
  if (left.length === 1) {
    if (right.length !== 1)
      throw bad(argument, 'moves a table to another schema; a rename keeps it')
    return { table: { from: left[0] as string, to: right[0] as string } }
  }
  if (left.length === 2 && right.length === 2) {
    if (left[0] !== right[0])
      throw bad(argument, 'moves a table to another schema; a rename keeps it')
    return { table: { schema: left[0] as string, from: left[1] as string, to: right[1] as string } }
  }
  if (right.length !== 1) {
    throw bad(argument, 'gives the new column name with a table; write only the new name after =')
  }
  if (left.length === 2) {
    return { column: { table: left[0] as string, from: left[1] as string, to: right[0] as string } }
  }
  if (left.length === 3) {
    const [schema, table, from] = left as [string, string, string]
    return { column: { schema, table, from, to: right[0] as string } }
  }
  throw bad(argument, 'has too many dots')
}

/**
 * Parses `--rename` arguments into explicit rename answers. Each is `OLD=NEW`: a
 * table (`person=people`, `billing.bills=billing.invoices`) or a column
 * (`users.fullname=name`, `billing.invoices.total=amount`; the table by its name in the
 * models). Bad forms, renames to the same name and names renamed twice are a
 * `UsageError` naming the argument.
 *
 * @example
 * parseRenameArgs(['users.fullname=name', 'old_table=new_table'])
 * // { tables: [{ from: 'old_table', to: 'new_table' }],
 * //   columns: [{ table: 'users', from: 'fullname', to: 'name' }] }
 */
export function parseRenameArgs(args: readonly string[]): RenameMap {
  const tables: TableRename[] = []
  const columns: ColumnRename[] = []
  const seen = new Map<string, string>()
  const claim = (key: string, argument: string, what: string) => {
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      throw new UsageError(`--rename '${argument}' and '${earlier}' both rename ${what}`, {
        hint: 'Give each name one rename.',
      })
    }
    seen.set(key, argument)
  }
  for (const argument of args) {
    const { table, column } = parseOne(argument)
    const entry = (table ?? column) as TableRename | ColumnRename
    const scope = [entry.schema ?? '', column?.table ?? ''].join('\u0000')
    const owner = [entry.schema, column?.table].filter((part) => part !== undefined).join('.')
    const name = (part: string) => (owner === '' ? part : `${owner}.${part}`)
    if (entry.from === entry.to) throw bad(argument, `renames ${name(entry.from)} to itself`)
    const kind = table ? 'table' : 'column'
    claim(`${kind}\u0000${scope}\u0000from\u0000${entry.from}`, argument, name(entry.from))
    claim(
      `${kind}\u0000${scope}\u0000to\u0000${entry.to}`,
      argument,
      `something to ${name(entry.to)}`,
    )
    if (table) tables.push(table)
    if (column) columns.push(column)
  }
  return { tables, columns }
}
