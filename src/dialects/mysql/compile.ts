/**
 * The MySQL/MariaDB compiler: one function per operation kind. The table's type lists
 * every kind, so a new operation does not compile until it is handled here (or
 * refused with `UNSUPPORTED_OPERATION`).
 */
import type { Operation, OperationKind, OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { alterColumn } from './compile-alter-column.js'
import { addColumn, dropColumn } from './compile-column.js'
import {
  createCheckConstraint,
  createForeignKey,
  createPrimaryKey,
  createUniqueConstraint,
  dropConstraint,
} from './compile-constraint.js'
import { bulkInsert, execute } from './compile-data.js'
import { createIndex, dropIndex } from './compile-index.js'
import { createTable, dropTable, renameTable, setTableComment } from './compile-table.js'
import {
  addEnumValue,
  createEnum,
  createSchema,
  dropEnum,
  dropSchema,
} from './compile-unsupported.js'

type Compilers = { readonly [K in OperationKind]: (op: OperationOf<K>) => CompiledStep[] }

const COMPILERS: Compilers = {
  createTable,
  dropTable,
  renameTable,
  addColumn,
  dropColumn,
  alterColumn,
  createIndex,
  dropIndex,
  createPrimaryKey,
  createUniqueConstraint,
  createForeignKey,
  createCheckConstraint,
  dropConstraint,
  setTableComment,
  createSchema,
  dropSchema,
  createEnum,
  dropEnum,
  addEnumValue,
  execute,
  bulkInsert,
}

/**
 * Compiles one operation to MySQL/MariaDB statements (or a procedure, for an
 * alterColumn that must read the column first).
 *
 * @example
 * compile({ kind: 'dropColumn', table: 'users', column: 'age' })
 * // [{ sql: 'ALTER TABLE `users` DROP COLUMN `age`' }]
 */
export function compile(operation: Operation): readonly CompiledStep[] {
  const compiler = COMPILERS[operation.kind] as (op: Operation) => CompiledStep[]
  return compiler(operation)
}
