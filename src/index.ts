/**
 * Stratum's public API: everything users import from 'stratum'. Explicit names only;
 * what is not exported here is internal.
 *
 * @example
 * // stratum.config.ts
 * import { defineConfig } from 'stratum'
 *
 * export default defineConfig({ url: process.env.DATABASE_URL, migrations: 'migrations' })
 */

// Commands: one function per CLI verb.
export {
  type BranchesOptions,
  type BranchPoint,
  branches,
  type CreatedRevision,
  type HeadsOptions,
  type HistoryOptions,
  heads,
  history,
  type InitOptions,
  type InitResult,
  init,
  type LoadedGraph,
  loadGraph,
  type MergeOptions,
  merge,
  type RevisionOptions,
  revision,
  type ShowOptions,
  show,
} from './commands/index.js'
// Configuration.
export {
  type DatabaseUrl,
  defineConfig,
  type LoadConfigOptions,
  loadConfig,
  maskSecrets,
  maskUrl,
  parseUrl,
  type ResolvedConfig,
  type StratumConfig,
} from './config/index.js'
// Errors.
export {
  AmbiguousRevisionError,
  ConfigError,
  ConnectionError,
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  InvalidRevisionIdError,
  LockError,
  MigrationCreationError,
  MigrationDowngradeError,
  MigrationError,
  MigrationInitError,
  MigrationNotFoundError,
  MigrationUpgradeError,
  MissingRevisionError,
  MultipleHeadsError,
  RevisionFileError,
  RevisionGraphError,
  RevisionResolutionError,
  UsageError,
} from './errors.js'
// The revision graph.
export {
  historyRange,
  type MigrationStep,
  planDowngrade,
  planStamp,
  planUpgrade,
  type Revision,
  RevisionGraph,
  type RevisionMeta,
  resolveRevision,
  resolveRevisions,
  type VersionChange,
} from './revision/index.js'
// The migrations folder.
export { readRevisionFile, readRevisionMeta, readRevisions } from './script/index.js'
