import { describe, expect, it } from 'vitest'
import { compareSchemas, createTableFilter } from '../../src/autogenerate/index.js'
import { pgLike, sqliteLike } from './support/fake-dialect.js'
import { column, EMPTY, fk, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const users = table('users', [id(), column('email', 'text', { nullable: false })], {
  uniques: [{ columns: ['email'] }],
  indexes: [{ name: 'users_email_lower_idx', columns: [{ sql: 'lower(email)' }], unique: false }],
  comment: 'People who sign in',
})
const orders = table('orders', [id(), column('user_id', 'integer', { nullable: false })], {
  foreignKeys: [fk(['user_id'], 'users', { onDelete: 'cascade' })],
})

describe('compareSchemas: tables', () => {
  it('creates a table with inline keys, its indexes, and drops it in the downgrade', async () => {
    const result = await expectRoundTrip({
      target: schema([users]),
      current: EMPTY,
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      {
        kind: 'createTable',
        table: 'users',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: 'email', type: 'text', nullable: false, unique: true },
        ],
        comment: 'People who sign in',
      },
      {
        kind: 'createIndex',
        name: 'users_email_lower_idx',
        table: 'users',
        columns: [{ sql: 'lower(email)' }],
      },
    ])
    expect(result.downgrade).toEqual([{ kind: 'dropTable', table: 'users' }])
    expect(result.changes).toEqual([
      { kind: 'createTable', table: 'users', detail: 'table users added' },
    ])
    expect(result.warnings).toEqual([])
  })

  it('creates referenced tables first and drops them last', async () => {
    const result = await expectRoundTrip({
      target: schema([orders, users]),
      current: EMPTY,
      dialect: pgLike,
    })
    const kinds = result.upgrade.map((op) => `${op.kind} ${'table' in op ? op.table : ''}`)
    expect(kinds).toEqual(['createTable users', 'createIndex users', 'createTable orders'])
    expect(result.downgrade).toEqual([
      { kind: 'dropTable', table: 'orders' },
      { kind: 'dropTable', table: 'users' },
    ])
    const created = result.upgrade[2]
    expect(created).toMatchObject({
      columns: [
        { name: 'id', primaryKey: true },
        {
          name: 'user_id',
          nullable: false,
          references: { table: 'users', column: 'id', onDelete: 'cascade' },
        },
      ],
    })
  })

  it('drops a table with a downgrade that recreates it, keys and indexes included', async () => {
    const current = schema([
      { ...users, uniques: [{ name: 'users_email_key', columns: ['email'] }] },
      { ...orders, foreignKeys: [{ ...orders.foreignKeys[0]!, name: 'orders_user_id_fkey' }] },
    ])
    const result = await expectRoundTrip({ target: schema([users]), current, dialect: pgLike })
    expect(result.upgrade).toEqual([{ kind: 'dropTable', table: 'orders' }])
    expect(result.downgrade).toEqual([
      {
        kind: 'createTable',
        table: 'orders',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          {
            name: 'user_id',
            type: 'integer',
            nullable: false,
            references: {
              table: 'users',
              column: 'id',
              name: 'orders_user_id_fkey',
              onDelete: 'cascade',
            },
          },
        ],
      },
    ])
    expect(result.notes.downgrade).toEqual([
      { before: 0, level: 'info', text: 'Recreates the table; its rows are not restored.' },
    ])
  })

  it('gives nothing for identical schemas spelled differently', async () => {
    const current = schema([
      {
        ...users,
        columns: [id('id', 'INT4'), column('email', 'TEXT', { nullable: false })],
        primaryKey: { name: 'users_pkey', columns: ['id'] },
        uniques: [{ name: 'users_email_key', columns: ['email'] }],
        indexes: [
          { name: 'users_email_lower_idx', columns: [{ sql: '(LOWER(email))' }], unique: false },
        ],
      },
      {
        ...orders,
        schema: 'public',
        columns: [id('id', 'int'), column('user_id', 'int4', { nullable: false })],
        foreignKeys: [fk(['user_id'], 'users', { name: 'orders_ibfk_1', onDelete: 'cascade' })],
      },
    ])
    const result = await compareSchemas({
      target: schema([users, orders]),
      current,
      dialect: pgLike,
      defaultSchema: 'public',
    })
    expect(result).toEqual({
      upgrade: [],
      downgrade: [],
      notes: { upgrade: [], downgrade: [] },
      changes: [],
      warnings: [],
    })
  })

  it('never touches skipped tables: Stratum’s own and excluded globs', async () => {
    const skipTable = createTableFilter({
      exclude: ['tmp_*', 'audit.*'],
      ownTables: [{ table: 'stratum_version' }, { table: 'stratum_history' }],
      defaultSchema: 'public',
    })
    const current = schema([
      table('stratum_version', [column('version_num', 'varchar(32)', { nullable: false })], {
        primaryKey: { columns: ['version_num'] },
      }),
      table('stratum_history', [id()]),
      table('tmp_import', [id()]),
      table('log', [id()], { schema: 'audit' }),
    ])
    const target = schema([table('tmp_scratch', [id()]), table('stratum_version', [id()])])
    const result = await compare(target, current, pgLike, { skipTable })
    expect(result.changes).toEqual([])
    expect(skipTable('stratum_version', 'public')).toBe(true)
    expect(skipTable('stratum_version', 'billing')).toBe(false)
    expect(skipTable('log', 'audit')).toBe(true)
    expect(skipTable('audit_log', undefined)).toBe(false)
  })

  it('creates new schemas before their tables and drops them last in the downgrade', async () => {
    const invoices = table('invoices', [id()], { schema: 'billing' })
    const result = await expectRoundTrip({
      target: schema([invoices], { schemas: ['billing'] }),
      current: EMPTY,
      dialect: pgLike,
    })
    expect(result.upgrade.map((op) => op.kind)).toEqual(['createSchema', 'createTable'])
    expect(result.upgrade[1]).toMatchObject({ table: 'invoices', schema: 'billing' })
    expect(result.downgrade).toEqual([
      { kind: 'dropTable', table: 'invoices', schema: 'billing' },
      { kind: 'dropSchema', name: 'billing' },
    ])
  })

  it('compares table comments only where the dialect has them', async () => {
    const target = schema([{ ...users, comment: 'Accounts' }])
    const pg = await expectRoundTrip({ target, current: schema([users]), dialect: pgLike })
    expect(pg.upgrade).toEqual([{ kind: 'setTableComment', table: 'users', comment: 'Accounts' }])
    expect(pg.downgrade).toEqual([
      { kind: 'setTableComment', table: 'users', comment: 'People who sign in' },
    ])
    const sqlite = await compare(target, schema([users]), sqliteLike)
    expect(sqlite.changes).toEqual([])
  })
})
