/**
 * What the online commands share: the connection, the graph, the tables, the lock and
 * how to report. The `Migrator` builds one per command.
 */
import type { DialectConnection, LockScope } from '../dialects/dialect.js'
import type { RevisionGraph } from '../revision/index.js'
import type { MigratorEventEmitter } from './events.js'
import type { RunIdentity } from './history-table.js'
import type { TransactionMode } from './report.js'
import { withLock } from './session.js'
import type { StateTables } from './tables.js'

/** The state of one online command. */
export interface DatabaseContext {
  readonly connection: DialectConnection
  readonly graph: RevisionGraph
  readonly tables: StateTables
  readonly scope: LockScope
  readonly lockTimeoutMs: number
  readonly mode: TransactionMode
  readonly x: Readonly<Record<string, string>>
  readonly events: MigratorEventEmitter
  readonly identity: RunIdentity
  /** Masks the URL's secrets in text that leaves Stratum. */
  readonly mask: (text: string) => string
}

/**
 * Runs `work` under the migration lock of the context.
 *
 * @example
 * await locked(context, async () => readVersionRows(context.connection, context.tables.version))
 */
export function locked<T>(context: DatabaseContext, work: () => Promise<T>): Promise<T> {
  return withLock(
    {
      connection: context.connection,
      scope: context.scope,
      timeoutMs: context.lockTimeoutMs,
      events: context.events,
    },
    work,
  )
}
