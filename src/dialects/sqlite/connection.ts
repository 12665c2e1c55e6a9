/**
 * One SQLite connection: a better-sqlite3 handle on a file (or `:memory:`), with
 * foreign keys enforced, a busy timeout, a Kysely instance on the same handle (built on
 * first use), and the migration lock.
 */
import { existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Kysely } from 'kysely'
import type { DatabaseUrl } from '../../config/url.js'
import { ConfigError, ConnectionError, MigrationError } from '../../errors.js'
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
import {
  type DriverConstructor,
  type DriverDatabase,
  type DriverStatement,
  loadDriver,
} from './driver.js'
import { kyselyOnDatabase } from './kysely-database.js'
import { SqliteLocks } from './lock.js'
import { assertNoSchema, bindValue } from './quote.js'

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000

const MEMORY = ':memory:'

export interface SqliteConnectOptions extends ConnectOptions {
  /** The dialect object the connection reports (`sqliteDialect`). */
  readonly dialect: Dialect
  /** Loads better-sqlite3; replaceable in tests. */
  readonly loadDriver?: () => Promise<DriverConstructor>
}

/**
 * Opens a SQLite database. `url.path` is `:memory:` or a file path; a relative path is
 * resolved against `process.cwd()` (the runtime may pass an absolute one). The file is
 * created if missing, but its folder must exist. URL parameters: `busy_timeout`
 * (milliseconds, default 5000) and `mode` (`ro` read-only, `rw` must exist, `rwc`
 * the default).
 *
 * Foreign keys are switched on (`PRAGMA foreign_keys = ON`): SQLite leaves them off by
 * default for compatibility, but people who declare foreign keys expect them enforced,
 * as on every other database. The journal mode is left as the file has it.
 *
 * @example
 * const connection = await connectSqlite(parseUrl('sqlite:app.db'), { dialect: sqliteDialect })
 * await connection.query('SELECT 1 AS one') // { rows: [{ one: 1 }], affectedRows: 0 }
 */
export async function connectSqlite(
  url: DatabaseUrl,
  options: SqliteConnectOptions,
): Promise<SqliteConnection> {
  const settings = readParams(url.params)
  const path =
    url.path === undefined || url.path === MEMORY ? MEMORY : resolve(process.cwd(), url.path)
  const Database = await (options.loadDriver ?? loadDriver)()
  if (path !== MEMORY) {
    const folder = dirname(path)
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      throw new ConnectionError(
        'CONNECTION_FAILED',
        `Cannot open SQLite database ${path}: the folder ${folder} does not exist`,
        { hint: 'Create the folder first; Stratum creates the database file but not its folder.' },
      )
    }
  }
  let db: DriverDatabase
  try {
    db = new Database(path, {
      readonly: settings.mode === 'ro',
      fileMustExist: settings.mode === 'ro' || settings.mode === 'rw',
      timeout: settings.busyTimeoutMs,
    })
  } catch (error) {
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `Cannot open SQLite database ${path}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  try {
    db.exec('PRAGMA foreign_keys = ON')
    // Reading the schema proves the file is a SQLite database.
    db.prepare('SELECT count(*) FROM sqlite_master').get()
  } catch (error) {
    db.close()
    throw new ConnectionError(
      'CONNECTION_FAILED',
      `Cannot open SQLite database ${path}: ${(error as Error).message}`,
      { cause: error },
    )
  }
  return new SqliteConnection({ db, path, Database, dialect: options.dialect })
}

interface Settings {
  busyTimeoutMs: number
  mode: 'ro' | 'rw' | 'rwc'
}

function readParams(params: Readonly<Record<string, string>>): Settings {
  const settings: Settings = { busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS, mode: 'rwc' }
  for (const [key, value] of Object.entries(params)) {
    if (key === 'busy_timeout' && /^\d+$/.test(value)) settings.busyTimeoutMs = Number(value)
    else if (key === 'mode' && (value === 'ro' || value === 'rw' || value === 'rwc'))
      settings.mode = value
    else {
      throw new ConfigError('URL_INVALID', `Unsupported SQLite URL parameter '${key}=${value}'`, {
        hint: 'SQLite URLs accept busy_timeout=<milliseconds> and mode=ro|rw|rwc.',
      })
    }
  }
  return settings
}

/**
 * A statement with its `;`. SQLite stores CREATE statements as written up to the `;`, so
 * no whitespace is added, except a newline after a trailing line comment (which would
 * otherwise swallow the `;`).
 */
function terminate(statement: string): string {
  const text = statement.trimEnd()
  return /--[^\n]*$/.test(text) ? `${text}\n;` : `${text};`
}

/** A DialectConnection on one better-sqlite3 handle. */
export class SqliteConnection implements DialectConnection {
  readonly dialect: Dialect
  /** The absolute database path, or `:memory:`. */
  readonly path: string
  readonly #db: DriverDatabase
  readonly #locks: SqliteLocks
  // biome-ignore lint/suspicious/noExplicitAny: the contract's type: revisions query any table.
  #kysely: Kysely<any> | undefined

  constructor(options: {
    readonly db: DriverDatabase
    readonly path: string
    readonly Database: DriverConstructor
    readonly dialect: Dialect
  }) {
    this.#db = options.db
    this.path = options.path
    this.dialect = options.dialect
    this.#locks = new SqliteLocks({ path: options.path, Database: options.Database })
  }

  /** A Kysely instance on this handle, built on first use (most runs never need Kysely). */
  // biome-ignore lint/suspicious/noExplicitAny: the contract's type: revisions query any table.
  get kysely(): Kysely<any> {
    this.#kysely ??= kyselyOnDatabase(this.#db)
    return this.#kysely
  }

  /**
   * One statement; `?` parameters are converted as `literal` writes values. SQL with
   * several statements and no parameters (an `execute` of a script) runs as a batch.
   */
  async query(sql: string, parameters: readonly unknown[] = []): Promise<QueryResult> {
    let statement: DriverStatement
    try {
      statement = this.#db.prepare(sql)
    } catch (error) {
      const message = String((error as Error).message)
      if (!(error instanceof RangeError)) throw error
      if (message.includes('no statements')) return { rows: [], affectedRows: 0 }
      if (message.includes('more than one statement') && parameters.length === 0) {
        this.#db.exec(sql)
        return { rows: [], affectedRows: 0 }
      }
      throw new MigrationError(
        'INVALID_OPERATION',
        'SQL with parameters must be a single statement on SQLite',
        { cause: error, hint: 'Split it into one execute() per statement.' },
      )
    }
    const bound = parameters.map(bindValue)
    if (statement.reader) {
      return { rows: statement.all(...bound) as Record<string, unknown>[], affectedRows: 0 }
    }
    const result = statement.run(...bound)
    return { rows: [], affectedRows: Number(result.changes) }
  }

  /** Runs the statements in one `exec` call. */
  async executeBatch(statements: readonly string[]): Promise<void> {
    if (statements.length === 0) return
    this.#db.exec(statements.map(terminate).join('\n'))
  }

  /**
   * `BEGIN IMMEDIATE`: the write lock is taken at the start, so two writers never both
   * read and then deadlock trying to upgrade to writing (which the busy timeout cannot resolve).
   */
  async begin(): Promise<void> {
    this.#db.exec('BEGIN IMMEDIATE')
  }

  async commit(): Promise<void> {
    this.#db.exec('COMMIT')
  }

  /** Rolls back; does nothing when SQLite has already ended the transaction. */
  async rollback(): Promise<void> {
    if (this.#db.inTransaction) this.#db.exec('ROLLBACK')
  }

  /**
   * Takes the migration lock: a cross-process file lock next to the database (see
   * lock.ts), or a mutex for `:memory:`. The scope's `database` is not needed: the lock
   * follows this connection's file.
   */
  acquireLock(options: AcquireLockOptions): Promise<void> {
    return this.#locks.acquire(options)
  }

  releaseLock(scope: LockScope): Promise<void> {
    return this.#locks.release(scope)
  }

  lockHolder(scope: LockScope): Promise<LockHolder | undefined> {
    return this.#locks.holder(scope)
  }

  /** The sidecar lock file for `scope` (undefined for `:memory:`). */
  lockPath(scope: LockScope): string | undefined {
    return this.path === MEMORY ? undefined : this.#locks.lockPath(scope)
  }

  async isAlive(): Promise<boolean> {
    return this.#db.open
  }

  async tableExists(target: TableTarget): Promise<boolean> {
    assertNoSchema(target.schema, `table '${target.table}'`)
    const { rows } = await this.query(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
      [target.table],
    )
    return rows.length > 0
  }

  /** SQLite has no schemas. */
  async defaultSchema(): Promise<string | undefined> {
    return undefined
  }

  /** Releases held locks and closes the handle; safe to call twice. */
  async close(): Promise<void> {
    await this.#locks.releaseAll()
    if (this.#db.open) this.#db.close()
  }
}
