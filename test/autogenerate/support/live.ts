/**
 * The whole loop on a real database: compare the models with what introspection
 * reads, render the operations, run the rendered code with an `op` whose sink compiles
 * and executes each operation, and read the database again.
 */
import { type CompareDialect, renderOperations } from '../../../src/autogenerate/index.js'
import { parseUrl } from '../../../src/config/url.js'
import type { Dialect, DialectConnection } from '../../../src/dialects/dialect.js'
import { dialectFor } from '../../../src/dialects/registry.js'
import { Operations } from '../../../src/operations/index.js'
import type { Operation } from '../../../src/operations/types.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import {
  mysqlDatabase,
  pgliteDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../../support/databases.js'

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>

export interface LiveTarget {
  readonly label: string
  readonly database: TestDatabase
}

/** PostgreSQL, MariaDB (servers, skipped when absent), SQLite and PGlite (in process). */
export async function liveTargets(prefix: string): Promise<LiveTarget[]> {
  return [
    { label: 'postgres', database: await postgresDatabase(prefix) },
    { label: 'mysql', database: await mysqlDatabase(prefix) },
    { label: 'sqlite', database: sqliteDatabase(prefix) },
    { label: 'pglite', database: pgliteDatabase(prefix) },
  ]
}

export interface Live {
  readonly dialect: Dialect
  /** The dialect to compare with (MySQL's needs an index for each foreign key). */
  readonly compareDialect: CompareDialect
  readonly connection: DialectConnection
  /** The database as introspection reads it. */
  read(): Promise<SchemaModel>
  /** Renders the operations, runs the rendered code, and returns what it recorded. */
  run(operations: readonly Operation[]): Promise<Operation[]>
  close(): Promise<void>
}

export async function openLive(target: LiveTarget): Promise<Live> {
  const url = parseUrl(target.database.url)
  const dialect = await dialectFor(url)
  const connection = await dialect.connect(url)
  const introspection = dialect.introspection
  if (!introspection) throw new Error(`${dialect.name} has no introspection`)
  return {
    dialect,
    compareDialect: dialect,
    connection,
    read: () => introspection.introspect(connection),
    async run(operations) {
      const recorded: Operation[] = []
      const op = new Operations(async (operation) => {
        recorded.push(operation)
        for (const step of dialect.compile(operation)) {
          if ('sql' in step) await connection.query(step.sql, step.parameters)
          else await step.run(connection)
        }
      })
      await new AsyncFunction('op', renderOperations(operations))(op)
      return recorded
    },
    close: () => connection.close(),
  }
}
