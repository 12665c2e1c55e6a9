import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection, LockHolder, LockScope } from '../../../src/dialects/dialect.js'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import {
  acquireLock,
  describeHolder,
  type LockQuery,
  lockKey,
  splitLockKey,
} from '../../../src/dialects/postgres/lock.js'
import { LockError, LockTimeoutError } from '../../../src/errors.js'
import { postgresDatabase } from '../../support/databases.js'

const scope: LockScope = { database: 'shop', schema: 'public', versionTable: 'stratum_version' }

describe('lock keys', () => {
  it('hashes the scope into a stable signed 64-bit key', () => {
    const key = lockKey(scope)
    expect(key).toBe(lockKey({ ...scope }))
    expect(key).toBeGreaterThanOrEqual(-(2n ** 63n))
    expect(key).toBeLessThan(2n ** 63n)
    // sha256('stratum:shop:public:stratum_version') starts a1be9d4de6fa6a61: as a signed bigint:
    expect(key).toBe(-6791818230114915743n)
  })

  it('differs per database, schema and version table', () => {
    const keys = new Set([
      lockKey(scope),
      lockKey({ ...scope, database: 'other' }),
      lockKey({ ...scope, schema: 'billing' }),
      lockKey({ ...scope, schema: undefined }),
      lockKey({ ...scope, versionTable: 'alembic_version' }),
    ])
    expect(keys.size).toBe(5)
  })

  it('splits a key the way pg_locks shows it', () => {
    expect(splitLockKey(1n)).toEqual({ classid: 0, objid: 1 })
    expect(splitLockKey(2n ** 32n + 5n)).toEqual({ classid: 1, objid: 5 })
    expect(splitLockKey(-1n)).toEqual({ classid: 4294967295, objid: 4294967295 })
    expect(splitLockKey(-(2n ** 63n))).toEqual({ classid: 2147483648, objid: 0 })
  })

  it('describes a holder in one line', () => {
    const since = new Date('2024-05-01T10:00:00Z')
    expect(
      describeHolder({ pid: 42, user: 'deploy', host: '10.0.0.7', application: 'stratum', since }),
    ).toBe(
      'pid 42 (user deploy, host 10.0.0.7, application stratum, since 2024-05-01T10:00:00.000Z)',
    )
    expect(describeHolder({ pid: 7 })).toBe('pid 7')
    expect(describeHolder(undefined)).toBe('another session')
  })
})

describe('lock back-off', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  /** A lock that is always taken by pid 99, on a clock the sleeps advance. */
  function busyLock() {
    vi.useFakeTimers({ toFake: ['Date'] })
    const sleeps: number[] = []
    let attempts = 0
    const query: LockQuery = async (sql) => {
      if (sql.includes('pg_try_advisory_lock')) {
        attempts++
        return { rows: [{ locked: false }], affectedRows: 0 }
      }
      return { rows: [{ pid: 99, usename: 'other' }], affectedRows: 0 }
    }
    const sleep = async (ms: number) => {
      sleeps.push(ms)
      vi.setSystemTime(Date.now() + ms)
    }
    return { query, sleep, sleeps, attempts: () => attempts }
  }

  it('doubles the pause from 20 ms up to 500 ms, with jitter, until the timeout', async () => {
    const lock = busyLock()
    const waits: (LockHolder | undefined)[] = []
    const error = await acquireLock(lock.query, {
      scope,
      timeoutMs: 3000,
      sleep: lock.sleep,
      random: () => 1,
      onWait: (holder) => waits.push(holder),
    }).catch((caught: unknown) => caught)
    expect(lock.sleeps.slice(0, 8)).toEqual([20, 40, 80, 160, 320, 500, 500, 500])
    expect(lock.sleeps.reduce((sum, ms) => sum + ms, 0)).toBe(3000)
    expect(lock.attempts()).toBe(lock.sleeps.length + 1)
    expect(waits).toHaveLength(lock.sleeps.length)
    expect(waits[0]).toEqual({ pid: 99, user: 'other' })
    expect(error).toBeInstanceOf(LockTimeoutError)
    expect(error).toBeInstanceOf(LockError)
    expect((error as LockTimeoutError).code).toBe('LOCK_TIMEOUT')
    expect((error as LockTimeoutError).holder).toEqual({ pid: 99, user: 'other' })
    expect((error as Error).message).toBe(
      "Timed out after 3000 ms waiting for the migration lock on public.stratum_version in database 'shop'; it is held by pid 99 (user other)",
    )
    expect((error as LockTimeoutError).hint).toContain('pg_terminate_backend(99)')
  })

  it('jitters each pause between half and all of the back-off', async () => {
    const lock = busyLock()
    await acquireLock(lock.query, {
      scope,
      timeoutMs: 200,
      sleep: lock.sleep,
      random: () => 0,
    }).catch(() => {})
    expect(lock.sleeps.slice(0, 4)).toEqual([10, 20, 40, 80])
  })

  it('tries once with a zero timeout', async () => {
    const lock = busyLock()
    await expect(
      acquireLock(lock.query, { scope, timeoutMs: 0, sleep: lock.sleep }),
    ).rejects.toThrow(LockTimeoutError)
    expect(lock.attempts()).toBe(1)
    expect(lock.sleeps).toEqual([])
  })
})

const server = await postgresDatabase('pg_lock')
afterAll(() => server.drop())

describe.skipIf(!server.available)('advisory lock on a PostgreSQL server', () => {
  let first: DialectConnection
  let second: DialectConnection
  let firstPid: number
  const shared: LockScope = { database: server.name, schema: undefined, versionTable: 'v' }

  beforeAll(async () => {
    first = await postgresDialect.connect(parseUrl(server.url))
    second = await postgresDialect.connect(parseUrl(server.url))
    firstPid = (await first.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid as number
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
  })

  it('makes a second session time out, naming the first one', async () => {
    await first.acquireLock({ scope: shared, timeoutMs: 1000 })
    const waits: (LockHolder | undefined)[] = []
    const started = Date.now()
    const error = await second
      .acquireLock({ scope: shared, timeoutMs: 300, onWait: (holder) => waits.push(holder) })
      .catch((caught: unknown) => caught)
    const elapsed = Date.now() - started
    expect(error).toBeInstanceOf(LockTimeoutError)
    expect((error as LockTimeoutError).code).toBe('LOCK_TIMEOUT')
    expect((error as Error).message).toContain(`held by pid ${firstPid} (user postgres`)
    expect((error as Error).message).toContain('application stratum')
    expect((error as LockTimeoutError).holder).toMatchObject({
      pid: firstPid,
      user: 'postgres',
      host: '127.0.0.1',
      application: 'stratum',
    })
    expect((error as LockTimeoutError).holder?.since).toBeInstanceOf(Date)
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(300 + 400)
    expect(waits.length).toBeGreaterThan(2)
    expect(waits[0]?.pid).toBe(firstPid)
  })

  it('treats an unset schema as the default schema', async () => {
    const explicit = { ...shared, schema: 'public' }
    expect((await second.lockHolder(explicit))?.pid).toBe(firstPid)
    await expect(second.acquireLock({ scope: explicit, timeoutMs: 0 })).rejects.toThrow(
      LockTimeoutError,
    )
  })

  it('does not block a different scope', async () => {
    const other = { ...shared, versionTable: 'other_version' }
    const started = Date.now()
    await second.acquireLock({ scope: other, timeoutMs: 1000 })
    expect(Date.now() - started).toBeLessThan(200)
    expect((await first.lockHolder(other))?.pid).not.toBe(firstPid)
    await second.releaseLock(other)
    expect(await first.lockHolder(other)).toBeUndefined()
  })

  it('lets the waiting session in once the holder releases', async () => {
    const waiting = second.acquireLock({ scope: shared, timeoutMs: 5000 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const released = Date.now()
    await first.releaseLock(shared)
    await waiting
    expect(Date.now() - released).toBeLessThan(700)
    const secondPid = (await second.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid
    expect((await first.lockHolder(shared))?.pid).toBe(secondPid)
    await second.releaseLock(shared)
    expect(await first.lockHolder(shared)).toBeUndefined()
  })

  it('finds the holder by the key split as pg_locks stores it, for keys of either sign', async () => {
    const scopes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((versionTable) => ({
      ...shared,
      schema: 'public',
      versionTable,
    }))
    expect(new Set(scopes.map((each) => lockKey(each) < 0n)).size).toBe(2)
    for (const each of scopes) {
      await first.acquireLock({ scope: each, timeoutMs: 0 })
      expect((await second.lockHolder(each))?.pid).toBe(firstPid)
      await first.releaseLock(each)
    }
  })

  it('dies with the session that holds it', async () => {
    const third = await postgresDialect.connect(parseUrl(server.url))
    await third.acquireLock({ scope: shared, timeoutMs: 0 })
    expect(await first.lockHolder(shared)).toBeDefined()
    await third.close()
    await first.acquireLock({ scope: shared, timeoutMs: 2000 })
    await first.releaseLock(shared)
  })
})

describe('advisory lock on PGlite', () => {
  it('is taken, reported and released on the one in-process session', async () => {
    const db = await postgresDialect.connect(parseUrl('pglite:memory:'))
    try {
      const local: LockScope = { database: 'memory', schema: undefined, versionTable: 'v' }
      expect(await db.lockHolder(local)).toBeUndefined()
      await db.acquireLock({ scope: local, timeoutMs: 0 })
      const holder = await db.lockHolder(local)
      expect(holder?.pid).toBe((await db.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid)
      await db.releaseLock(local)
      expect(await db.lockHolder(local)).toBeUndefined()
    } finally {
      await db.close()
    }
  }, 20_000)
})
