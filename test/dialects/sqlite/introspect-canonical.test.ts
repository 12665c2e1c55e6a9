/**
 * SQLite's canonical forms: what the compiler writes reads back equal to the model, and
 * hand-written spellings of the same schema compare equal to the portable ones.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { canonicalDefault } from '../../../src/dialects/sqlite/canonical-default.js'
import { canonicalExpression } from '../../../src/dialects/sqlite/canonical-expression.js'
import {
  canonicalDeclaredType,
  canonicalType,
  columnTypeOf,
} from '../../../src/dialects/sqlite/canonical-type.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import type { ColumnSpec, ColumnType, DefaultValue } from '../../../src/operations/types.js'
import type { ColumnModel, TableModel } from '../../../src/schema/model.js'
import { apply, openTestDatabase, type TestConnection } from './support.js'

const introspection = sqliteDialect.introspection
if (!introspection) throw new Error('sqliteDialect.introspection is missing')

describe('canonicalType', () => {
  it.each([
    ['integer', 'INTEGER', 'int', 'INT4', 'bigint', 'int8', 'smallint', 'tinyint', 'INT(11)'],
    ['boolean', 'BOOLEAN', 'bool'],
    ['text', 'TEXT', 'clob'],
    ['varchar(20)', 'VARCHAR(20)', 'character varying (20)', 'NVARCHAR( 20 )'],
    ['char(2)', 'CHAR(2)', 'character(2)', 'nchar(2)'],
    ['numeric(10,2)', 'NUMERIC(10,2)', 'decimal(10, 2)', 'numeric ( 10 , 2 )'],
    ['numeric(8)', 'NUMERIC(8)', 'numeric(8,0)', 'DECIMAL(8)'],
    ['numeric', 'NUMERIC', 'decimal'],
    ['real', 'REAL', 'float4'],
    ['double', 'DOUBLE', 'double precision', 'FLOAT', 'float8'],
    ['date', 'DATE'],
    ['time', 'TIME', 'time without time zone'],
    ['timestamp', 'DATETIME', 'TIMESTAMP', 'timestamp without time zone'],
    ['timestamptz', 'TIMESTAMPTZ', 'timestamp with time zone'],
    ['json', 'jsonb', 'JSON TEXT', 'JSON', 'json  text'],
    ['uuid', 'UUID TEXT', 'UUID'],
    ['bytes', 'BLOB', 'blob', ''],
    ['mediumtext', 'MEDIUMTEXT', ' MediumText '],
  ])('gives one spelling for %s and its aliases', (...spellings) => {
    const canonical = spellings.map((type) => canonicalType(type))
    expect(new Set(canonical).size).toBe(1)
  })

  it('keeps different types apart', () => {
    const types = [
      'integer',
      'boolean',
      'text',
      'varchar(20)',
      'varchar(21)',
      'char(2)',
      'numeric(10,2)',
      'numeric(10,3)',
      'numeric',
      'real',
      'double',
      'date',
      'time',
      'timestamp',
      'timestamptz',
      'json',
      'uuid',
      'bytes',
      'mediumtext',
      'interval',
    ]
    expect(new Set(types.map((type) => canonicalType(type))).size).toBe(types.length)
    expect(canonicalType({ enum: ['a', 'b'] })).toBe(canonicalType({ enum: ['a', 'b'], name: 'x' }))
    expect(canonicalType({ enum: ['a', 'b'] })).not.toBe(canonicalType({ enum: ['a', 'c'] }))
    expect(canonicalType({ enum: ['a'] })).not.toBe(canonicalType('text'))
  })

  it('reads every declared type back as a type with the same canonical form', () => {
    const words = fc.constantFrom(
      'INT',
      'integer',
      'BIGINT',
      'bool',
      'TEXT',
      'VARCHAR',
      'character varying',
      'char',
      'NUMERIC',
      'decimal',
      'double',
      'double precision',
      'REAL',
      'DATETIME',
      'timestamp',
      'timestamp with time zone',
      'JSON',
      'JSON TEXT',
      'UUID',
      'uuid text',
      'BLOB',
      'bytes',
      'interval',
      'mediumtext',
      'geometry',
      '',
    )
    const args = fc.option(
      fc
        .tuple(fc.nat(99), fc.option(fc.nat(9), { nil: undefined }))
        .map(([a, b]) => (b === undefined ? `(${a})` : `( ${a}, ${b} )`)),
      { nil: '' },
    )
    fc.assert(
      fc.property(words, args, fc.boolean(), (word, suffix, upper) => {
        const declared = upper ? `${word}${suffix}`.toUpperCase() : `${word}${suffix}`
        expect(canonicalType(columnTypeOf(declared))).toBe(canonicalDeclaredType(declared))
      }),
      { numRuns: 300 },
    )
  })
})

describe('canonicalDefault', () => {
  const same = (type: ColumnType, ...values: DefaultValue[]) =>
    expect(new Set(values.map((value) => canonicalDefault(value, type))).size).toBe(1)

  it('equates the spellings of one stored value, by the column affinity', () => {
    same('integer', 0, '0', { sql: '0' }, { sql: '(0)' }, { sql: "'0'" }, false, { sql: 'FALSE' })
    same('integer', -1, '-1', { sql: '- 1' }, { sql: '-1' })
    same('numeric(10,2)', 1.5, '1.50', { sql: '1.50' }, { sql: "' 1.5 '" })
    same('real', 1, 1.0, '1', { sql: '1.0' })
    same('boolean', true, 1, { sql: 'TRUE' }, { sql: 'true' }, { sql: '1' })
    same('text', 0, '0', { sql: "'0'" })
    same('text', 'abc', { sql: "'abc'" }, { sql: '"abc"' }, { sql: "( 'abc' )" })
    same(
      'timestamp',
      { sql: 'CURRENT_TIMESTAMP' },
      { sql: 'current_timestamp' },
      { sql: "(datetime('now'))" },
    )
    same('date', { sql: 'CURRENT_DATE' }, { sql: "date('now')" })
    same('bytes', { sql: "X'00ff'" }, { sql: "x'00FF'" })
    same('text', { sql: 'lower( "X" )' }, { sql: '(LOWER(x))' })
  })

  it('treats NULL as no default', () => {
    expect(canonicalDefault(undefined, 'text')).toBeUndefined()
    expect(canonicalDefault(null, 'text')).toBeUndefined()
    expect(canonicalDefault({ sql: 'NULL' }, 'text')).toBeUndefined()
    expect(canonicalDefault({ sql: '(null)' }, 'integer')).toBeUndefined()
  })

  it('keeps different values apart', () => {
    const differ = (type: ColumnType, a: DefaultValue, b: DefaultValue) =>
      expect(canonicalDefault(a, type)).not.toBe(canonicalDefault(b, type))
    differ('text', 'abc', 'ABC')
    differ('text', 1, 1.5)
    differ('bytes', 1, '1')
    differ('integer', 1, 2)
    differ('integer', '1', 'one')
    differ('boolean', true, false)
    differ('timestamp', { sql: 'CURRENT_TIMESTAMP' }, { sql: 'CURRENT_DATE' })
    differ('text', 'CURRENT_TIMESTAMP', { sql: 'CURRENT_TIMESTAMP' })
  })
})

describe('canonicalExpression', () => {
  it.each([
    ['price > 0', '("price">0)', 'PRICE>0', '((price > 0))', ' price   >  0 -- note'],
    ["status <> 'a'", "Status != 'a'", '"status"<>\'a\''],
    ["kind IN ('a', 'b')", "kind in('a','b')", "[kind] IN ( 'a' , 'b' )"],
    ['lower(email)', 'LOWER( "Email" )', 'lower(`email`)'],
    ['a = 1', 'a == 1'],
    ['-1 < x', '- 1<x'],
  ])('gives one text for %s and its spellings', (...spellings) => {
    expect(new Set(spellings.map(canonicalExpression)).size).toBe(1)
  })

  it('keeps string literals and real differences', () => {
    expect(canonicalExpression("x = 'A'")).not.toBe(canonicalExpression("x = 'a'"))
    expect(canonicalExpression('a > 0')).not.toBe(canonicalExpression('a >= 0'))
    expect(canonicalExpression('"a b" = 1')).not.toBe(canonicalExpression('a b = 1'))
  })
})

describe('round trip through a real database', () => {
  let db: TestConnection
  let counter = 0
  beforeAll(async () => {
    db = await openTestDatabase('canonical')
  })
  afterAll(() => db.close())

  const introspectTable = async (name: string): Promise<TableModel> => {
    const schema = await introspection.introspect(db.connection, {
      skipTable: (table) => table !== name,
    })
    const table = schema.tables[0]
    if (!table) throw new Error(`no table ${name}`)
    return table
  }

  const expectEquivalent = (model: ColumnSpec | ColumnModel, read: ColumnModel) => {
    expect(read.name).toBe(model.name)
    expect(introspection.canonicalType(read.type)).toBe(introspection.canonicalType(model.type))
    expect(introspection.canonicalDefault(read.default, read.type)).toBe(
      introspection.canonicalDefault(model.default, model.type),
    )
  }

  const PORTABLE = [
    'integer',
    'bigint',
    'smallint',
    'boolean',
    'text',
    'varchar(10)',
    'char(4)',
    'numeric(12,3)',
    'numeric(6)',
    'numeric',
    'real',
    'double',
    'date',
    'time',
    'timestamp',
    'timestamptz',
    'json',
    'jsonb',
    'uuid',
    'bytes',
    'varchar',
    'int',
    'bool',
    'double precision',
    'decimal(5,2)',
    'mediumtext',
    'datetime',
  ]

  const text = fc.string({ maxLength: 12 }).filter((value) => !value.includes('\0'))
  const sqlDefaults = fc.constantFrom<DefaultValue>(
    { sql: 'CURRENT_TIMESTAMP' },
    { sql: 'current_date' },
    { sql: "datetime('now')" },
    { sql: 'abs(-1) + 2' },
    { sql: "(lower('X'))" },
    { sql: "X'0aFF'" },
    { sql: 'NULL' },
    { sql: '-7' },
  )
  const defaults = fc.option(
    fc.oneof(
      text,
      fc.integer(),
      fc.maxSafeInteger(),
      fc.double({ noNaN: true }),
      fc.boolean(),
      fc.constant(null),
      sqlDefaults,
    ),
    { nil: undefined },
  )
  const comment = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((value) => value.trim() === value && value !== '' && !/\0|\* \//.test(value))
  const column = fc.record(
    {
      type: fc.oneof(
        fc.constantFrom<ColumnType>(...PORTABLE),
        fc.constant<ColumnType>({ enum: ["it's", 'b', 'c'] }),
      ),
      default: defaults,
      nullable: fc.boolean(),
      comment,
    },
    { requiredKeys: ['type', 'nullable'] },
  )

  it('reads every portable type and default back with equal canonical forms', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(column, { minLength: 1, maxLength: 6 }), async (specs) => {
        const name = `rt_${counter++}`
        const columns = specs.map((spec, i) => ({
          ...spec,
          name: `c${i}`,
          // An enum column's default must be one of its values.
          ...(typeof spec.type === 'object' && spec.default !== undefined ? { default: 'b' } : {}),
        })) as ColumnSpec[]
        await apply(db.connection, { kind: 'createTable', table: name, columns })
        const read = await introspectTable(name)
        expect(read.columns).toHaveLength(columns.length)
        columns.forEach((spec, i) => {
          const got = read.columns[i] as ColumnModel
          expectEquivalent(spec, got)
          expect(got.nullable).toBe(spec.nullable)
          expect(got.comment).toBe(spec.comment)
        })
        await apply(db.connection, { kind: 'dropTable', table: name })
      }),
      { numRuns: 60 },
    )
  })

  it('finds no difference between hand-written SQL and the equivalent portable model', async () => {
    await db.connection.executeBatch([
      `CREATE TABLE hand_parent (id INTEGER NOT NULL PRIMARY KEY)`,
      `CREATE TABLE hand (
         id INT NOT NULL PRIMARY KEY,
         n int8 DEFAULT '5',
         flag BOOL NOT NULL DEFAULT TRUE,
         name CHARACTER VARYING(40) DEFAULT "anon",
         price DECIMAL(10, 2) DEFAULT '0.50',
         amount Numeric(8,0),
         score DOUBLE PRECISION DEFAULT 1.0,
         at TIMESTAMP DEFAULT (datetime('now')),
         data JSON DEFAULT ('{}'),
         uid UUID,
         raw blob,
         stamp timestamp with time zone DEFAULT current_timestamp,
         parent integer REFERENCES hand_parent ON DELETE CASCADE,
         CHECK (("price">=0))
       )`,
      `CREATE INDEX ix_hand ON hand (LOWER("Name"), [score] ASC) WHERE (price > 0)`,
    ])
    await apply(
      db.connection,
      {
        kind: 'createTable',
        table: 'model_parent',
        columns: [{ name: 'id', type: 'integer', primaryKey: true }],
      },
      {
        kind: 'createTable',
        table: 'model',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: 'n', type: 'bigint', default: 5 },
          { name: 'flag', type: 'boolean', nullable: false, default: true },
          { name: 'name', type: 'varchar(40)', default: 'anon' },
          { name: 'price', type: 'numeric(10,2)', default: 0.5 },
          { name: 'amount', type: 'numeric(8)' },
          { name: 'score', type: 'double', default: 1 },
          { name: 'at', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
          { name: 'data', type: 'json', default: '{}' },
          { name: 'uid', type: 'uuid' },
          { name: 'raw', type: 'bytes' },
          { name: 'stamp', type: 'timestamptz', default: { sql: 'CURRENT_TIMESTAMP' } },
          {
            name: 'parent',
            type: 'integer',
            references: { table: 'model_parent', column: 'id', onDelete: 'cascade' },
          },
        ],
        checks: [{ expression: 'price >= 0' }],
      },
      {
        kind: 'createIndex',
        table: 'model',
        name: 'ix_model',
        columns: [{ sql: 'lower(name)' }, 'score'],
        where: 'price > 0',
      },
    )
    const hand = await introspectTable('hand')
    const model = await introspectTable('model')
    expect(hand.columns).toHaveLength(model.columns.length)
    model.columns.forEach((column, i) => {
      const other = hand.columns[i] as ColumnModel
      expectEquivalent(column, other)
      expect(other.nullable).toBe(column.nullable)
    })
    expect(hand.primaryKey).toEqual(model.primaryKey)
    expect(hand.checks.map((c) => canonicalExpression(c.expression))).toEqual(
      model.checks.map((c) => canonicalExpression(c.expression)),
    )
    const index = (t: TableModel) =>
      t.indexes.map((i) => ({
        columns: i.columns.map((c) => (typeof c === 'string' ? c : canonicalExpression(c.sql))),
        where: i.where === undefined ? undefined : canonicalExpression(i.where),
        unique: i.unique,
      }))
    expect(index(hand)).toEqual(index(model))
    const keys = (t: TableModel) => t.foreignKeys.map(({ referencedTable: _table, ...key }) => key)
    expect(keys(hand)).toEqual(keys(model))
  })
})
