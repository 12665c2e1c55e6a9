/**
 * The SQLite compiler: one function per operation kind, in a table typed by kind, so an
 * operation added to the union does not compile until SQLite handles it or declares it
 * unsupported.
 */
import { MigrationError } from '../../errors.js'
import type { Operation, OperationKind, OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { compileAddColumn, compileAlterColumn, compileDropColumn } from './compile-column.js'
import {
  compileCreateCheckConstraint,
  compileCreateForeignKey,
  compileCreatePrimaryKey,
  compileCreateUniqueConstraint,
  compileDropConstraint,
} from './compile-constraint.js'
import { compileBulkInsert, compileExecute } from './compile-data.js'
import { compileCreateIndex, compileDropIndex } from './compile-index.js'
import { compileCreateTable, compileDropTable, compileRenameTable } from './compile-table.js'
import { unsupported } from './compile-unsupported.js'

type Compilers = { readonly [K in OperationKind]: (operation: OperationOf<K>) => CompiledStep[] }

const COMPILERS: Compilers = {
  createTable: compileCreateTable,
  dropTable: compileDropTable,
  renameTable: compileRenameTable,
  addColumn: compileAddColumn,
  dropColumn: compileDropColumn,
  alterColumn: compileAlterColumn,
  createIndex: compileCreateIndex,
  dropIndex: compileDropIndex,
  createPrimaryKey: compileCreatePrimaryKey,
  createUniqueConstraint: compileCreateUniqueConstraint,
  createForeignKey: compileCreateForeignKey,
  createCheckConstraint: compileCreateCheckConstraint,
  dropConstraint: compileDropConstraint,
  setTableComment: unsupported('setTableComment'),
  createSchema: unsupported('createSchema'),
  dropSchema: unsupported('dropSchema'),
  createEnum: unsupported('createEnum'),
  dropEnum: unsupported('dropEnum'),
  addEnumValue: unsupported('addEnumValue'),
  execute: compileExecute,
  bulkInsert: compileBulkInsert,
}

/**
 * Compiles one operation to SQLite steps: SQL statements, or procedures (the table
 * rebuild, `dropColumn`) that need the live schema.
 *
 * @example
 * compile({ kind: 'renameTable', table: 'a', newName: 'b' }) // [{ sql: 'ALTER TABLE "a" RENAME TO "b"' }]
 */
export function compile(operation: Operation): readonly CompiledStep[] {
  const compiler = COMPILERS[operation.kind] as
    | ((operation: Operation) => CompiledStep[])
    | undefined
  if (!compiler) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `Unknown operation kind '${String(operation.kind)}' for SQLite`,
    )
  }
  return compiler(operation)
}
