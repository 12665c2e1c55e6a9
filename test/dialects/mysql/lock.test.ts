/** The GET_LOCK migration lock between two connections. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection, LockHolder, LockScope } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import { lockName } from '../../../src/dialects/mysql/lock.js'
import { LockError } from '../../../src/errors.js'
import { mysqlDatabase } from '../../support/databases.js'

const db = await mysqlDatabase('mysql_lock')

describe('lockName', () => {
  it('is stratum: and a hash, 64 characters, one per scope', () => {
    const scope = { database: 'shop', schema: undefined, versionTable: 'stratum_version' }
    const name = lockName(scope)
    expect(name).toMatch(/^stratum:[0-9a-f]{56}$/)
    expect(lockName({ ...scope, schema: 'shop' })).toBe(name)
    expect(lockName({ ...scope, versionTable: 'other' })).not.toBe(name)
    expect(lockName({ ...scope, database: 'shop2' })).not.toBe(name)
  })
})

describe.skipIf(!db.available)('mysql lock', () => {
  let first: DialectConnection
  let second: DialectConnection
  let firstId: number
  const scope: LockScope = { database: db.name, schema: undefined, versionTable: 'stratum_version' }

  beforeAll(async () => {
    first = await mysqlDialect.connect(parseUrl(db.url))
    second = await mysqlDialect.connect(parseUrl(db.url))
    firstId = Number((await first.query('SELECT CONNECTION_ID() AS id')).rows[0]?.id)
  })
  afterAll(async () => {
    await first?.close()
    await second?.close()
    await db.drop()
  })

  it('times out naming the holder, and lets another scope through', async () => {
    await first.acquireLock({ scope, timeoutMs: 1000 })
    expect(await second.lockHolder(scope)).toMatchObject({
      pid: firstId,
      user: 'root',
      host: expect.any(String),
      since: expect.any(Date),
    })
    const waits: (LockHolder | undefined)[] = []
    const started = Date.now()
    const error = await second
      .acquireLock({ scope, timeoutMs: 300, onWait: (holder) => waits.push(holder) })
      .catch((caught: unknown) => caught)
    const elapsed = Date.now() - started
    expect(error).toBeInstanceOf(LockError)
    expect(error).toMatchObject({
      code: 'LOCK_TIMEOUT',
      message: expect.stringContaining(`held by connection ${firstId} (root@`),
    })
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1000)
    expect(waits.length).toBeGreaterThan(1)
    expect(waits[0]?.pid).toBe(firstId)

    const other = { ...scope, versionTable: 'other_version' }
    await second.acquireLock({ scope: other, timeoutMs: 0 })
    expect((await first.lockHolder(other))?.pid).not.toBe(firstId)
    await second.releaseLock(other)
    expect(await first.lockHolder(other)).toBeUndefined()
    await first.releaseLock(scope)
  })

  it('lets a waiting connection in once the holder releases', async () => {
    await first.acquireLock({ scope, timeoutMs: 1000 })
    const waiting = second.acquireLock({ scope, timeoutMs: 3000 })
    await new Promise((resolve) => setTimeout(resolve, 150))
    await first.releaseLock(scope)
    await expect(waiting).resolves.toBeUndefined()
    expect((await first.lockHolder(scope))?.pid).not.toBe(firstId)
    await second.releaseLock(scope)
    expect(await first.lockHolder(scope)).toBeUndefined()
  })

  it('is released when the holding connection ends', async () => {
    const holder = await mysqlDialect.connect(parseUrl(db.url))
    await holder.acquireLock({ scope, timeoutMs: 0 })
    await expect(second.acquireLock({ scope, timeoutMs: 0 })).rejects.toMatchObject({
      code: 'LOCK_TIMEOUT',
    })
    await holder.close()
    await second.acquireLock({ scope, timeoutMs: 2000 })
    await second.releaseLock(scope)
  })

  it('ignores releasing a lock it does not hold', async () => {
    await expect(second.releaseLock({ ...scope, versionTable: 'never' })).resolves.toBeUndefined()
  })
})
