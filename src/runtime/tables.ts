/**
 * Where Stratum keeps its state in the database: the version table and the history table,
 * their names from the config, created on the first upgrade or stamp and never dropped.
 */
import type { DialectConnection } from '../dialects/dialect.js'
import type { TableTarget } from '../operations/types.js'
import { createHistoryTable, historyTableFor } from './history-table.js'
import { createVersionTable } from './version-table.js'

/** The two tables of one Stratum setup. */
export interface StateTables {
  readonly version: TableTarget
  readonly history: TableTarget
}

/**
 * The tables a config names: `versionTable` (default `stratum_version`) in
 * `versionTableSchema` (default: the connection's), and the history table beside it.
 *
 * @example
 * stateTables({ versionTable: 'stratum_version', versionTableSchema: undefined })
 * // { version: { table: 'stratum_version' }, history: { table: 'stratum_history' } }
 */
export function stateTables(config: {
  readonly versionTable: string
  readonly versionTableSchema: string | undefined
}): StateTables {
  const version: TableTarget =
    config.versionTableSchema === undefined
      ? { table: config.versionTable }
      : { table: config.versionTable, schema: config.versionTableSchema }
  return { version, history: historyTableFor(version) }
}

/**
 * Creates whichever of the two tables does not exist yet. Call it under the migration lock.
 *
 * @example
 * await ensureTables(connection, tables)
 */
export async function ensureTables(
  connection: DialectConnection,
  tables: StateTables,
): Promise<void> {
  const { dialect } = connection
  const wanted = [
    [tables.version, createVersionTable] as const,
    [tables.history, createHistoryTable] as const,
  ]
  for (const [target, create] of wanted) {
    if (await connection.tableExists(target)) continue
    for (const step of create(dialect, target)) {
      if ('sql' in step) await connection.query(step.sql, step.parameters)
      else await step.run(connection)
    }
  }
}
