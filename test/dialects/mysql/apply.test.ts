/**
 * Every operation applied to a throwaway MariaDB/MySQL database and read back from
 * information_schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import { mysqlDatabase } from '../../support/databases.js'
import { apply, columnOf, columnsOf } from './helpers.js'

const db = await mysqlDatabase('mysql_apply')

describe.skipIf(!db.available)('mysql dialect applied', () => {
  let connection: DialectConnection
  const query = async (sql: string, parameters?: unknown[]) =>
    (await connection.query(sql, parameters)).rows

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  it('creates a table with keys, constraints, defaults and comments', async () => {
    await apply(connection, {
      kind: 'createTable',
      table: 'users',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
        { name: 'email', type: 'varchar(255)', nullable: false, unique: true },
      ],
    })
    await apply(connection, {
      kind: 'createTable',
      table: 'orders',
      columns: [
        {
          name: 'id',
          type: 'bigint',
          primaryKey: true,
          autoIncrement: true,
          comment: "order's id",
        },
        {
          name: 'user_id',
          type: 'integer',
          nullable: false,
          references: { table: 'users', column: 'id', onDelete: 'cascade', name: 'fk_orders_user' },
        },
        { name: 'state', type: { enum: ['new', "it's"] }, nullable: false, default: 'new' },
        { name: 'total', type: 'numeric(10,2)', default: 0 },
        { name: 'created_at', type: 'timestamptz', default: { sql: 'CURRENT_TIMESTAMP(6)' } },
        { name: 'token', type: 'uuid', default: { sql: 'uuid()' } },
      ],
      uniques: [{ name: 'uq_user_state', columns: ['user_id', 'state'] }],
      checks: [{ name: 'ck_total', expression: 'total >= 0' }],
      comment: 'all orders',
    })
    expect(await columnsOf(connection, 'orders')).toEqual([
      expect.objectContaining({
        name: 'id',
        type: 'bigint',
        nullable: false,
        extra: 'auto_increment',
        comment: "order's id",
      }),
      expect.objectContaining({ name: 'user_id', type: 'int', nullable: false, default: null }),
      expect.objectContaining({
        name: 'state',
        type: "enum('new','it''s')",
        nullable: false,
        default: 'new',
      }),
      expect.objectContaining({
        name: 'total',
        type: 'decimal(10,2)',
        nullable: true,
        default: '0.00',
      }),
      expect.objectContaining({
        name: 'created_at',
        type: 'datetime(6)',
        default: expect.stringMatching(/^current_timestamp\(6\)$/i),
      }),
      expect.objectContaining({
        name: 'token',
        type: 'char(36)',
        default: expect.stringMatching(/uuid\(\)/i),
      }),
    ])
    const [table] = await query(
      "SELECT TABLE_COMMENT AS comment FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders'",
    )
    expect(table?.comment).toBe('all orders')
    const constraints = await query(
      "SELECT CONSTRAINT_NAME AS name, CONSTRAINT_TYPE AS type FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'orders' ORDER BY CONSTRAINT_NAME",
    )
    expect(constraints).toEqual([
      { name: 'ck_total', type: 'CHECK' },
      { name: 'fk_orders_user', type: 'FOREIGN KEY' },
      { name: 'PRIMARY', type: 'PRIMARY KEY' },
      { name: 'uq_user_state', type: 'UNIQUE' },
    ])
    const [check] = await query(
      "SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'ck_total'",
    )
    expect(String(check?.clause)).toMatch(/`?total`? >= 0/)
    const [reference] = await query(
      `SELECT r.DELETE_RULE AS onDelete, r.UPDATE_RULE AS onUpdate, k.COLUMN_NAME AS col,
         k.REFERENCED_TABLE_NAME AS refTable, k.REFERENCED_COLUMN_NAME AS refColumn
       FROM information_schema.REFERENTIAL_CONSTRAINTS r
       JOIN information_schema.KEY_COLUMN_USAGE k
         ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME
       WHERE r.CONSTRAINT_SCHEMA = DATABASE() AND r.CONSTRAINT_NAME = 'fk_orders_user'`,
    )
    expect(reference).toEqual({
      onDelete: 'CASCADE',
      onUpdate: 'RESTRICT',
      col: 'user_id',
      refTable: 'users',
      refColumn: 'id',
    })
    const unique = await query(
      "SELECT COLUMN_NAME AS col, NON_UNIQUE AS nonUnique FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users' AND INDEX_NAME = 'email'",
    )
    expect(unique).toEqual([{ col: 'email', nonUnique: 0 }])
  })

  it('maps every portable type', async () => {
    const types = {
      integer: 'int',
      bigint: 'bigint',
      smallint: 'smallint',
      boolean: 'tinyint(1)',
      text: 'text',
      'varchar(20)': 'varchar(20)',
      'char(2)': 'char(2)',
      'numeric(10,2)': 'decimal(10,2)',
      'numeric(8)': 'decimal(8,0)',
      numeric: 'decimal(10,0)',
      real: 'float',
      double: 'double',
      date: 'date',
      time: 'time',
      timestamp: 'datetime(6)',
      timestamptz: 'datetime(6)',
      uuid: 'char(36)',
      bytes: 'longblob',
    }
    const names = Object.keys(types)
    await apply(connection, {
      kind: 'createTable',
      table: 'all_types',
      columns: [
        ...names.map((type, index) => ({ name: `c${index}`, type })),
        { name: 'j', type: 'json' },
        { name: 'jb', type: 'jsonb' },
        { name: 'e', type: { enum: ['a', 'b'] } },
      ],
    })
    const columns = await columnsOf(connection, 'all_types')
    expect(columns.slice(0, names.length).map((column) => column.type)).toEqual(
      Object.values(types),
    )
    // MariaDB's JSON is LONGTEXT with a JSON_VALID check; MySQL 8's is JSON.
    expect(columns.slice(names.length).map((column) => column.type)).toEqual([
      expect.stringMatching(/^(json|longtext)$/),
      expect.stringMatching(/^(json|longtext)$/),
      "enum('a','b')",
    ])
  })

  it('renames and drops tables, adds and drops columns', async () => {
    await apply(connection, {
      kind: 'createTable',
      table: 'a1',
      columns: [{ name: 'id', type: 'integer' }],
    })
    await apply(connection, { kind: 'renameTable', table: 'a1', newName: 'a2' })
    expect(await connection.tableExists({ table: 'a1' })).toBe(false)
    expect(await connection.tableExists({ table: 'a2' })).toBe(true)
    await apply(connection, {
      kind: 'addColumn',
      table: 'a2',
      column: {
        name: 'owner',
        type: 'integer',
        default: 7,
        comment: 'who',
        references: { table: 'users', column: 'id', onDelete: 'set null', name: 'fk_a2_owner' },
      },
    })
    expect(await columnOf(connection, 'a2', 'owner')).toMatchObject({
      type: 'int',
      default: '7',
      comment: 'who',
    })
    const [rule] = await query(
      "SELECT DELETE_RULE AS rule FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'fk_a2_owner'",
    )
    expect(rule?.rule).toBe('SET NULL')
    await apply(connection, {
      kind: 'dropConstraint',
      table: 'a2',
      name: 'fk_a2_owner',
      type: 'foreignKey',
    })
    await apply(connection, { kind: 'dropColumn', table: 'a2', column: 'owner' })
    expect((await columnsOf(connection, 'a2')).map((column) => column.name)).toEqual(['id'])
    await apply(connection, { kind: 'dropTable', table: 'a2' })
    await apply(connection, { kind: 'dropTable', table: 'a2', ifExists: true })
    expect(await connection.tableExists({ table: 'a2' })).toBe(false)
  })

  it('creates and drops indexes, including prefix key parts', async () => {
    await apply(connection, {
      kind: 'createTable',
      table: 'docs',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'body', type: 'text' },
        { name: 'slug', type: 'varchar(40)' },
      ],
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'docs',
      name: 'ix_body',
      columns: [{ sql: 'body(20)' }],
    })
    await apply(connection, {
      kind: 'createIndex',
      table: 'docs',
      name: 'ux_slug_id',
      columns: ['slug', 'id'],
      unique: true,
      using: 'btree',
    })
    const indexes = await query(
      `SELECT INDEX_NAME AS name, COLUMN_NAME AS col, SEQ_IN_INDEX AS seq, SUB_PART AS sub, NON_UNIQUE AS nonUnique
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'docs'
       ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    )
    expect(indexes).toEqual([
      { name: 'ix_body', col: 'body', seq: 1, sub: 20, nonUnique: 1 },
      { name: 'ux_slug_id', col: 'slug', seq: 1, sub: null, nonUnique: 0 },
      { name: 'ux_slug_id', col: 'id', seq: 2, sub: null, nonUnique: 0 },
    ])
    await apply(connection, { kind: 'dropIndex', table: 'docs', name: 'ix_body' })
    await apply(connection, { kind: 'dropIndex', table: 'docs', name: 'ux_slug_id' })
    const left = await query(
      "SELECT COUNT(*) AS n FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'docs'",
    )
    expect(Number(left[0]?.n)).toBe(0)
  })

  it('adds and drops every kind of constraint', async () => {
    await apply(connection, {
      kind: 'createTable',
      table: 'pairs',
      columns: [
        { name: 'a', type: 'integer', nullable: false },
        { name: 'b', type: 'integer', nullable: false },
        { name: 'u', type: 'integer' },
      ],
    })
    await apply(connection, { kind: 'createPrimaryKey', table: 'pairs', columns: ['a', 'b'] })
    await apply(connection, {
      kind: 'createUniqueConstraint',
      table: 'pairs',
      name: 'uq_u',
      columns: ['u'],
    })
    await apply(connection, {
      kind: 'createForeignKey',
      table: 'pairs',
      name: 'fk_u',
      columns: ['u'],
      referencedTable: 'users',
      referencedColumns: ['id'],
      onDelete: 'set null',
      onUpdate: 'cascade',
    })
    await apply(connection, {
      kind: 'createCheckConstraint',
      table: 'pairs',
      name: 'ck_ab',
      expression: 'a <> b',
    })
    const kinds = async () =>
      (
        await query(
          "SELECT CONSTRAINT_NAME AS name, CONSTRAINT_TYPE AS type FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'pairs' ORDER BY CONSTRAINT_NAME",
        )
      ).map((row) => `${row.name}:${row.type}`)
    expect(await kinds()).toEqual([
      'ck_ab:CHECK',
      'fk_u:FOREIGN KEY',
      'PRIMARY:PRIMARY KEY',
      'uq_u:UNIQUE',
    ])
    const [rules] = await query(
      "SELECT DELETE_RULE AS d, UPDATE_RULE AS u FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND CONSTRAINT_NAME = 'fk_u'",
    )
    expect(rules).toEqual({ d: 'SET NULL', u: 'CASCADE' })
    await apply(connection, {
      kind: 'dropConstraint',
      table: 'pairs',
      name: 'ck_ab',
      type: 'check',
    })
    await apply(connection, {
      kind: 'dropConstraint',
      table: 'pairs',
      name: 'fk_u',
      type: 'foreignKey',
    })
    await apply(connection, {
      kind: 'dropConstraint',
      table: 'pairs',
      name: 'uq_u',
      type: 'unique',
    })
    await apply(connection, {
      kind: 'dropConstraint',
      table: 'pairs',
      name: 'PRIMARY',
      type: 'primaryKey',
    })
    expect(await kinds()).toEqual([])
  })

  it('sets and removes table comments', async () => {
    const comment = async () =>
      (
        await query(
          "SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'users'",
        )
      )[0]?.c
    await apply(connection, {
      kind: 'setTableComment',
      table: 'users',
      comment: "people's ünïcödé",
    })
    expect(await comment()).toBe("people's ünïcödé")
    await apply(connection, { kind: 'setTableComment', table: 'users', comment: 'C:\\new\\' })
    expect(await comment()).toBe('C:\\new\\')
    // The catalog is utf8mb3: MariaDB would store an emoji as '?', so it is refused.
    expect(() =>
      mysqlDialect.compile({ kind: 'setTableComment', table: 'users', comment: 'hi 👋' }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_LITERAL' }))
    await apply(connection, { kind: 'setTableComment', table: 'users', comment: null })
    expect(await comment()).toBe('')
  })

  it('inserts rows in bulk and runs SQL with parameters', async () => {
    await apply(connection, {
      kind: 'createTable',
      table: 'items',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'name', type: 'text' },
        { name: 'qty', type: 'integer', default: 5 },
        { name: 'data', type: 'json' },
      ],
    })
    await apply(connection, {
      kind: 'bulkInsert',
      table: 'items',
      rows: [
        { id: 1, name: "it's", qty: 2, data: { a: [1, 'x\\y'] } },
        { id: 2, name: 'C:\\dir' },
        ...Array.from({ length: 598 }, (_, index) => ({ id: index + 3, name: `n${index}` })),
      ],
    })
    await apply(connection, {
      kind: 'execute',
      sql: 'UPDATE items SET name = ? WHERE id = ?',
      parameters: ['updated', 3],
    })
    const rows = await query('SELECT id, name, qty, data FROM items WHERE id <= 3 ORDER BY id')
    // mysql2 parses JSON columns (MariaDB's too, from its extended metadata).
    const json = (value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value)
    expect(rows.map((row) => ({ ...row, data: json(row.data) }))).toEqual([
      { id: 1, name: "it's", qty: 2, data: { a: [1, 'x\\y'] } },
      { id: 2, name: 'C:\\dir', qty: 5, data: null },
      { id: 3, name: 'updated', qty: 5, data: null },
    ])
    expect(Number((await query('SELECT COUNT(*) AS n FROM items'))[0]?.n)).toBe(600)
  })

  it('creates identifiers with backticks, quotes, semicolons and unicode exactly', async () => {
    const names = [
      'we`ird',
      `it's "x"; DROP TABLE users; --`,
      'ünïcödé 表',
      'back\\slash',
      'x'.repeat(64),
    ]
    for (const [index, table] of names.entries()) {
      await apply(connection, {
        kind: 'createTable',
        table,
        columns: [{ name: names[(index + 1) % names.length] as string, type: 'integer' }],
      })
    }
    const { rows } = await connection.query(
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (${names.map(() => '?').join(', ')})`,
      names,
    )
    expect(new Map(rows.map((row) => [row.t, row.c]))).toEqual(
      new Map(names.map((name, index) => [name, names[(index + 1) % names.length]])),
    )
    expect(await connection.tableExists({ table: 'users' })).toBe(true)
  })

  it('rejects a 65-character identifier and an emoji before the server sees them', () => {
    expect(() => mysqlDialect.quoteIdentifier('rocket 🚀')).toThrow(
      expect.objectContaining({ code: 'IDENTIFIER_INVALID' }),
    )
    expect(() =>
      mysqlDialect.compile({
        kind: 'createTable',
        table: 'y'.repeat(65),
        columns: [{ name: 'a', type: 'integer' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'IDENTIFIER_TOO_LONG' }))
  })
})
