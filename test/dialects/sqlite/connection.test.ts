import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import { connectSqlite, type SqliteConnection } from '../../../src/dialects/sqlite/connection.js'
import { loadDriver } from '../../../src/dialects/sqlite/driver.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import { ConfigError, ConnectionError, type MigrationError } from '../../../src/errors.js'

const folder = mkdtempSync(join(tmpdir(), 'stratum-sqlite-connection-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const connect = (url: string) => sqliteDialect.connect(parseUrl(url)) as Promise<SqliteConnection>
const failure = async (promise: Promise<unknown>): Promise<MigrationError> => {
  try {
    await promise
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

describe('connect', () => {
  it('opens a file, creating it, with foreign keys on and a busy timeout', async () => {
    const path = join(folder, 'new.db')
    const connection = await connect(`sqlite:${path}`)
    expect(connection.path).toBe(path)
    expect(connection.dialect).toBe(sqliteDialect)
    expect((await connection.query('PRAGMA foreign_keys')).rows).toEqual([{ foreign_keys: 1 }])
    expect((await connection.query('PRAGMA busy_timeout')).rows).toEqual([{ timeout: 5000 }])
    expect(await connection.defaultSchema()).toBe(undefined)
    expect(await connection.isAlive()).toBe(true)
    await connection.close()
    expect(await connection.isAlive()).toBe(false)
    await connection.close()
  })

  it('resolves a relative path against the working directory', async () => {
    const path = join(folder, 'relative.db')
    const connection = await connect(`sqlite:${relative(process.cwd(), path)}`)
    expect(connection.path).toBe(path)
    await connection.close()
  })

  it('leaves the journal mode as the file has it', async () => {
    const path = join(folder, 'wal.db')
    const raw = new Database(path)
    raw.pragma('journal_mode = WAL')
    raw.close()
    const connection = await connect(`sqlite:${path}`)
    expect((await connection.query('PRAGMA journal_mode')).rows).toEqual([{ journal_mode: 'wal' }])
    await connection.close()
  })

  it('opens in-memory databases', async () => {
    const connection = await connect('sqlite::memory:')
    expect(connection.path).toBe(':memory:')
    await connection.query('CREATE TABLE t (a)')
    expect(await connection.tableExists({ table: 'T' })).toBe(true)
    await connection.close()
  })

  it('names the path when its folder does not exist', async () => {
    const path = join(folder, 'missing', 'app.db')
    const error = await failure(connect(`sqlite:${path}`))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.code).toBe('CONNECTION_FAILED')
    expect(error.message).toContain(path)
    expect(error.hint).toContain('folder')
  })

  it('refuses a file that is not a SQLite database', async () => {
    const path = join(folder, 'not.db')
    writeFileSync(
      path,
      'this is not a database at all, just some text that is long enough'.repeat(20),
    )
    const error = await failure(connect(`sqlite:${path}`))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.message).toContain(path)
    expect(error.message).toContain('not a database')
  })

  it('reads busy_timeout and mode from the URL, and refuses other parameters', async () => {
    const path = join(folder, 'params.db')
    const writer = await connect(`sqlite:${path}?busy_timeout=100`)
    expect((await writer.query('PRAGMA busy_timeout')).rows).toEqual([{ timeout: 100 }])
    await writer.query('CREATE TABLE t (a)')
    await writer.close()
    const reader = await connect(`sqlite:${path}?mode=ro`)
    await expect(reader.query('INSERT INTO t VALUES (1)')).rejects.toThrow(/readonly/)
    await reader.close()
    expect((await failure(connect(`sqlite:${join(folder, 'absent.db')}?mode=rw`))).code).toBe(
      'CONNECTION_FAILED',
    )
    const unknown = await failure(connect(`sqlite:${path}?cache=shared`))
    expect(unknown).toBeInstanceOf(ConfigError)
    expect(unknown.message).toContain('cache=shared')
  })
})

describe('the driver', () => {
  it('is a ConnectionError DRIVER_MISSING naming the package when it is not installed', async () => {
    const missing = Object.assign(
      new Error("Cannot find package 'better-sqlite3' imported from x"),
      {
        code: 'ERR_MODULE_NOT_FOUND',
      },
    )
    const error = await failure(loadDriver(() => Promise.reject(missing)))
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.code).toBe('DRIVER_MISSING')
    expect(error.message).toContain('better-sqlite3')
    expect(error.hint).toBe('Install it: npm install better-sqlite3')
    const viaConnect = await failure(
      connectSqlite(parseUrl('sqlite::memory:'), {
        dialect: sqliteDialect,
        loadDriver: () => loadDriver(() => Promise.reject(missing)),
      }),
    )
    expect(viaConnect.code).toBe('DRIVER_MISSING')
  })

  it('reports a driver that fails to load', async () => {
    const error = await failure(
      loadDriver(() => Promise.reject(new Error('NODE_MODULE_VERSION mismatch'))),
    )
    expect(error.code).toBe('DRIVER_LOAD_FAILED')
    expect(error.hint).toContain('npm rebuild better-sqlite3')
  })

  it('loads better-sqlite3', async () => {
    expect(await loadDriver()).toBe(Database)
  })
})

describe('statements and transactions', () => {
  it('queries with converted parameters and reports affected rows', async () => {
    const connection = await connect('sqlite::memory:')
    await connection.query('CREATE TABLE t (id INTEGER PRIMARY KEY, flag, at, meta, data)')
    const inserted = await connection.query(
      'INSERT INTO t (flag, at, meta, data) VALUES (?, ?, ?, ?), (?, NULL, NULL, NULL)',
      [true, new Date('2024-01-01T00:00:00Z'), { a: 1 }, new Uint8Array([7]), false],
    )
    expect(inserted).toEqual({ rows: [], affectedRows: 2 })
    expect(
      (await connection.query('SELECT flag, at, meta, data FROM t WHERE id = 1')).rows,
    ).toEqual([
      { flag: 1, at: '2024-01-01T00:00:00.000Z', meta: '{"a":1}', data: Buffer.from([7]) },
    ])
    expect((await connection.query('UPDATE t SET flag = 1')).affectedRows).toBe(2)
    await connection.close()
  })

  it('runs SQL scripts without parameters as a batch', async () => {
    const connection = await connect('sqlite::memory:')
    await connection.query('CREATE TABLE s (x); INSERT INTO s VALUES (1); -- done')
    expect((await connection.query('SELECT x FROM s;')).rows).toEqual([{ x: 1 }])
    expect(await connection.query('-- nothing')).toEqual({ rows: [], affectedRows: 0 })
    const error = await failure(
      connection.query('INSERT INTO s VALUES (?); INSERT INTO s VALUES (?)', [1, 2]),
    )
    expect(error.code).toBe('INVALID_OPERATION')
    await connection.close()
  })

  it('runs a batch in one call, trailing line comments included', async () => {
    const connection = await connect('sqlite::memory:')
    await connection.executeBatch([
      'CREATE TABLE a (x) -- first',
      'INSERT INTO a VALUES (1);',
      'INSERT INTO a VALUES (2)',
    ])
    await connection.executeBatch([])
    expect((await connection.query('SELECT count(*) AS n FROM a')).rows).toEqual([{ n: 2 }])
    expect((await connection.query("SELECT sql FROM sqlite_master WHERE name = 'a'")).rows).toEqual(
      [{ sql: 'CREATE TABLE a (x)' }],
    )
    await connection.close()
  })

  it('commits and rolls back DDL; rollback without a transaction does nothing', async () => {
    const connection = await connect(`sqlite:${join(folder, 'tx.db')}`)
    await connection.rollback()
    await connection.begin()
    await connection.query('CREATE TABLE gone (a)')
    await connection.rollback()
    expect(await connection.tableExists({ table: 'gone' })).toBe(false)
    await connection.begin()
    await connection.query('CREATE TABLE kept (a)')
    await connection.commit()
    expect(await connection.tableExists({ table: 'kept' })).toBe(true)
    await expect(connection.tableExists({ table: 'kept', schema: 'x' })).rejects.toThrow(
      /no schemas/,
    )
    await connection.close()
  })

  it('takes the write lock at BEGIN, so another writer waits instead of deadlocking', async () => {
    const path = join(folder, 'immediate.db')
    const first = await connect(`sqlite:${path}`)
    const second = await connect(`sqlite:${path}?busy_timeout=50`)
    await first.begin()
    await expect(second.begin()).rejects.toThrow(/locked/)
    await first.commit()
    await second.begin()
    await second.commit()
    await first.close()
    await second.close()
  })

  it('gives a Kysely instance on the same handle and transaction', async () => {
    const connection = await connect('sqlite::memory:')
    await connection.query(
      'CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, active BOOLEAN, born DATE)',
    )
    await connection.kysely
      .insertInto('people')
      .values({ name: 'Ada', active: true, born: new Date('1815-12-10T00:00:00Z') })
      .execute()
    expect(
      await connection.kysely.selectFrom('people').select(['name', 'active', 'born']).execute(),
    ).toEqual([{ name: 'Ada', active: 1, born: '1815-12-10T00:00:00.000Z' }])
    await connection.begin()
    await connection.kysely.deleteFrom('people').execute()
    await connection.rollback()
    expect((await connection.query('SELECT count(*) AS n FROM people')).rows).toEqual([{ n: 1 }])
    await connection.kysely.destroy()
    // Kysely does not own the handle: the connection still works.
    expect(await connection.isAlive()).toBe(true)
    await connection.close()
  })
})
