/**
 * PostgreSQL introspection on a real server and on PGlite: a schema built from
 * operations and raw SQL is read back into the exact SchemaModel, with a fixed number
 * of catalog queries however many tables there are.
 */
import { describe, expect, it } from 'vitest'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import type { Operation } from '../../../src/operations/types.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import { build, introspect, introspectTargets, useConnection } from './introspect-targets.js'

const targets = await introspectTargets('pg_introspect')

const mood = { enum: ['sad', 'ok', 'happy'], name: 'mood' } as const

/** The shop: every kind of key, index, check and comment, across two schemas. */
const shop: (Operation | string)[] = [
  { kind: 'createSchema', name: 'billing' },
  { kind: 'createEnum', name: 'mood', values: ['sad', 'ok', 'happy'] },
  {
    kind: 'createTable',
    table: 'users',
    comment: 'People',
    columns: [
      { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
      { name: 'email', type: 'varchar(255)', nullable: false, comment: 'Login' },
      { name: 'mood', type: mood, default: 'ok' },
      { name: 'created_at', type: 'timestamptz', nullable: false, default: { sql: 'now()' } },
      { name: 'deleted_at', type: 'timestamptz' },
    ],
  },
  {
    kind: 'createTable',
    table: 'invoices',
    schema: 'billing',
    columns: [
      { name: 'id', type: 'integer', primaryKey: true },
      { name: 'user_id', type: 'bigint', references: { table: 'users', column: 'id' } },
    ],
  },
  {
    kind: 'createTable',
    table: 'orders',
    columns: [
      { name: 'user_id', type: 'bigint', nullable: false },
      { name: 'number', type: 'integer', nullable: false },
      { name: 'code', type: 'char(8)' },
      { name: 'total', type: 'numeric(10,2)', default: 0 },
      { name: 'invoice_id', type: 'integer' },
    ],
    primaryKey: { columns: ['user_id', 'number'] },
    uniques: [{ name: 'orders_code_unique', columns: ['user_id', 'code'] }],
    foreignKeys: [
      {
        name: 'orders_user_fk',
        columns: ['user_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'restrict',
        deferrable: true,
        initiallyDeferred: true,
      },
      {
        name: 'orders_invoice_fk',
        columns: ['invoice_id'],
        referencedTable: 'invoices',
        referencedSchema: 'billing',
        referencedColumns: ['id'],
        onDelete: 'set null',
        deferrable: true,
      },
    ],
    checks: [{ name: 'orders_total_positive', expression: 'total >= 0' }],
  },
  {
    kind: 'createTable',
    table: 'order_lines',
    columns: [
      { name: 'user_id', type: 'bigint', nullable: false },
      { name: 'number', type: 'integer', nullable: false },
      { name: 'line', type: 'smallint', nullable: false },
      { name: 'tags', type: 'text[]' },
    ],
    primaryKey: { name: 'order_lines_pk', columns: ['user_id', 'number', 'line'] },
    foreignKeys: [
      {
        name: 'order_lines_order_fk',
        columns: ['user_id', 'number'],
        referencedTable: 'orders',
        referencedColumns: ['user_id', 'number'],
        onDelete: 'set default',
      },
    ],
  },
  {
    kind: 'createTable',
    table: 'categories',
    columns: [
      { name: 'id', type: 'integer', primaryKey: true },
      {
        name: 'parent_id',
        type: 'integer',
        references: { table: 'categories', column: 'id', onDelete: 'set null' },
      },
      { name: 'name', type: 'text', nullable: false, unique: true },
    ],
  },
  {
    kind: 'createIndex',
    name: 'users_active_email',
    table: 'users',
    columns: ['email'],
    unique: true,
    where: 'deleted_at IS NULL',
  },
  {
    kind: 'createIndex',
    name: 'users_lower_email',
    table: 'users',
    columns: [{ sql: 'lower(email)' }],
  },
  { kind: 'createIndex', name: 'users_created', table: 'users', columns: ['created_at', 'id'] },
  {
    kind: 'createIndex',
    name: 'order_lines_tags',
    table: 'order_lines',
    columns: ['tags'],
    using: 'gin',
  },
  {
    kind: 'createIndex',
    name: 'orders_recent',
    table: 'orders',
    columns: [{ sql: 'number DESC' }, { sql: '(total * 2)' }],
  },
  {
    kind: 'createIndex',
    name: 'invoices_user',
    table: 'invoices',
    schema: 'billing',
    columns: ['user_id'],
  },
  // Serial and identity columns, spelled as people write them by hand.
  `CREATE TABLE legacy (
     id serial PRIMARY KEY,
     code integer GENERATED ALWAYS AS IDENTITY,
     big bigserial,
     note text DEFAULT NULL,
     doubled integer GENERATED ALWAYS AS (id * 2) STORED
   )`,
  // Not tables: a view, and the partitions of a partitioned table.
  'CREATE VIEW active_users AS SELECT * FROM users WHERE deleted_at IS NULL',
  'CREATE TABLE events (id integer NOT NULL, at date NOT NULL) PARTITION BY RANGE (at)',
  `CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
]

const noKeys = { uniques: [], foreignKeys: [], indexes: [], checks: [] }

/** What the shop reads back as: names PostgreSQL chose included, in the model's order. */
const expectedShop: SchemaModel = {
  tables: [
    {
      name: 'categories',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'parent_id', type: 'integer', nullable: true },
        { name: 'name', type: 'text', nullable: false },
      ],
      primaryKey: { name: 'categories_pkey', columns: ['id'] },
      uniques: [{ name: 'categories_name_key', columns: ['name'] }],
      foreignKeys: [
        {
          name: 'categories_parent_id_fkey',
          columns: ['parent_id'],
          referencedTable: 'categories',
          referencedColumns: ['id'],
          onDelete: 'set null',
        },
      ],
      indexes: [],
      checks: [],
    },
    {
      // Partitioned: a table; its partitions are not.
      name: 'events',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'at', type: 'date', nullable: false },
      ],
      ...noKeys,
    },
    {
      name: 'legacy',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'code', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'big', type: 'bigint', nullable: false, autoIncrement: true },
        { name: 'note', type: 'text', nullable: true },
        { name: 'doubled', type: 'integer', nullable: true },
      ],
      primaryKey: { name: 'legacy_pkey', columns: ['id'] },
      ...noKeys,
    },
    {
      name: 'order_lines',
      columns: [
        { name: 'user_id', type: 'bigint', nullable: false },
        { name: 'number', type: 'integer', nullable: false },
        { name: 'line', type: 'smallint', nullable: false },
        { name: 'tags', type: 'text[]', nullable: true },
      ],
      primaryKey: { name: 'order_lines_pk', columns: ['user_id', 'number', 'line'] },
      uniques: [],
      foreignKeys: [
        {
          name: 'order_lines_order_fk',
          columns: ['user_id', 'number'],
          referencedTable: 'orders',
          referencedColumns: ['user_id', 'number'],
          onDelete: 'set default',
        },
      ],
      indexes: [{ name: 'order_lines_tags', columns: ['tags'], unique: false, using: 'gin' }],
      checks: [],
    },
    {
      name: 'orders',
      columns: [
        { name: 'user_id', type: 'bigint', nullable: false },
        { name: 'number', type: 'integer', nullable: false },
        { name: 'code', type: 'char(8)', nullable: true },
        { name: 'total', type: 'numeric(10,2)', nullable: true, default: 0 },
        { name: 'invoice_id', type: 'integer', nullable: true },
      ],
      primaryKey: { name: 'orders_pkey', columns: ['user_id', 'number'] },
      uniques: [{ name: 'orders_code_unique', columns: ['user_id', 'code'] }],
      foreignKeys: [
        {
          name: 'orders_invoice_fk',
          columns: ['invoice_id'],
          referencedTable: 'invoices',
          referencedSchema: 'billing',
          referencedColumns: ['id'],
          onDelete: 'set null',
          deferrable: true,
        },
        {
          name: 'orders_user_fk',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          onUpdate: 'restrict',
          deferrable: true,
          initiallyDeferred: true,
        },
      ],
      indexes: [
        {
          name: 'orders_recent',
          columns: [{ sql: 'number DESC' }, { sql: '(total * (2)::numeric)' }],
          unique: false,
        },
      ],
      checks: [{ name: 'orders_total_positive', expression: 'total >= (0)::numeric' }],
    },
    {
      name: 'users',
      columns: [
        { name: 'id', type: 'bigint', nullable: false, autoIncrement: true },
        { name: 'email', type: 'varchar(255)', nullable: false, comment: 'Login' },
        { name: 'mood', type: mood, nullable: true, default: 'ok' },
        { name: 'created_at', type: 'timestamptz', nullable: false, default: { sql: 'now()' } },
        { name: 'deleted_at', type: 'timestamptz', nullable: true },
      ],
      primaryKey: { name: 'users_pkey', columns: ['id'] },
      uniques: [],
      foreignKeys: [],
      indexes: [
        {
          name: 'users_active_email',
          columns: ['email'],
          unique: true,
          where: 'deleted_at IS NULL',
        },
        { name: 'users_created', columns: ['created_at', 'id'], unique: false },
        { name: 'users_lower_email', columns: [{ sql: 'lower((email)::text)' }], unique: false },
      ],
      checks: [],
      comment: 'People',
    },
    {
      name: 'invoices',
      schema: 'billing',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'user_id', type: 'bigint', nullable: true },
      ],
      primaryKey: { name: 'invoices_pkey', columns: ['id'] },
      uniques: [],
      foreignKeys: [
        // shop is the default schema: no referencedSchema.
        {
          name: 'invoices_user_id_fkey',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
        },
      ],
      indexes: [{ name: 'invoices_user', columns: ['user_id'], unique: false }],
      checks: [],
    },
  ],
  enums: [{ name: 'mood', values: ['sad', 'ok', 'happy'] }],
  schemas: ['billing'],
}

/** The connection with its `query` calls counted. */
function counting(connection: DialectConnection): {
  connection: DialectConnection
  count: () => number
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

/** `count` tables of 10 columns, each with a foreign key to the previous one and an index. */
function manyTables(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const columns = Array.from({ length: 7 }, (_, column) => `c${column} varchar(40) DEFAULT 'x'`)
    const parent = index === 0 ? 'integer' : `integer REFERENCES t${index - 1} (id)`
    return `CREATE TABLE t${index} (id serial PRIMARY KEY, ${columns.join(', ')}, parent ${parent}, at timestamptz);
      CREATE INDEX t${index}_c0 ON t${index} (c0)`
  })
}

for (const target of targets) {
  describe.skipIf(!target.available)(`postgres introspection on ${target.name}`, () => {
    useConnection(target)

    it('reads tables, columns, keys, indexes, checks, comments, enums and schemas exactly', async () => {
      const db = target.connection
      await build(db, 'shop', ...shop)
      const model = await introspect(db, { schemas: ['shop', 'billing', 'missing'] })
      expect(model).toEqual(expectedShop)
      // Exactly: no undefined-valued keys, so the model round-trips through JSON.
      expect(JSON.parse(JSON.stringify(model))).toStrictEqual(model)
      expect(model).toStrictEqual(expectedShop)
    })

    it('reads only the default schema unless told otherwise, and skips the tables it is told to', async () => {
      const db = target.connection
      await build(db, 'shop')
      const model = await introspect(db, {
        skipTable: (table, schema) =>
          table === 'orders' || (schema === 'billing' && table === 'invoices'),
      })
      expect(model.schemas).toEqual([])
      expect(model.tables.map((table) => table.name)).toEqual([
        'categories',
        'events',
        'legacy',
        'order_lines',
        'users',
      ])
      const both = await introspect(db, {
        schemas: ['billing', 'shop'],
        skipTable: (table, schema) => schema === 'billing' && table === 'invoices',
      })
      expect(both.tables.map((table) => table.schema ?? '')).not.toContain('billing')
      expect(both.schemas).toEqual(['billing'])
    })

    it('names a schema-qualified enum type outside the default schema', async () => {
      const db = target.connection
      await build(
        db,
        'other',
        { kind: 'createEnum', name: 'level', schema: 'other', values: ['low', 'high'] },
        { kind: 'createTable', table: 'gauges', schema: 'other', columns: [] },
        'ALTER TABLE other.gauges ADD COLUMN level other.level',
        'SET search_path = shop',
      )
      const model = await introspect(db, { schemas: ['shop', 'other'] })
      const gauges = model.tables.find((table) => table.name === 'gauges')
      expect(gauges?.columns).toEqual([
        { name: 'level', type: { enum: ['low', 'high'], name: 'other.level' }, nullable: true },
      ])
      expect(model.enums).toEqual([
        { name: 'mood', values: ['sad', 'ok', 'happy'] },
        { name: 'level', schema: 'other', values: ['low', 'high'] },
      ])
    })

    it('runs the same fixed number of catalog queries for 1 table and for 50', async () => {
      const db = target.connection
      await build(db, 'one', ...manyTables(1))
      await build(db, 'fifty', ...manyTables(50))
      const one = counting(db)
      const small = await introspect(one.connection, { schemas: ['one'] })
      const fifty = counting(db)
      const large = await introspect(fifty.connection, { schemas: ['fifty'] })
      expect(small.tables).toHaveLength(1)
      expect(large.tables).toHaveLength(50)
      expect(large.tables.flatMap((table) => table.foreignKeys)).toHaveLength(49)
      expect(large.tables.flatMap((table) => table.indexes)).toHaveLength(50)
      expect(one.count()).toBe(6)
      expect(fifty.count()).toBe(one.count())
    })
  })
}
