/**
 * Questions the table rebuild asks of a `TableDefinition`: which column has a name,
 * which columns form the primary key, which constraint names exist.
 */
import { MigrationError } from '../../errors.js'
import { closingParen, isKeyword, namesIdentifier, sameName, tokenize } from './sql-tokenizer.js'
import type { ColumnDefinition, TableDefinition } from './table-definition.js'

/** The column named `name` (SQLite's case rules), or a COLUMN_NOT_FOUND error. */
export function findColumn(definition: TableDefinition, name: string): ColumnDefinition {
  const column = definition.columns.find((candidate) => sameName(candidate.name, name))
  if (column) return column
  throw new MigrationError(
    'COLUMN_NOT_FOUND',
    `Table '${definition.name}' has no column '${name}' (it has ${definition.columns.map((c) => c.name).join(', ')})`,
  )
}

/** Whether the table has a primary key (on a column or as a table constraint). */
export function hasPrimaryKey(definition: TableDefinition): boolean {
  return (
    definition.constraints.some((c) => c.kind === 'primaryKey') ||
    definition.columns.some((column) => column.constraints.some((c) => c.kind === 'primaryKey'))
  )
}

/** The primary key columns, in order. */
export function primaryKeyColumns(definition: TableDefinition): string[] {
  const table = definition.constraints.find((c) => c.kind === 'primaryKey')
  if (table) return [...table.columns]
  return definition.columns
    .filter((column) => column.constraints.some((c) => c.kind === 'primaryKey'))
    .map((column) => column.name)
}

/** Every constraint name in the table, on columns and on the table. */
export function constraintNames(definition: TableDefinition): string[] {
  const names: string[] = []
  for (const column of definition.columns) {
    for (const constraint of column.constraints) {
      if (constraint.name !== undefined) names.push(constraint.name)
    }
  }
  for (const constraint of definition.constraints) {
    if (constraint.name !== undefined) names.push(constraint.name)
  }
  return names
}

/**
 * Whether a CHECK is the one Stratum writes for an enum column:
 * `CHECK (<column> IN ('a', 'b'))`.
 */
export function isEnumCheck(body: string, column: string): boolean {
  return enumCheckValues(body, column) !== undefined
}

/**
 * The values of the CHECK Stratum writes for an enum column, `CHECK (<column> IN ('a',
 * 'b'))`, or undefined when `body` is another check.
 *
 * @example
 * enumCheckValues(`CHECK ("status" IN ('draft', 'live'))`, 'status') // ['draft', 'live']
 */
export function enumCheckValues(body: string, column: string): string[] | undefined {
  const tokens = tokenize(body)
  if (!isKeyword(tokens[0], 'CHECK') || tokens[1]?.text !== '(') return undefined
  if (!namesIdentifier(tokens[2], column) || !isKeyword(tokens[3], 'IN')) return undefined
  if (tokens[4]?.text !== '(') return undefined
  const values: string[] = []
  let i = 5
  for (;;) {
    const token = tokens[i]
    if (token?.type !== 'string') return undefined
    values.push(token.text.slice(1, -1).replaceAll("''", "'"))
    i++
    if (tokens[i]?.text === ',') i++
    else break
  }
  const closed = tokens[i]?.text === ')' && tokens[i + 1]?.text === ')' && i + 2 === tokens.length
  return closed ? values : undefined
}

/**
 * The expression of a `CHECK (...)` clause as written, without the keyword and the
 * parentheses around it.
 *
 * @example
 * checkExpression('CHECK (price > 0)') // 'price > 0'
 */
export function checkExpression(body: string): string {
  const tokens = tokenize(body)
  const open = tokens.findIndex((token) => token.text === '(')
  if (open === -1) return body
  const close = closingParen(tokens, open)
  return body.slice(tokens[open]?.end, tokens[close]?.start).trim()
}
