/**
 * The migration lock on PostgreSQL: a session-level advisory lock, taken with
 * `pg_try_advisory_lock` and jittered back-off. A blocking `pg_advisory_lock` could
 * deadlock against `CREATE INDEX CONCURRENTLY`, which waits for every open transaction,
 * including one waiting on this lock; trying and sleeping never holds a transaction open.
 */
import { createHash } from 'node:crypto'
import { LockTimeoutError } from '../../errors.js'
import type { AcquireLockOptions, LockHolder, LockScope, QueryResult } from '../dialect.js'

/** Runs one statement on the connection that holds (or wants) the lock. */
export type LockQuery = (sql: string, parameters: readonly unknown[]) => Promise<QueryResult>

/** First and longest pause between attempts (milliseconds). */
export const BACKOFF = { initialMs: 20, maxMs: 500 } as const

/**
 * The lock key for a scope: the first 8 bytes of the SHA-256 of
 * `stratum:<database>:<schema>:<versionTable>`, as a signed 64-bit integer (the range of
 * PostgreSQL's `bigint` advisory keys). Stable across processes and versions.
 *
 * @example
 * lockKey({ database: 'shop', schema: 'public', versionTable: 'stratum_version' }) // -6044...n
 */
export function lockKey(scope: LockScope): bigint {
  const text = `stratum:${scope.database}:${scope.schema ?? ''}:${scope.versionTable}`
  return createHash('sha256').update(text, 'utf8').digest().readBigInt64BE(0)
}

/**
 * How `pg_locks` shows a `bigint` advisory key: the high 32 bits in `classid`, the low
 * 32 bits in `objid` (both unsigned), `objsubid` 1.
 *
 * @example
 * splitLockKey(-1n) // { classid: 4294967295, objid: 4294967295 }
 */
export function splitLockKey(key: bigint): { classid: number; objid: number } {
  const unsigned = BigInt.asUintN(64, key)
  return { classid: Number(unsigned >> 32n), objid: Number(unsigned & 0xffffffffn) }
}

const HOLDER_SQL = `SELECT a.pid, a.usename, a.application_name, a.client_hostname,
  host(a.client_addr) AS client_addr, a.backend_start, a.state_change, l.pid AS lock_pid
FROM pg_catalog.pg_locks l
LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
  AND l.classid = $1::bigint::oid AND l.objid = $2::bigint::oid
  AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
LIMIT 1`

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function date(value: unknown): Date | undefined {
  if (value instanceof Date) return value
  if (typeof value === 'string' && value !== '') return new Date(value)
  return undefined
}

/**
 * Who holds the advisory lock `key` in the current database, from `pg_locks` joined
 * with `pg_stat_activity`; undefined when nobody does.
 *
 * @example
 * await lockHolder(query, lockKey(scope)) // { pid: 4242, user: 'deploy', host: '10.0.0.7', ... }
 */
export async function lockHolder(query: LockQuery, key: bigint): Promise<LockHolder | undefined> {
  const { classid, objid } = splitLockKey(key)
  const { rows } = await query(HOLDER_SQL, [String(classid), String(objid)])
  const row = rows[0]
  if (!row) return undefined
  const holder: { -readonly [K in keyof LockHolder]: LockHolder[K] } = {}
  const pid = row.pid ?? row.lock_pid
  if (typeof pid === 'number' || typeof pid === 'string') holder.pid = pid
  const host = text(row.client_hostname) ?? text(row.client_addr)
  if (host) holder.host = host
  const user = text(row.usename)
  if (user) holder.user = user
  const application = text(row.application_name)
  if (application) holder.application = application
  const since = date(row.backend_start) ?? date(row.state_change)
  if (since) holder.since = since
  return holder
}

/**
 * One line about a holder: `pid 4242 (user deploy, host 10.0.0.7, application stratum,
 * since 2024-05-01T10:00:00.000Z)`.
 *
 * @example
 * describeHolder({ pid: 7, user: 'app' }) // 'pid 7 (user app)'
 */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'another session'
  const details = [
    holder.user && `user ${holder.user}`,
    holder.host && `host ${holder.host}`,
    holder.application && `application ${holder.application}`,
    holder.since && `since ${holder.since.toISOString()}`,
  ].filter(Boolean)
  const who = holder.pid === undefined ? 'another session' : `pid ${holder.pid}`
  return details.length > 0 ? `${who} (${details.join(', ')})` : who
}

/** Tries once; true when the lock is now held by this session. */
export async function tryLock(query: LockQuery, key: bigint): Promise<boolean> {
  const { rows } = await query('SELECT pg_try_advisory_lock($1::bigint) AS locked', [String(key)])
  return rows[0]?.locked === true
}

/** Releases one hold of the lock (session locks stack: one release per acquire). */
export async function unlock(query: LockQuery, key: bigint): Promise<void> {
  await query('SELECT pg_advisory_unlock($1::bigint) AS unlocked', [String(key)])
}

export interface AcquireOptions extends AcquireLockOptions {
  /** The scope with its schema resolved (names the lock in messages). */
  readonly scope: LockScope
  /** For tests: how to wait, and the source of jitter. */
  readonly sleep?: (ms: number) => Promise<void>
  readonly random?: () => number
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Tries the lock until it is free or `timeoutMs` has passed, sleeping between attempts
 * with exponential back-off (20 ms doubling up to 500 ms) and jitter, so that waiting
 * processes do not retry in step. Throws a `LockTimeoutError` naming the holder.
 *
 * @example
 * await acquireLock(query, { scope, timeoutMs: 60_000, onWait: (h) => log(describeHolder(h)) })
 */
export async function acquireLock(query: LockQuery, options: AcquireOptions): Promise<void> {
  const key = lockKey(options.scope)
  const sleep = options.sleep ?? wait
  const random = options.random ?? Math.random
  const deadline = Date.now() + Math.max(0, options.timeoutMs)
  let delay: number = BACKOFF.initialMs
  for (;;) {
    if (await tryLock(query, key)) return
    const holder = await lockHolder(query, key)
    const remaining = deadline - Date.now()
    if (remaining <= 0) {
      const { database, schema, versionTable } = options.scope
      const where = `${schema ? `${schema}.` : ''}${versionTable} in database '${database}'`
      throw new LockTimeoutError(
        `Timed out after ${options.timeoutMs} ms waiting for the migration lock on ${where}; it is held by ${describeHolder(holder)}`,
        {
          holder,
          timeoutMs: options.timeoutMs,
          hint:
            holder?.pid === undefined
              ? 'Another migration is running: wait for it, or raise --lock-timeout.'
              : `Another migration is running: wait for it, raise --lock-timeout, or end that session (SELECT pg_terminate_backend(${holder.pid})).`,
        },
      )
    }
    options.onWait?.(holder)
    const jittered = delay / 2 + (random() * delay) / 2
    await sleep(Math.max(1, Math.min(jittered, remaining)))
    delay = Math.min(delay * 2, BACKOFF.maxMs)
  }
}
