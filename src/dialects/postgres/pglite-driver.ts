/**
 * A Kysely driver over one PGlite instance, so that `db` in a revision runs on the same
 * in-process database as the migration. Kysely's PostgreSQL adapter, query compiler and
 * introspector work unchanged on top of it. Kysely itself is loaded when the instance is
 * first built (see `../kysely-module.ts`).
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely'
import { kyselyModule } from '../kysely-module.js'
import { postgresKysely } from './kysely.js'

/** The part of PGlite the driver uses. */
export interface PgliteLike {
  query(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: unknown[]; affectedRows?: number; command?: string }>
}

const COUNTED = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

class PgliteConnection implements DatabaseConnection {
  constructor(readonly database: PgliteLike) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.database.query(compiledQuery.sql, [...compiledQuery.parameters])
    const command = result.command?.toUpperCase()
    return {
      rows: result.rows as R[],
      ...(command && COUNTED.has(command)
        ? { numAffectedRows: BigInt(result.affectedRows ?? 0) }
        : {}),
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is refused before the first row.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming queries are not supported on PGlite')
  }
}

/** A statement without parameters, as Kysely's drivers send transaction control. */
const raw = (sql: string): CompiledQuery => kyselyModule().CompiledQuery.raw(sql)

/**
 * A Kysely `Driver` whose one connection is the PGlite instance. It never opens or closes
 * the database: the session owns it.
 *
 * @example
 * new Kysely({ dialect: { createDriver: () => new PgliteDriver(db), ... } })
 */
export class PgliteDriver implements Driver {
  readonly #connection: PgliteConnection

  constructor(database: PgliteLike) {
    this.#connection = new PgliteConnection(database)
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return this.#connection
  }

  async beginTransaction(
    connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    let sql = settings.isolationLevel || settings.accessMode ? 'start transaction' : 'begin'
    if (settings.isolationLevel) sql += ` isolation level ${settings.isolationLevel}`
    if (settings.accessMode) sql += ` ${settings.accessMode}`
    await connection.executeQuery(raw(sql))
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(raw('rollback'))
  }

  async releaseConnection(): Promise<void> {}

  async destroy(): Promise<void> {}
}

/**
 * A Kysely instance on one PGlite database.
 *
 * @example
 * const db = pgliteKysely(await PGlite.create())
 */
export function pgliteKysely(database: PgliteLike): Kysely<Record<string, never>> {
  return postgresKysely(() => new PgliteDriver(database))
}
