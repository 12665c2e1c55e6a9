/** Data operations: raw SQL and multi-row inserts. */
import type { BulkInsert, Execute } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { columnList, step } from './compile-common.js'
import { literal, quoteTable } from './quote.js'

/** Rows per INSERT statement: large enough to be fast, small enough for any server limit. */
export const BULK_INSERT_CHUNK = 1000

/**
 * The SQL as given, with its `$1`-style parameters.
 *
 * @example
 * compileExecute({ kind: 'execute', sql: 'DELETE FROM t WHERE id = $1', parameters: [3] })
 * // [{ sql: 'DELETE FROM t WHERE id = $1', parameters: [3] }]
 */
export function compileExecute(op: Execute): CompiledStep[] {
  if (op.parameters === undefined || op.parameters.length === 0) return [step(op.sql)]
  return [{ sql: op.sql, parameters: op.parameters }]
}

/**
 * Multi-row `INSERT ... VALUES` with inlined literals, 1000 rows per statement. The
 * columns are every key of every row, in first-seen order; a row without a key gets
 * `DEFAULT`. No rows, no statements.
 *
 * @example
 * compileBulkInsert({ kind: 'bulkInsert', table: 'roles', rows: [{ id: 1, name: 'admin' }] })
 * // [{ sql: `INSERT INTO "roles" ("id", "name") VALUES\n  (1, 'admin')` }]
 */
export function compileBulkInsert(op: BulkInsert): CompiledStep[] {
  const columns: string[] = []
  const seen = new Set<string>()
  for (const row of op.rows) {
    for (const [key, value] of Object.entries(row)) {
      if (value !== undefined && !seen.has(key)) {
        seen.add(key)
        columns.push(key)
      }
    }
  }
  if (columns.length === 0) {
    return op.rows.map(() => step(`INSERT INTO ${quoteTable(op)} DEFAULT VALUES`))
  }
  const head = `INSERT INTO ${quoteTable(op)} ${columnList(columns)} VALUES\n  `
  const steps: CompiledStep[] = []
  for (let start = 0; start < op.rows.length; start += BULK_INSERT_CHUNK) {
    const tuples = op.rows.slice(start, start + BULK_INSERT_CHUNK).map((row) => {
      const values = columns.map((column) =>
        Object.hasOwn(row, column) && row[column] !== undefined ? literal(row[column]) : 'DEFAULT',
      )
      return `(${values.join(', ')})`
    })
    steps.push(step(head + tuples.join(',\n  ')))
  }
  return steps
}
