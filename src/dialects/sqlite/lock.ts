/**
 * The migration lock on SQLite. For a database file, the lock is a sidecar SQLite
 * database, `<file>.stratum-lock` (plus `-<versionTable>` for a version table other
 * than `stratum_version`), held with `BEGIN EXCLUSIVE`: the operating system's file
 * lock works across processes and dies with its process, so a run killed with
 * `kill -9` never leaves the lock behind, and no stale-lock clean-up is needed. The
 * lock lives in its own file so that holding it for a whole run does not block the
 * run's own transactions on the database. The sidecar files stay in place: deleting a
 * lock file while another process waits on it would let two processes hold it.
 *
 * An in-memory database is visible only to its own connection, so its lock is a mutex
 * kept by that connection.
 */
import { existsSync, realpathSync } from 'node:fs'
import { LockError, LockTimeoutError } from '../../errors.js'
import type { AcquireLockOptions, LockHolder, LockScope } from '../dialect.js'
import type { DriverConstructor, DriverDatabase } from './driver.js'
import {
  currentHolder,
  describeHolder,
  readHolder,
  removeHolder,
  writeHolder,
} from './lock-holder.js'

const DEFAULT_VERSION_TABLE = 'stratum_version'
const FIRST_DELAY_MS = 20
const MAX_DELAY_MS = 500

interface HeldLock {
  readonly holder: LockHolder
  /** The sidecar connection holding BEGIN EXCLUSIVE (file databases). */
  readonly sidecar?: DriverDatabase
  readonly recordPath?: string
}

interface Attempt {
  /** Takes the lock if free; false when someone holds it. */
  tryTake(): boolean
  /** The current holder, for messages. */
  holder(): LockHolder | undefined
  /** Gives up (closes what tryTake opened). */
  abandon(): void
}

/**
 * The locks of one connection: `path` is the database file (absolute) or `:memory:`.
 *
 * @example
 * const locks = new SqliteLocks({ path: '/srv/app.db', Database })
 * await locks.acquire({ scope, timeoutMs: 10_000 })
 * await locks.release(scope)
 */
export class SqliteLocks {
  readonly #held = new Map<string, HeldLock>()
  readonly #path: string
  readonly #Database: DriverConstructor

  constructor(options: { readonly path: string; readonly Database: DriverConstructor }) {
    this.#path = options.path
    this.#Database = options.Database
  }

  /** Try-lock with jittered back-off until `timeoutMs`; LockTimeoutError naming the holder after. */
  async acquire(options: AcquireLockOptions): Promise<void> {
    const key = scopeKey(options.scope)
    const attempt =
      this.#path === ':memory:' ? this.#memoryAttempt(key) : this.#fileAttempt(options.scope)
    const deadline = Date.now() + Math.max(0, options.timeoutMs)
    for (let round = 0; ; round++) {
      if (attempt.tryTake()) return
      const holder = attempt.holder()
      const remaining = deadline - Date.now()
      if (remaining <= 0) {
        attempt.abandon()
        throw new LockTimeoutError(
          `Timed out after ${options.timeoutMs} ms waiting for the migration lock of ${this.#describe()}: held by ${describeHolder(holder)}`,
          {
            holder,
            timeoutMs: options.timeoutMs,
            hint: 'Another run is migrating this database: wait for it, or give a longer --lock-timeout. A run that dies releases the lock at once.',
          },
        )
      }
      options.onWait?.(holder)
      const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** round)
      await sleep(Math.min(remaining, delay / 2 + Math.random() * (delay / 2)))
    }
  }

  /** Releases the lock of `scope` if this connection holds it. */
  async release(scope: LockScope): Promise<void> {
    this.#release(scopeKey(scope))
  }

  /** Releases every lock (when the connection closes). */
  async releaseAll(): Promise<void> {
    for (const key of [...this.#held.keys()]) this.#release(key)
  }

  #release(key: string): void {
    const held = this.#held.get(key)
    if (!held) return
    this.#held.delete(key)
    if (held.recordPath) removeHolder(held.recordPath)
    if (held.sidecar?.open) {
      try {
        if (held.sidecar.inTransaction) held.sidecar.exec('ROLLBACK')
      } finally {
        held.sidecar.close()
      }
    }
  }

  /** The holder of the lock of `scope`, or undefined when it is free. */
  async holder(scope: LockScope): Promise<LockHolder | undefined> {
    const held = this.#held.get(scopeKey(scope))
    if (held) return held.holder
    if (this.#path === ':memory:') return undefined
    const lockPath = this.lockPath(scope)
    if (!existsSync(lockPath)) return undefined
    let probe: DriverDatabase | undefined
    try {
      probe = new this.#Database(lockPath, { fileMustExist: true, timeout: 0 })
      // Reading needs a shared lock, which the holder's exclusive lock refuses.
      probe.prepare('SELECT count(*) FROM sqlite_master').get()
      return undefined
    } catch (error) {
      if (!isBusy(error)) throw lockFailed(lockPath, error)
      return readHolder(`${lockPath}.json`) ?? {}
    } finally {
      probe?.close()
    }
  }

  /** The sidecar lock file for `scope`. */
  lockPath(scope: LockScope): string {
    const real = existsSync(this.#path) ? realpathSync(this.#path) : this.#path
    let suffix = ''
    if (scope.schema !== undefined && scope.schema !== 'main') suffix += `-${encode(scope.schema)}.`
    if (scope.versionTable !== DEFAULT_VERSION_TABLE || suffix !== '') {
      suffix = `${suffix === '' ? '-' : suffix}${encode(scope.versionTable)}`
    }
    return `${real}.stratum-lock${suffix}`
  }

  #describe(): string {
    return this.#path === ':memory:' ? 'the in-memory database' : this.#path
  }

  #memoryAttempt(key: string): Attempt {
    return {
      tryTake: () => {
        if (this.#held.has(key)) return false
        this.#held.set(key, { holder: currentHolder() })
        return true
      },
      holder: () => this.#held.get(key)?.holder,
      abandon: () => {},
    }
  }

  #fileAttempt(scope: LockScope): Attempt {
    const key = scopeKey(scope)
    const lockPath = this.lockPath(scope)
    const recordPath = `${lockPath}.json`
    let sidecar: DriverDatabase | undefined
    return {
      tryTake: () => {
        try {
          sidecar ??= new this.#Database(lockPath, { timeout: 0 })
          sidecar.exec('BEGIN EXCLUSIVE')
        } catch (error) {
          if (isBusy(error)) return false
          sidecar?.close()
          throw lockFailed(lockPath, error)
        }
        const holder = currentHolder()
        writeHolder(recordPath, holder)
        this.#held.set(key, { holder, sidecar, recordPath })
        return true
      },
      holder: () => readHolder(recordPath),
      abandon: () => sidecar?.close(),
    }
  }
}

function scopeKey(scope: LockScope): string {
  return JSON.stringify([scope.schema ?? null, scope.versionTable])
}

/** Characters other than letters, digits, `_`, `.` and `-` as %XX, so any name makes a file name. */
function encode(name: string): string {
  return [...Buffer.from(name, 'utf8')]
    .map((byte) => {
      const character = String.fromCharCode(byte)
      return /[A-Za-z0-9_.-]/.test(character)
        ? character
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    })
    .join('')
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

function lockFailed(lockPath: string, error: unknown): LockError {
  return new LockError(
    'LOCK_FAILED',
    `Cannot use the lock file ${lockPath}: ${(error as Error).message}`,
    {
      cause: error,
      hint: 'Stratum needs to create and write that file next to the database.',
    },
  )
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
