/**
 * What runs return: a per-revision report (applied, failed, not run, with durations) and
 * the rows the database is at afterwards. Failed runs carry the same report on their
 * `MigrationUpgradeError` / `MigrationDowngradeError`.
 */

import type { BackupResult } from '../backup/create-backup.js'

/** Which way a run moves the database. */
export type Direction = 'upgrade' | 'downgrade'

/**
 * What happened to one revision of a run: `applied` (committed), `failed`, `not run`
 * (after a failure), or `rolled back` (it ran, but the run's one transaction was rolled
 * back when a later revision failed, in transaction mode `all`).
 */
export type StepStatus = 'applied' | 'failed' | 'not run' | 'rolled back'

/** One revision of a run. */
export interface StepReport {
  readonly revision: string
  /** The revision's message (the first line of its doc comment). */
  readonly message: string
  /** Absolute path of the revision file. */
  readonly path: string
  readonly status: StepStatus
  /** How long it ran, in milliseconds (0 when not run). */
  readonly durationMs: number
}

/** The result of an online `upgrade` or `downgrade`. */
export interface RunReport {
  readonly direction: Direction
  /** The target as given (`head`, `-1`, `ae10@head`...). */
  readonly target: string
  /** Every planned revision, in the order planned. */
  readonly steps: readonly StepReport[]
  /** The version-table rows after the run, sorted. */
  readonly current: readonly string[]
  /** The dump written before the run changed anything (`backup.beforeUpgrade`), if any. */
  readonly backup?: BackupResult
}

/** The result of an offline (`--sql`) run: the script, nothing touched. */
export interface OfflineReport {
  readonly direction: Direction | 'stamp'
  readonly target: string
  /** The complete SQL script, ending with a newline. */
  readonly sql: string
}

/** How a run groups its work into transactions. */
export type TransactionMode = 'per-revision' | 'all' | 'none'
