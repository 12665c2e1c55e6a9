/**
 * The one interface every database implements. A dialect is a folder
 * (`src/dialects/<name>/`) exporting an object of this shape; the registry maps URL
 * schemes to dialects, and nothing outside a dialect's folder switches on its name.
 */
import type { Kysely } from 'kysely'
import type { DatabaseUrl } from '../config/url.js'
import type { ColumnType, DefaultValue, Operation, TableTarget } from '../operations/types.js'
import type { SchemaModel } from '../schema/model.js'

/** What a dialect can do; the runtime and tests read these instead of dialect names. */
export interface DialectCapabilities {
  /** DDL runs inside transactions and rolls back (PostgreSQL, SQLite; not MySQL). */
  readonly transactionalDdl: boolean
  /** Named schemas inside one database (PostgreSQL). */
  readonly schemas: boolean
  /** Named enum types (PostgreSQL `CREATE TYPE ... AS ENUM`). */
  readonly enumTypes: boolean
  /** Partial indexes (`WHERE` on an index). */
  readonly partialIndexes: boolean
  /** Indexes on expressions. */
  readonly expressionIndexes: boolean
  /** `CREATE INDEX CONCURRENTLY`. */
  readonly concurrentIndexes: boolean
  /** Table and column comments. */
  readonly comments: boolean
  /** Deferrable foreign keys. */
  readonly deferrableConstraints: boolean
  /** Several statements in one round trip (`DialectConnection.executeBatch`). */
  readonly batchedStatements: boolean
  /**
   * A foreign key needs an index on its columns, which the database creates when none
   * serves and refuses to drop while the key uses it (MySQL/InnoDB).
   */
  readonly foreignKeysNeedIndex?: boolean
  /**
   * `RESTRICT` and `NO ACTION` are one referential action (MySQL/InnoDB, whose catalog
   * does not tell them apart), so a model saying either matches the database.
   */
  readonly restrictIsNoAction?: boolean
}

/**
 * One compiled step. Most are SQL; a dialect may also return a procedure that needs
 * the live connection (SQLite's table rebuild reads the current table first). Offline
 * mode prints SQL steps and refuses procedures, naming the operation.
 */
export type CompiledStep = SqlStep | ProcedureStep

export interface SqlStep {
  readonly sql: string
  /** Bound parameters, in the driver's placeholder style. */
  readonly parameters?: readonly unknown[]
  /** `false` when the statement cannot run inside a transaction (`CREATE INDEX CONCURRENTLY`). */
  readonly transactional?: boolean
}

export interface ProcedureStep {
  /** What it does, for logs and for the offline-mode error ("rebuild table users"). */
  readonly description: string
  readonly run: (connection: DialectConnection) => Promise<void>
  /**
   * SQLite's rebuild must run with foreign key enforcement switched off, which only
   * takes effect outside a transaction; the runtime does that around the revision.
   */
  readonly needsForeignKeysOff?: boolean
}

export interface QueryResult {
  readonly rows: readonly Record<string, unknown>[]
  /** Rows changed by an INSERT, UPDATE or DELETE. */
  readonly affectedRows: number
}

/** Who holds a migration lock, where the database can tell. */
export interface LockHolder {
  readonly pid?: number | string
  readonly host?: string
  readonly user?: string
  readonly since?: Date
  readonly application?: string
}

/** What the lock protects: one version table in one schema of one database. */
export interface LockScope {
  readonly database: string
  readonly schema: string | undefined
  readonly versionTable: string
}

export interface AcquireLockOptions {
  readonly scope: LockScope
  /** Give up after this long (milliseconds) with a LockError naming the holder. */
  readonly timeoutMs: number
  /** Called with each failed attempt, e.g. to print "waiting for the lock held by pid 123". */
  readonly onWait?: (holder: LockHolder | undefined) => void
}

export interface ConnectOptions {
  /** Give up connecting after this long (milliseconds). */
  readonly connectTimeoutMs?: number
  /** Reported to the server where it can show it (PostgreSQL `application_name`). */
  readonly applicationName?: string
}

/**
 * One open connection. The runtime holds exactly one for a whole run: the lock is
 * taken on it, and every revision runs on it.
 */
export interface DialectConnection {
  readonly dialect: Dialect
  /** A Kysely instance bound to this one connection (the `db` of a revision). */
  readonly kysely: Kysely<any>
  /** One statement, one round trip. */
  query(sql: string, parameters?: readonly unknown[]): Promise<QueryResult>
  /** Statements without parameters, in as few round trips as the driver allows. */
  executeBatch(statements: readonly string[]): Promise<void>
  begin(): Promise<void>
  commit(): Promise<void>
  rollback(): Promise<void>
  /** Try-lock with jittered back-off until `timeoutMs`; LockError (naming the holder) after. */
  acquireLock(options: AcquireLockOptions): Promise<void>
  releaseLock(scope: LockScope): Promise<void>
  /** The current holder of the lock, if any (for `status` and for timeout messages). */
  lockHolder(scope: LockScope): Promise<LockHolder | undefined>
  /** Whether the server still serves this connection (the lock dies with it). */
  isAlive(): Promise<boolean>
  tableExists(target: TableTarget): Promise<boolean>
  /** The schema unqualified names resolve to (`public`), or undefined without schemas. */
  defaultSchema(): Promise<string | undefined>
  close(): Promise<void>
}

/** A database family: how to quote, compile and connect. */
export interface Dialect {
  /** `postgres`, `mysql`, `sqlite`, or a user dialect's name. */
  readonly name: string
  readonly capabilities: DialectCapabilities
  /** Longest identifier the database accepts; longer names are rejected, never truncated. */
  readonly maxIdentifierLength: number
  /** Quotes one identifier; throws MigrationError `IDENTIFIER_TOO_LONG` when it is too long. */
  quoteIdentifier(name: string): string
  /** `"schema"."table"` or `"table"`. */
  quoteTable(target: TableTarget): string
  /** A SQL literal for a JavaScript value (strings, numbers, booleans, null, Date, Buffer, JSON). */
  literal(value: unknown): string
  /** Compiles one operation. Throws MigrationError `UNSUPPORTED_OPERATION` for what it cannot do. */
  compile(operation: Operation): readonly CompiledStep[]
  /** Offline transaction statements; undefined when the dialect should not wrap offline scripts. */
  readonly offlineTransaction: { readonly begin: string; readonly commit: string } | undefined
  /** A Kysely instance that compiles but never connects (offline mode's `sql` templates). */
  createOfflineKysely(): Kysely<any>
  /** Opens one connection. A missing driver package is a ConnectionError naming it. */
  connect(url: DatabaseUrl, options?: ConnectOptions): Promise<DialectConnection>
  /** Reading the catalog for autogenerate; a dialect without it cannot autogenerate. */
  readonly introspection?: DialectIntrospection
  /** Dumping and restoring the whole database; a dialect without it cannot back up. */
  readonly backup?: DialectBackup
  /** Throwaway databases for `stratum verify`; a dialect without it cannot verify. */
  readonly scratch?: DialectScratch
}

/** A throwaway database that `stratum verify` runs a project's revisions on. */
export interface ScratchDatabase {
  /** What the verification connects to. */
  readonly url: DatabaseUrl
  /** For people: `PGlite in memory`, `stratum_verify_1f2e3d4c5b6a on 127.0.0.1:3306`. */
  readonly description: string
  /** Removes it (safe to call twice); call it once every connection to it is closed. */
  drop(): Promise<void>
}

/** How a dialect provides throwaway databases for `stratum verify`. */
export interface DialectScratch {
  /**
   * Where verify runs, when no scratch URL is given, for a project whose database is `url`;
   * never that database itself (PostgreSQL: PGlite in memory; SQLite: in memory; MySQL: the
   * same server, where `create` makes a new database).
   */
  server(url: DatabaseUrl): DatabaseUrl
  /**
   * Creates an empty database at `server` (a new, uniquely named database on a server; an
   * in-memory URL as it is). `mask` hides the URL's secrets in driver messages.
   */
  create(server: DatabaseUrl, mask: (text: string) => string): Promise<ScratchDatabase>
  /** The schemas a snapshot reads (dialects with `schemas`): every one but the system's. */
  schemas?(connection: DialectConnection): Promise<readonly string[]>
}

/** What `DialectBackup.dump` receives. */
export interface DumpOptions {
  readonly url: DatabaseUrl
  /** The file to write: created (empty, mode 0600) by the caller, renamed only once complete. */
  readonly file: string
  /** The run's connection (PGlite dumps through it; others may read the catalog). */
  readonly connection: DialectConnection
  /** Only the structure, plus the rows of `keepRowsOf` (Stratum's own tables). */
  readonly schemaOnly: boolean
  /** Tables whose rows a schema-only dump keeps, so that it restores at its revision. */
  readonly keepRowsOf: readonly TableTarget[]
  /** Masks the URL's secrets in tool output before it goes into an error. */
  readonly mask: (text: string) => string
}

/** What `DialectBackup.restore` receives. */
export interface RestoreOptions {
  readonly url: DatabaseUrl
  /** A dump this dialect wrote, already checked with `verify`. */
  readonly file: string
  /**
   * An open connection to the database. The restore may close it (PGlite reopens its data
   * folder); the caller reconnects afterwards either way.
   */
  readonly connection: DialectConnection
  readonly mask: (text: string) => string
}

/**
 * Full dumps and restores with the database's own tools (pg_dump, mariadb-dump, SQLite's
 * online backup API, PGlite's data-folder tarball). Failures are `BackupError`s.
 */
export interface DialectBackup {
  /** The dump file's extension for `url`, dot included (`.sql`, `.db`, `.tar.gz`). */
  extension(url: DatabaseUrl): string
  /** Writes a complete dump of the database to `options.file`. */
  dump(options: DumpOptions): Promise<void>
  /**
   * Reads `file` without touching the database: throws `BackupError` `RESTORE_FILE_INVALID`
   * unless it is a complete dump of this dialect for `url` (a truncated file fails here).
   */
  verify(file: string, url: DatabaseUrl): Promise<void>
  /** Replaces everything in the database with the dump's content. */
  restore(options: RestoreOptions): Promise<void>
}

export interface IntrospectOptions {
  /** Schemas to read (PostgreSQL); default: the connection's default schema only. */
  readonly schemas?: readonly string[]
  /** Tables to leave out (Stratum's own tables, `exclude` globs). */
  readonly skipTable?: (table: string, schema: string | undefined) => boolean
}

/**
 * Autogenerate's view of a dialect: the catalog read into the normalised schema, and
 * canonical spellings so that equal things compare equal (`int4` = `integer`,
 * `'a'::text` = `'a'`) and an unchanged model produces no operations.
 */
export interface DialectIntrospection {
  /** Reads every table, column, key, index, check, comment and enum with a fixed number of queries. */
  introspect(connection: DialectConnection, options?: IntrospectOptions): Promise<SchemaModel>
  /** The dialect's canonical spelling of a type, portable or native (`int4` and `integer` give one string). */
  canonicalType(type: ColumnType): string
  /** The canonical SQL of a default for a column of `type`, or undefined for no default. */
  canonicalDefault(value: DefaultValue | undefined, type: ColumnType): string | undefined
  /** The canonical text of a check or partial-index expression, as the catalog would print it. */
  canonicalExpression(sql: string): string
  /**
   * What the model DSL cannot express (views, functions, triggers, domains, partitions...),
   * read with a few catalog queries, for `pull` to list and `baseline` to carry over.
   */
  unmodelled?(
    connection: DialectConnection,
    options?: IntrospectOptions,
  ): Promise<readonly UnmodelledObject[]>
  /** The schemas holding the database's own objects (PostgreSQL: all but the system ones). */
  userSchemas?(connection: DialectConnection): Promise<readonly string[]>
}

/**
 * A database object the model DSL cannot express. `pull` lists it in the files and on
 * stderr; `baseline` writes `create` into the upgrade and `drop` into the downgrade when
 * the catalog gives its definition, and a warning otherwise.
 */
export interface UnmodelledObject {
  /** `view`, `function`, `trigger`, `domain`, `partition`, `generated column`... */
  readonly kind: string
  /** Undefined for the connection's default schema. */
  readonly schema?: string
  readonly name: string
  /** The table it belongs to (a trigger's, a partition's parent, a generated column's). */
  readonly table?: string
  /** A short description: `PARTITION BY RANGE (payment_date)`, the domain's base type. */
  readonly detail?: string
  /** SQL that creates it as it is, when the catalog gives it. */
  readonly create?: string
  /** SQL that drops it (with `create`). */
  readonly drop?: string
  /**
   * When `baseline` creates it: before the tables (domains, types, sequences: columns may
   * use them) or after them (functions, views, triggers: they may use the tables).
   */
  readonly phase?: 'beforeTables' | 'afterTables'
}
