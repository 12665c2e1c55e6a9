/**
 * An in-memory model of one SQLite table, read from its `CREATE TABLE` text, that the
 * table rebuild edits and writes back. Parts nobody changes keep their original text
 * (types, collations, comments, constraint clauses), so a rebuild changes only what the
 * operation asked for.
 */
import { quoteIdentifier, quoteName } from './quote.js'

export type ColumnConstraintKind =
  | 'primaryKey'
  | 'notNull'
  | 'null'
  | 'unique'
  | 'check'
  | 'default'
  | 'collate'
  | 'references'
  | 'generated'

/** One column constraint: `[CONSTRAINT name] body`. */
export interface ColumnConstraint {
  readonly kind: ColumnConstraintKind
  readonly name?: string | undefined
  /** The clause without its `CONSTRAINT name` prefix, e.g. `DEFAULT 0`, `REFERENCES "p" ("id")`. */
  readonly body: string
  /** For `references`: the parent table. */
  readonly referencedTable?: string
  /** For `references`: `DEFERRABLE` (set only when true). */
  readonly deferrable?: boolean
  /** For `references`: `DEFERRABLE INITIALLY DEFERRED` (set only when true). */
  readonly initiallyDeferred?: boolean
  /** For `primaryKey`: whether it says AUTOINCREMENT. */
  readonly autoIncrement?: boolean
}

export interface ColumnDefinition {
  readonly name: string
  /** The declared type as written (`''` when none). */
  readonly type: string
  readonly constraints: readonly ColumnConstraint[]
  /** The original text of the whole column definition; dropped when the column changes. */
  readonly source?: string | undefined
  /** Comments written before and after the definition, kept when it is rewritten. */
  readonly leadingComment?: string | undefined
  readonly trailingComment?: string | undefined
}

export type TableConstraintKind = 'primaryKey' | 'unique' | 'check' | 'foreignKey'

/** One table constraint: `[CONSTRAINT name] body`. */
export interface TableConstraint {
  readonly kind: TableConstraintKind
  readonly name?: string | undefined
  readonly body: string
  /** The table's own columns it covers (primary key, unique, foreign key); empty for checks. */
  readonly columns: readonly string[]
  /** For `foreignKey`: the parent table. */
  readonly referencedTable?: string
  /** For `foreignKey`: `DEFERRABLE` (set only when true). */
  readonly deferrable?: boolean
  /** For `foreignKey`: `DEFERRABLE INITIALLY DEFERRED` (set only when true). */
  readonly initiallyDeferred?: boolean
  /** Its original text including comments; kept verbatim while it is unchanged. */
  readonly source?: string | undefined
}

export interface TableDefinition {
  readonly name: string
  readonly columns: readonly ColumnDefinition[]
  readonly constraints: readonly TableConstraint[]
  /** What follows the closing parenthesis, e.g. ` WITHOUT ROWID` or ` STRICT`. */
  readonly options: string
  /** Comments between the table name and its column list (Stratum writes the table comment there). */
  readonly comment?: string | undefined
}

/** `CONSTRAINT "name" ` or nothing. */
export function constraintPrefix(name: string | undefined): string {
  return name === undefined ? '' : `CONSTRAINT ${quoteIdentifier(name)} `
}

/** The SQL of one column definition: its original text, or rebuilt from its parts. */
export function renderColumn(column: ColumnDefinition): string {
  if (column.source !== undefined) return column.source
  const parts = [quoteIdentifier(column.name)]
  if (column.type !== '') parts.push(column.type)
  for (const constraint of column.constraints) {
    parts.push(constraintPrefix(constraint.name) + constraint.body)
  }
  let text = parts.join(' ')
  if (column.leadingComment) text = `${column.leadingComment}\n  ${text}`
  if (column.trailingComment) text = `${text} ${column.trailingComment}`
  return text
}

/** The SQL of one table constraint. */
export function renderTableConstraint(constraint: TableConstraint): string {
  return constraint.source ?? constraintPrefix(constraint.name) + constraint.body
}

/**
 * `CREATE TABLE "name" (...)` for a definition, under the given table name (the
 * rebuild creates `stratum_new_<table>` first).
 */
export function renderCreateTable(definition: TableDefinition, tableName: string): string {
  const items = [
    ...definition.columns.map(renderColumn),
    ...definition.constraints.map(renderTableConstraint),
  ]
  const comment = definition.comment
    ? ` ${definition.comment}${definition.comment.includes('--') ? '\n' : ''}`
    : ''
  return `CREATE TABLE ${quoteName(tableName)}${comment} (\n  ${items.join(',\n  ')}\n)${definition.options}`
}
