/** Tables: create (with table-level constraints and inline comments), drop, rename, comment. */
import { MigrationError } from '../../errors.js'
import type { ColumnSpec, ForeignKeySpec, OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { renderColumn, specDefinition } from './column.js'
import { checkSql, foreignKeySql, primaryKeySql, uniqueSql } from './compile-constraint.js'
import { quoteTable } from './quote.js'
import { modeIndependent } from './statement.js'
import { unsupported } from './unsupported.js'

/** The foreign key a column declares inline (MySQL ignores inline REFERENCES, so it moves to the table). */
export function columnForeignKey(column: ColumnSpec): ForeignKeySpec | undefined {
  const reference = column.references
  if (!reference) return undefined
  return {
    columns: [column.name],
    referencedTable: reference.table,
    referencedColumns: [reference.column],
    referencedSchema: reference.schema,
    name: reference.name,
    onDelete: reference.onDelete,
    onUpdate: reference.onUpdate,
    deferrable: reference.deferrable,
    initiallyDeferred: reference.initiallyDeferred,
  }
}

function primaryKeyColumns(op: OperationOf<'createTable'>): readonly string[] {
  const flagged = op.columns.filter((column) => column.primaryKey).map((column) => column.name)
  if (!op.primaryKey) return flagged
  const declared = op.primaryKey.columns
  const stray = flagged.filter((name) => !declared.includes(name))
  if (stray.length > 0) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `createTable ${op.table}: column ${stray.join(', ')} is marked primaryKey but is not in primaryKey.columns (${declared.join(', ')})`,
      { hint: 'Declare the primary key once: on the columns, or in primaryKey.' },
    )
  }
  return declared
}

/**
 * `CREATE TABLE` with columns, then the primary key, unique, foreign key and check
 * constraints, and the table comment. No ENGINE or character set is written: the
 * database's defaults apply.
 */
export function createTable(op: OperationOf<'createTable'>): CompiledStep[] {
  const owner = `createTable ${op.table}`
  const keyColumns = primaryKeyColumns(op)
  const foreignKeys = [
    ...op.columns.map(columnForeignKey).filter((key) => key !== undefined),
    ...(op.foreignKeys ?? []),
  ].map((key) => foreignKeySql(key, owner))
  const constraints = [
    ...(keyColumns.length > 0 ? [primaryKeySql(keyColumns)] : []),
    ...(op.uniques ?? []).map((unique) => uniqueSql(unique.name, unique.columns)),
    ...foreignKeys,
    ...(op.checks ?? []).map(checkSql),
  ]
  const head = `CREATE TABLE ${op.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteTable(op)}`
  return modeIndependent((plain) => {
    const columns = op.columns.map((column) =>
      renderColumn(specDefinition(column, { inlineKey: false }), plain),
    )
    const comment = op.comment ? ` COMMENT = ${plain(op.comment)}` : ''
    return `${head} (\n  ${[...columns, ...constraints].join(',\n  ')}\n)${comment}`
  })
}

/** `DROP TABLE [IF EXISTS] t`. CASCADE is refused: MySQL parses it and ignores it. */
export function dropTable(op: OperationOf<'dropTable'>): CompiledStep[] {
  if (op.cascade) {
    throw unsupported(
      `dropTable ${op.table} with cascade`,
      'MySQL accepts CASCADE but ignores it',
      'Drop the foreign keys that reference the table first (dropConstraint with type foreignKey).',
    )
  }
  return [{ sql: `DROP TABLE ${op.ifExists ? 'IF EXISTS ' : ''}${quoteTable(op)}` }]
}

/** `RENAME TABLE a TO b`, in the same database. */
export function renameTable(op: OperationOf<'renameTable'>): CompiledStep[] {
  const target = quoteTable({ table: op.newName, schema: op.schema })
  return [{ sql: `RENAME TABLE ${quoteTable(op)} TO ${target}` }]
}

/** `ALTER TABLE t COMMENT = '...'`; a null comment writes the empty one, which MySQL treats as none. */
export function setTableComment(op: OperationOf<'setTableComment'>): CompiledStep[] {
  return modeIndependent(
    (plain) => `ALTER TABLE ${quoteTable(op)} COMMENT = ${plain(op.comment ?? '')}`,
  )
}
