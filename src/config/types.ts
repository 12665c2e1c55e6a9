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
}
