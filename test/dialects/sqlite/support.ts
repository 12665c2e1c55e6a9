/**
 * Helpers for the SQLite dialect tests: a connection on a temporary file, applying
 * operations the way the runtime does (procedures that need foreign keys off get them
 * off outside the transaction), and catalog readers.
 */
import { parseUrl } from '../../../src/config/url.js'
import type { CompiledStep, DialectConnection } from '../../../src/dialects/dialect.js'
import type { SqliteConnection } from '../../../src/dialects/sqlite/connection.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import type { Operation } from '../../../src/operations/types.js'
import { sqliteDatabase } from '../../support/databases.js'

export interface TestConnection {
  readonly connection: SqliteConnection
  readonly path: string
  close(): Promise<void>
}

/** A connection on a new temporary database file. */
export async function openTestDatabase(prefix = 'sqlite'): Promise<TestConnection> {
  const database = sqliteDatabase(prefix)
  const connection = (await sqliteDialect.connect(parseUrl(database.url))) as SqliteConnection
  return {
    connection,
    path: database.path,
    async close() {
      await connection.close()
      await database.drop()
    },
  }
}

/** Runs compiled steps in one transaction, with foreign keys off around it when a step needs it. */
export async function runSteps(
  connection: DialectConnection,
  steps: readonly CompiledStep[],
): Promise<void> {
  const foreignKeysOff = steps.some((step) => 'run' in step && step.needsForeignKeysOff)
  if (foreignKeysOff) await connection.query('PRAGMA foreign_keys = OFF')
  await connection.begin()
  try {
    for (const step of steps) {
      if ('run' in step) await step.run(connection)
      else await connection.query(step.sql, step.parameters)
    }
    await connection.commit()
  } catch (error) {
    await connection.rollback()
    throw error
  } finally {
    if (foreignKeysOff) await connection.query('PRAGMA foreign_keys = ON')
  }
}

/** Compiles and runs operations, each in its own transaction. */
export async function apply(
  connection: DialectConnection,
  ...operations: Operation[]
): Promise<void> {
  for (const operation of operations) await runSteps(connection, sqliteDialect.compile(operation))
}

/** Rows of a query. */
export async function rows(
  connection: DialectConnection,
  sql: string,
  parameters: unknown[] = [],
): Promise<Record<string, unknown>[]> {
  return [...(await connection.query(sql, parameters)).rows]
}

export interface CatalogColumn {
  name: string
  type: string
  notnull: number
  dflt_value: string | null
  pk: number
}

/** PRAGMA table_xinfo, as plain objects. */
export async function columnsOf(
  connection: DialectConnection,
  table: string,
): Promise<CatalogColumn[]> {
  return (await rows(
    connection,
    'SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_xinfo(?) ORDER BY cid',
    [table],
  )) as unknown as CatalogColumn[]
}

/** The stored SQL of a schema object. */
export async function sqlOf(
  connection: DialectConnection,
  name: string,
): Promise<string | undefined> {
  const found = await rows(connection, 'SELECT sql FROM sqlite_master WHERE name = ?', [name])
  return found[0]?.sql as string | undefined
}

/** Names of schema objects of a type, in creation order. */
export async function namesOf(connection: DialectConnection, type: string): Promise<string[]> {
  return (
    await rows(
      connection,
      "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
      [type],
    )
  ).map((row) => String(row.name))
}

/** PRAGMA foreign_key_list of a table. */
export async function foreignKeysOf(
  connection: DialectConnection,
  table: string,
): Promise<Record<string, unknown>[]> {
  return rows(
    connection,
    'SELECT "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq',
    [table],
  )
}

/** PRAGMA index_list of a table: name, unique, origin (c: CREATE INDEX, u: UNIQUE, pk), partial. */
export async function indexesOf(
  connection: DialectConnection,
  table: string,
): Promise<Record<string, unknown>[]> {
  return rows(
    connection,
    'SELECT name, "unique", origin, partial FROM pragma_index_list(?) ORDER BY name',
    [table],
  )
}
