import { ConfigError } from '../errors.js'
import { CONFIG_DEFAULTS } from './defaults.js'
import { didYouMean } from './did-you-mean.js'
import type { StratumConfig } from './types.js'

/** A config with its environment and database applied, and which ones were chosen. */
export interface SelectedConfig {
  /** The fields in effect (no `environments`; `databases` kept so their names are known). */
  readonly config: StratumConfig
  readonly environment: string | undefined
  readonly protected: boolean
  readonly database: string | undefined
  /** Every database name, in declared order. */
  readonly databases: readonly string[]
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * `base` with `override` laid over it: plain objects merge field by field (so an environment
 * can change `backup.keep` alone), everything else (arrays, values, functions) replaces.
 * Fields set to `undefined` in `override` are ignored.
 *
 * @example
 * mergeConfig({ backup: { beforeUpgrade: true, keep: 5 } }, { backup: { keep: 2 } })
 * // { backup: { beforeUpgrade: true, keep: 2 } }
 */
export function mergeConfig<T extends object>(base: T, override: object): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) }
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue
    const current = result[key]
    result[key] =
      isPlainObject(current) && isPlainObject(value) ? mergeConfig(current, value) : value
  }
  return result as T
}

function unknownName(kind: string, name: string, known: readonly string[], flag: string): never {
  const suggestion = didYouMean(name, known)
  const listed = known.length === 0 ? `no ${kind}s are configured` : `known: ${known.join(', ')}`
  throw new ConfigError(
    'CONFIG_INVALID',
    `${flag}: unknown ${kind} '${name}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; ${listed}`,
    {
      hint: `Declare it under '${kind === 'environment' ? 'environments' : 'databases'}' in the config.`,
    },
  )
}

/**
 * Apply the chosen environment (its overrides, `protected`), then the chosen database of
 * `databases` (its fields over the top level). With one database declared it is chosen
 * without asking; with several and none named, `database` is undefined and the top-level
 * fields stand (the CLI then asks for `--db` or runs each). A database that sets neither
 * `migrations` nor `versionPaths` gets its own folder, `<migrations>/<name>`.
 * Unknown names are `ConfigError`s listing the known ones. `source` names where the
 * environment came from in messages (`--env`, `STRATUM_ENV`).
 *
 * @example
 * selectConfig(config, { environment: 'production', database: 'analytics' })
 */
export function selectConfig(
  config: StratumConfig,
  options: { environment?: string | undefined; database?: string | undefined; source?: string },
): SelectedConfig {
  const { environments = {}, ...rest } = config
  let selected: StratumConfig = rest
  let isProtected = false
  const environment = blankToUndefined(options.environment)
  if (environment !== undefined) {
    const overrides = environments[environment]
    if (overrides === undefined) {
      unknownName('environment', environment, Object.keys(environments), options.source ?? '--env')
    }
    const { protected: protectedFlag, ...fields } = overrides
    isProtected = protectedFlag === true
    selected = mergeConfig(selected, fields)
  }
  const declared = selected.databases ?? {}
  const names = Object.keys(declared)
  let database = blankToUndefined(options.database)
  if (database === undefined && names.length === 1) database = names[0]
  if (database !== undefined) {
    const entry = declared[database]
    if (entry === undefined) unknownName('database', database, names, '--db')
    const ownFolder = entry.migrations === undefined && entry.versionPaths === undefined
    selected = mergeConfig(selected, entry)
    if (ownFolder)
      selected = {
        ...selected,
        migrations: `${selected.migrations ?? CONFIG_DEFAULTS.migrations}/${database}`,
      }
  }
  return { config: selected, environment, protected: isProtected, database, databases: names }
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim()
}
