/**
 * Throwaway databases for integration tests: one per test file, dropped afterwards.
 * Servers come from STRATUM_TEST_POSTGRES_URL / STRATUM_TEST_MYSQL_URL, defaulting to
 * the local ones. Without a server a suite skips with a visible reason; under CI=true
 * a missing server is a failure instead.
 *
 * @example
 * const pg = await postgresDatabase('ops')          // { url, name, drop }
 * describe.skipIf(!pg.available)('postgres', () => { ... })
 * afterAll(() => pg.drop())
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import pg from 'pg'

export const POSTGRES_SERVER_URL =
  process.env.STRATUM_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
export const MYSQL_SERVER_URL = process.env.STRATUM_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/'

export interface TestDatabase {
  /** False when the server is unreachable outside CI; the suite should skip. */
  readonly available: boolean
  /** Why it is unavailable (printed by the skip). */
  readonly reason: string
  /** URL of the throwaway database. */
  readonly url: string
  readonly name: string
  /** Drops the database (safe to call twice). */
  drop(): Promise<void>
}

const uniqueName = (prefix: string) =>
  `stratum_t_${prefix.replace(/\W/g, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`

function unavailable(kind: string, error: unknown): TestDatabase {
  const reason = `${kind} server unavailable: ${(error as Error).message}`
  if (process.env.CI === 'true') throw new Error(`${reason} (CI=true requires it)`)
  console.warn(`skipping ${kind} tests: ${reason}`)
  return { available: false, reason, url: '', name: '', drop: async () => {} }
}

function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** A new, empty PostgreSQL database on the test server. */
export async function postgresDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix)
  const admin = new pg.Client({
    connectionString: POSTGRES_SERVER_URL,
    connectionTimeoutMillis: 3000,
  })
  try {
    await admin.connect()
    await admin.query(`CREATE DATABASE "${name}"`)
  } catch (error) {
    await admin.end().catch(() => {})
    return unavailable('PostgreSQL', error)
  }
  await admin.end()
  let dropped = false
  return {
    available: true,
    reason: '',
    url: withDatabase(POSTGRES_SERVER_URL, name),
    name,
    async drop() {
      if (dropped) return
      dropped = true
      const client = new pg.Client({ connectionString: POSTGRES_SERVER_URL })
      await client.connect()
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      await client.end()
    },
  }
}

/** A new, empty MySQL/MariaDB database on the test server. */
export async function mysqlDatabase(prefix: string): Promise<TestDatabase> {
  const name = uniqueName(prefix)
  let admin: mysql.Connection | undefined
  try {
    admin = await mysql.createConnection({ uri: MYSQL_SERVER_URL, connectTimeout: 3000 })
    await admin.query(`CREATE DATABASE \`${name}\``)
  } catch (error) {
    await admin?.end().catch(() => {})
    return unavailable('MySQL/MariaDB', error)
  }
  await admin.end()
  let dropped = false
  return {
    available: true,
    reason: '',
    url: withDatabase(MYSQL_SERVER_URL, name),
    name,
    async drop() {
      if (dropped) return
      dropped = true
      const client = await mysql.createConnection({ uri: MYSQL_SERVER_URL })
      await client.query(`DROP DATABASE IF EXISTS \`${name}\``)
      await client.end()
    },
  }
}

/** A SQLite file in a new temporary folder. */
export function sqliteDatabase(prefix: string): TestDatabase & { readonly path: string } {
  const folder = mkdtempSync(join(tmpdir(), `stratum-${prefix}-`))
  const path = join(folder, 'test.db')
  return {
    available: true,
    reason: '',
    url: `sqlite:${path}`,
    name: path,
    path,
    async drop() {
      rmSync(folder, { recursive: true, force: true })
    },
  }
}

/** A PGlite data folder in a new temporary folder. */
export function pgliteDatabase(prefix: string): TestDatabase & { readonly path: string } {
  const folder = mkdtempSync(join(tmpdir(), `stratum-${prefix}-`))
  const path = join(folder, 'pgdata')
  return {
    available: true,
    reason: '',
    url: `pglite:${path}`,
    name: path,
    path,
    async drop() {
      rmSync(folder, { recursive: true, force: true })
    },
  }
}
