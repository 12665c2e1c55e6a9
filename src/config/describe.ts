import { maskUrl } from './mask.js'
import type { ResolvedConfig } from './types.js'

/** The effective configuration as plain data: what `stratum config` prints. */
export interface ConfigDescription {
  readonly configPath: string | null
  readonly environment: string | null
  readonly protected: boolean
  readonly database: string | null
  /** The URL with its password replaced by `***`. */
  readonly url: string | null
  readonly migrations: string
  readonly versionPaths: readonly string[]
  readonly recursiveVersionPaths: boolean
  readonly fileTemplate: string
  readonly truncateSlugLength: number
  readonly models: readonly string[]
  readonly exclude: readonly string[]
  readonly versionTable: string
  readonly versionTableSchema: string | null
  readonly transactionPerMigration: boolean
  readonly snapshots: boolean
  readonly backup: {
    readonly beforeUpgrade: boolean
    readonly folder: string
    readonly keep: number | null
  }
  readonly logging: {
    readonly level: string
    readonly format: string
    readonly file: string | null
  }
  /** The names of the hooks that are set. */
  readonly hooks: readonly string[]
  readonly postWrite: readonly string[]
}

/**
 * Describe a resolved config as JSON-safe data: secrets masked (the URL's password, and any
 * secret query parameter), hooks by name, absent values as `null`.
 *
 * @example
 * describeConfig(await loadConfig({ environment: 'production' })).url
 * // 'postgres://app:***@db.internal/app'
 */
export function describeConfig(config: ResolvedConfig): ConfigDescription {
  return {
    configPath: config.configPath ?? null,
    environment: config.environment ?? null,
    protected: config.protected,
    database: config.database ?? null,
    url: config.url === undefined ? null : maskUrl(config.url),
    migrations: config.migrations,
    versionPaths: config.versionPaths,
    recursiveVersionPaths: config.recursiveVersionPaths,
    fileTemplate: config.fileTemplate,
    truncateSlugLength: config.truncateSlugLength,
    models: config.models,
    exclude: config.exclude,
    versionTable: config.versionTable,
    versionTableSchema: config.versionTableSchema ?? null,
    transactionPerMigration: config.transactionPerMigration,
    snapshots: config.snapshots,
    backup: { ...config.backup, keep: config.backup.keep ?? null },
    logging: { ...config.logging, file: config.logging.file ?? null },
    hooks: Object.keys(config.hooks).filter(
      (name) => config.hooks[name as keyof typeof config.hooks] !== undefined,
    ),
    postWrite: config.postWrite,
  }
}
