/** `createTable`, `dropTable` and `renameTable` for SQLite. */
import { MigrationError } from '../../errors.js'
import type { CreateTable, DropTable, RenameTable } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import {
  checkBody,
  columnList,
  columnParts,
  foreignKeyBody,
  sqlComment,
} from './column-definition.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import { sameName } from './sql-tokenizer.js'
import { renderColumn, renderTableConstraint, type TableConstraint } from './table-definition.js'

/**
 * `CREATE TABLE`: a single-column primary key is declared on its column (so an
 * `integer` key is SQLite's rowid, and `autoIncrement` becomes `INTEGER PRIMARY KEY
 * AUTOINCREMENT`); composite keys, uniques, foreign keys and checks are table
 * constraints. Primary key columns are NOT NULL unless `nullable: true`. Comments are
 * kept as SQL comments in the stored schema text.
 *
 * @example
 * compileCreateTable({ kind: 'createTable', table: 'tags', columns: [{ name: 'id', type: 'integer', primaryKey: true }] })
 * // [{ sql: 'CREATE TABLE "tags" (\n  "id" INTEGER PRIMARY KEY NOT NULL\n)' }]
 */
export function compileCreateTable(operation: CreateTable): CompiledStep[] {
  const table = quoteTable(operation)
  if (operation.columns.length === 0) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `Table '${operation.table}' needs at least one column`,
    )
  }
  checkDistinctColumns(operation)
  const primaryKey = primaryKeyOf(operation)
  const inline = primaryKey.columns.length === 1 ? primaryKey.columns[0] : undefined
  const items = operation.columns.map((spec) => {
    const isInline = inline !== undefined && sameName(inline, spec.name)
    const parts = columnParts(spec, {
      table: operation.table,
      inlinePrimaryKey: isInline,
      inPrimaryKey: primaryKey.columns.some((name) => sameName(name, spec.name)),
    })
    const constraints = parts.constraints.map((constraint) =>
      constraint.kind === 'primaryKey' ? { ...constraint, name: primaryKey.name } : constraint,
    )
    return renderColumn({
      name: spec.name,
      type: parts.type,
      constraints,
      trailingComment: parts.trailingComment,
    })
  })
  const constraints: TableConstraint[] = []
  if (primaryKey.columns.length > 1) {
    constraints.push({
      kind: 'primaryKey',
      name: primaryKey.name,
      body: `PRIMARY KEY ${columnList(primaryKey.columns)}`,
      columns: primaryKey.columns,
    })
  }
  for (const unique of operation.uniques ?? []) {
    constraints.push({
      kind: 'unique',
      name: unique.name,
      body: `UNIQUE ${columnList(unique.columns)}`,
      columns: unique.columns,
    })
  }
  for (const foreignKey of operation.foreignKeys ?? []) {
    constraints.push({
      kind: 'foreignKey',
      name: foreignKey.name,
      body: foreignKeyBody(foreignKey),
      columns: foreignKey.columns,
    })
  }
  for (const check of operation.checks ?? []) {
    constraints.push({
      kind: 'check',
      name: check.name,
      body: checkBody(check.expression),
      columns: [],
    })
  }
  for (const constraint of constraints) {
    for (const column of constraint.columns) requireColumn(operation, column)
  }
  const all = [...items, ...constraints.map(renderTableConstraint)]
  const ifNotExists = operation.ifNotExists ? 'IF NOT EXISTS ' : ''
  const comment = operation.comment ? ` ${sqlComment(operation.comment)}` : ''
  return [{ sql: `CREATE TABLE ${ifNotExists}${table}${comment} (\n  ${all.join(',\n  ')}\n)` }]
}

function checkDistinctColumns(operation: CreateTable): void {
  const seen: string[] = []
  for (const column of operation.columns) {
    if (seen.some((name) => sameName(name, column.name))) {
      throw new MigrationError(
        'INVALID_OPERATION',
        `Table '${operation.table}' declares column '${column.name}' twice (SQLite compares names case-insensitively)`,
      )
    }
    seen.push(column.name)
  }
}

function requireColumn(operation: CreateTable, column: string): void {
  if (!operation.columns.some((spec) => sameName(spec.name, column))) {
    throw new MigrationError(
      'COLUMN_NOT_FOUND',
      `A constraint of table '${operation.table}' names column '${column}', which the table does not declare`,
    )
  }
}

/** The primary key: `primaryKey` of the operation, or the columns marked `primaryKey`. */
function primaryKeyOf(operation: CreateTable): { columns: readonly string[]; name?: string } {
  const marked = operation.columns.filter((spec) => spec.primaryKey).map((spec) => spec.name)
  if (!operation.primaryKey) return { columns: marked }
  const declared = operation.primaryKey.columns
  const stray = marked.find((name) => !declared.some((column) => sameName(column, name)))
  if (stray !== undefined) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `Column '${stray}' of table '${operation.table}' is marked primaryKey but is not in the table's primaryKey (${declared.join(', ')})`,
    )
  }
  for (const column of declared) requireColumn(operation, column)
  return operation.primaryKey.name === undefined
    ? { columns: declared }
    : { columns: declared, name: operation.primaryKey.name }
}

/**
 * `DROP TABLE [IF EXISTS]`. SQLite has no CASCADE: `cascade: true` is an
 * UNSUPPORTED_OPERATION error.
 *
 * @example
 * compileDropTable({ kind: 'dropTable', table: 'tags', ifExists: true }) // [{ sql: 'DROP TABLE IF EXISTS "tags"' }]
 */
export function compileDropTable(operation: DropTable): CompiledStep[] {
  const table = quoteTable(operation)
  if (operation.cascade) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `dropTable '${operation.table}' with cascade is not supported on SQLite: it has no DROP TABLE ... CASCADE`,
      {
        hint: 'Drop the dependent views and tables (or their foreign keys) first, then the table.',
      },
    )
  }
  return [{ sql: `DROP TABLE ${operation.ifExists ? 'IF EXISTS ' : ''}${table}` }]
}

/**
 * `ALTER TABLE ... RENAME TO`; SQLite also rewrites foreign keys, triggers and views
 * that name the table.
 *
 * @example
 * compileRenameTable({ kind: 'renameTable', table: 'a', newName: 'b' }) // [{ sql: 'ALTER TABLE "a" RENAME TO "b"' }]
 */
export function compileRenameTable(operation: RenameTable): CompiledStep[] {
  return [
    { sql: `ALTER TABLE ${quoteTable(operation)} RENAME TO ${quoteIdentifier(operation.newName)}` },
  ]
}
