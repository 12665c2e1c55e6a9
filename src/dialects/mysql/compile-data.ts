/** Raw SQL and bulk inserts. */
import type { OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { literal, quoteIdentifier, quoteTable } from './quote.js'

/** Rows per INSERT statement. */
const CHUNK_ROWS = 500
/** Characters per INSERT statement, far below the smallest common max_allowed_packet (4 MB). */
const CHUNK_CHARS = 1_000_000

/** The SQL as given, with its `?` parameters (mysql2's placeholder style). */
export function execute(op: OperationOf<'execute'>): CompiledStep[] {
  const parameters = op.parameters
  return [parameters && parameters.length > 0 ? { sql: op.sql, parameters } : { sql: op.sql }]
}

/**
 * Multi-row `INSERT ... VALUES` statements with the values inlined as literals, in
 * chunks of at most 500 rows (and about 1 MB). The columns are every key of every row,
 * in first-seen order; a row without a key gets the column's DEFAULT.
 *
 * @example
 * bulkInsert({ kind: 'bulkInsert', table: 't', rows: [{ a: 1 }, { a: 2, b: 'x' }] })
 * // [{ sql: "INSERT INTO `t` (`a`, `b`) VALUES\n  (1, DEFAULT),\n  (2, 'x')" }]
 */
export function bulkInsert(op: OperationOf<'bulkInsert'>): CompiledStep[] {
  const columns = [...new Set(op.rows.flatMap((row) => Object.keys(row)))]
  const head = `INSERT INTO ${quoteTable(op)} (${columns.map(quoteIdentifier).join(', ')}) VALUES`
  const steps: CompiledStep[] = []
  let tuples: string[] = []
  let size = 0
  const flush = () => {
    if (tuples.length === 0) return
    steps.push({ sql: `${head}\n  ${tuples.join(',\n  ')}` })
    tuples = []
    size = 0
  }
  for (const row of op.rows) {
    const values = columns.map((column) => {
      const value = Object.hasOwn(row, column) ? row[column] : undefined
      return value === undefined ? 'DEFAULT' : literal(value)
    })
    const tuple = `(${values.join(', ')})`
    if (tuples.length >= CHUNK_ROWS || (size > 0 && size + tuple.length > CHUNK_CHARS)) flush()
    tuples.push(tuple)
    size += tuple.length
  }
  flush()
  return steps
}
