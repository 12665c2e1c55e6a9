/** Index operations. `CONCURRENTLY` cannot run inside a transaction: such steps say so. */
import { MigrationError } from '../../errors.js'
import type { CreateIndex, DropIndex } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { step } from './compile-common.js'
import { quoteIdentifier, quoteQualified, quoteTable } from './quote.js'

function indexMethod(method: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(method)) {
    throw new MigrationError('INVALID_OPERATION', `Index method '${method}' is not a name`, {
      hint: "Use an access method such as 'btree', 'hash', 'gin', 'gist' or 'brin'.",
    })
  }
  return method.toLowerCase()
}

/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] ... ON ... [USING m] (...) [WHERE ...]`.
 * Expressions are written as given, so write `(a + b)` where PostgreSQL wants parentheses
 * (a function call such as `lower(email)` needs none).
 *
 * @example
 * compileCreateIndex({ kind: 'createIndex', name: 'i', table: 't', columns: ['a'], unique: true })
 * // [{ sql: 'CREATE UNIQUE INDEX "i" ON "t" ("a")' }]
 */
export function compileCreateIndex(op: CreateIndex): CompiledStep[] {
  const columns = op.columns
    .map((column) => (typeof column === 'string' ? quoteIdentifier(column) : column.sql))
    .join(', ')
  let sql = `CREATE ${op.unique ? 'UNIQUE ' : ''}INDEX `
  if (op.concurrently) sql += 'CONCURRENTLY '
  if (op.ifNotExists) sql += 'IF NOT EXISTS '
  sql += `${quoteIdentifier(op.name)} ON ${quoteTable(op)}`
  if (op.using !== undefined) sql += ` USING ${indexMethod(op.using)}`
  sql += ` (${columns})`
  if (op.where !== undefined) sql += ` WHERE ${op.where}`
  return [step(sql, { transactional: !op.concurrently })]
}

/**
 * `DROP INDEX [CONCURRENTLY] [IF EXISTS] "schema"."name"` (PostgreSQL index names are
 * per schema, so `table` is not needed).
 *
 * @example
 * compileDropIndex({ kind: 'dropIndex', name: 'i', concurrently: true })
 * // [{ sql: 'DROP INDEX CONCURRENTLY "i"', transactional: false }]
 */
export function compileDropIndex(op: DropIndex): CompiledStep[] {
  let sql = 'DROP INDEX '
  if (op.concurrently) sql += 'CONCURRENTLY '
  if (op.ifExists) sql += 'IF EXISTS '
  sql += quoteQualified(op.name, op.schema)
  return [step(sql, { transactional: !op.concurrently })]
}
