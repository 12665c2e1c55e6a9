/** Constraints added to, or dropped from, existing tables. */
import type {
  CreateCheckConstraint,
  CreateForeignKey,
  CreatePrimaryKey,
  CreateUniqueConstraint,
  DropConstraint,
} from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { columnList, constraintName, referenceClause, step } from './compile-common.js'
import { quoteIdentifier, quoteTable } from './quote.js'

function addConstraint(
  op: { readonly table: string; readonly schema?: string; readonly name?: string },
  body: string,
): CompiledStep[] {
  return [step(`ALTER TABLE ${quoteTable(op)} ADD ${constraintName(op.name)}${body}`)]
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... PRIMARY KEY (...)`.
 *
 * @example
 * compileCreatePrimaryKey({ kind: 'createPrimaryKey', name: 'pk', table: 't', columns: ['id'] })
 */
export function compileCreatePrimaryKey(op: CreatePrimaryKey): CompiledStep[] {
  return addConstraint(op, `PRIMARY KEY ${columnList(op.columns)}`)
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... UNIQUE (...)`.
 *
 * @example
 * compileCreateUniqueConstraint({ kind: 'createUniqueConstraint', name: 'u', table: 't', columns: ['a'] })
 */
export function compileCreateUniqueConstraint(op: CreateUniqueConstraint): CompiledStep[] {
  return addConstraint(op, `UNIQUE ${columnList(op.columns)}`)
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY (...) REFERENCES ...` with actions and
 * deferrability.
 *
 * @example
 * compileCreateForeignKey({ kind: 'createForeignKey', name: 'fk', table: 'o', columns: ['u'], referencedTable: 'users', referencedColumns: ['id'] })
 */
export function compileCreateForeignKey(op: CreateForeignKey): CompiledStep[] {
  const reference = referenceClause({
    ...op,
    table: op.referencedTable,
    schema: op.referencedSchema,
    columns: op.referencedColumns,
  })
  return addConstraint(op, `FOREIGN KEY ${columnList(op.columns)} ${reference}`)
}

/**
 * `ALTER TABLE ... ADD CONSTRAINT ... CHECK (...)`.
 *
 * @example
 * compileCreateCheckConstraint({ kind: 'createCheckConstraint', name: 'c', table: 't', expression: 'a > 0' })
 */
export function compileCreateCheckConstraint(op: CreateCheckConstraint): CompiledStep[] {
  return addConstraint(op, `CHECK (${op.expression})`)
}

/**
 * `ALTER TABLE ... DROP CONSTRAINT ...` (PostgreSQL drops every kind the same way).
 *
 * @example
 * compileDropConstraint({ kind: 'dropConstraint', name: 'c', table: 't' })
 */
export function compileDropConstraint(op: DropConstraint): CompiledStep[] {
  return [step(`ALTER TABLE ${quoteTable(op)} DROP CONSTRAINT ${quoteIdentifier(op.name)}`)]
}
