/** The mysql2 connection: queries, batches, transactions, Kysely, catalog helpers, and connect errors. */
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { connectMysql } from '../../../src/dialects/mysql/connection.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import { ConfigError, ConnectionError } from '../../../src/errors.js'
import { mysqlDatabase } from '../../support/databases.js'

const db = await mysqlDatabase('mysql_connection')

describe('connect without a server', () => {
  it('names the missing driver package', async () => {
    const missing = Object.assign(new Error("Cannot find package 'mysql2'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    })
    const attempt = connectMysql(parseUrl('mysql://root@127.0.0.1/app'), {
      dialect: mysqlDialect,
      loadDriver: () => Promise.reject(missing),
    })
    await expect(attempt).rejects.toBeInstanceOf(ConnectionError)
    await expect(attempt).rejects.toMatchObject({
      code: 'DRIVER_MISSING',
      message: expect.stringContaining("'mysql2'"),
      hint: 'npm install mysql2',
    })
  })

  it('masks the password in driver messages', async () => {
    const attempt = connectMysql(parseUrl('mysql://app:hunter%402@db.example:3307/shop'), {
      dialect: mysqlDialect,
      loadDriver: async () => ({
        createConnection: () =>
          Promise.reject(new Error('auth failed for app:hunter@2 (hunter%402)')),
      }),
    })
    const error = (await attempt.catch((caught: unknown) => caught)) as ConnectionError
    expect(error).toBeInstanceOf(ConnectionError)
    expect(error.code).toBe('CONNECTION_FAILED')
    expect(error.message).toBe(
      'Cannot connect to MySQL/MariaDB at db.example:3307 as app, database shop: auth failed for app:*** (***)',
    )
  })

  it('requires a database and refuses unknown URL parameters', async () => {
    await expect(
      mysqlDialect.connect(parseUrl('mysql://root@127.0.0.1:3306')),
    ).rejects.toMatchObject({
      code: 'DATABASE_REQUIRED',
    })
    await expect(
      mysqlDialect.connect(parseUrl('mysql://root@127.0.0.1/app?sslmode=x')),
    ).rejects.toBeInstanceOf(ConfigError)
  })

  it('names host, port, user and database when the server refuses', async () => {
    await expect(
      mysqlDialect.connect(parseUrl('mysql://nobody:secret@127.0.0.1:1/app'), {
        connectTimeoutMs: 2000,
      }),
    ).rejects.toMatchObject({
      code: 'CONNECTION_FAILED',
      message: expect.stringMatching(
        /^Cannot connect to MySQL\/MariaDB at 127\.0\.0\.1:1 as nobody, database app: /,
      ),
      hint: expect.stringContaining('127.0.0.1:1'),
    })
  })
})

describe.skipIf(!db.available)('mysql connection', () => {
  let connection: DialectConnection

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url), { applicationName: 'stratum-test' })
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  it('reports access errors without the password', async () => {
    const url = new URL(db.url)
    url.username = 'no_such_user'
    url.password = 's3cr3t-pw'
    const error = (await mysqlDialect
      .connect(parseUrl(url.toString()))
      .catch((caught: unknown) => caught)) as Error
    expect(error).toMatchObject({
      code: 'CONNECTION_FAILED',
      hint: 'Check the user and password in the URL.',
    })
    expect(error.message).toContain(`as no_such_user, database ${db.name}`)
    expect(error.message).not.toContain('s3cr3t-pw')
    const missing = new URL(db.url)
    missing.pathname = '/stratum_no_such_database'
    await expect(mysqlDialect.connect(parseUrl(missing.toString()))).rejects.toMatchObject({
      hint: expect.stringContaining('CREATE DATABASE'),
    })
  })

  it('runs queries and batches, and reports affected rows', async () => {
    await connection.executeBatch([
      'CREATE TABLE notes (id int PRIMARY KEY, body text, at datetime(3));',
      "INSERT INTO notes (id, body) VALUES (1, 'one') -- a trailing comment",
      '  ',
      "INSERT INTO notes (id, body) VALUES (2, 'two');\n",
    ])
    const update = await connection.query('UPDATE notes SET body = ? WHERE id >= ?', ['x', 1])
    expect(update).toEqual({ rows: [], affectedRows: 2 })
    const select = await connection.query('SELECT id, body FROM notes ORDER BY id')
    expect(select).toEqual({
      rows: [
        { id: 1, body: 'x' },
        { id: 2, body: 'x' },
      ],
      affectedRows: 0,
    })
    await expect(connection.executeBatch(['SELECT 1', 'SELEC oops'])).rejects.toThrow(/syntax/)
  })

  it('commits and rolls back transactions', async () => {
    await connection.query('CREATE TABLE tx (id int PRIMARY KEY) ENGINE=InnoDB')
    await connection.begin()
    await connection.query('INSERT INTO tx VALUES (1)')
    await connection.rollback()
    await connection.begin()
    await connection.query('INSERT INTO tx VALUES (2)')
    await connection.commit()
    expect((await connection.query('SELECT id FROM tx')).rows).toEqual([{ id: 2 }])
  })

  it('binds Kysely to the same connection', async () => {
    const kysely = connection.kysely
    await kysely
      .insertInto('notes')
      .values({ id: 3, body: "it's \\ 🚀", at: new Date(Date.UTC(2024, 0, 1, 12)) })
      .execute()
    const row = await kysely
      .selectFrom('notes')
      .select(['body', 'at'])
      .where('id', '=', 3)
      .executeTakeFirst()
    expect(row).toEqual({ body: "it's \\ 🚀", at: new Date(Date.UTC(2024, 0, 1, 12)) })
    await kysely.transaction().execute(async (trx) => {
      await trx.deleteFrom('notes').where('id', '=', 3).execute()
    })
    const ids = await sql<{ id: number; cid: number }>`SELECT CONNECTION_ID() AS cid`.execute(
      kysely,
    )
    const mine = await connection.query('SELECT CONNECTION_ID() AS cid')
    expect(ids.rows[0]?.cid).toBe(mine.rows[0]?.cid)
    await kysely.destroy()
    expect(await connection.isAlive()).toBe(true)
    expect((await connection.query('SELECT COUNT(*) AS n FROM notes')).rows[0]?.n).toBe(2)
  })

  it('knows its tables and database', async () => {
    expect(await connection.defaultSchema()).toBe(db.name)
    expect(await connection.tableExists({ table: 'notes' })).toBe(true)
    expect(await connection.tableExists({ table: 'notes', schema: db.name })).toBe(true)
    expect(await connection.tableExists({ table: 'nope' })).toBe(false)
    expect(await connection.tableExists({ table: 'notes', schema: 'information_schema' })).toBe(
      false,
    )
  })

  it('is alive until closed, and closes twice safely', async () => {
    const other = await mysqlDialect.connect(parseUrl(db.url))
    expect(await other.isAlive()).toBe(true)
    await other.close()
    await other.close()
    expect(await other.isAlive()).toBe(false)
  })

  it('notices a connection killed by the server', async () => {
    const victim = await mysqlDialect.connect(parseUrl(db.url))
    const id = (await victim.query('SELECT CONNECTION_ID() AS id')).rows[0]?.id
    await connection.query(`KILL ${Number(id)}`)
    expect(await victim.isAlive()).toBe(false)
    await victim.close()
  })
})
