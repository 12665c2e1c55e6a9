/** `createIndex` and `dropIndex` for SQLite. */
import { MigrationError } from '../../errors.js'
import type { CreateIndex, DropIndex } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { assertNoSchema, quoteIdentifier, quoteTable } from './quote.js'

/**
 * `CREATE [UNIQUE] INDEX [IF NOT EXISTS] "name" ON "table" (...) [WHERE ...]`. Columns
 * are names or `{ sql }` expressions; `where` makes a partial index. SQLite builds
 * every index the same way, so `concurrently` changes nothing here (the index is built
 * inside the revision's transaction); `using` may only be `btree`.
 *
 * @example
 * compileCreateIndex({ kind: 'createIndex', table: 'users', name: 'ix_email', columns: ['email'], unique: true })
 * // [{ sql: 'CREATE UNIQUE INDEX "ix_email" ON "users" ("email")' }]
 */
export function compileCreateIndex(operation: CreateIndex): CompiledStep[] {
  const table = quoteTable(operation)
  const name = quoteIdentifier(operation.name)
  if (operation.columns.length === 0) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `Index '${operation.name}' needs at least one column`,
    )
  }
  if (operation.using !== undefined && operation.using.toLowerCase() !== 'btree') {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `Index method '${operation.using}' (index '${operation.name}') is not supported on SQLite, which only has B-tree indexes`,
      { hint: 'Leave `using` out on SQLite.' },
    )
  }
  const columns = operation.columns
    .map((column) => (typeof column === 'string' ? quoteIdentifier(column) : column.sql))
    .join(', ')
  const unique = operation.unique ? 'UNIQUE ' : ''
  const ifNotExists = operation.ifNotExists ? 'IF NOT EXISTS ' : ''
  const where = operation.where === undefined ? '' : ` WHERE ${operation.where}`
  return [{ sql: `CREATE ${unique}INDEX ${ifNotExists}${name} ON ${table} (${columns})${where}` }]
}

/**
 * `DROP INDEX [IF EXISTS] "name"` (index names are unique per database in SQLite, so
 * `table` is not needed).
 *
 * @example
 * compileDropIndex({ kind: 'dropIndex', name: 'ix_email' }) // [{ sql: 'DROP INDEX "ix_email"' }]
 */
export function compileDropIndex(operation: DropIndex): CompiledStep[] {
  assertNoSchema(operation.schema, `index '${operation.name}'`)
  return [
    {
      sql: `DROP INDEX ${operation.ifExists ? 'IF EXISTS ' : ''}${quoteIdentifier(operation.name)}`,
    },
  ]
}
