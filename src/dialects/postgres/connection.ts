/**
 * A PostgreSQL server connection through `pg`: exactly one `pg.Client`, shared by the
 * session (lock, transactions, operations) and by the Kysely instance revisions use (built
 * the first time a revision needs it).
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely'
import { maskSecrets, secretsOf } from '../../config/mask.js'
import { type DatabaseUrl, formatUrl } from '../../config/url.js'
import { ConnectionError } from '../../errors.js'
import type { ConnectOptions, Dialect, DialectConnection } from '../dialect.js'
import { kyselyOnPool } from './kysely.js'
import { loadDriver } from './load-driver.js'
import { PostgresSession, type SessionClient } from './session.js'

/** Defaults for `connect`. */
export const CONNECT_DEFAULTS = { connectTimeoutMs: 10_000, applicationName: 'stratum' } as const

/**
 * While a statement runs, the server checks every second that Stratum is still connected
 * (`client_connection_check_interval`, PostgreSQL 14+). Without it, a run killed mid-statement
 * (`kill -9`, a lost machine) leaves its statements running on the server to the end — the
 * revision commits for nobody, and the session keeps the migration lock all that time; with
 * it, the server cancels them within a second: the transaction rolls back, the lock is freed.
 */
function clientCheckOptions(): string {
  const check = '-c client_connection_check_interval=1000'
  const fromEnvironment = process.env.PGOPTIONS?.trim()
  return fromEnvironment ? `${fromEnvironment} ${check}` : check
}

/** SQLSTATE of "unrecognized configuration parameter" at connect. */
const UNDEFINED_OBJECT = '42704'

/** The part of `pg.Client` Stratum uses. */
interface PgClient {
  readonly host: string
  readonly port: number
  readonly user?: string
  readonly database?: string
  connect(): Promise<void>
  query(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows?: Record<string, unknown>[]; rowCount: number | null; command?: string }>
  end(): Promise<void>
  on(event: 'error', listener: (error: Error) => void): unknown
}

type PgClientConstructor = new (config: Record<string, unknown>) => PgClient

/**
 * Runs `load` with a `navigator` global, which Node 20 lacks (Node 21+ has one). When `pg`
 * loads it asks whether it runs in a Cloudflare Worker; without `navigator` it answers by
 * constructing a `Response`, which loads Node's fetch implementation: 12 ms and 4 MB for
 * nothing. The stand-in goes away as soon as `pg` has loaded (unless someone replaced it).
 */
async function withNavigator<T>(load: () => Promise<T>): Promise<T> {
  if ('navigator' in globalThis) return load()
  const standIn = Object.freeze({ userAgent: `Node.js/${process.versions.node.split('.')[0]}` })
  Object.defineProperty(globalThis, 'navigator', {
    value: standIn,
    configurable: true,
    writable: true,
    enumerable: false,
  })
  try {
    return await load()
  } finally {
    const global = globalThis as { navigator?: unknown }
    if (global.navigator === standIn) delete global.navigator
  }
}

/** The `pg` package's `Client`, loaded on first use. */
async function loadClient(): Promise<PgClientConstructor> {
  const module = (await withNavigator(() => loadDriver('pg', 'PostgreSQL'))) as {
    default?: { Client?: PgClientConstructor }
    Client?: PgClientConstructor
  }
  const Client = module.default?.Client ?? module.Client
  if (!Client) {
    throw new ConnectionError('DRIVER_LOAD_FAILED', "The 'pg' package has no Client export")
  }
  return Client
}

/** A hint for the usual reasons a connection fails. */
function hintFor(error: unknown, client: PgClient, timeoutMs: number): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  const message = String((error as Error | null)?.message ?? '')
  if (code === 'ECONNREFUSED') {
    return `Is PostgreSQL running and accepting TCP connections on ${client.host}:${client.port}?`
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Check the host name '${client.host}'.`
  if (code === '28P01' || code === '28000') {
    return 'Check the user name and password in the URL (the password is not shown here).'
  }
  if (code === '3D000') {
    return `Create the database first (createdb ${client.database ?? ''}) or fix the URL.`
  }
  if (/timeout/i.test(message)) {
    return `No answer within ${timeoutMs} ms: check the host, the port and any firewall, or raise the connect timeout.`
  }
  return undefined
}

/** Kysely's pool interface over the one client: `release` keeps it, `end` leaves it to `close`. */
function singleClientPool(client: PgClient): PostgresPool {
  const wrapper = {
    query: (sql: string, parameters: readonly unknown[]) => client.query(sql, [...parameters]),
    release: () => {},
  } as unknown as PostgresPoolClient
  return { connect: async () => wrapper, end: async () => {} }
}

/**
 * Opens one connection to a PostgreSQL server. A failure is a `ConnectionError`
 * (code `CONNECTION_FAILED`) naming host, port, user and database, never the password.
 *
 * @example
 * const connection = await connectPostgres(postgresDialect, parseUrl('postgres://app@db/shop'))
 */
export async function connectPostgres(
  dialect: Dialect,
  url: DatabaseUrl,
  options: ConnectOptions = {},
): Promise<DialectConnection> {
  const Client = await loadClient()
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_DEFAULTS.connectTimeoutMs
  const connectionString = formatUrl(url)
  let failure: Error | undefined
  const newClient = (checkClient: boolean) => {
    const created = new Client({
      // Parameters written in the URL (application_name, sslmode, options...) take precedence.
      application_name: options.applicationName ?? CONNECT_DEFAULTS.applicationName,
      connectionTimeoutMillis: timeoutMs,
      ...(checkClient ? { options: clientCheckOptions() } : {}),
      connectionString,
    })
    // Without a listener, a connection dropped while idle would crash the process.
    created.on('error', (error) => {
      failure = error
    })
    return created
  }
  let client = newClient(true)
  try {
    await client.connect().catch(async (error: unknown) => {
      // PostgreSQL before 14 does not know the setting: connect again without it.
      if ((error as { code?: unknown } | null)?.code !== UNDEFINED_OBJECT) throw error
      await client.end().catch(() => {})
      client = newClient(false)
      await client.connect()
    })
  } catch (error) {
    await client.end().catch(() => {})
    const secrets = [url.password ?? '', ...secretsOf(connectionString)]
    const reason = maskSecrets(String((error as Error)?.message ?? error), secrets)
    const where = `${client.host}:${client.port} (user '${client.user ?? ''}', database '${client.database ?? ''}')`
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `Cannot connect to PostgreSQL at ${where}: ${reason}`,
      {
        cause: error,
        hint: hintFor(error, client, timeoutMs),
      },
    )
  }
  const session: SessionClient = {
    async query(sql, parameters) {
      const result = await client.query(sql, [...parameters])
      return {
        rows: result.rows ?? [],
        affectedRows: result.rowCount ?? 0,
        command: result.command,
      }
    },
    async exec(script) {
      // Without parameters pg uses the simple protocol, which accepts several statements.
      await client.query(script)
    },
    usable: () => failure === undefined,
    close: () => client.end(),
  }
  return new PostgresSession({
    dialect,
    kysely: () => kyselyOnPool(singleClientPool(client)),
    client: session,
  })
}
