/**
 * One mysql2 connection for a whole run: queries, batches, transactions, the lock,
 * and a Kysely instance bound to it (built when a revision first uses it). mysql2 is an optional peer dependency, imported
 * only here, when connecting.
 */
import { maskSecrets, secretsOf } from '../../config/mask.js'
import { type DatabaseUrl, formatUrl } from '../../config/url.js'
import { ConfigError, ConnectionError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'
import type {
  AcquireLockOptions,
  ConnectOptions,
  Dialect,
  DialectConnection,
  LockHolder,
  LockScope,
  QueryResult,
} from '../dialect.js'
import { formatQuery } from './format-query.js'
import { type CallbackConnection, kyselyOnConnection } from './kysely.js'
import { acquireLock, lockHolder, releaseLock } from './lock.js'

/** The part of a mysql2/promise connection Stratum uses. */
interface PromiseConnection {
  query(sql: string, values?: unknown[]): Promise<[unknown, unknown]>
  ping(): Promise<void>
  end(): Promise<void>
  destroy(): void
  /** The callback connection underneath (what Kysely's driver speaks to). */
  readonly connection: CallbackConnection & {
    on(event: 'error', listener: (error: Error) => void): unknown
  }
}

interface Mysql2Promise {
  createConnection(options: Record<string, unknown>): Promise<PromiseConnection>
}

/** How connect loads mysql2/promise; tests replace it to simulate a missing package. */
export type DriverLoader = () => Promise<unknown>

const loadMysql2: DriverLoader = () => import('mysql2/promise')

const BATCH_CHARS = 1_000_000
const PING_TIMEOUT_MS = 5_000
const URL_PARAMETERS = ['ssl', 'socketPath', 'charset'] as const

async function loadDriver(load: DriverLoader): Promise<Mysql2Promise> {
  let module: { createConnection?: unknown; default?: { createConnection?: unknown } }
  try {
    module = (await load()) as typeof module
  } catch (error) {
    const code = (error as { code?: unknown } | undefined)?.code
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new ConnectionError(
        'DRIVER_MISSING',
        "The mysql dialect needs the 'mysql2' package, which is not installed",
        { hint: 'npm install mysql2', cause: error },
      )
    }
    throw error
  }
  const driver = typeof module.createConnection === 'function' ? module : module.default
  return driver as Mysql2Promise
}

/** mysql2 options from the URL: its fields and the few parameters Stratum knows. */
function connectionOptions(url: DatabaseUrl, options: ConnectOptions): Record<string, unknown> {
  const unknown = Object.keys(url.params).filter(
    (key) => !(URL_PARAMETERS as readonly string[]).includes(key),
  )
  if (unknown.length > 0) {
    throw new ConfigError(
      'URL_INVALID',
      `Unsupported parameter '${unknown[0]}' in the mysql URL; supported: ${URL_PARAMETERS.join(', ')}`,
    )
  }
  const { ssl, socketPath, charset } = url.params
  if (charset !== undefined && !/^[A-Za-z0-9_]+$/.test(charset)) {
    throw new ConfigError('URL_INVALID', `Invalid charset '${charset}' in the mysql URL`)
  }
  return {
    host: url.host ?? '127.0.0.1',
    port: url.port ?? 3306,
    user: url.user,
    password: url.password,
    database: url.database,
    ...(socketPath ? { socketPath } : {}),
    ...(charset ? { charset } : {}),
    ...(ssl && ssl !== 'false' ? { ssl: {} } : {}),
    multipleStatements: true,
    queryFormat: (sql: string, values: unknown) => formatQuery(sql, values),
    // Dates are read and written in UTC, as Stratum's literals write them.
    dateStrings: false,
    timezone: 'Z',
    supportBigNumbers: true,
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    connectAttributes: { program_name: options.applicationName ?? 'stratum' },
  }
}

function hintFor(code: unknown, url: DatabaseUrl): string | undefined {
  switch (code) {
    case 'ECONNREFUSED':
      return `Is the server running and listening on ${url.host ?? '127.0.0.1'}:${url.port ?? 3306}?`
    case 'ER_ACCESS_DENIED_ERROR':
      return 'Check the user and password in the URL.'
    case 'ER_BAD_DB_ERROR':
      return `Create the database first: CREATE DATABASE \`${url.database}\``
    case 'ETIMEDOUT':
      return 'Check the host and port, and any firewall in between.'
    default:
      return undefined
  }
}

/** Normalises mysql2's results: rows for a SELECT, affectedRows for a change. */
function toQueryResult(result: unknown): QueryResult {
  if (!Array.isArray(result)) {
    return {
      rows: [],
      affectedRows: Number((result as { affectedRows?: number }).affectedRows ?? 0),
    }
  }
  const multi = result.some((part) => Array.isArray(part) || isOkPacket(part))
  if (!multi) return { rows: result as Record<string, unknown>[], affectedRows: 0 }
  // Several statements in one query: the last result set, and every change counted.
  let rows: Record<string, unknown>[] = []
  let affectedRows = 0
  for (const part of result) {
    if (Array.isArray(part)) rows = part as Record<string, unknown>[]
    else affectedRows += Number((part as { affectedRows?: number }).affectedRows ?? 0)
  }
  return { rows, affectedRows }
}

const isOkPacket = (value: unknown) =>
  typeof value === 'object' && value !== null && 'affectedRows' in value && 'insertId' in value

class MysqlConnection implements DialectConnection {
  readonly dialect: Dialect
  readonly #connection: PromiseConnection
  #kysely: DialectConnection['kysely'] | undefined
  #closed = false
  #fatal: Error | undefined

  constructor(dialect: Dialect, connection: PromiseConnection) {
    this.dialect = dialect
    this.#connection = connection
    // Without a listener, a connection lost between queries would crash the process.
    connection.connection.on('error', (error) => {
      this.#fatal = error
    })
  }

  /** A Kysely instance on this connection, built on first use (most runs never need Kysely). */
  get kysely(): DialectConnection['kysely'] {
    this.#kysely ??= kyselyOnConnection(this.#connection.connection)
    return this.#kysely
  }

  async query(sql: string, parameters?: readonly unknown[]): Promise<QueryResult> {
    const [result] =
      parameters === undefined
        ? await this.#connection.query(sql)
        : await this.#connection.query(sql, [...parameters])
    return toQueryResult(result)
  }

  async executeBatch(statements: readonly string[]): Promise<void> {
    let batch = ''
    for (const statement of statements) {
      const text = statement.replace(/[\s;]+$/, '')
      if (text.trim() === '') continue
      if (batch !== '' && batch.length + text.length > BATCH_CHARS) {
        await this.#connection.query(batch)
        batch = ''
      }
      // The separator on its own line, so that a trailing `-- comment` cannot swallow it.
      batch = batch === '' ? text : `${batch}\n;\n${text}`
    }
    if (batch !== '') await this.#connection.query(batch)
  }

  async begin(): Promise<void> {
    await this.#connection.query('START TRANSACTION')
  }

  async commit(): Promise<void> {
    await this.#connection.query('COMMIT')
  }

  async rollback(): Promise<void> {
    await this.#connection.query('ROLLBACK')
  }

  acquireLock(options: AcquireLockOptions): Promise<void> {
    return acquireLock(this, options)
  }

  releaseLock(scope: LockScope): Promise<void> {
    return releaseLock(this, scope)
  }

  lockHolder(scope: LockScope): Promise<LockHolder | undefined> {
    return lockHolder(this, scope)
  }

  async isAlive(): Promise<boolean> {
    if (this.#closed || this.#fatal) return false
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), PING_TIMEOUT_MS)
    })
    const ping = this.#connection.ping().then(
      () => true,
      () => false,
    )
    try {
      return await Promise.race([ping, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async tableExists(target: TableTarget): Promise<boolean> {
    const { rows } = await this.query(
      'SELECT 1 AS found FROM information_schema.TABLES WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? LIMIT 1',
      [target.schema ?? null, target.table],
    )
    return rows.length > 0
  }

  async defaultSchema(): Promise<string | undefined> {
    const { rows } = await this.query('SELECT DATABASE() AS name')
    const name = rows[0]?.name
    return typeof name === 'string' ? name : undefined
  }

  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      await this.#connection.end()
    } catch {
      this.#connection.destroy()
    }
  }
}

/** Options of `connectMysql`. */
export interface MysqlConnectOptions extends ConnectOptions {
  /** The dialect object the connection reports as its own. */
  readonly dialect: Dialect
  /** Loads mysql2/promise (default: a dynamic import). */
  readonly loadDriver?: DriverLoader
}

/**
 * Opens one connection with mysql2. A missing mysql2 package is a ConnectionError
 * `DRIVER_MISSING`; a failure to connect is a ConnectionError `CONNECTION_FAILED` naming
 * host, port, user and database, with the password masked.
 *
 * @example
 * const connection = await connectMysql(parseUrl('mysql://root@127.0.0.1/shop'), { dialect: mysqlDialect })
 * await connection.query('SELECT 1')
 */
export async function connectMysql(
  url: DatabaseUrl,
  options: MysqlConnectOptions,
): Promise<DialectConnection> {
  if (!url.database) {
    throw new ConnectionError('DATABASE_REQUIRED', 'The MySQL/MariaDB URL names no database', {
      hint: 'Add it to the URL, as in mysql://user@host:3306/app.',
    })
  }
  const driver = await loadDriver(options.loadDriver ?? loadMysql2)
  const config = connectionOptions(url, options)
  const where = `${String(config.host)}:${String(config.port)} as ${url.user ?? '(no user)'}, database ${url.database ?? '(none)'}`
  try {
    const connection = await driver.createConnection(config)
    try {
      // The server's default utf8mb4 collation, which `_utf8mb4 X'..'` literals also get,
      // so that plain and hex literals compare without a collation conflict.
      await connection.query(`SET NAMES ${url.params.charset ?? 'utf8mb4'}`)
    } catch (error) {
      connection.destroy()
      throw error
    }
    return new MysqlConnection(options.dialect, connection)
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const secrets = [...(url.password ? [url.password] : []), ...secretsOf(formatUrl(url))]
    const reason = maskSecrets((error as Error).message || String(code ?? error), secrets)
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `Cannot connect to MySQL/MariaDB at ${where}: ${reason}`,
      {
        hint: hintFor(code, url),
        cause: error,
      },
    )
  }
}
