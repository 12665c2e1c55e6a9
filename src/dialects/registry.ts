/**
 * The dialect registry: an explicit map from a URL's dialect name to the `Dialect` that
 * speaks it. The built-in dialects are loaded lazily (a dynamic import on first use), so
 * commands that never connect do not pay for loading database code. Users add their own
 * dialects, or replace a built-in one, with `registerDialect`.
 */
import type { DatabaseUrl } from '../config/url.js'
import { ConfigError } from '../errors.js'
import type { Dialect } from './dialect.js'

/** Produces a dialect on first use (a dynamic import, typically). */
export type DialectLoader = () => Promise<Dialect>

const BUILT_IN: Readonly<Record<string, DialectLoader>> = {
  postgres: async () => (await import('./postgres/index.js')).postgresDialect,
  // PGlite speaks PostgreSQL: the postgres dialect connects to it in process for `pglite:` URLs.
  pglite: async () => (await import('./postgres/index.js')).postgresDialect,
  mysql: async () => (await import('./mysql/index.js')).mysqlDialect,
  sqlite: async () => (await import('./sqlite/index.js')).sqliteDialect,
}

const registered = new Map<string, Dialect | DialectLoader>(Object.entries(BUILT_IN))
const loaded = new Map<string, Promise<Dialect>>()

/**
 * Registers a dialect under a name (a `DatabaseUrl.dialect`), replacing any dialect of that
 * name, the built-in ones included. Pass the dialect itself, or a function that loads it
 * on first use.
 *
 * @example
 * registerDialect('postgres', myInstrumentedPostgresDialect)
 * registerDialect('cockroach', async () => (await import('./cockroach.js')).cockroachDialect)
 */
export function registerDialect(name: string, dialect: Dialect | DialectLoader): void {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new ConfigError('DIALECT_NAME_INVALID', 'A dialect needs a non-empty name')
  }
  registered.set(name, dialect)
  loaded.delete(name)
}

/** The names dialects are registered under, sorted. */
export function registeredDialects(): string[] {
  return [...registered.keys()].sort()
}

/**
 * The dialect for a parsed database URL (`postgres` and `pglite` give the PostgreSQL
 * dialect, `mysql` MySQL/MariaDB, `sqlite` SQLite, or whatever was registered). Throws a
 * `ConfigError` with code `DIALECT_UNKNOWN` naming the registered dialects.
 *
 * @example
 * const dialect = await dialectFor(parseUrl('sqlite:app.db'))
 * dialect.name // 'sqlite'
 */
export async function dialectFor(
  url: Pick<DatabaseUrl, 'dialect'> | { dialect: string },
): Promise<Dialect> {
  const name = url.dialect
  const cached = loaded.get(name)
  if (cached !== undefined) return cached
  const entry = registered.get(name)
  if (entry === undefined) {
    throw new ConfigError(
      'DIALECT_UNKNOWN',
      `No dialect is registered for '${name}' (registered: ${registeredDialects().join(', ')})`,
      { hint: 'Register one with registerDialect(name, dialect).' },
    )
  }
  const promise = typeof entry === 'function' ? entry() : Promise.resolve(entry)
  loaded.set(name, promise)
  try {
    return await promise
  } catch (error) {
    // A failed load (a syntax error in a user dialect...) is retried next time.
    if (loaded.get(name) === promise) loaded.delete(name)
    throw error
  }
}
