/**
 * Introspection sends a fixed number of catalog queries, however many tables the
 * database holds (issue 4: never a query per table). On each database (SQLite, PGlite,
 * the PostgreSQL server, MariaDB) the same introspection reads 3 tables, then 60, with
 * foreign keys, unique constraints, indexes, checks, comments and enums where the dialect
 * has them, through the real connection with its `query` calls counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../src/config/url.js'
import type { Dialect, DialectConnection } from '../../src/dialects/dialect.js'
import { dialectFor } from '../../src/dialects/registry.js'
import type { ColumnType, Operation } from '../../src/operations/types.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { createTargets, dropTargets } from '../runtime/targets.js'

const targets = await createTargets('introspect_count')
afterAll(() => dropTargets(targets))

const SMALL = 3
const LARGE = 60

/** The connection, with every query it sends counted (the real one answers). */
function counting(connection: DialectConnection): {
  readonly connection: DialectConnection
  readonly count: () => number
} {
  let queries = 0
  const wrapped = new Proxy(connection, {
    get(target, property) {
      if (property === 'query') {
        return (sql: string, parameters?: readonly unknown[]) => {
          queries++
          return target.query(sql, parameters)
        }
      }
      const value = Reflect.get(target, property, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { connection: wrapped, count: () => queries }
}

const tableName = (index: number) => `qc_${String(index).padStart(2, '0')}`

/**
 * Table `index`: an identity key, a foreign key to the table before it (the first to
 * itself), a unique column, an enum column (a named type on PostgreSQL, one per table),
 * a check, an index and comments.
 */
function tableOperations(dialect: Dialect, index: number): Operation[] {
  const table = tableName(index)
  const parent = tableName(Math.max(index - 1, 0))
  const values = ['low', 'high', `level_${index}`]
  const named = dialect.capabilities.enumTypes
  const level: ColumnType = named ? { enum: values, name: `${table}_level` } : { enum: values }
  const comment = dialect.capabilities.comments ? { comment: `table ${index}` } : {}
  return [
    ...(named ? [{ kind: 'createEnum', name: `${table}_level`, values } as const] : []),
    {
      kind: 'createTable',
      table,
      columns: [
        { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
        { name: 'parent_id', type: 'integer', references: { table: parent, column: 'id' } },
        { name: 'code', type: 'varchar(20)', nullable: false, unique: true },
        { name: 'level', type: level, default: 'low' },
        { name: 'amount', type: 'numeric(10,2)', default: 0, ...comment },
      ],
      checks: [{ name: `ck_${table}_amount`, expression: 'amount >= 0' }],
      ...comment,
    },
    { kind: 'createIndex', name: `ix_${table}_amount`, table, columns: ['amount'] },
  ]
}

/** Compiles the operations with the dialect and runs them on the connection. */
async function apply(connection: DialectConnection, operations: Operation[]): Promise<void> {
  for (const operation of operations) {
    for (const step of connection.dialect.compile(operation)) {
      if ('sql' in step) await connection.query(step.sql, step.parameters)
      else await step.run(connection)
    }
  }
}

describe.each(targets)('introspection query count on $name', (target) => {
  const { database } = target
  let connection: DialectConnection

  beforeAll(async () => {
    if (!database.available) return
    const url = parseUrl(database.url)
    connection = await (await dialectFor(url)).connect(url)
  }, 120_000)
  afterAll(async () => {
    await connection?.close()
  })

  async function introspect(): Promise<{ model: SchemaModel; queries: number }> {
    const introspection = connection.dialect.introspection
    if (introspection === undefined) throw new Error(`${target.name} has no introspection`)
    const counted = counting(connection)
    const model = await introspection.introspect(counted.connection)
    return { model, queries: counted.count() }
  }

  it.skipIf(!database.available)(
    `sends as many catalog queries for ${LARGE} tables as for ${SMALL}`,
    async () => {
      const { dialect } = connection
      for (let index = 0; index < SMALL; index++) {
        await apply(connection, tableOperations(dialect, index))
      }
      const small = await introspect()
      expect(small.model.tables).toHaveLength(SMALL)

      for (let index = SMALL; index < LARGE; index++) {
        await apply(connection, tableOperations(dialect, index))
      }
      const large = await introspect()
      const { tables } = large.model
      expect(tables).toHaveLength(LARGE)
      // Everything the tables hold was read, not only their names.
      expect(tables.flatMap((table) => table.foreignKeys)).toHaveLength(LARGE)
      expect(tables.flatMap((table) => table.checks)).toHaveLength(LARGE)
      expect(tables.flatMap((table) => table.uniques)).toHaveLength(LARGE)
      const indexes = tables.flatMap((table) => table.indexes.map((item) => item.name))
      expect(indexes.filter((name) => name?.startsWith('ix_qc_'))).toHaveLength(LARGE)
      const levels = tables.map((table) => table.columns.find((column) => column.name === 'level'))
      expect(levels.every((column) => typeof column?.type === 'object')).toBe(true)
      if (dialect.capabilities.enumTypes) expect(large.model.enums).toHaveLength(LARGE)
      if (dialect.capabilities.comments) {
        expect(tables.every((table) => table.comment?.startsWith('table '))).toBe(true)
      }

      expect(large.queries).toBe(small.queries)
      expect(small.queries).toBeGreaterThan(0)
    },
    120_000,
  )
})
