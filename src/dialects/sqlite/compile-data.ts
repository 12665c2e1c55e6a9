/** `execute` and `bulkInsert` for SQLite. */
import type { BulkInsert, Execute } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { literal, quoteIdentifier, quoteTable } from './quote.js'

/** Rows per INSERT statement in `bulkInsert`. */
export const BULK_INSERT_CHUNK = 500

/**
 * Raw SQL with `?` parameters, bound by the driver (offline, they are inlined).
 *
 * @example
 * compileExecute({ kind: 'execute', sql: 'DELETE FROM t WHERE id = ?', parameters: [1] })
 * // [{ sql: 'DELETE FROM t WHERE id = ?', parameters: [1] }]
 */
export function compileExecute(operation: Execute): CompiledStep[] {
  return [
    operation.parameters === undefined || operation.parameters.length === 0
      ? { sql: operation.sql }
      : { sql: operation.sql, parameters: operation.parameters },
  ]
}

/**
 * Multi-row `INSERT ... VALUES` with inlined literals, at most 500 rows a statement.
 * Rows are grouped by the columns they give (in order of appearance), since SQLite's
 * VALUES has no DEFAULT keyword; a property set to `undefined` counts as absent, and a
 * row with no properties inserts `DEFAULT VALUES`.
 *
 * @example
 * compileBulkInsert({ kind: 'bulkInsert', table: 't', rows: [{ a: 1 }, { a: 2 }] })
 * // [{ sql: 'INSERT INTO "t" ("a") VALUES\n  (1),\n  (2)' }]
 */
export function compileBulkInsert(operation: BulkInsert): CompiledStep[] {
  const table = quoteTable(operation)
  const steps: CompiledStep[] = []
  let columns: string[] | undefined
  let values: string[] = []
  const flush = () => {
    if (columns === undefined || values.length === 0) return
    const list = columns.map(quoteIdentifier).join(', ')
    steps.push({ sql: `INSERT INTO ${table} (${list}) VALUES\n  ${values.join(',\n  ')}` })
    values = []
  }
  for (const row of operation.rows) {
    const keys = Object.keys(row).filter((key) => row[key] !== undefined)
    if (keys.length === 0) {
      flush()
      columns = undefined
      steps.push({ sql: `INSERT INTO ${table} DEFAULT VALUES` })
      continue
    }
    if (columns === undefined || !sameKeys(columns, keys) || values.length >= BULK_INSERT_CHUNK) {
      flush()
      columns = keys
    }
    values.push(`(${columns.map((key) => literal(row[key])).join(', ')})`)
  }
  flush()
  return steps
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && b.every((key) => a.includes(key))
}
