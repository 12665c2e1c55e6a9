/**
 * The `DialectConnection` both PostgreSQL drivers share: `pg` over the network and
 * PGlite in process differ only in how a statement reaches the server.
 */
import { MigrationError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'
import type {
  AcquireLockOptions,
  Dialect,
  DialectConnection,
  LockHolder,
  LockScope,
  QueryResult,
} from '../dialect.js'
import { acquireLock, type LockQuery, lockHolder, lockKey, unlock } from './lock.js'

/** How long `isAlive` waits for `SELECT 1` (milliseconds). */
export const ALIVE_TIMEOUT_MS = 2000

/** One statement's result as a driver reports it. */
export interface ClientResult extends QueryResult {
  /** The command tag (`INSERT`, `COMMIT`, `ROLLBACK`...), when the driver says. */
  readonly command: string | undefined
}

/** What a driver must provide: one statement, a multi-statement script, liveness, close. */
export interface SessionClient {
  query(sql: string, parameters: readonly unknown[]): Promise<ClientResult>
  /** Several statements in one simple-protocol round trip. */
  exec(script: string): Promise<void>
  /** False once the driver has seen the connection fail. */
  usable(): boolean
  close(): Promise<void>
}

/**
 * Statements joined into one script: `;\n` between them, and a line break first when a
 * statement ends in a `--` comment (which would otherwise swallow the separator).
 *
 * @example
 * joinStatements(['CREATE TABLE a (x int)', 'CREATE TABLE b (y int);']) // 'CREATE TABLE a (x int);\nCREATE TABLE b (y int)'
 */
export function joinStatements(statements: readonly string[]): string {
  let script = ''
  for (const statement of statements) {
    let text = statement.trimEnd()
    if (text.endsWith(';')) text = text.replace(/;+$/, '').trimEnd()
    if (text === '') continue
    // A `--` comment on the last line would swallow the separator.
    if (text.indexOf('--', text.lastIndexOf('\n') + 1) !== -1) text += '\n'
    script = script === '' ? text : `${script};\n${text}`
  }
  return script
}

const TABLE_EXISTS_SQL = `SELECT EXISTS (
  SELECT 1 FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relname = $1 AND n.nspname = COALESCE($2::text, current_schema())
    AND c.relkind IN ('r', 'p')
) AS "exists"`

/**
 * One PostgreSQL session: the migration lock, transactions and every revision run on it.
 *
 * @example
 * const session = new PostgresSession({ dialect: postgresDialect, kysely: () => kyselyOnPool(pool), client })
 * await session.acquireLock({ scope, timeoutMs: 60_000 })
 */
export class PostgresSession implements DialectConnection {
  readonly dialect: Dialect
  readonly #client: SessionClient
  readonly #createKysely: () => DialectConnection['kysely']
  #kysely: DialectConnection['kysely'] | undefined
  #closed = false

  /** `kysely` builds the session's Kysely instance; it is called on first use of `kysely`. */
  constructor(options: {
    dialect: Dialect
    kysely: () => DialectConnection['kysely']
    client: SessionClient
  }) {
    this.dialect = options.dialect
    this.#createKysely = options.kysely
    this.#client = options.client
  }

  /** A Kysely instance on this session, built on first use (most runs never need Kysely). */
  get kysely(): DialectConnection['kysely'] {
    this.#kysely ??= this.#createKysely()
    return this.#kysely
  }

  readonly #lockQuery: LockQuery = (sql, parameters) => this.query(sql, parameters)

  async query(sql: string, parameters: readonly unknown[] = []): Promise<QueryResult> {
    const { rows, affectedRows } = await this.#client.query(sql, parameters)
    return { rows, affectedRows }
  }

  async executeBatch(statements: readonly string[]): Promise<void> {
    const script = joinStatements(statements)
    if (script !== '') await this.#client.exec(script)
  }

  async begin(): Promise<void> {
    await this.#client.query('BEGIN', [])
  }

  /** Commits; a transaction an earlier error aborted is rolled back by the server, and that is an error. */
  async commit(): Promise<void> {
    const { command } = await this.#client.query('COMMIT', [])
    if (command === 'ROLLBACK') {
      throw new MigrationError(
        'TRANSACTION_ABORTED',
        'The transaction was rolled back instead of committed: an earlier statement in it failed',
      )
    }
  }

  async rollback(): Promise<void> {
    await this.#client.query('ROLLBACK', [])
  }

  /** The scope with its schema resolved, so `undefined` and the default schema lock alike. */
  async #resolve(scope: LockScope): Promise<LockScope> {
    return scope.schema === undefined ? { ...scope, schema: await this.defaultSchema() } : scope
  }

  async acquireLock(options: AcquireLockOptions): Promise<void> {
    await acquireLock(this.#lockQuery, { ...options, scope: await this.#resolve(options.scope) })
  }

  async releaseLock(scope: LockScope): Promise<void> {
    await unlock(this.#lockQuery, lockKey(await this.#resolve(scope)))
  }

  async lockHolder(scope: LockScope): Promise<LockHolder | undefined> {
    return lockHolder(this.#lockQuery, lockKey(await this.#resolve(scope)))
  }

  async isAlive(): Promise<boolean> {
    if (this.#closed || !this.#client.usable()) return false
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), ALIVE_TIMEOUT_MS)
    })
    const probe = this.#client.query('SELECT 1', []).then(
      () => true,
      () => false,
    )
    try {
      return await Promise.race([probe, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async tableExists(target: TableTarget): Promise<boolean> {
    const { rows } = await this.query(TABLE_EXISTS_SQL, [target.table, target.schema ?? null])
    return rows[0]?.exists === true
  }

  async defaultSchema(): Promise<string | undefined> {
    const { rows } = await this.query('SELECT current_schema() AS schema')
    const schema = rows[0]?.schema
    return typeof schema === 'string' ? schema : undefined
  }

  /** Closes the session (and with it any lock it holds); safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    try {
      await this.#kysely?.destroy()
    } finally {
      await this.#client.close()
    }
  }
}
