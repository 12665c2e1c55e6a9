/** Table operations: create (with its constraints and comments), drop, rename, comment. */
import type {
  CreateTable,
  DropTable,
  RenameTable,
  SetTableComment,
} from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { columnDefinition } from './compile-column.js'
import { columnComment, tableComment } from './compile-comment.js'
import { columnList, constraintName, referenceClause, step } from './compile-common.js'
import { quoteIdentifier, quoteTable } from './quote.js'

/** The table-level constraints of `CREATE TABLE`, one line each. */
function tableConstraints(op: CreateTable): string[] {
  const lines: string[] = []
  const flagged = op.columns.filter((column) => column.primaryKey).map((column) => column.name)
  // A composite key flagged on several columns cannot be written inline.
  const primaryKey = op.primaryKey ?? (flagged.length > 1 ? { columns: flagged } : undefined)
  if (primaryKey) {
    lines.push(`${constraintName(primaryKey.name)}PRIMARY KEY ${columnList(primaryKey.columns)}`)
  }
  for (const unique of op.uniques ?? []) {
    lines.push(`${constraintName(unique.name)}UNIQUE ${columnList(unique.columns)}`)
  }
  for (const key of op.foreignKeys ?? []) {
    const reference = referenceClause({
      ...key,
      table: key.referencedTable,
      schema: key.referencedSchema,
      columns: key.referencedColumns,
    })
    lines.push(`${constraintName(key.name)}FOREIGN KEY ${columnList(key.columns)} ${reference}`)
  }
  for (const check of op.checks ?? []) {
    lines.push(`${constraintName(check.name)}CHECK (${check.expression})`)
  }
  return lines
}

/**
 * `CREATE TABLE` with inline column constraints and table-level ones, then
 * `COMMENT ON` for the table and its columns.
 *
 * @example
 * compileCreateTable({ kind: 'createTable', table: 't', columns: [{ name: 'id', type: 'integer', primaryKey: true }] })
 * // [{ sql: 'CREATE TABLE "t" (\n  "id" integer PRIMARY KEY\n)' }]
 */
export function compileCreateTable(op: CreateTable): CompiledStep[] {
  const flaggedCount = op.columns.filter((column) => column.primaryKey).length
  const inlinePrimaryKey = op.primaryKey === undefined && flaggedCount === 1
  const lines = [
    ...op.columns.map((column) => columnDefinition(column, inlinePrimaryKey)),
    ...tableConstraints(op),
  ]
  const ifNotExists = op.ifNotExists ? 'IF NOT EXISTS ' : ''
  const steps = [
    step(`CREATE TABLE ${ifNotExists}${quoteTable(op)} (\n  ${lines.join(',\n  ')}\n)`),
  ]
  if (op.comment !== undefined) steps.push(tableComment(op, op.comment))
  for (const column of op.columns) {
    if (column.comment !== undefined) steps.push(columnComment(op, column.name, column.comment))
  }
  return steps
}

/**
 * `DROP TABLE [IF EXISTS] ... [CASCADE]`.
 *
 * @example
 * compileDropTable({ kind: 'dropTable', table: 'users', cascade: true })
 */
export function compileDropTable(op: DropTable): CompiledStep[] {
  const ifExists = op.ifExists ? 'IF EXISTS ' : ''
  return [step(`DROP TABLE ${ifExists}${quoteTable(op)}${op.cascade ? ' CASCADE' : ''}`)]
}

/**
 * `ALTER TABLE ... RENAME TO ...` (the table stays in its schema).
 *
 * @example
 * compileRenameTable({ kind: 'renameTable', table: 'user', newName: 'users' })
 */
export function compileRenameTable(op: RenameTable): CompiledStep[] {
  return [step(`ALTER TABLE ${quoteTable(op)} RENAME TO ${quoteIdentifier(op.newName)}`)]
}

/**
 * `COMMENT ON TABLE`.
 *
 * @example
 * compileSetTableComment({ kind: 'setTableComment', table: 'users', comment: null })
 */
export function compileSetTableComment(op: SetTableComment): CompiledStep[] {
  return [tableComment(op, op.comment)]
}
