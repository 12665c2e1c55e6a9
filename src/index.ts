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
// Dialects: the interface and the registry users extend.
export type {
  CompiledStep,
  Dialect,
  DialectCapabilities,
  DialectConnection,
  DialectIntrospection,
} from './dialects/dialect.js'
export { dialectFor, registerDialect } from './dialects/registry.js'
// Errors.
export {
  AmbiguousRevisionError,
  AmbiguousWalkError,
  ChecksumMismatchError,
  ConfigError,
  ConnectionError,
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  InvalidOperationError,
  InvalidRevisionIdError,
  IrreversibleMigrationError,
  LockError,
  LockTimeoutError,
  MigrationCreationError,
  MigrationDowngradeError,
  MigrationError,
  MigrationInitError,
  MigrationNotFoundError,
  MigrationUpgradeError,
  MissingRevisionError,
  ModelError,
  MultipleHeadsError,
  PartiallyAppliedError,
  RevisionFileError,
  RevisionGraphError,
  RevisionResolutionError,
  UsageError,
  VersionTableConflictError,
} from './errors.js'
// Operations: what `op` builds.
export type {
  AlterColumnChanges,
  ColumnSpec,
  ColumnType,
  CreateTableOptions,
  DefaultValue,
  Operation,
  OperationKind,
  ReferentialAction,
} from './operations/index.js'
export { Operations } from './operations/index.js'
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
// The runtime: the Migrator and what it returns.
export {
  type ChangedFile,
  type CurrentDetails,
  type Direction,
  type MigrationContext,
  type MigrationFunction,
  Migrator,
  type MigratorEvents,
  type MigratorOptions,
  type OfflineReport,
  type RepairOptions,
  type RepairResult,
  type RunOptions,
  type RunReport,
  type StampResult,
  type StatusReport,
  type StepReport,
  type TransactionMode,
} from './runtime/index.js'
// The model DSL.
export {
  bigint,
  bigserial,
  blob,
  boolean,
  bytes,
  char,
  checkConstraint,
  date,
  defineTable,
  discoverModels,
  double,
  enumType,
  foreignKey,
  type InferDatabase,
  type InferTable,
  index,
  integer,
  interval,
  json,
  jsonb,
  nativeType,
  numeric,
  primaryKey,
  real,
  type SchemaModel,
  schema,
  serial,
  smallint,
  sqlExpr,
  type Table,
  type TableModel,
  text,
  time,
  timestamp,
  timestamptz,
  unique,
  uuid,
  varchar,
} from './schema/index.js'
// The migrations folder.
export { readRevisionFile, readRevisionMeta, readRevisions } from './script/index.js'
