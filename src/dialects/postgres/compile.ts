/** The PostgreSQL compiler: one function per operation kind, checked by the type system. */
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
import {
  compileAddEnumValue,
  compileCreateEnum,
  compileCreateSchema,
  compileDropEnum,
  compileDropSchema,
} from './compile-schema.js'
import {
  compileCreateTable,
  compileDropTable,
  compileRenameTable,
  compileSetTableComment,
} from './compile-table.js'

type CompilerTable = {
  readonly [K in OperationKind]: (op: OperationOf<K>) => CompiledStep[]
}

/** A missing kind here is a type error: every operation compiles on PostgreSQL. */
const COMPILERS: CompilerTable = {
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
  setTableComment: compileSetTableComment,
  createSchema: compileCreateSchema,
  dropSchema: compileDropSchema,
  createEnum: compileCreateEnum,
  dropEnum: compileDropEnum,
  addEnumValue: compileAddEnumValue,
  execute: compileExecute,
  bulkInsert: compileBulkInsert,
}

/**
 * Compiles one operation to PostgreSQL steps. A pure function: no connection needed.
 *
 * @example
 * compilePostgres({ kind: 'dropTable', table: 'users', ifExists: true })
 * // [{ sql: 'DROP TABLE IF EXISTS "users"' }]
 */
export function compilePostgres(operation: Operation): readonly CompiledStep[] {
  const compile = Object.hasOwn(COMPILERS, operation?.kind)
    ? (COMPILERS[operation.kind] as (op: Operation) => CompiledStep[])
    : undefined
  if (!compile) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `The postgres dialect cannot compile operation '${String(operation?.kind)}'`,
      { hint: 'Build operations with op.* methods, or run raw SQL with op.execute().' },
    )
  }
  return compile(operation)
}
