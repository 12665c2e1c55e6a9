/**
 * The configuration users write in `stratum.config.ts`. Every field is optional;
 * `loadConfig` fills in defaults and resolves paths against the config file's folder.
 */
export interface StratumConfig {
  /**
   * Database URL: `postgres://`, `postgresql://`, `mysql://`, `mariadb://`,
   * `sqlite:path/to/file.db`, `sqlite::memory:` or `pglite:path` (`pglite:memory:`).
   * Keep credentials out of committed files: `url: process.env.DATABASE_URL`.
   */
  url?: string | undefined
  /** The migrations folder (holds `versions/` and `script.ts.tmpl`). Default `migrations`. */
  migrations?: string
  /** Folders that hold revision files. Default `[<migrations>/versions]`. */
  versionPaths?: string[]
  /** Also read revision files in sub-folders of the version paths. Default `false`. */
  recursiveVersionPaths?: boolean
  /**
   * File name template for new revisions, without extension. Tokens: `{rev}`,
   * `{slug}`, `{year}`, `{month}`, `{day}`, `{hour}`, `{minute}`, `{second}`.
   * Default `{year}{month}{day}_{hour}{minute}-{rev}_{slug}`.
   */
  fileTemplate?: string
  /** Longest slug, in characters, cut at a word boundary. Default 40. */
  truncateSlugLength?: number
  /** Model modules (paths or globs) for autogenerate. */
  models?: string | string[]
  /** Table name globs that autogenerate ignores. */
  exclude?: string[]
  /** Name of the version table. Default `stratum_version`. */
  versionTable?: string
  /** Schema of the version table (PostgreSQL). Default: the connection's default schema. */
  versionTableSchema?: string
  /** Run each revision in its own transaction (`true`, the default) or the whole run in one. */
  transactionPerMigration?: boolean
  /**
   * Write `<migrations>/snapshots/<revision>.json`, the schema at that revision, after each
   * upgrade and downgrade (for `--offline` autogenerate and check, and `drift`). Default false.
   */
  snapshots?: boolean
  /** Dumps written before `upgrade` changes the database (`stratum backup` uses the folder too). */
  backup?: BackupConfig
  /** What each run logs, and where. */
  logging?: LoggingConfig
  /** Functions called around runs and around each revision. */
  hooks?: Hooks
  /**
   * Commands run on every revision file Stratum writes (e.g. a formatter). `{file}` is replaced
   * by the file's path (quoted for the shell); without it the path is appended.
   * Example: `['npx biome format --write {file}']`.
   */
  postWrite?: string[]
  /**
   * Named sets of overrides, chosen with `--env NAME` or `STRATUM_ENV`. Each may override any
   * field (nested objects merge; arrays and values replace) and may be marked `protected`.
   */
  environments?: Record<string, EnvironmentConfig>
  /**
   * Several databases served from one project, in the order `upgrade` runs them. Each entry
   * overrides the top-level fields for that database; `--db NAME` selects one.
   */
  databases?: Record<string, DatabaseConfig>
}

/** The fields one database of `databases` may set (the rest come from the top level). */
export type DatabaseConfig = Omit<StratumConfig, 'environments' | 'databases'>

/** One environment of `environments`: overrides of any field, and whether it is protected. */
export interface EnvironmentConfig extends Omit<StratumConfig, 'environments'> {
  /**
   * Destructive commands (`downgrade`, `stamp --purge`, `restore`) ask for confirmation, and
   * refuse without a terminal unless `--yes`.
   */
  protected?: boolean
}

/** The `backup` field. */
export interface BackupConfig {
  /** Write a full dump before every online `upgrade` that has something to apply. Default `false`. */
  beforeUpgrade?: boolean
  /** Where dumps go. Default `<migrations>/dumps`. */
  folder?: string
  /** How many dumps of each database to keep (older ones are deleted). Default: all. */
  keep?: number
}

/** Levels of `logging.level`, quietest last. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** The `logging` field. */
export interface LoggingConfig {
  /** The least severe level written. Default `info` (`debug` with `--verbose`). */
  level?: LogLevel
  /** `pretty` (readable lines) or `json` (one JSON object per line). Default `pretty`. */
  format?: 'pretty' | 'json'
  /** A file the log is appended to (in addition to the terminal's progress lines). */
  file?: string
}

/** What a run hook receives. */
export interface RunHookContext {
  /** `upgrade` or `downgrade`. */
  readonly direction: 'upgrade' | 'downgrade'
  /** The target as given (`head`, `-1`, ...). */
  readonly target: string
  /** The database URL with its password masked. */
  readonly url: string
  /** The selected environment (`--env` / `STRATUM_ENV`), if any. */
  readonly environment: string | undefined
  /** The selected database of `databases`, if any. */
  readonly database: string | undefined
  /** `-x key=value` arguments. */
  readonly x: Readonly<Record<string, string>>
}

/** What a revision hook receives. */
export interface RevisionHookContext extends RunHookContext {
  /** The revision about to run, or that ran. */
  readonly revision: string
  readonly message: string
  /** The revision file. */
  readonly path: string
  /**
   * A Kysely instance on the run's connection (inside the revision's transaction where there
   * is one). Typed loosely: hooks query it with `sql` or the query builder.
   */
  // biome-ignore lint/suspicious/noExplicitAny: hooks see any database shape
  readonly db: import('kysely').Kysely<any>
}

/** What `afterUpgrade`/`afterDowngrade` receive: the run's context and its outcome. */
export interface RunEndHookContext extends RunHookContext {
  /** The revisions applied, in order. */
  readonly applied: readonly string[]
}

/** A hook may be synchronous or return a promise; throwing stops the run. */
type Hook<C> = (context: C) => void | Promise<void>

/** The `hooks` field. */
export interface Hooks {
  beforeUpgrade?: Hook<RunHookContext>
  afterUpgrade?: Hook<RunEndHookContext>
  beforeDowngrade?: Hook<RunHookContext>
  afterDowngrade?: Hook<RunEndHookContext>
  /** Before each revision, in either direction (see `direction`). */
  beforeRevision?: Hook<RevisionHookContext>
  /** After each revision that succeeded, in either direction. */
  afterRevision?: Hook<RevisionHookContext>
}

/** The configuration after loading: defaults applied, paths absolute. */
export interface ResolvedConfig {
  /** Absolute path of the config file, or undefined when none was found (e.g. during `init`). */
  readonly configPath: string | undefined
  /** The folder relative paths are resolved against (the config file's folder). */
  readonly rootDir: string
  readonly url: string | undefined
  /** Absolute path of the migrations folder. */
  readonly migrations: string
  /** Absolute paths of the version folders; the first is where new revisions go by default. */
  readonly versionPaths: readonly string[]
  readonly recursiveVersionPaths: boolean
  readonly fileTemplate: string
  readonly truncateSlugLength: number
  readonly models: readonly string[]
  readonly exclude: readonly string[]
  readonly versionTable: string
  readonly versionTableSchema: string | undefined
  readonly transactionPerMigration: boolean
  readonly snapshots: boolean
  readonly backup: ResolvedBackupConfig
  readonly logging: ResolvedLoggingConfig
  readonly hooks: Readonly<Hooks>
  readonly postWrite: readonly string[]
  /** The environment in effect (`--env` / `STRATUM_ENV`), if any. */
  readonly environment: string | undefined
  /** Whether that environment is `protected`. */
  readonly protected: boolean
  /** The database of `databases` this config is for, if the project declares several. */
  readonly database: string | undefined
  /** Every database name of `databases`, in declared order (`[]` when there are none). */
  readonly databases: readonly string[]
}

/** `backup` after defaults: `folder` is absolute; `keep` undefined keeps every dump. */
export interface ResolvedBackupConfig {
  readonly beforeUpgrade: boolean
  readonly folder: string
  readonly keep: number | undefined
}

/** `logging` after defaults: `file` is absolute. */
export interface ResolvedLoggingConfig {
  readonly level: LogLevel
  readonly format: 'pretty' | 'json'
  readonly file: string | undefined
}
