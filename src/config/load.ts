import { readFile, stat } from 'node:fs/promises'
import { dirname, extname, isAbsolute, relative, resolve } from 'node:path'
import { ConfigError } from '../errors.js'
import { importModule } from '../script/load-module.js'
import { findConfigFile } from './find-config-file.js'
import { jsonErrorOffset } from './json-error-offset.js'
import { resolveConfig } from './resolve.js'
import type { ResolvedConfig } from './types.js'
import { validateConfig } from './validate.js'

/** Options for `loadConfig`; the CLI passes its global flags here. */
export interface LoadConfigOptions {
  /** Where the upward search starts and what relative `configPath` is resolved against. Default `process.cwd()`. */
  cwd?: string
  /** An explicit config file (`--config PATH`): no search. */
  configPath?: string
  /** A database URL that overrides the config's (`--url URL`). */
  url?: string
  /** Fail when no config file is found (default `true`); `init` passes `false`. */
  required?: boolean
  /** The environment of `environments` to apply. Default: `STRATUM_ENV` of `env`. */
  environment?: string | undefined
  /** The database of `databases` to select (`--db`). */
  database?: string | undefined
  /** Where `STRATUM_ENV` is read from. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>
}

/** How messages name a file: relative to `cwd` when inside it, else absolute. */
function displayPath(file: string, cwd: string): string {
  const shown = relative(cwd, file)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? file : shown
}

/** One line of an error's message, whatever was thrown. */
function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.trim().replace(/\s*\n\s*/g, ' ')
}

/** The line and column (1-based) of `offset` in `text`. */
function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n')
  return [before.length, (before.at(-1)?.length ?? 0) + 1]
}

async function readJsonConfig(file: string, shown: string): Promise<unknown> {
  const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '')
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = messageOf(error)
    const reported = /at position (\d+)/.exec(message)?.[1]
    const offset = jsonErrorOffset(text) ?? (reported === undefined ? undefined : Number(reported))
    const where =
      offset === undefined ? '' : ` at line ${lineAndColumn(text, offset).join(', column ')}`
    // V8's message may quote the text around the error, which could hold a password: keep only the reason.
    const reason = message
      .replace(/,? ".*" is not valid JSON$/, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ \(line \d+ column \d+\)$/, '')
    throw new ConfigError('CONFIG_INVALID', `${shown}: invalid JSON${where}: ${reason}`, {
      cause: error,
    })
  }
}

async function importConfigModule(file: string, shown: string): Promise<unknown> {
  let namespace: Record<string, unknown>
  try {
    // A fresh evaluation each time, so a process (a test, a watcher) sees edits to the config.
    namespace = await importModule(file, { fresh: true })
  } catch (error) {
    throw new ConfigError('CONFIG_LOAD_FAILED', `${shown}: loading failed: ${messageOf(error)}`, {
      cause: error,
    })
  }
  if (!('default' in namespace)) {
    throw new ConfigError('CONFIG_INVALID', `${shown}: has no default export`, {
      hint: 'Write: export default defineConfig({ ... })',
    })
  }
  try {
    return await namespace.default
  } catch (error) {
    throw new ConfigError(
      'CONFIG_LOAD_FAILED',
      `${shown}: the default export's promise rejected: ${messageOf(error)}`,
      { cause: error },
    )
  }
}

async function explicitConfigFile(file: string): Promise<string> {
  const stats = await stat(file).catch(() => undefined)
  if (stats === undefined) {
    throw new ConfigError('CONFIG_NOT_FOUND', `Config file ${file} does not exist`, {
      hint: 'Check the --config path.',
    })
  }
  if (!stats.isFile()) {
    throw new ConfigError('CONFIG_NOT_FOUND', `Config file ${file} is not a file`, {
      hint: 'Pass the path of a stratum.config.ts (or .mts, .js, .mjs, .json) file.',
    })
  }
  return file
}

/**
 * Find, load, validate and resolve the configuration.
 *
 * The config is `options.configPath` when given, else the first of
 * `stratum.config.ts`, `.mts`, `.js`, `.mjs`, `.json` found in `cwd` or a
 * parent folder. TypeScript and JavaScript configs are loaded with jiti (no
 * build step); their default export is the config object or a Promise of it
 * (a function is not called). Inside a config, `import ... from 'stratum'`
 * resolves to the running Stratum. Relative paths resolve against the config
 * file's folder.
 *
 * Throws a `ConfigError`: `CONFIG_NOT_FOUND` (no config, or the explicit file
 * is missing), `CONFIG_LOAD_FAILED` (the module threw), `CONFIG_INVALID` (bad
 * JSON, no default export, a bad field), `URL_INVALID` (the URL does not parse).
 * With `required: false` and no config file, returns the defaults rooted at `cwd`.
 *
 * @example
 * const config = await loadConfig({ cwd: process.cwd(), url: flags.url })
 * config.versionPaths // ['/repo/migrations/versions']
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd())
  const file =
    options.configPath === undefined
      ? await findConfigFile(cwd)
      : await explicitConfigFile(resolve(cwd, options.configPath))
  const environment = options.environment ?? (options.env ?? process.env).STRATUM_ENV
  const selection = {
    environment,
    environmentSource: options.environment === undefined ? 'STRATUM_ENV' : '--env',
    database: options.database,
  }
  if (file === undefined) {
    if (options.required === false) {
      return resolveConfig({}, { rootDir: cwd, url: options.url, ...selection })
    }
    throw new ConfigError(
      'CONFIG_NOT_FOUND',
      `No stratum.config.ts (or .mts, .js, .mjs, .json) found in ${cwd} or any parent folder`,
      { hint: "Run 'stratum init' to create one, or pass --config PATH." },
    )
  }
  const shown = displayPath(file, cwd)
  const value =
    extname(file).toLowerCase() === '.json'
      ? await readJsonConfig(file, shown)
      : await importConfigModule(file, shown)
  const config = validateConfig(value, shown)
  return resolveConfig(config, {
    rootDir: dirname(file),
    configPath: file,
    url: options.url,
    source: shown,
    ...selection,
  })
}
