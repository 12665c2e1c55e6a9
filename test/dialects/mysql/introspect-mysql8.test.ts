/**
 * MySQL 8 catalog spellings (only MariaDB runs here): rows as MySQL 8.0 returns them,
 * served by a fake connection, read into the model; and the canonical forms of what
 * is read equal those of the portable model.
 */
import { describe, expect, it } from 'vitest'
import type { DialectConnection, QueryResult } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import { introspectMysql } from '../../../src/dialects/mysql/introspect.js'
import type { ColumnType, DefaultValue } from '../../../src/operations/types.js'
import type { TableModel } from '../../../src/schema/model.js'

const column = (
  name: string,
  columnType: string,
  options: { nullable?: boolean; columnDefault?: string | null; extra?: string; comment?: string },
) => ({
  tableName: 'orders',
  name,
  columnType,
  nullable: options.nullable === false ? 'NO' : 'YES',
  columnDefault: options.columnDefault ?? null,
  extra: options.extra ?? '',
  // MySQL 8 returns some information_schema text as binary strings.
  comment: Buffer.from(options.comment ?? ''),
})

const ROWS: Record<string, Record<string, unknown>[]> = {
  'VERSION()': [{ version: '8.0.36', name: 'shop' }],
  'information_schema.TABLES': [
    { name: 'orders', comment: 'all orders' },
    { name: 'users', comment: '' },
    { name: 'stratum_version', comment: '' },
  ],
  'information_schema.COLUMNS': [
    column('id', 'int', { nullable: false, extra: 'auto_increment' }),
    column('user_id', 'int', { nullable: false }),
    column('parent_id', 'int', {}),
    column('flag', 'tinyint(1)', { nullable: false, columnDefault: '0' }),
    column('amount', 'decimal(10,2)', { columnDefault: '0.00' }),
    column('name', 'varchar(50)', { columnDefault: "it's" }),
    column('literal_null', 'varchar(5)', { columnDefault: 'NULL' }),
    column('created', 'datetime(6)', {
      nullable: false,
      columnDefault: 'CURRENT_TIMESTAMP(6)',
      extra: 'DEFAULT_GENERATED',
    }),
    column('updated', 'datetime', {
      columnDefault: 'CURRENT_TIMESTAMP',
      extra: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP',
    }),
    column('doc', 'json', {}),
    column('token', 'char(36)', { columnDefault: 'uuid()', extra: 'DEFAULT_GENERATED' }),
    column('label', 'varchar(20)', {
      columnDefault: "concat(_utf8mb4\\'a\\',_utf8mb4\\'b\\')",
      extra: 'DEFAULT_GENERATED',
    }),
    column('state', "enum('new','done')", { nullable: false, columnDefault: 'new' }),
    column('big', 'bigint unsigned', { columnDefault: '5' }),
    column('tiny', 'tinyint', { comment: 'small' }),
    column('bits', 'bit(3)', { columnDefault: "b'101'" }),
    column('day', 'date', { columnDefault: '2024-01-01' }),
    { ...column('id', 'int', { nullable: false }), tableName: 'users' },
  ],
  'information_schema.STATISTICS': [
    ['orders', 'PRIMARY', 0, 'id', null, 'A', null],
    ['orders', 'fk_orders_parent', 1, 'parent_id', null, 'A', null],
    ['orders', 'ix_lower_name', 1, null, null, 'A', 'lower(`name`)'],
    ['orders', 'ix_name_prefix', 1, 'name', 10, 'D', null],
    ['orders', 'uq_orders_name', 0, 'name', null, 'A', null],
    ['orders', 'uq_orders_name', 0, 'state', null, 'A', null],
    ['orders', 'user_id', 1, 'user_id', null, 'A', null],
    ['users', 'PRIMARY', 0, 'id', null, 'A', null],
  ].map(([tableName, name, nonUnique, columnName, subPart, collation, expression]) => ({
    tableName,
    name,
    nonUnique,
    columnName,
    subPart,
    collation,
    indexType: 'BTREE',
    expression,
  })),
  'information_schema.KEY_COLUMN_USAGE': [
    ['fk_orders_parent', 'parent_id', 'orders', 'CASCADE', 'NO ACTION'],
    ['orders_ibfk_1', 'user_id', 'users', 'RESTRICT', 'SET NULL'],
  ].map(([name, columnName, referencedTable, deleteRule, updateRule]) => ({
    tableName: 'orders',
    name,
    columnName,
    referencedSchema: 'shop',
    referencedTable,
    referencedColumn: 'id',
    updateRule,
    deleteRule,
  })),
  'information_schema.CHECK_CONSTRAINTS': [
    { tableName: 'orders', name: 'orders_chk_1', clause: '(`amount` >= 0)', level: 'Table' },
    {
      tableName: 'orders',
      name: 'ck_state',
      clause: "(`state` in (_utf8mb4\\'new\\',_utf8mb4\\'done\\'))",
      level: 'Table',
    },
  ],
}

/** A connection that answers the catalog queries with MySQL 8 rows, and records them. */
function fakeConnection(): { connection: DialectConnection; queries: string[] } {
  const queries: string[] = []
  const connection = {
    dialect: mysqlDialect,
    async query(sql: string): Promise<QueryResult> {
      queries.push(sql)
      const key = Object.keys(ROWS).find((name) => sql.includes(name)) as string
      return { rows: ROWS[key] ?? [], affectedRows: 0 }
    },
  } as unknown as DialectConnection
  return { connection, queries }
}

describe('mysql introspection of MySQL 8 catalog spellings', () => {
  it('sends the MySQL 8 queries: functional key parts, checks joined to their tables', async () => {
    const { connection, queries } = fakeConnection()
    await introspectMysql(connection)
    expect(queries).toHaveLength(6)
    expect(queries.find((sql) => sql.includes('STATISTICS'))).toContain('EXPRESSION AS expression')
    const checks = queries.find((sql) => sql.includes('CHECK_CONSTRAINTS')) as string
    expect(checks).toContain("CONSTRAINT_TYPE = 'CHECK'")
    expect(checks).not.toContain('LEVEL')
  })

  it('reads the rows into the model', async () => {
    const { connection } = fakeConnection()
    const schema = await introspectMysql(connection, {
      skipTable: (name) => name === 'stratum_version',
    })
    expect(schema.tables.map((table) => table.name)).toEqual(['orders', 'users'])
    const orders = schema.tables[0] as TableModel
    expect(orders).toEqual({
      name: 'orders',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'user_id', type: 'integer', nullable: false },
        { name: 'parent_id', type: 'integer', nullable: true },
        { name: 'flag', type: 'boolean', nullable: false, default: false },
        { name: 'amount', type: 'numeric(10,2)', nullable: true, default: 0 },
        { name: 'name', type: 'varchar(50)', nullable: true, default: "it's" },
        { name: 'literal_null', type: 'varchar(5)', nullable: true, default: 'NULL' },
        {
          name: 'created',
          type: 'timestamp',
          nullable: false,
          default: { sql: 'CURRENT_TIMESTAMP' },
        },
        {
          name: 'updated',
          type: 'datetime',
          nullable: true,
          default: { sql: 'CURRENT_TIMESTAMP' },
        },
        { name: 'doc', type: 'json', nullable: true },
        { name: 'token', type: 'char(36)', nullable: true, default: { sql: 'uuid()' } },
        {
          name: 'label',
          type: 'varchar(20)',
          nullable: true,
          default: { sql: "concat(_utf8mb4'a',_utf8mb4'b')" },
        },
        { name: 'state', type: { enum: ['new', 'done'] }, nullable: false, default: 'new' },
        { name: 'big', type: 'bigint unsigned', nullable: true, default: 5 },
        { name: 'tiny', type: 'tinyint', nullable: true, comment: 'small' },
        { name: 'bits', type: 'bit(3)', nullable: true, default: { sql: "b'101'" } },
        { name: 'day', type: 'date', nullable: true, default: '2024-01-01' },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [{ name: 'uq_orders_name', columns: ['name', 'state'] }],
      foreignKeys: [
        {
          name: 'fk_orders_parent',
          columns: ['parent_id'],
          referencedTable: 'orders',
          referencedColumns: ['id'],
          onDelete: 'cascade',
        },
        {
          name: 'orders_ibfk_1',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
          onUpdate: 'set null',
        },
      ],
      indexes: [
        { name: 'ix_lower_name', columns: [{ sql: 'lower(`name`)' }], unique: false },
        { name: 'ix_name_prefix', columns: [{ sql: 'name(10) DESC' }], unique: false },
      ],
      checks: [
        { name: 'ck_state', expression: "(`state` in (_utf8mb4'new',_utf8mb4'done'))" },
        { name: 'orders_chk_1', expression: '(`amount` >= 0)' },
      ],
      comment: 'all orders',
    })
  })

  it('reads as equal to the portable model in canonical form', async () => {
    const { connection } = fakeConnection()
    const orders = (await introspectMysql(connection)).tables[0] as TableModel
    const introspection = mysqlDialect.introspection
    const model: Record<string, { type: ColumnType; default?: DefaultValue }> = {
      flag: { type: 'boolean', default: false },
      amount: { type: 'numeric(10,2)', default: 0 },
      name: { type: 'varchar(50)', default: "it's" },
      created: { type: 'timestamptz', default: { sql: 'now()' } },
      updated: { type: 'datetime', default: { sql: 'CURRENT_TIMESTAMP' } },
      doc: { type: 'jsonb' },
      token: { type: 'uuid', default: { sql: '(uuid())' } },
      label: { type: 'varchar(20)', default: { sql: "concat('a', 'b')" } },
      state: { type: { enum: ['new', 'done'] }, default: 'new' },
      big: { type: 'bigint unsigned', default: '5' },
    }
    for (const [name, expected] of Object.entries(model)) {
      const read = orders.columns.find((entry) => entry.name === name)
      expect(read, name).toBeDefined()
      if (!read) continue
      expect(introspection?.canonicalType(read.type), name).toBe(
        introspection?.canonicalType(expected.type),
      )
      expect(introspection?.canonicalDefault(read.default, read.type), name).toBe(
        introspection?.canonicalDefault(expected.default, expected.type),
      )
    }
    const checks = orders.checks.map((check) =>
      introspection?.canonicalExpression(check.expression),
    )
    expect(checks).toEqual(
      ["state IN ('new', 'done')", 'amount >= 0'].map((sql) =>
        introspection?.canonicalExpression(sql),
      ),
    )
  })
})
