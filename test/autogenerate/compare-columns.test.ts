import { describe, expect, it } from 'vitest'
import { mysqlLike, pgLike, sqliteLike } from './support/fake-dialect.js'
import { column, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const users = (...columns: ReturnType<typeof column>[]) =>
  schema([table('users', [id(), ...columns])])

describe('compareSchemas: columns', () => {
  it('adds a column, and drops it in the downgrade', async () => {
    const result = await expectRoundTrip({
      target: users(column('email', 'varchar(255)', { default: '', comment: 'Where we write' })),
      current: users(),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      {
        kind: 'addColumn',
        table: 'users',
        column: { name: 'email', type: 'varchar(255)', default: '', comment: 'Where we write' },
      },
    ])
    expect(result.downgrade).toEqual([{ kind: 'dropColumn', table: 'users', column: 'email' }])
    expect(result.warnings).toEqual([])
  })

  it('warns about a NOT NULL column added without a default', async () => {
    const result = await compare(
      users(column('email', 'text', { nullable: false })),
      users(),
      pgLike,
    )
    expect(result.warnings).toEqual([expect.stringContaining('NOT NULL without a default')])
    expect(result.notes.upgrade).toEqual([
      { before: 0, level: 'warning', text: result.warnings[0] },
    ])
  })

  it('drops a column; the downgrade recreates it and says its data is gone', async () => {
    const result = await expectRoundTrip({
      target: users(),
      current: users(column('bio', 'text', { default: { sql: "'none'::text" } })),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([{ kind: 'dropColumn', table: 'users', column: 'bio' }])
    expect(result.downgrade).toEqual([
      {
        kind: 'addColumn',
        table: 'users',
        column: { name: 'bio', type: 'text', default: { sql: "'none'::text" } },
      },
    ])
    expect(result.notes.downgrade).toEqual([
      { before: 0, level: 'info', text: 'Recreates the column; its data is not restored.' },
    ])
    expect(result.warnings).toEqual([])
  })

  it('alters type, nullability, default and comment in one alterColumn with existing fields', async () => {
    const result = await expectRoundTrip({
      target: users(
        column('amount', 'numeric(12,2)', { nullable: false, default: 0, comment: 'EUR' }),
      ),
      current: users(column('amount', 'integer', { default: 1 })),
      dialect: mysqlLike,
    })
    expect(result.upgrade).toEqual([
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'amount',
        type: 'numeric(12,2)',
        nullable: false,
        default: 0,
        comment: 'EUR',
        existingType: 'integer',
        existingNullable: true,
        existingDefault: 1,
      },
    ])
    expect(result.downgrade).toEqual([
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'amount',
        type: 'integer',
        nullable: true,
        default: 1,
        comment: null,
        existingType: 'numeric(12,2)',
        existingNullable: false,
        existingDefault: 0,
        existingComment: 'EUR',
      },
    ])
    expect(result.changes.map((change) => change.kind)).toEqual([
      'columnType',
      'columnNullable',
      'columnDefault',
      'columnComment',
    ])
    expect(result.changes[0]?.detail).toBe('column users.amount: type integer -> numeric(12,2)')
  })

  it('drops a default with null and restores it in the downgrade', async () => {
    const result = await expectRoundTrip({
      target: users(column('status', 'text')),
      current: users(column('status', 'text', { default: 'new' })),
      dialect: pgLike,
    })
    expect(result.upgrade).toMatchObject([{ default: null, existingDefault: 'new' }])
    expect(result.downgrade).toMatchObject([{ default: 'new' }])
  })

  it('sees no difference in aliases, casts, case and spacing', async () => {
    const result = await compare(
      users(
        column('n', 'integer', { default: 0 }),
        column('s', 'varchar(20)', { default: { sql: 'CURRENT_TIMESTAMP' } }),
        column('d', 'double'),
        column('b', 'boolean', { default: true }),
        column('c', 'text', { comment: '' }),
      ),
      users(
        column('n', 'int4', { default: { sql: '0' } }),
        column('s', 'character varying(20)', { default: { sql: 'now()' } }),
        column('d', 'DOUBLE PRECISION'),
        column('b', 'bool', { default: { sql: 'TRUE' } }),
        column('c', 'text'),
      ),
      pgLike,
    )
    expect(result.changes).toEqual([])
  })

  it('never compares comments where the dialect has none', async () => {
    const result = await compare(
      users(column('email', 'text', { comment: 'new' })),
      users(column('email', 'text', { comment: 'old' })),
      sqliteLike,
    )
    expect(result.changes).toEqual([])
  })

  it('reports an auto-increment change it cannot express, loudly', async () => {
    const result = await compare(
      schema([table('users', [{ ...id(), autoIncrement: true }])]),
      users(),
      pgLike,
    )
    expect(result.changes).toMatchObject([{ kind: 'columnAutoIncrement', column: 'id' }])
    expect(result.upgrade).toEqual([])
    expect(result.warnings).toEqual([expect.stringContaining('auto-increment added')])
    expect(result.notes.upgrade).toEqual([
      { before: 0, level: 'warning', text: result.warnings[0] },
    ])
  })

  it('ignores defaults on auto-increment columns (the sequence is the database’s)', async () => {
    const result = await compare(
      schema([table('users', [{ ...id(), autoIncrement: true }])]),
      schema([
        table('users', [
          { ...id(), autoIncrement: true, default: { sql: "nextval('users_id_seq'::regclass)" } },
        ]),
      ]),
      pgLike,
    )
    expect(result.changes).toEqual([])
  })

  it('treats primary key columns as NOT NULL whatever the model says', async () => {
    const result = await compare(
      schema([table('users', [column('id', 'integer')])]),
      users(),
      pgLike,
    )
    expect(result.changes).toEqual([])
  })

  it('keeps existingComment and existingAutoIncrement for MySQL restatements', async () => {
    const result = await compare(
      schema([table('users', [{ ...id('id', 'bigint'), autoIncrement: true, comment: 'key' }])]),
      schema([table('users', [{ ...id(), autoIncrement: true, comment: 'key' }])]),
      mysqlLike,
    )
    expect(result.upgrade).toEqual([
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'id',
        type: 'bigint',
        existingType: 'integer',
        existingNullable: false,
        existingComment: 'key',
        existingAutoIncrement: true,
      },
    ])
  })
})
