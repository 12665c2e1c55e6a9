/** The runtime: the `Migrator` and the types of what it returns and emits. */
export type { ChangedFile } from './checks.js'
export { checksumOf } from './checksums.js'
export type { MigrationContext } from './context.js'
export type {
  Listener,
  LockWaitEvent,
  MigratorEvents,
  RevisionEndEvent,
  RevisionStartEvent,
} from './events.js'
export {
  DEFAULT_HISTORY_TABLE,
  type HistoryDirection,
  type HistoryOutcome,
  historyTableFor,
} from './history-table.js'
export {
  type HistoryResult,
  Migrator,
  type MigratorHistoryOptions,
  type MigratorOptions,
  type RunOptions,
  type StampOptions,
} from './migrator.js'
export type { RepairOptions, RepairResult } from './repair.js'
export type {
  Direction,
  OfflineReport,
  RunReport,
  StepReport,
  StepStatus,
  TransactionMode,
} from './report.js'
export type { MigrationFunction } from './revision-module.js'
export { DEFAULT_LOCK_TIMEOUT_MS } from './session.js'
export type { StampResult } from './stamp.js'
export type { CurrentDetails, PartialRevision, StatusReport } from './status.js'
