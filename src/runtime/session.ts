/**
 * The migration lock around a piece of work: taken on the run's one connection before any
 * table is read or created, released at the end (also after a failure).
 */
import { resolve } from 'node:path'
import type { DatabaseUrl } from '../config/url.js'
import type { DialectConnection, LockScope } from '../dialects/dialect.js'
import type { MigratorEventEmitter } from './events.js'
import type { StateTables } from './tables.js'

/** How long a run waits for the lock by default: 5 minutes. */
export const DEFAULT_LOCK_TIMEOUT_MS = 300_000

/**
 * What the lock protects: the database (its name, or the file's absolute path), the schema
 * and the version table.
 *
 * @example
 * lockScopeFor(parseUrl('sqlite:app.db'), tables) // { database: '/srv/app/app.db', schema: undefined, versionTable: 'stratum_version' }
 */
export function lockScopeFor(url: DatabaseUrl, tables: StateTables): LockScope {
  const file = url.path === undefined || url.path === ':memory:' ? url.path : resolve(url.path)
  return {
    database: url.database ?? file ?? url.user ?? '',
    schema: tables.version.schema,
    versionTable: tables.version.table,
  }
}

/** Options of {@link withLock}. */
export interface WithLockOptions {
  readonly connection: DialectConnection
  readonly scope: LockScope
  readonly timeoutMs: number
  readonly events?: MigratorEventEmitter | undefined
}

/**
 * Runs `work` holding the migration lock; releases it afterwards (a release that fails
 * because the connection died is ignored: the lock died with it).
 *
 * @example
 * await withLock({ connection, scope, timeoutMs: 60_000 }, async () => { ... })
 */
export async function withLock<T>(options: WithLockOptions, work: () => Promise<T>): Promise<T> {
  const { connection, scope } = options
  await connection.acquireLock({
    scope,
    timeoutMs: options.timeoutMs,
    onWait: (holder) => options.events?.emit('lock:wait', { holder }),
  })
  try {
    return await work()
  } finally {
    await connection.releaseLock(scope).catch(() => {})
  }
}
