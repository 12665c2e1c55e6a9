/**
 * The two PostgreSQL targets the introspection tests loop over (a throwaway database on
 * the server, and PGlite in memory), and helpers to build a scenario in its own schema.
 */
import { afterAll, beforeAll } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import type { Operation } from '../../../src/operations/types.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import { postgresDatabase } from '../../support/databases.js'

export interface IntrospectTarget {
  readonly name: string
  readonly available: boolean
  readonly url: string
  /** The open connection, set by `useConnection`. */
  connection: DialectConnection
}

/**
 * One target per PostgreSQL flavour; the server's database is dropped after the file.
 *
 * @example
 * const targets = await introspectTargets('pg_introspect')
 */
export async function introspectTargets(prefix: string): Promise<IntrospectTarget[]> {
  const server = await postgresDatabase(prefix)
  afterAll(() => server.drop())
  return [
    {
      name: 'PostgreSQL server',
      available: server.available,
      url: server.url,
      connection: undefined as never,
    },
    { name: 'PGlite', available: true, url: 'pglite:memory:', connection: undefined as never },
  ]
}

/** Opens the target's connection before the suite's tests and closes it after. */
export function useConnection(target: IntrospectTarget): void {
  beforeAll(async () => {
    target.connection = await postgresDialect.connect(parseUrl(target.url))
  }, 20_000)
  afterAll(async () => {
    await target.connection?.close()
  })
}

/**
 * Makes `schema` the connection's default schema (creating it), then compiles and runs
 * the operations and raw SQL statements in order.
 */
export async function build(
  connection: DialectConnection,
  schema: string,
  ...steps: (Operation | string)[]
): Promise<void> {
  const statements = [`CREATE SCHEMA IF NOT EXISTS "${schema}"`, `SET search_path = "${schema}"`]
  for (const step of steps) {
    if (typeof step === 'string') {
      statements.push(step)
      continue
    }
    for (const compiled of postgresDialect.compile(step)) {
      if (!('sql' in compiled)) throw new Error(`unexpected procedure ${compiled.description}`)
      statements.push(compiled.sql)
    }
  }
  await connection.executeBatch(statements)
}

/** Introspects with the dialect's introspection (which must exist). */
export function introspect(
  connection: DialectConnection,
  options?: Parameters<NonNullable<typeof postgresDialect.introspection>['introspect']>[1],
): Promise<SchemaModel> {
  const introspection = postgresDialect.introspection
  if (!introspection) throw new Error('the postgres dialect has no introspection')
  return introspection.introspect(connection, options)
}
