/**
 * The record a lock holder leaves next to its lock: `<lock file>.json` with pid, host,
 * user and start time. The operating system's file lock decides who holds the lock;
 * this record only says who that is, for `status` and timeout messages.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import type { LockHolder } from '../dialect.js'

/** The holder record of this process, stamped now. */
export function currentHolder(): LockHolder {
  let user: string | undefined
  try {
    user = userInfo().username
  } catch {
    // Some containers run as a user without a passwd entry.
  }
  return {
    pid: process.pid,
    host: hostname(),
    ...(user === undefined ? {} : { user }),
    since: new Date(),
    application: 'stratum',
  }
}

/** Writes the record atomically (write a temporary file, then rename); best effort. */
export function writeHolder(path: string, holder: LockHolder): void {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  try {
    writeFileSync(
      temporary,
      `${JSON.stringify({ ...holder, since: holder.since?.toISOString() })}\n`,
    )
    renameSync(temporary, path)
  } catch {
    rmSync(temporary, { force: true })
  }
}

/** Removes the record; best effort. */
export function removeHolder(path: string): void {
  try {
    rmSync(path, { force: true })
  } catch {
    // A record left behind is harmless: it is only read while the lock is held.
  }
}

/** Reads the record, or undefined when there is none or it is unreadable. */
export function readHolder(path: string): LockHolder | undefined {
  let data: Record<string, unknown>
  try {
    data = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
  } catch {
    return undefined
  }
  if (typeof data !== 'object' || data === null) return undefined
  const holder: { -readonly [K in keyof LockHolder]: LockHolder[K] } = {}
  if (typeof data.pid === 'number' || typeof data.pid === 'string') holder.pid = data.pid
  if (typeof data.host === 'string') holder.host = data.host
  if (typeof data.user === 'string') holder.user = data.user
  if (typeof data.application === 'string') holder.application = data.application
  if (typeof data.since === 'string' && !Number.isNaN(Date.parse(data.since))) {
    holder.since = new Date(data.since)
  }
  return holder
}

/**
 * Whether the record names a process on this host that no longer exists. The lock is
 * then held by someone who did not (yet) write a record.
 */
export function isStale(holder: LockHolder): boolean {
  if (holder.host !== hostname() || typeof holder.pid !== 'number') return false
  try {
    process.kill(holder.pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** "pid 123 on host db1 (user app) since 2026-01-02T03:04:05.000Z". */
export function describeHolder(holder: LockHolder | undefined): string {
  if (!holder || Object.keys(holder).length === 0) return 'another process (it left no record)'
  const parts: string[] = []
  if (holder.pid !== undefined) parts.push(`pid ${holder.pid}`)
  if (holder.host !== undefined) parts.push(`on host ${holder.host}`)
  if (holder.user !== undefined) parts.push(`(user ${holder.user})`)
  if (holder.since !== undefined) parts.push(`since ${holder.since.toISOString()}`)
  const text = parts.join(' ')
  return isStale(holder)
    ? `${text}; that process no longer runs, so the record is stale and another process holds the lock`
    : text
}
