import { createServer, type Server } from 'node:net'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import { loadDriver } from '../../../src/dialects/postgres/load-driver.js'
import { joinStatements } from '../../../src/dialects/postgres/session.js'
import { ConnectionError } from '../../../src/errors.js'
import { POSTGRES_SERVER_URL, pgliteDatabase, postgresDatabase } from '../../support/databases.js'

async function failure(promise: Promise<unknown>): Promise<ConnectionError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(ConnectionError)
  return error as ConnectionError
}

describe('postgres dialect object', () => {
  it('declares its name, limits and capabilities', () => {
    expect(postgresDialect.name).toBe('postgres')
    expect(postgresDialect.maxIdentifierLength).toBe(63)
    expect(Object.values(postgresDialect.capabilities).every((value) => value === true)).toBe(true)
    expect(Object.keys(postgresDialect.capabilities)).toHaveLength(9)
    expect(postgresDialect.offlineTransaction).toEqual({ begin: 'BEGIN;', commit: 'COMMIT;' })
  })

  it('makes an offline Kysely that compiles PostgreSQL without connecting', async () => {
    const db = postgresDialect.createOfflineKysely()
    const query = db.selectFrom('users').select('id').where('email', '=', 'a@b.c').compile()
    expect(query.sql).toBe('select "id" from "users" where "email" = $1')
    expect(query.parameters).toEqual(['a@b.c'])
    expect(sql`SELECT ${1}`.compile(db).sql).toBe('SELECT $1')
    expect(await db.selectFrom('users').selectAll().execute()).toEqual([])
  })

  it('refuses URLs of other dialects', async () => {
    const error = await failure(postgresDialect.connect(parseUrl('mysql://root@localhost/app')))
    expect(error.code).toBe('UNSUPPORTED_URL')
  })
})

describe('driver loading', () => {
  it('names a missing package and how to install it', async () => {
    const error = await failure(loadDriver('stratum-no-such-driver-pkg', 'Test'))
    expect(error.code).toBe('DRIVER_MISSING')
    expect(error.message).toBe(
      "The Test driver package 'stratum-no-such-driver-pkg' is not installed",
    )
    expect(error.hint).toBe('Install it in your project: npm install stratum-no-such-driver-pkg')
  })

  it('loads an installed driver', async () => {
    const pg = (await loadDriver('pg', 'PostgreSQL')) as { default: { Client: unknown } }
    expect(typeof pg.default.Client).toBe('function')
  })
})

describe('joinStatements', () => {
  it('separates statements with ;\\n, without doubling semicolons or losing them to comments', () => {
    expect(joinStatements(['SELECT 1', 'SELECT 2;', 'SELECT 3 -- why\n', '  ', 'SELECT 4'])).toBe(
      'SELECT 1;\nSELECT 2;\nSELECT 3 -- why\n;\nSELECT 4',
    )
    expect(joinStatements([])).toBe('')
  })
})

describe('connect failures', () => {
  it('names host, port, user and database, never the password', async () => {
    const url = parseUrl('postgres://app:s3cret%40pw@127.0.0.1:1/shop')
    const error = await failure(postgresDialect.connect(url, { connectTimeoutMs: 2000 }))
    expect(error.code).toBe('CONNECTION_FAILED')
    expect(error.message).toContain(
      "Cannot connect to PostgreSQL at 127.0.0.1:1 (user 'app', database 'shop')",
    )
    expect(error.message).toContain('ECONNREFUSED')
    expect(`${error.message} ${error.hint}`).not.toMatch(/s3cret/)
    expect(error.hint).toContain('Is PostgreSQL running')
    expect(error.cause).toBeDefined()
  })

  it('gives up after connectTimeoutMs when the server does not answer', async () => {
    const sockets: import('node:net').Socket[] = []
    const silent: Server = createServer((socket) => {
      sockets.push(socket)
    })
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
    const port = (silent.address() as { port: number }).port
    try {
      const started = Date.now()
      const error = await failure(
        postgresDialect.connect(parseUrl(`postgres://app:pw@127.0.0.1:${port}/shop`), {
          connectTimeoutMs: 200,
        }),
      )
      expect(Date.now() - started).toBeLessThan(2000)
      expect(error.message).toContain(`127.0.0.1:${port}`)
      expect(error.hint).toContain('No answer within 200 ms')
    } finally {
      for (const socket of sockets) socket.destroy()
      await new Promise((resolve) => silent.close(resolve))
    }
  })
})

const server = await postgresDatabase('pg_conn')
afterAll(() => server.drop())

describe.skipIf(!server.available)('server connections', () => {
  it('names a database that does not exist, with a hint', async () => {
    const url = parseUrl(POSTGRES_SERVER_URL)
    const error = await failure(postgresDialect.connect({ ...url, database: 'stratum_no_such_db' }))
    expect(error.message).toContain("database 'stratum_no_such_db'")
    expect(error.hint).toContain('createdb stratum_no_such_db')
  })

  it("reports application_name 'stratum', or the one asked for", async () => {
    const connection = await postgresDialect.connect(parseUrl(server.url))
    const named = await postgresDialect.connect(parseUrl(server.url), { applicationName: 'deploy' })
    try {
      const read = async (c: typeof connection) =>
        (await c.query(`SELECT current_setting('application_name') AS name`)).rows[0]?.name
      expect(await read(connection)).toBe('stratum')
      expect(await read(named)).toBe('deploy')
    } finally {
      await connection.close()
      await named.close()
    }
  })

  it('is alive until closed, and closes twice without complaint', async () => {
    const connection = await postgresDialect.connect(parseUrl(server.url))
    expect(await connection.isAlive()).toBe(true)
    await connection.close()
    await connection.close()
    expect(await connection.isAlive()).toBe(false)
  })

  it('is not alive once the server ends the session', async () => {
    const connection = await postgresDialect.connect(parseUrl(server.url))
    const killer = await postgresDialect.connect(parseUrl(server.url))
    try {
      const pid = (await connection.query('SELECT pg_backend_pid() AS pid')).rows[0]?.pid
      await killer.query('SELECT pg_terminate_backend($1)', [pid])
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(await connection.isAlive()).toBe(false)
    } finally {
      await connection.close().catch(() => {})
      await killer.close()
    }
  })

  it('refuses to commit a transaction an error aborted', async () => {
    const connection = await postgresDialect.connect(parseUrl(server.url))
    try {
      await connection.begin()
      await expect(connection.query('SELECT 1/0')).rejects.toThrow('division by zero')
      await expect(connection.commit()).rejects.toMatchObject({ code: 'TRANSACTION_ABORTED' })
    } finally {
      await connection.close()
    }
  })
})

describe('PGlite connections', () => {
  const folder = pgliteDatabase('pg_conn')
  afterAll(() => folder.drop())

  it('keeps a pglite:<dir> database across connections', async () => {
    const first = await postgresDialect.connect(parseUrl(folder.url))
    await first.query('CREATE TABLE kept (id integer)')
    await first.query('INSERT INTO kept VALUES (1)')
    await first.close()
    expect(await first.isAlive()).toBe(false)
    const again = await postgresDialect.connect(parseUrl(folder.url))
    try {
      expect((await again.query('SELECT id FROM kept')).rows).toEqual([{ id: 1 }])
      await again.begin()
      await expect(again.query('SELECT 1/0')).rejects.toThrow('division by zero')
      await expect(again.commit()).rejects.toMatchObject({ code: 'TRANSACTION_ABORTED' })
    } finally {
      await again.close()
    }
  }, 30_000)
})
