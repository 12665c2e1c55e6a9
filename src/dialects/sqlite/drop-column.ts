/**
 * `dropColumn` on SQLite: the native `ALTER TABLE ... DROP COLUMN` where SQLite allows
 * it, the table rebuild where the column is part of an index, a primary key, a unique
 * or foreign key constraint, or a CHECK on other columns. Telling them apart needs the
 * live schema, so this is a procedure step.
 */
import type { DropColumn } from '../../operations/types.js'
import type { DialectConnection, ProcedureStep } from '../dialect.js'
import { findColumn } from './definition-lookup.js'
import { quoteIdentifier, quoteName, quoteTable } from './quote.js'
import { type LiveTable, readTable } from './read-table.js'
import { indexMentions, rebuildTable } from './rebuild-table.js'
import { mentions, sameName, tokenize } from './sql-tokenizer.js'

/**
 * The step for one `dropColumn` operation.
 *
 * @example
 * dropColumnStep({ kind: 'dropColumn', table: 'users', column: 'nickname' }).description
 * // 'drop column "nickname" of table "users" (rebuilding the table if the column is indexed or constrained)'
 */
export function dropColumnStep(operation: DropColumn): ProcedureStep {
  const table = quoteTable(operation)
  const column = quoteIdentifier(operation.column)
  return {
    description: `drop column ${column} of table ${table} (rebuilding the table if the column is indexed or constrained)`,
    needsForeignKeysOff: true,
    run: (connection) => dropColumn(connection, operation),
  }
}

async function dropColumn(connection: DialectConnection, operation: DropColumn): Promise<void> {
  const live = await readTable(connection, operation.table)
  const column = findColumn(live.definition, operation.column).name
  if (needsRebuild(live, column)) {
    await rebuildTable(connection, live.name, { kind: 'dropColumn', column })
    return
  }
  await connection.query(`ALTER TABLE ${quoteName(live.name)} DROP COLUMN ${quoteName(column)}`)
}

/** Whether SQLite's DROP COLUMN would refuse the column because of an index or constraint. */
export function needsRebuild(live: LiveTable, column: string): boolean {
  const { definition } = live
  const own = findColumn(definition, column)
  if (
    own.constraints.some(
      (c) => c.kind === 'primaryKey' || c.kind === 'unique' || c.kind === 'references',
    )
  ) {
    return true
  }
  for (const other of definition.columns) {
    if (other === own) continue
    const usesIt = other.constraints.some(
      (c) => (c.kind === 'check' || c.kind === 'generated') && mentions(tokenize(c.body), column),
    )
    if (usesIt) return true
  }
  const inConstraint = definition.constraints.some(
    (constraint) =>
      constraint.columns.some((name) => sameName(name, column)) ||
      (constraint.kind === 'check' && mentions(tokenize(constraint.body), column)),
  )
  // A foreign key elsewhere that points at the column: the rebuild refuses it with a clear error.
  const referenced = live.incomingForeignKeys.some((key) =>
    key.referencedColumns.some((name) => sameName(name, column)),
  )
  return (
    inConstraint || referenced || live.indexes.some((index) => indexMentions(index.sql, column))
  )
}
