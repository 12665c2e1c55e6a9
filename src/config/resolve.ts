import { isAbsolute, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { CONFIG_DEFAULTS } from './defaults.js'
import { selectConfig } from './overrides.js'
import type { ResolvedConfig, StratumConfig } from './types.js'
import { parseUrl } from './url.js'

export { CONFIG_DEFAULTS }

/** Options for `resolveConfig`. */
export interface ResolveConfigOptions {
  /** The folder relative paths are resolved against (the config file's folder). */
  rootDir: string
  /** Absolute path of the config file, if there is one. */
  configPath?: string | undefined
  /** A URL that overrides the config's (the CLI's `--url`). */
  url?: string | undefined
  /** How messages name the config (a file path); default `configPath` or `'config'`. */
  source?: string | undefined
  /** The environment of `environments` to apply (`--env`, `STRATUM_ENV`). */
  environment?: string | undefined
  /** How messages name where the environment came from. Default `--env`. */
  environmentSource?: string | undefined
  /** The database of `databases` to select (`--db`). */
  database?: string | undefined
}

/** Resolve a path or glob against `rootDir`, keeping a leading `!` (a negated glob). */
function resolvePattern(rootDir: string, pattern: string): string {
  return pattern.startsWith('!')
    ? `!${resolve(rootDir, pattern.slice(1))}`
    : resolve(rootDir, pattern)
}

/** The URL in effect: `--url` wins; blank counts as unset; it must parse. */
function effectiveUrl(config: StratumConfig, options: ResolveConfigOptions): string | undefined {
  const fromOption = options.url !== undefined && options.url.trim() !== ''
  const url = fromOption ? options.url : config.url
  if (url === undefined || url.trim() === '') return undefined
  try {
    parseUrl(url)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    const where = fromOption
      ? '--url'
      : `${options.source ?? options.configPath ?? 'config'}: 'url'`
    throw new ConfigError(error.code, `${where}: ${error.message}`, {
      cause: error,
      hint: error.hint,
    })
  }
  return url.trim()
}

/**
 * Apply defaults to a validated config and make its paths absolute (against
 * `rootDir`): `migrations`, `versionPaths` (default `[<migrations>/versions]`)
 * and `models` (globs included; a leading `!` is kept). The URL is checked with
 * `parseUrl`; `options.url` overrides the config's. The result is frozen.
 *
 * @example
 * resolveConfig({ migrations: 'db' }, { rootDir: '/app' })
 * // { configPath: undefined, rootDir: '/app', migrations: '/app/db',
 * //   versionPaths: ['/app/db/versions'], versionTable: 'stratum_version', ... }
 */
export function resolveConfig(
  fullConfig: StratumConfig,
  options: ResolveConfigOptions,
): ResolvedConfig {
  const selected = selectConfig(fullConfig, {
    environment: options.environment,
    database: options.database,
    source: options.environmentSource,
  })
  const config = selected.config
  const rootDir = resolve(options.rootDir)
  const migrations = resolve(rootDir, config.migrations ?? CONFIG_DEFAULTS.migrations)
  const versionPaths = config.versionPaths?.map((path) => resolve(rootDir, path)) ?? [
    resolve(migrations, 'versions'),
  ]
  const models = config.models === undefined ? [] : [config.models].flat()
  return Object.freeze({
    configPath:
      options.configPath === undefined || isAbsolute(options.configPath)
        ? options.configPath
        : resolve(rootDir, options.configPath),
    rootDir,
    url: effectiveUrl(config, options),
    migrations,
    versionPaths: Object.freeze(versionPaths),
    recursiveVersionPaths: config.recursiveVersionPaths ?? CONFIG_DEFAULTS.recursiveVersionPaths,
    fileTemplate: config.fileTemplate ?? CONFIG_DEFAULTS.fileTemplate,
    truncateSlugLength: config.truncateSlugLength ?? CONFIG_DEFAULTS.truncateSlugLength,
    models: Object.freeze(models.map((pattern) => resolvePattern(rootDir, pattern))),
    exclude: Object.freeze([...(config.exclude ?? [])]),
    versionTable: config.versionTable ?? CONFIG_DEFAULTS.versionTable,
    versionTableSchema: config.versionTableSchema,
    transactionPerMigration:
      config.transactionPerMigration ?? CONFIG_DEFAULTS.transactionPerMigration,
    snapshots: config.snapshots ?? false,
    backup: Object.freeze({
      beforeUpgrade: config.backup?.beforeUpgrade ?? false,
      folder: resolve(rootDir, config.backup?.folder ?? resolve(migrations, 'dumps')),
      keep: config.backup?.keep,
    }),
    logging: Object.freeze({
      level: config.logging?.level ?? 'info',
      format: config.logging?.format ?? 'pretty',
      file: config.logging?.file === undefined ? undefined : resolve(rootDir, config.logging.file),
    }),
    hooks: Object.freeze({ ...config.hooks }),
    postWrite: Object.freeze([...(config.postWrite ?? [])]),
    environment: selected.environment,
    protected: selected.protected,
    database: selected.database,
    databases: Object.freeze([...selected.databases]),
  })
}
