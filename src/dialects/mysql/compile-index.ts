/** Indexes: plain and unique, on columns or column prefixes. */
import { MigrationError } from '../../errors.js'
import type { OperationOf, SqlExpression } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import { unsupported } from './unsupported.js'

/** `name(10)` or `` `name`(10) ``, optionally ASC/DESC: a prefix key part, not an expression. */
const PREFIX_PART =
  /^\s*(?:`((?:[^`]|``)+)`|([\p{L}\p{N}_$]+))\s*\(\s*(\d+)\s*\)\s*(ASC|DESC)?\s*$/iu

function keyPart(column: string | SqlExpression, owner: string): string {
  if (typeof column === 'string') return quoteIdentifier(column)
  const match = PREFIX_PART.exec(column.sql)
  if (!match) {
    throw unsupported(
      `${owner} on the expression '${column.sql}'`,
      'MariaDB has no expression indexes (MySQL 8 functional key parts are not portable to it)',
      'Add a generated column with the expression and index that column.',
    )
  }
  const name = match[1] === undefined ? (match[2] ?? '') : match[1].replace(/``/g, '`')
  return `${quoteIdentifier(name)}(${match[3]})${match[4] ? ` ${match[4].toUpperCase()}` : ''}`
}

/**
 * `CREATE [UNIQUE] INDEX name ON t (a, b(10)) [USING BTREE|HASH]`. A `{ sql: 'col(10)' }`
 * column is a prefix key part (needed to index TEXT); other expressions, `where`,
 * `concurrently` and `ifNotExists` (MariaDB only) throw `UNSUPPORTED_OPERATION`.
 */
export function createIndex(op: OperationOf<'createIndex'>): CompiledStep[] {
  const owner = `createIndex '${op.name}'`
  if (op.where !== undefined) {
    throw unsupported(
      `${owner} with where`,
      'MySQL has no partial indexes',
      'Index the whole column, or index a generated column that is NULL outside the condition.',
    )
  }
  if (op.concurrently) {
    throw unsupported(
      `${owner} with concurrently`,
      'it is a PostgreSQL feature',
      'Drop concurrently: InnoDB builds indexes online (ALGORITHM=INPLACE, LOCK=NONE) by itself.',
    )
  }
  if (op.ifNotExists) {
    throw unsupported(
      `${owner} with ifNotExists`,
      'MySQL 8 has no CREATE INDEX IF NOT EXISTS (only MariaDB does)',
      'Check information_schema.STATISTICS in the revision, or drop ifNotExists.',
    )
  }
  let method = ''
  if (op.using !== undefined) {
    const upper = op.using.toUpperCase()
    if (upper !== 'BTREE' && upper !== 'HASH') {
      throw unsupported(
        `${owner} using '${op.using}'`,
        'MySQL index methods are BTREE and HASH',
        'Drop using, or use btree or hash.',
      )
    }
    method = ` USING ${upper}`
  }
  const parts = op.columns.map((column) => keyPart(column, owner)).join(', ')
  const unique = op.unique ? 'UNIQUE ' : ''
  return [
    {
      sql: `CREATE ${unique}INDEX ${quoteIdentifier(op.name)} ON ${quoteTable(op)} (${parts})${method}`,
    },
  ]
}

/** `DROP INDEX name ON t`: MySQL index names are per table, so `table` is required. */
export function dropIndex(op: OperationOf<'dropIndex'>): CompiledStep[] {
  const owner = `dropIndex '${op.name}'`
  if (op.table === undefined) {
    throw new MigrationError(
      'INDEX_TABLE_REQUIRED',
      `${owner} needs the table on MySQL/MariaDB, where index names are per table`,
      { hint: "Pass table: the name of the index's table." },
    )
  }
  if (op.concurrently) {
    throw unsupported(
      `${owner} with concurrently`,
      'it is a PostgreSQL feature',
      'Drop concurrently: InnoDB drops indexes in place.',
    )
  }
  if (op.ifExists) {
    throw unsupported(
      `${owner} with ifExists`,
      'MySQL 8 has no DROP INDEX IF EXISTS (only MariaDB does)',
      'Check information_schema.STATISTICS in the revision, or drop ifExists.',
    )
  }
  const table = quoteTable({ table: op.table, schema: op.schema })
  return [{ sql: `DROP INDEX ${quoteIdentifier(op.name)} ON ${table}` }]
}
