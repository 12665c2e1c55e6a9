/** The SQLite migration lock: across real processes, in one process, and for :memory:. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, writeFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { LockHolder, LockScope } from '../../../src/dialects/dialect.js'
import type { SqliteConnection } from '../../../src/dialects/sqlite/connection.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import { LockTimeoutError, type MigrationError } from '../../../src/errors.js'
import { sqliteDatabase } from '../../support/databases.js'

const scope: LockScope = { database: 'test', schema: undefined, versionTable: 'stratum_version' }
const database = sqliteDatabase('lock')
const connections: SqliteConnection[] = []
const connect = async (url = database.url) => {
  const connection = (await sqliteDialect.connect(parseUrl(url))) as SqliteConnection
  connections.push(connection)
  return connection
}
afterAll(async () => {
  for (const connection of connections) await connection.close()
  await database.drop()
})

const failure = async (promise: Promise<unknown>): Promise<MigrationError> => {
  try {
    await promise
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

const source = (path: string) => fileURLToPath(new URL(`../../../src/${path}`, import.meta.url))

/** A child process that takes the lock with Stratum's own code and holds it until killed. */
function lockingChild(url: string): Promise<{ child: ChildProcess; pid: number }> {
  const script = `
    import { createJiti } from 'jiti'
    const jiti = createJiti(import.meta.url)
    const { sqliteDialect } = await jiti.import(${JSON.stringify(source('dialects/sqlite/index.ts'))})
    const { parseUrl } = await jiti.import(${JSON.stringify(source('config/url.ts'))})
    const connection = await sqliteDialect.connect(parseUrl(process.env.LOCK_URL))
    await connection.acquireLock({ scope: ${JSON.stringify(scope)}, timeoutMs: 5000 })
    console.log('locked')
    setInterval(() => {}, 1000)
  `
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('../../..', import.meta.url)),
    env: { ...process.env, LOCK_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  return new Promise((resolve, reject) => {
    let errors = ''
    child.stderr?.on('data', (chunk) => {
      errors += String(chunk)
    })
    child.stdout?.on('data', (chunk) => {
      if (String(chunk).includes('locked')) resolve({ child, pid: child.pid as number })
    })
    child.on('exit', (code) => reject(new Error(`child exited with ${code}: ${errors}`)))
  })
}

describe('across processes', () => {
  let child: ChildProcess
  let childPid: number
  beforeAll(async () => {
    ;({ child, pid: childPid } = await lockingChild(database.url))
  }, 20_000)
  afterAll(() => {
    child.kill('SIGKILL')
  })

  it('times out naming the holding process', async () => {
    const connection = await connect()
    const waits: (LockHolder | undefined)[] = []
    const started = Date.now()
    const error = await failure(
      connection.acquireLock({ scope, timeoutMs: 400, onWait: (holder) => waits.push(holder) }),
    )
    expect(Date.now() - started).toBeGreaterThanOrEqual(390)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(error).toBeInstanceOf(LockTimeoutError)
    expect(error.code).toBe('LOCK_TIMEOUT')
    expect(error.message).toContain(`pid ${childPid} on host ${hostname()}`)
    expect(error.message).toContain(database.path)
    expect(error.message).toMatch(/since \d{4}-\d\d-\d\dT/)
    expect((error as LockTimeoutError).holder?.pid).toBe(childPid)
    expect(waits.length).toBeGreaterThan(1)
    expect(waits[0]?.pid).toBe(childPid)
    const holder = await connection.lockHolder(scope)
    expect(holder).toMatchObject({ pid: childPid, host: hostname(), application: 'stratum' })
    expect(holder?.since).toBeInstanceOf(Date)
  })

  it('is free at once when the holder is killed with SIGKILL', async () => {
    const connection = await connect()
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    // The dead holder's record is left behind, but the file lock is the truth.
    expect(existsSync(`${database.path}.stratum-lock.json`)).toBe(true)
    expect(await connection.lockHolder(scope)).toBe(undefined)
    const started = Date.now()
    await connection.acquireLock({ scope, timeoutMs: 0 })
    expect(Date.now() - started).toBeLessThan(200)
    expect((await connection.lockHolder(scope))?.pid).toBe(process.pid)
    await connection.releaseLock(scope)
    expect(await connection.lockHolder(scope)).toBe(undefined)
    expect(existsSync(`${database.path}.stratum-lock.json`)).toBe(false)
  })
})

describe('in one process', () => {
  it('makes a second connection wait until the first releases', async () => {
    const first = await connect()
    const second = await connect()
    await first.acquireLock({ scope, timeoutMs: 1000 })
    const error = await failure(second.acquireLock({ scope, timeoutMs: 100 }))
    expect(error.message).toContain(`pid ${process.pid}`)
    const waiting = second.acquireLock({ scope, timeoutMs: 3000 })
    setTimeout(() => void first.releaseLock(scope), 150)
    await waiting
    expect((await first.lockHolder(scope))?.pid).toBe(process.pid)
    await second.releaseLock(scope)
    await second.releaseLock(scope)
  })

  it('keeps one lock per version table, in its own sidecar file', async () => {
    const first = await connect()
    const second = await connect()
    const other: LockScope = { ...scope, versionTable: 'other "version"/table' }
    expect(first.lockPath(scope)).toBe(`${database.path}.stratum-lock`)
    expect(first.lockPath(other)).toBe(
      `${database.path}.stratum-lock-other%20%22version%22%2Ftable`,
    )
    await first.acquireLock({ scope, timeoutMs: 100 })
    await second.acquireLock({ scope: other, timeoutMs: 100 })
    expect(await second.lockHolder(scope)).toMatchObject({ pid: process.pid })
    await first.releaseLock(scope)
    await second.releaseLock(other)
  })

  it('is released when the connection closes', async () => {
    const first = await connect()
    await first.acquireLock({ scope, timeoutMs: 100 })
    await first.close()
    const second = await connect()
    await second.acquireLock({ scope, timeoutMs: 0 })
    await second.releaseLock(scope)
  })

  it('calls a holder record naming a dead process stale', async () => {
    const connection = await connect()
    const lockPath = connection.lockPath(scope) as string
    // Someone holds the file lock but left the record of a process that has ended.
    const holder = new Database(lockPath, { timeout: 0 })
    holder.exec('BEGIN EXCLUSIVE')
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'])
      .stdout.toString()
      .trim()
    writeFileSync(
      `${lockPath}.json`,
      JSON.stringify({ pid: Number(dead), host: hostname(), since: new Date().toISOString() }),
    )
    const error = await failure(connection.acquireLock({ scope, timeoutMs: 50 }))
    expect(error.message).toContain(`pid ${dead}`)
    expect(error.message).toContain('stale')
    holder.exec('ROLLBACK')
    holder.close()
    await connection.acquireLock({ scope, timeoutMs: 0 })
    await connection.releaseLock(scope)
  })
})

describe(':memory:', () => {
  it('is a mutex kept by the connection', async () => {
    const connection = await connect('sqlite::memory:')
    expect(connection.lockPath(scope)).toBe(undefined)
    expect(await connection.lockHolder(scope)).toBe(undefined)
    await connection.acquireLock({ scope, timeoutMs: 0 })
    expect(await connection.lockHolder(scope)).toMatchObject({ pid: process.pid })
    const error = await failure(connection.acquireLock({ scope, timeoutMs: 60 }))
    expect(error.code).toBe('LOCK_TIMEOUT')
    expect(error.message).toContain('the in-memory database')
    const waiting = connection.acquireLock({ scope, timeoutMs: 2000 })
    setTimeout(() => void connection.releaseLock(scope), 50)
    await waiting
    // Another in-memory database is another database: no contention.
    const other = await connect('sqlite::memory:')
    await other.acquireLock({ scope, timeoutMs: 0 })
    await other.releaseLock(scope)
    await connection.releaseLock(scope)
    expect(await connection.lockHolder(scope)).toBe(undefined)
  })
})
