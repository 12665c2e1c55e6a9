/**
 * What the online commands share: the connection, the graph, the tables, the lock and
 * how to report. The `Migrator` builds one per command.
 */
import type { BackupResult } from '../backup/create-backup.js'
import type { DialectConnection, LockScope } from '../dialects/dialect.js'
import type { RevisionGraph } from '../revision/index.js'
import type { MigratorEventEmitter } from './events.js'
import type { RunIdentity } from './history-table.js'
import type { HookSettings } from './hooks.js'
import type { TransactionMode } from './report.js'
import { withLock } from './session.js'
import type { StateTables } from './tables.js'

/** The state of one online command. */
export interface DatabaseContext {
  readonly connection: DialectConnection
  readonly graph: RevisionGraph
  /**
   * The checksum of each revision file by path, computed as the graph was read (files
   * missing here are read when needed).
   */
  readonly checksums?: ReadonlyMap<string, string> | undefined
  readonly tables: StateTables
  readonly scope: LockScope
  readonly lockTimeoutMs: number
  readonly mode: TransactionMode
  readonly x: Readonly<Record<string, string>>
  readonly events: MigratorEventEmitter
  readonly identity: RunIdentity
  /** Masks the URL's secrets in text that leaves Stratum. */
  readonly mask: (text: string) => string
  /** The config's hooks (merged with `MigratorOptions.hooks`) for `upgrade` and `downgrade`. */
  readonly hooks?: HookSettings | undefined
  /** Writes the dump `upgrade` takes before changing anything; unset when it takes none. */
  readonly backup?: ((rows: readonly string[]) => Promise<BackupResult>) | undefined
  /** Writes the schema snapshot after a successful run, under the lock (`snapshots: true`). */
  readonly snapshot?: ((rows: readonly string[]) => Promise<unknown>) | undefined
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
