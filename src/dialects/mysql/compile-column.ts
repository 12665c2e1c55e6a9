/** Adding and dropping columns. */
import type { OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { renderColumn, specDefinition } from './column.js'
import { foreignKeySql } from './compile-constraint.js'
import { columnForeignKey } from './compile-table.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import { modeIndependent } from './statement.js'

/**
 * `ALTER TABLE t ADD COLUMN <definition>`, with the column's foreign key added in the
 * same statement (MySQL ignores an inline REFERENCES).
 */
export function addColumn(op: OperationOf<'addColumn'>): CompiledStep[] {
  const key = columnForeignKey(op.column)
  const foreignKey = key
    ? `, ADD ${foreignKeySql(key, `addColumn ${op.table}.${op.column.name}`)}`
    : ''
  const definition = specDefinition(op.column, { inlineKey: true })
  return modeIndependent(
    (plain) =>
      `ALTER TABLE ${quoteTable(op)} ADD COLUMN ${renderColumn(definition, plain)}${foreignKey}`,
  )
}

/** `ALTER TABLE t DROP COLUMN c` */
export function dropColumn(op: OperationOf<'dropColumn'>): CompiledStep[] {
  return [{ sql: `ALTER TABLE ${quoteTable(op)} DROP COLUMN ${quoteIdentifier(op.column)}` }]
}
