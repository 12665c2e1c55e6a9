/** SQLite introspection on real files: tables built by the compiler read back as the exact model. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import type { Operation } from '../../../src/operations/types.js'
import type { SchemaModel, TableModel } from '../../../src/schema/model.js'
import { apply, openTestDatabase, type TestConnection } from './support.js'

const introspection = sqliteDialect.introspection
if (!introspection) throw new Error('sqliteDialect.introspection is missing')

let db: TestConnection
beforeEach(async () => {
  db = await openTestDatabase('introspect')
})
afterEach(() => db.close())

const introspect = (
  options?: Parameters<typeof introspection.introspect>[1],
  connection: DialectConnection = db.connection,
) => introspection.introspect(connection, options)

const table = async (name: string): Promise<TableModel> => {
  const found = (await introspect()).tables.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no table ${name}`)
  return found
}

/** A connection that counts its queries. */
function counting(connection: DialectConnection): {
  connection: DialectConnection
  count: () => number
} {
  let queries = 0
  const wrapped = new Proxy(connection, {
    get(target, property, receiver) {
      if (property === 'query') {
        return (sql: string, parameters?: readonly unknown[]) => {
          queries++
          return target.query(sql, parameters)
        }
      }
      const value = Reflect.get(target, property, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { connection: wrapped, count: () => queries }
}

describe('introspect', () => {
  it('reads every portable type, nullability, default and comment exactly', async () => {
    await apply(db.connection, {
      kind: 'createTable',
      table: 'everything',
      comment: 'one of each',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
        { name: 'big', type: 'bigint', nullable: false, default: 0 },
        { name: 'small', type: 'smallint', default: -3 },
        { name: 'flag', type: 'boolean', nullable: false, default: true },
        { name: 'off', type: 'boolean', default: false },
        { name: 'body', type: 'text', default: "it's", comment: 'free text' },
        { name: 'email', type: 'varchar(255)', nullable: false },
        { name: 'code', type: 'char(3)', default: 'abc' },
        { name: 'price', type: 'numeric(10,2)', default: 9.5 },
        { name: 'whole', type: 'numeric(8)' },
        { name: 'ratio', type: 'real', default: 1.25 },
        { name: 'precise', type: 'double' },
        { name: 'born', type: 'date', default: '2000-01-01' },
        { name: 'alarm', type: 'time', default: { sql: 'CURRENT_TIME' } },
        { name: 'created', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
        { name: 'seen', type: 'timestamptz', default: { sql: "datetime('now', 'localtime')" } },
        { name: 'data', type: 'json', default: '{}' },
        { name: 'extra', type: 'jsonb' },
        { name: 'uid', type: 'uuid' },
        { name: 'bin', type: 'bytes', default: { sql: "X'00FF'" } },
        { name: 'status', type: { enum: ['draft', 'live'] }, nullable: false, default: 'draft' },
        { name: 'native', type: 'mediumtext', default: { sql: 'NULL' } },
        { name: 'expr', type: 'integer', default: { sql: '1 + 1' } },
      ],
    })
    const schema = await introspect()
    expect(schema).toEqual({
      tables: [
        {
          name: 'everything',
          comment: 'one of each',
          columns: [
            { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
            { name: 'big', type: 'bigint', nullable: false, default: 0 },
            { name: 'small', type: 'smallint', nullable: true, default: -3 },
            { name: 'flag', type: 'boolean', nullable: false, default: true },
            { name: 'off', type: 'boolean', nullable: true, default: false },
            { name: 'body', type: 'text', nullable: true, default: "it's", comment: 'free text' },
            { name: 'email', type: 'varchar(255)', nullable: false },
            { name: 'code', type: 'char(3)', nullable: true, default: 'abc' },
            { name: 'price', type: 'numeric(10,2)', nullable: true, default: 9.5 },
            { name: 'whole', type: 'numeric(8)', nullable: true },
            { name: 'ratio', type: 'real', nullable: true, default: 1.25 },
            { name: 'precise', type: 'double', nullable: true },
            { name: 'born', type: 'date', nullable: true, default: '2000-01-01' },
            { name: 'alarm', type: 'time', nullable: true, default: { sql: 'CURRENT_TIME' } },
            {
              name: 'created',
              type: 'timestamp',
              nullable: true,
              default: { sql: 'CURRENT_TIMESTAMP' },
            },
            {
              name: 'seen',
              type: 'timestamptz',
              nullable: true,
              default: { sql: "datetime('now', 'localtime')" },
            },
            { name: 'data', type: 'json', nullable: true, default: '{}' },
            { name: 'extra', type: 'json', nullable: true },
            { name: 'uid', type: 'uuid', nullable: true },
            { name: 'bin', type: 'bytes', nullable: true, default: { sql: "X'00FF'" } },
            {
              name: 'status',
              type: { enum: ['draft', 'live'] },
              nullable: false,
              default: 'draft',
            },
            { name: 'native', type: 'mediumtext', nullable: true },
            { name: 'expr', type: 'integer', nullable: true, default: { sql: '1 + 1' } },
          ],
          primaryKey: { columns: ['id'] },
          uniques: [],
          foreignKeys: [],
          indexes: [],
          checks: [],
        },
      ],
      enums: [],
      schemas: [],
    } satisfies SchemaModel)
    // Absent, not undefined: the model survives a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema)
    expect(Object.keys(schema.tables[0]?.columns[6] ?? {})).toEqual(['name', 'type', 'nullable'])
  })

  it('reads composite keys, named constraints, actions, deferrable and self-referencing keys', async () => {
    await apply(
      db.connection,
      {
        kind: 'createTable',
        table: 'accounts',
        columns: [
          { name: 'region', type: 'text' },
          { name: 'number', type: 'integer' },
          { name: 'email', type: 'text', unique: true },
          { name: 'handle', type: 'text' },
        ],
        primaryKey: { name: 'pk_accounts', columns: ['region', 'number'] },
        uniques: [
          { name: 'uq_accounts_handle', columns: ['handle', 'region'] },
          { columns: ['email', 'handle'] },
        ],
      },
      {
        kind: 'createTable',
        table: 'nodes',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          {
            name: 'parent_id',
            type: 'integer',
            references: { table: 'nodes', column: 'id', onDelete: 'cascade', name: 'fk_parent' },
          },
          { name: 'region', type: 'text' },
          { name: 'number', type: 'integer' },
          {
            name: 'owner',
            type: 'integer',
            references: { table: 'nodes', column: 'id', deferrable: true },
          },
          { name: 'price', type: 'numeric(10,2)' },
        ],
        foreignKeys: [
          {
            name: 'fk_account',
            columns: ['region', 'number'],
            referencedTable: 'accounts',
            referencedColumns: ['region', 'number'],
            onDelete: 'set null',
            onUpdate: 'cascade',
            deferrable: true,
            initiallyDeferred: true,
          },
        ],
        checks: [
          { name: 'ck_price', expression: 'price >= 0' },
          { expression: 'number > 0 OR number IS NULL' },
        ],
      },
    )
    const schema = await introspect()
    expect(schema.tables.map((t) => t.name)).toEqual(['accounts', 'nodes'])
    expect(schema.tables[0]).toEqual({
      name: 'accounts',
      columns: [
        { name: 'region', type: 'text', nullable: false },
        { name: 'number', type: 'integer', nullable: false },
        { name: 'email', type: 'text', nullable: true },
        { name: 'handle', type: 'text', nullable: true },
      ],
      primaryKey: { name: 'pk_accounts', columns: ['region', 'number'] },
      uniques: [
        { columns: ['email'] },
        { columns: ['email', 'handle'] },
        { name: 'uq_accounts_handle', columns: ['handle', 'region'] },
      ],
      foreignKeys: [],
      indexes: [],
      checks: [],
    })
    expect(schema.tables[1]).toEqual({
      name: 'nodes',
      columns: [
        { name: 'id', type: 'integer', nullable: false },
        { name: 'parent_id', type: 'integer', nullable: true },
        { name: 'region', type: 'text', nullable: true },
        { name: 'number', type: 'integer', nullable: true },
        { name: 'owner', type: 'integer', nullable: true },
        { name: 'price', type: 'numeric(10,2)', nullable: true },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [],
      foreignKeys: [
        {
          columns: ['owner'],
          referencedTable: 'nodes',
          referencedColumns: ['id'],
          deferrable: true,
        },
        {
          name: 'fk_account',
          columns: ['region', 'number'],
          referencedTable: 'accounts',
          referencedColumns: ['region', 'number'],
          onDelete: 'set null',
          onUpdate: 'cascade',
          deferrable: true,
          initiallyDeferred: true,
        },
        {
          name: 'fk_parent',
          columns: ['parent_id'],
          referencedTable: 'nodes',
          referencedColumns: ['id'],
          onDelete: 'cascade',
        },
      ],
      indexes: [],
      checks: [
        { expression: 'number > 0 OR number IS NULL' },
        { name: 'ck_price', expression: 'price >= 0' },
      ],
    })
  })

  it('reads plain, unique, partial and expression indexes', async () => {
    await apply(
      db.connection,
      {
        kind: 'createTable',
        table: 'people',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: 'email', type: 'text' },
          { name: 'name', type: 'text' },
          { name: 'deleted', type: 'boolean' },
        ],
      },
      { kind: 'createIndex', table: 'people', name: 'ix_name', columns: ['name'] },
      {
        kind: 'createIndex',
        table: 'people',
        name: 'ix_live_email',
        columns: ['email'],
        unique: true,
        where: 'deleted = 0',
      },
      {
        kind: 'createIndex',
        table: 'people',
        name: 'ix_lower',
        columns: [{ sql: 'lower(email)' }, 'name', { sql: 'id DESC' }],
      },
    )
    expect((await table('people')).indexes).toEqual([
      { name: 'ix_live_email', columns: ['email'], unique: true, where: 'deleted = 0' },
      {
        name: 'ix_lower',
        columns: [{ sql: 'lower(email)' }, 'name', { sql: 'id DESC' }],
        unique: false,
      },
      { name: 'ix_name', columns: ['name'], unique: false },
    ])
  })

  it('reads hand-written constraints: implicit key targets, column checks, names as declared', async () => {
    await db.connection.executeBatch([
      'CREATE TABLE Parent (Id INTEGER PRIMARY KEY, code TEXT CONSTRAINT uq_code UNIQUE)',
      `CREATE TABLE child (
         id INT CONSTRAINT pk_child PRIMARY KEY,
         parent INTEGER CONSTRAINT fk_p REFERENCES parent ON DELETE RESTRICT NOT DEFERRABLE,
         code TEXT REFERENCES PARENT (CODE) DEFERRABLE INITIALLY IMMEDIATE,
         qty INTEGER CONSTRAINT ck_qty CHECK (qty > 0) CHECK (qty < 100),
         kind TEXT CHECK (kind IN ('a', 'b')),
         note VARCHAR(20) CHECK ("note" IN ('x'))
       )`,
    ])
    expect(await table('child')).toEqual({
      name: 'child',
      columns: [
        { name: 'id', type: 'int', nullable: true },
        { name: 'parent', type: 'integer', nullable: true },
        { name: 'code', type: 'text', nullable: true },
        { name: 'qty', type: 'integer', nullable: true },
        { name: 'kind', type: { enum: ['a', 'b'] }, nullable: true },
        { name: 'note', type: 'varchar(20)', nullable: true },
      ],
      primaryKey: { name: 'pk_child', columns: ['id'] },
      uniques: [],
      foreignKeys: [
        {
          columns: ['code'],
          referencedTable: 'Parent',
          referencedColumns: ['code'],
          deferrable: true,
        },
        {
          name: 'fk_p',
          columns: ['parent'],
          referencedTable: 'Parent',
          referencedColumns: ['Id'],
          onDelete: 'restrict',
        },
      ],
      indexes: [],
      checks: [
        { expression: '"note" IN (\'x\')' },
        { expression: 'qty < 100' },
        { name: 'ck_qty', expression: 'qty > 0' },
      ],
    })
    const parent = await table('Parent')
    expect(parent.uniques).toEqual([{ name: 'uq_code', columns: ['code'] }])
    // A rowid alias cannot hold NULL even without NOT NULL.
    expect(parent.columns[0]).toEqual({ name: 'Id', type: 'integer', nullable: false })
    expect(parent.primaryKey).toEqual({ columns: ['Id'] })
  })

  it('reads an AUTOINCREMENT bigint key as INTEGER, canonically the same type', async () => {
    await apply(db.connection, {
      kind: 'createTable',
      table: 'big_ids',
      columns: [{ name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true }],
    })
    const [id] = (await table('big_ids')).columns
    expect(id).toEqual({ name: 'id', type: 'integer', nullable: false, autoIncrement: true })
    expect(introspection.canonicalType('bigint')).toBe(introspection.canonicalType('integer'))
  })

  it('leaves out views, virtual tables, SQLite tables and tables skipTable refuses', async () => {
    await db.connection.executeBatch([
      'CREATE TABLE kept (id INTEGER PRIMARY KEY AUTOINCREMENT)',
      'CREATE TABLE stratum_version (version_num TEXT)',
      'CREATE VIEW kept_view AS SELECT id FROM kept',
      'CREATE VIRTUAL TABLE docs USING fts5(body)',
      'CREATE TABLE gen (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL)',
      'INSERT INTO kept DEFAULT VALUES',
      'ANALYZE',
    ])
    const seen: [string, string | undefined][] = []
    const schema = await introspect({
      skipTable: (name, schema) => {
        seen.push([name, schema])
        return name === 'stratum_version'
      },
    })
    expect(schema.tables.map((t) => t.name)).toEqual(['gen', 'kept'])
    expect(seen.map(([name]) => name).sort()).toEqual(['gen', 'kept', 'stratum_version'])
    expect(seen.every(([, schema]) => schema === undefined)).toBe(true)
    // A generated column cannot be modelled; reporting it would make autogenerate drop it.
    expect(schema.tables[0]?.columns.map((c) => c.name)).toEqual(['a'])
  })

  it('runs the same number of queries for 1 table and for 50', async () => {
    const create = (name: string): Operation => ({
      kind: 'createTable',
      table: name,
      columns: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'parent_id', type: 'integer', references: { table: 't0', column: 'id' } },
        { name: 'label', type: 'text', unique: true },
      ],
    })
    await apply(db.connection, create('t0'))
    const one = counting(db.connection)
    expect((await introspect({}, one.connection)).tables).toHaveLength(1)
    for (let i = 1; i < 50; i++) await apply(db.connection, create(`t${i}`))
    await db.connection.executeBatch(
      Array.from({ length: 50 }, (_, i) => `CREATE INDEX ix_${i} ON t${i} (parent_id)`),
    )
    const fifty = counting(db.connection)
    const schema = await introspect({}, fifty.connection)
    expect(schema.tables).toHaveLength(50)
    expect(schema.tables.every((t) => t.indexes.length === 1 && t.foreignKeys.length === 1)).toBe(
      true,
    )
    expect(one.count()).toBe(3)
    expect(fifty.count()).toBe(one.count())
  })

  it('still reads the expected model after a table rebuild', async () => {
    await apply(
      db.connection,
      {
        kind: 'createTable',
        table: 'items',
        comment: 'stock',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
          { name: 'name', type: 'varchar(50)', comment: 'shown' },
          { name: 'qty', type: 'integer', default: 0 },
          { name: 'state', type: { enum: ['new', 'old'] } },
          { name: 'parent', type: 'integer', references: { table: 'items', column: 'id' } },
        ],
        checks: [{ name: 'ck_qty', expression: 'qty >= 0' }],
      },
      { kind: 'createIndex', table: 'items', name: 'ix_items_name', columns: ['name'] },
    )
    const before = await table('items')
    await apply(
      db.connection,
      { kind: 'alterColumn', table: 'items', column: 'name', type: 'text', nullable: false },
      {
        kind: 'alterColumn',
        table: 'items',
        column: 'state',
        type: { enum: ['new', 'old', 'gone'] },
      },
      { kind: 'alterColumn', table: 'items', column: 'qty', default: 1 },
    )
    const after = await table('items')
    expect(after).toEqual({
      ...before,
      columns: [
        before.columns[0],
        { name: 'name', type: 'text', nullable: false, comment: 'shown' },
        { name: 'qty', type: 'integer', nullable: true, default: 1 },
        { name: 'state', type: { enum: ['new', 'old', 'gone'] }, nullable: true },
        before.columns[4],
      ],
    })
    expect(before.comment).toBe('stock')
    expect(before.checks).toEqual([{ name: 'ck_qty', expression: 'qty >= 0' }])
    expect(before.indexes).toEqual([{ name: 'ix_items_name', columns: ['name'], unique: false }])
  })
})
