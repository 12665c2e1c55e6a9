import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileColumnType } from '../../../src/dialects/sqlite/types.js'
import type { MigrationError } from '../../../src/errors.js'
import { apply, columnsOf, openTestDatabase, rows, type TestConnection } from './support.js'

const failure = (run: () => unknown): MigrationError => {
  try {
    run()
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

describe('compileColumnType', () => {
  it('maps every portable type', () => {
    const expected: Record<string, string> = {
      integer: 'INTEGER',
      bigint: 'BIGINT',
      smallint: 'SMALLINT',
      boolean: 'BOOLEAN',
      text: 'TEXT',
      'varchar(255)': 'VARCHAR(255)',
      'char(2)': 'CHAR(2)',
      'numeric(10,2)': 'NUMERIC(10,2)',
      'numeric( 12 , 4 )': 'NUMERIC(12,4)',
      'numeric(8)': 'NUMERIC(8)',
      numeric: 'NUMERIC',
      real: 'REAL',
      double: 'DOUBLE',
      date: 'DATE',
      time: 'TIME',
      timestamp: 'DATETIME',
      timestamptz: 'TIMESTAMPTZ',
      json: 'JSON TEXT',
      jsonb: 'JSON TEXT',
      uuid: 'UUID TEXT',
      bytes: 'BLOB',
      INTEGER: 'INTEGER',
      'VARCHAR(10)': 'VARCHAR(10)',
    }
    for (const [portable, declared] of Object.entries(expected)) {
      expect(compileColumnType(portable), portable).toEqual({ sql: declared })
    }
    expect(compileColumnType({ enum: ['a', 'b'] })).toEqual({ sql: 'TEXT', enumValues: ['a', 'b'] })
    expect(compileColumnType({ enum: ['a'], name: 'mood' })).toEqual({
      sql: 'TEXT',
      enumValues: ['a'],
    })
  })

  it('passes plausible native types through', () => {
    expect(compileColumnType('UNSIGNED BIG INT')).toEqual({ sql: 'UNSIGNED BIG INT' })
    expect(compileColumnType('decimal(10, 5)')).toEqual({ sql: 'decimal(10, 5)' })
    expect(compileColumnType('ANY')).toEqual({ sql: 'ANY' })
  })

  it('refuses interval and arrays as unsupported, with a hint', () => {
    for (const type of ['interval', 'text[]', 'integer[]']) {
      const error = failure(() => compileColumnType(type))
      expect(error.code, type).toBe('UNSUPPORTED_OPERATION')
      expect(error.message).toContain(type)
      expect(error.hint).toBeTruthy()
    }
  })

  it('refuses implausible native types', () => {
    for (const type of ['text; DROP TABLE x', "text'", 'text"', 'int)', '(int', '', '1abc']) {
      expect(failure(() => compileColumnType(type)).code, type).toBe('INVALID_COLUMN_TYPE')
    }
    expect(failure(() => compileColumnType({ enum: [] })).code).toBe('INVALID_COLUMN_TYPE')
  })
})

describe('SQLite affinity round trips', () => {
  let db: TestConnection
  beforeAll(async () => {
    db = await openTestDatabase('types')
    await apply(db.connection, {
      kind: 'createTable',
      table: 'values',
      columns: [
        { name: 'j', type: 'json' },
        { name: 'jb', type: 'jsonb' },
        { name: 'u', type: 'uuid' },
        { name: 'd', type: 'date' },
        { name: 'ts', type: 'timestamp' },
        { name: 'tz', type: 'timestamptz' },
        { name: 't', type: 'time' },
        { name: 'n', type: 'numeric(10,2)' },
        { name: 'f', type: 'double' },
        { name: 'r', type: 'real' },
        { name: 'b', type: 'boolean' },
        { name: 'i', type: 'bigint' },
        { name: 's', type: 'varchar(3)' },
        { name: 'bin', type: 'bytes' },
        { name: 'e', type: { enum: ['on', 'off'] } },
      ],
    })
  })
  afterAll(() => db.close())

  const insert = (row: Record<string, unknown>) =>
    apply(db.connection, { kind: 'bulkInsert', table: 'values', rows: [row] })

  it('keeps JSON and UUID text as text', async () => {
    await db.connection.query('DELETE FROM "values"')
    await insert({ j: '1', jb: '1e5', u: '12345678123412341234123456789012' })
    const [row] = await rows(
      db.connection,
      'SELECT j, typeof(j) AS tj, jb, typeof(jb) AS tjb, u, typeof(u) AS tu FROM "values"',
    )
    expect(row).toEqual({
      j: '1',
      tj: 'text',
      jb: '1e5',
      tjb: 'text',
      u: '12345678123412341234123456789012',
      tu: 'text',
    })
  })

  it('keeps ISO dates as text and Unix times as numbers', async () => {
    await db.connection.query('DELETE FROM "values"')
    await insert({
      d: '2024-01-02',
      ts: new Date('2024-01-02T03:04:05.000Z'),
      tz: '2024-01-02T03:04:05+02:00',
      t: '12:30:00',
    })
    await insert({ ts: 1700000000000 })
    const found = await rows(
      db.connection,
      'SELECT d, ts, typeof(ts) AS tts, tz, t FROM "values" ORDER BY rowid',
    )
    expect(found).toEqual([
      {
        d: '2024-01-02',
        ts: '2024-01-02T03:04:05.000Z',
        tts: 'text',
        tz: '2024-01-02T03:04:05+02:00',
        t: '12:30:00',
      },
      { d: null, ts: 1700000000000, tts: 'integer', tz: null, t: null },
    ])
  })

  it('stores numbers, booleans and blobs in their storage classes', async () => {
    await db.connection.query('DELETE FROM "values"')
    await insert({
      n: '12.50',
      f: 1.5,
      r: '2',
      b: true,
      i: 9007199254740991,
      s: 'longer than 3',
      bin: Buffer.from([0, 255]),
    })
    const [row] = await rows(
      db.connection,
      'SELECT n, typeof(n) AS tn, f, typeof(r) AS tr, b, typeof(b) AS tb, i, s, bin FROM "values"',
    )
    expect(row).toEqual({
      n: 12.5,
      tn: 'real',
      f: 1.5,
      tr: 'real',
      b: 1,
      tb: 'integer',
      i: 9007199254740991,
      s: 'longer than 3',
      bin: Buffer.from([0, 255]),
    })
  })

  it('enforces enum values with the CHECK', async () => {
    await insert({ e: 'on' })
    await expect(insert({ e: 'maybe' })).rejects.toThrow(/CHECK constraint failed/)
  })

  it('shows the portable meaning in the catalog', async () => {
    const types = Object.fromEntries(
      (await columnsOf(db.connection, 'values')).map((column) => [column.name, column.type]),
    )
    expect(types).toMatchObject({
      j: 'JSON TEXT',
      u: 'UUID TEXT',
      ts: 'DATETIME',
      tz: 'TIMESTAMPTZ',
      f: 'DOUBLE',
    })
  })
})
