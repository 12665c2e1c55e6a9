/**
 * Introspection against the MariaDB server: a schema built through the compiler, read
 * back as the exact normalised model, with a fixed number of catalog queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import { mysqlDatabase } from '../../support/databases.js'
import { apply } from './helpers.js'

const db = await mysqlDatabase('mysql_introspect')
const introspection = mysqlDialect.introspection

/** Counts the queries introspection sends through a connection. */
function counting(connection: DialectConnection): {
  connection: DialectConnection
  count: () => number
} {
  let count = 0
  const proxy = new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (sql: string, parameters?: readonly unknown[]) => {
          count += 1
          return target.query(sql, parameters)
        }
      }
      return Reflect.get(target, property, receiver)
    },
  })
  return { connection: proxy, count: () => count }
}

describe.skipIf(!db.available)('mysql introspection', () => {
  let connection: DialectConnection
  let schema: SchemaModel

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
    await apply(connection, {
      kind: 'createTable',
      table: 'accounts',
      columns: [
        { name: 'tenant_id', type: 'integer' },
        { name: 'id', type: 'integer' },
        { name: 'email', type: 'varchar(255)', nullable: false, comment: "the owner's email" },
      ],
      primaryKey: { columns: ['tenant_id', 'id'] },
      uniques: [{ name: 'uq_accounts_email', columns: ['tenant_id', 'email'] }],
      comment: "tenants' accounts",
    })
    await apply(connection, {
      kind: 'createTable',
      table: 'orders',
      columns: [
        { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
        { name: 'tenant_id', type: 'integer', nullable: false },
        { name: 'account_id', type: 'integer', nullable: false },
        {
          name: 'parent_id',
          type: 'bigint',
          references: { table: 'orders', column: 'id', onDelete: 'set null' },
        },
        {
          name: 'status',
          type: { enum: ['new', 'paid', "it's"] },
          nullable: false,
          default: 'new',
        },
        { name: 'total', type: 'numeric(10,2)', nullable: false, default: 0 },
        { name: 'note', type: 'text' },
        { name: 'created_at', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
      ],
      foreignKeys: [
        {
          name: 'fk_orders_account',
          columns: ['tenant_id', 'account_id'],
          referencedTable: 'accounts',
          referencedColumns: ['tenant_id', 'id'],
          onDelete: 'cascade',
          onUpdate: 'restrict',
        },
      ],
      checks: [{ name: 'ck_orders_total', expression: 'total >= 0' }],
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'orders',
      name: 'ix_orders_status_created',
      columns: ['status', 'created_at'],
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'orders',
      name: 'ix_orders_note',
      columns: [{ sql: 'note(20)' }],
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'orders',
      name: 'ux_orders_note',
      columns: ['tenant_id', { sql: 'note(10)' }],
      unique: true,
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'orders',
      name: 'ux_orders_parent',
      columns: ['parent_id', 'tenant_id'],
      unique: true,
    })
    await apply(connection, {
      kind: 'createTable',
      table: 'all_types',
      columns: [
        { name: 'c_integer', type: 'integer', nullable: false, default: 7 },
        { name: 'c_bigint', type: 'bigint', default: '9007199254740993' },
        { name: 'c_smallint', type: 'smallint', default: -1 },
        { name: 'c_boolean', type: 'boolean', nullable: false, default: true },
        { name: 'c_text', type: 'text', default: 'hello' },
        { name: 'c_varchar', type: 'varchar(40)', default: "it's a \\ backslash" },
        { name: 'c_char', type: 'char(2)', default: 'ab' },
        { name: 'c_numeric', type: 'numeric(10,2)', default: 12.5 },
        { name: 'c_real', type: 'real', default: 0.5 },
        { name: 'c_double', type: 'double', default: 2.25 },
        { name: 'c_date', type: 'date', default: '2024-02-29' },
        { name: 'c_time', type: 'time', default: '12:30:00' },
        { name: 'c_timestamp', type: 'timestamp', default: { sql: 'now()' } },
        { name: 'c_timestamptz', type: 'timestamptz', default: '2024-01-01 10:00:00' },
        { name: 'c_json', type: 'json' },
        { name: 'c_jsonb', type: 'jsonb', nullable: false },
        { name: 'c_uuid', type: 'uuid', default: { sql: 'uuid()' } },
        { name: 'c_bytes', type: 'bytes' },
        { name: 'c_enum', type: { enum: ['a', 'b'] }, default: 'b' },
        { name: 'c_mediumtext', type: 'mediumtext' },
        { name: 'c_tinyint', type: 'tinyint' },
        { name: 'c_unsigned', type: 'int unsigned', default: 3 },
        { name: 'c_time3', type: 'time(3)' },
        { name: 'c_ts3', type: 'timestamp(3)', default: { sql: 'CURRENT_TIMESTAMP(3)' } },
        { name: 'c_expression', type: 'integer', default: { sql: '1 + 2' } },
        { name: 'c_null', type: 'integer', default: null },
        { name: 'c_sql_null', type: 'varchar(5)', default: { sql: 'NULL' } },
        { name: 'c_zero_text', type: 'varchar(3)', default: 0 },
        { name: 'c_commented', type: 'integer', comment: 'a comment' },
      ],
    })
    await connection.query('CREATE VIEW order_totals AS SELECT id, total FROM orders')
    await apply(connection, {
      kind: 'createTable',
      table: 'stratum_version',
      columns: [{ name: 'version_num', type: 'varchar(32)' }],
    })
    schema = await (introspection?.introspect(connection, {
      skipTable: (name) => name === 'stratum_version',
    }) as Promise<SchemaModel>)
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  it('is part of the dialect', () => {
    expect(introspection).toBeDefined()
  })

  it('reads keys, constraints, indexes, comments and an enum as the exact model', () => {
    const byName = (name: string) => schema.tables.find((table) => table.name === name)
    expect(schema.tables.map((table) => table.name)).toEqual(['accounts', 'all_types', 'orders'])
    expect(schema.enums).toEqual([])
    expect(schema.schemas).toEqual([])
    expect(byName('accounts')).toEqual({
      name: 'accounts',
      columns: [
        { name: 'tenant_id', type: 'integer', nullable: false },
        { name: 'id', type: 'integer', nullable: false },
        { name: 'email', type: 'varchar(255)', nullable: false, comment: "the owner's email" },
      ],
      primaryKey: { columns: ['tenant_id', 'id'] },
      uniques: [{ name: 'uq_accounts_email', columns: ['tenant_id', 'email'] }],
      foreignKeys: [],
      indexes: [],
      checks: [],
      comment: "tenants' accounts",
    })
    expect(byName('orders')).toEqual({
      name: 'orders',
      columns: [
        { name: 'id', type: 'bigint', nullable: false, autoIncrement: true },
        { name: 'tenant_id', type: 'integer', nullable: false },
        { name: 'account_id', type: 'integer', nullable: false },
        { name: 'parent_id', type: 'bigint', nullable: true },
        {
          name: 'status',
          type: { enum: ['new', 'paid', "it's"] },
          nullable: false,
          default: 'new',
        },
        { name: 'total', type: 'numeric(10,2)', nullable: false, default: 0 },
        { name: 'note', type: 'text', nullable: true },
        {
          name: 'created_at',
          type: 'timestamp',
          nullable: true,
          default: { sql: 'CURRENT_TIMESTAMP' },
        },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [{ name: 'ux_orders_parent', columns: ['parent_id', 'tenant_id'] }],
      foreignKeys: [
        {
          name: 'fk_orders_account',
          columns: ['tenant_id', 'account_id'],
          referencedTable: 'accounts',
          referencedColumns: ['tenant_id', 'id'],
          onDelete: 'cascade',
        },
        {
          name: 'orders_ibfk_1',
          columns: ['parent_id'],
          referencedTable: 'orders',
          referencedColumns: ['id'],
          onDelete: 'set null',
        },
      ],
      indexes: [
        { name: 'ix_orders_note', columns: [{ sql: 'note(20)' }], unique: false },
        { name: 'ix_orders_status_created', columns: ['status', 'created_at'], unique: false },
        { name: 'ux_orders_note', columns: ['tenant_id', { sql: 'note(10)' }], unique: true },
      ],
      checks: [{ name: 'ck_orders_total', expression: '`total` >= 0' }],
    })
  })

  it('reads every portable type and default form', () => {
    const table = schema.tables.find((entry) => entry.name === 'all_types')
    expect(table?.columns).toEqual([
      { name: 'c_integer', type: 'integer', nullable: false, default: 7 },
      { name: 'c_bigint', type: 'bigint', nullable: true, default: '9007199254740993' },
      { name: 'c_smallint', type: 'smallint', nullable: true, default: -1 },
      { name: 'c_boolean', type: 'boolean', nullable: false, default: true },
      { name: 'c_text', type: 'text', nullable: true, default: 'hello' },
      { name: 'c_varchar', type: 'varchar(40)', nullable: true, default: "it's a \\ backslash" },
      { name: 'c_char', type: 'char(2)', nullable: true, default: 'ab' },
      { name: 'c_numeric', type: 'numeric(10,2)', nullable: true, default: 12.5 },
      { name: 'c_real', type: 'real', nullable: true, default: 0.5 },
      { name: 'c_double', type: 'double', nullable: true, default: 2.25 },
      { name: 'c_date', type: 'date', nullable: true, default: '2024-02-29' },
      { name: 'c_time', type: 'time', nullable: true, default: '12:30:00' },
      {
        name: 'c_timestamp',
        type: 'timestamp',
        nullable: true,
        default: { sql: 'CURRENT_TIMESTAMP' },
      },
      {
        name: 'c_timestamptz',
        type: 'timestamp',
        nullable: true,
        default: '2024-01-01 10:00:00.000000',
      },
      { name: 'c_json', type: 'json', nullable: true },
      { name: 'c_jsonb', type: 'json', nullable: false },
      { name: 'c_uuid', type: 'char(36)', nullable: true, default: { sql: 'uuid()' } },
      { name: 'c_bytes', type: 'bytes', nullable: true },
      { name: 'c_enum', type: { enum: ['a', 'b'] }, nullable: true, default: 'b' },
      { name: 'c_mediumtext', type: 'mediumtext', nullable: true },
      { name: 'c_tinyint', type: 'tinyint', nullable: true },
      { name: 'c_unsigned', type: 'int unsigned', nullable: true, default: 3 },
      { name: 'c_time3', type: 'time(3)', nullable: true },
      {
        name: 'c_ts3',
        type: 'timestamp(3)',
        nullable: true,
        default: { sql: 'CURRENT_TIMESTAMP' },
      },
      { name: 'c_expression', type: 'integer', nullable: true, default: { sql: '(1 + 2)' } },
      { name: 'c_null', type: 'integer', nullable: true },
      { name: 'c_sql_null', type: 'varchar(5)', nullable: true },
      { name: 'c_zero_text', type: 'varchar(3)', nullable: true, default: '0' },
      { name: 'c_commented', type: 'integer', nullable: true, comment: 'a comment' },
    ])
    // MariaDB's json_valid checks belong to the json type.
    expect(table?.checks).toEqual([])
    expect(table?.indexes).toEqual([])
  })

  it('serialises to JSON and back unchanged (no undefined-valued fields)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
    expect(JSON.stringify(schema)).not.toContain('undefined')
  })

  it('uses the same number of catalog queries for 1 table and for 50', async () => {
    const one = counting(connection)
    await introspection?.introspect(one.connection, { skipTable: () => true })
    await connection.executeBatch(
      Array.from(
        { length: 50 },
        (_, index) =>
          `CREATE TABLE bulk_${index} (id int PRIMARY KEY, ref bigint, name varchar(20) UNIQUE,
            CONSTRAINT fk_bulk_${index} FOREIGN KEY (ref) REFERENCES orders (id),
            CONSTRAINT ck_bulk_${index} CHECK (ref > 0))`,
      ),
    )
    const many = counting(connection)
    const large = await introspection?.introspect(many.connection)
    expect(large?.tables.length).toBe(54)
    expect(many.count()).toBe(one.count())
    expect(many.count()).toBe(6)
  })
})
