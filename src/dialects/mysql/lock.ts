/**
 * The migration lock: a MySQL user-level lock (`GET_LOCK`), held by the connection
 * and released when it ends, so a killed run cannot leave it behind. Taken with a
 * try-lock and jittered back-off rather than a blocking wait, so that the caller keeps
 * control of the timeout and can report who holds it.
 */
import { createHash } from 'node:crypto'
import { LockError } from '../../errors.js'
import type { AcquireLockOptions, LockHolder, LockScope, QueryResult } from '../dialect.js'

/** What the lock functions need of a connection. */
export interface LockConnection {
  query(sql: string, parameters?: readonly unknown[]): Promise<QueryResult>
}

const MAX_LOCK_NAME = 64
const FIRST_DELAY_MS = 20
const MAX_DELAY_MS = 500

/**
 * The lock's name: `stratum:` and the SHA-256 of database, schema and version table,
 * cut to MySQL's 64 characters. A MySQL schema is a database, so no schema means the
 * database itself.
 *
 * @example
 * lockName({ database: 'shop', schema: undefined, versionTable: 'stratum_version' })
 * // 'stratum:5d1c...' (64 characters)
 */
export function lockName(scope: LockScope): string {
  const key = `${scope.database}:${scope.schema ?? scope.database}:${scope.versionTable}`
  return `stratum:${createHash('sha256').update(key).digest('hex')}`.slice(0, MAX_LOCK_NAME)
}

const HOLDER_QUERY = `SELECT l.pid AS pid, p.USER AS user, p.HOST AS host, p.TIME AS time
FROM (SELECT IS_USED_LOCK(?) AS pid) l
LEFT JOIN information_schema.PROCESSLIST p ON p.ID = l.pid`

/**
 * Who holds the lock: the connection id, and where the server shows it (PROCESSLIST
 * needs the PROCESS privilege for other users' sessions) its user, host, and `since`:
 * when that session's current state began (MySQL keeps no time for a lock itself).
 */
export async function lockHolder(
  connection: LockConnection,
  scope: LockScope,
): Promise<LockHolder | undefined> {
  const { rows } = await connection.query(HOLDER_QUERY, [lockName(scope)])
  const row = rows[0]
  if (!row || row.pid === null || row.pid === undefined) return undefined
  const holder: { -readonly [K in keyof LockHolder]: LockHolder[K] } = { pid: Number(row.pid) }
  if (typeof row.user === 'string') holder.user = row.user
  if (typeof row.host === 'string') holder.host = row.host
  if (row.time !== null && row.time !== undefined) {
    holder.since = new Date(Date.now() - Number(row.time) * 1000)
  }
  return holder
}

/** "connection 42 (app@10.0.0.5:51234, since 2026-01-02T03:04:05.000Z)" */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder) return 'another session'
  const details = [
    holder.user !== undefined ? `${holder.user}@${holder.host ?? '?'}` : undefined,
    holder.since ? `since ${holder.since.toISOString()}` : undefined,
  ].filter((detail) => detail !== undefined)
  return `connection ${holder.pid}${details.length > 0 ? ` (${details.join(', ')})` : ''}`
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** 20 ms doubling to 500 ms, each delay jittered down by up to half. */
const backoff = (attempt: number) =>
  Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** attempt) * (0.5 + Math.random() / 2)

/**
 * Takes the lock with `GET_LOCK(name, 0)`, retrying with jittered back-off until
 * `timeoutMs`; then throws LockError `LOCK_TIMEOUT` naming the holder.
 *
 * @example
 * await acquireLock(connection, { scope, timeoutMs: 30_000, onWait: (holder) => log(holder) })
 */
export async function acquireLock(
  connection: LockConnection,
  options: AcquireLockOptions,
): Promise<void> {
  const { scope, timeoutMs } = options
  const name = lockName(scope)
  const deadline = Date.now() + timeoutMs
  for (let attempt = 0; ; attempt += 1) {
    const { rows } = await connection.query('SELECT GET_LOCK(?, 0) AS acquired', [name])
    const acquired = rows[0]?.acquired
    if (acquired === 1 || acquired === '1') return
    if (acquired === null || acquired === undefined) {
      throw new LockError('LOCK_FAILED', `GET_LOCK failed for the migration lock '${name}'`)
    }
    const holder = await lockHolder(connection, scope)
    const remaining = deadline - Date.now()
    if (remaining <= 0) {
      const target = `${scope.schema ?? scope.database}.${scope.versionTable}`
      throw new LockError(
        'LOCK_TIMEOUT',
        `Timed out after ${timeoutMs} ms waiting for the migration lock on ${target}, held by ${describeHolder(holder)}`,
        {
          hint: 'Another Stratum run holds it: wait for it, raise --lock-timeout, or end that session (KILL <connection id>) if it is stuck.',
        },
      )
    }
    options.onWait?.(holder)
    await sleep(Math.min(remaining, backoff(attempt)))
  }
}

/** Releases the lock with `RELEASE_LOCK`; releasing a lock this connection does not hold does nothing. */
export async function releaseLock(connection: LockConnection, scope: LockScope): Promise<void> {
  await connection.query('SELECT RELEASE_LOCK(?) AS released', [lockName(scope)])
}
