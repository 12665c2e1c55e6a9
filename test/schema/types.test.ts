import { describe, expect, it } from 'vitest'
import { ModelError } from '../../src/errors.js'
import {
  bigint,
  bigserial,
  blob,
  boolean,
  bytes,
  char,
  date,
  defineTable,
  double,
  enumType,
  integer,
  interval,
  isEnumType,
  json,
  jsonb,
  nativeType,
  numeric,
  real,
  serial,
  smallint,
  sqlExpr,
  text,
  time,
  timestamp,
  timestamptz,
  uuid,
  varchar,
} from '../../src/schema/index.js'

const everyType = defineTable('every_type', {
  a: integer(),
  b: smallint(),
  c: bigint(),
  d: serial(),
  e: bigserial(),
  f: boolean(),
  g: text(),
  h: varchar(40),
  i: char(2),
  j: numeric(),
  k: numeric(10),
  l: numeric(10, 2),
  m: real(),
  n: double(),
  o: date(),
  p: time(),
  q: timestamp(),
  r: timestamptz(),
  s: interval(),
  t: json(),
  u: jsonb(),
  v: uuid(),
  w: bytes(),
  x: blob(),
  y: nativeType('tsvector'),
  z: text().array(),
  aa: integer().array().array(),
})

describe('column types', () => {
  it('compile to the portable type names', () => {
    const types = Object.fromEntries(everyType.toModel().columns.map((c) => [c.name, c.type]))
    expect(types).toEqual({
      a: 'integer',
      b: 'smallint',
      c: 'bigint',
      d: 'integer',
      e: 'bigint',
      f: 'boolean',
      g: 'text',
      h: 'varchar(40)',
      i: 'char(2)',
      j: 'numeric',
      k: 'numeric(10)',
      l: 'numeric(10,2)',
      m: 'real',
      n: 'double',
      o: 'date',
      p: 'time',
      q: 'timestamp',
      r: 'timestamptz',
      s: 'interval',
      t: 'json',
      u: 'jsonb',
      v: 'uuid',
      w: 'bytes',
      x: 'bytes',
      y: 'tsvector',
      z: 'text[]',
      aa: 'integer[][]',
    })
  })

  it('serial and bigserial are autoIncrement integers (not null)', () => {
    const [d, e] = everyType.toModel().columns.filter((c) => c.name === 'd' || c.name === 'e')
    expect(d).toEqual({ name: 'd', type: 'integer', nullable: false, autoIncrement: true })
    expect(e).toEqual({ name: 'e', type: 'bigint', nullable: false, autoIncrement: true })
  })

  it('columns are nullable unless notNull, primary key or autoIncrement', () => {
    const table = defineTable('n', {
      a: text(),
      b: text().notNull(),
      c: integer().primaryKey(),
      d: bigint().autoIncrement(),
    })
    expect(table.toModel().columns.map((c) => c.nullable)).toEqual([true, false, false, false])
  })

  it('take the SQL name first, then their sizes', () => {
    const table = defineTable('named', {
      a: varchar('a_sql', 10),
      b: char('b_sql', 3),
      c: numeric('c_sql'),
      d: numeric('d_sql', 8),
      e: numeric('e_sql', 8, 3),
      f: nativeType('f_sql', 'citext'),
      g: json('g_sql'),
      h: timestamptz('h_sql'),
    })
    expect(table.toModel().columns.map((c) => `${c.name} ${c.type}`)).toEqual([
      'a_sql varchar(10)',
      'b_sql char(3)',
      'c_sql numeric',
      'd_sql numeric(8)',
      'e_sql numeric(8,3)',
      'f_sql citext',
      'g_sql json',
      'h_sql timestamptz',
    ])
  })

  it('refuse bad sizes', () => {
    const bad = [
      () => varchar(0),
      () => varchar(1.5),
      () => char('c', -1),
      () => numeric(10, 11),
      () => numeric(undefined, 2),
      () => nativeType(' '),
    ]
    for (const run of bad) expect(run).toThrow(ModelError)
  })
})

describe('defaults', () => {
  it('keep literals and SQL expressions apart', () => {
    const table = defineTable('d', {
      a: text().default('draft'),
      b: integer().default(0),
      c: boolean().default(false),
      d: text().default(null),
      e: timestamptz().defaultNow(),
      f: text().array().default(sqlExpr`'{}'`),
      g: integer().default(-2.5),
      h: text(),
    })
    expect(table.toModel().columns.map((c) => c.default)).toEqual([
      'draft',
      0,
      false,
      null,
      { sql: 'CURRENT_TIMESTAMP' },
      { sql: "'{}'" },
      -2.5,
      undefined,
    ])
    const columns = table.toModel().columns
    expect('default' in (columns[3] ?? {})).toBe(true)
    expect('default' in (columns[7] ?? {})).toBe(false)
  })

  it('sqlExpr inserts columns by name, expressions and values as text', () => {
    const t = defineTable('t', { firstName: text('first_name') })
    const inner = sqlExpr`lower(${t.columns.firstName})`
    expect(sqlExpr`${inner} <> ${"''"} AND ${1} < ${2n}`).toEqual({
      sql: "lower(first_name) <> '' AND 1 < 2",
    })
    expect(() => sqlExpr`${{} as never}`).toThrow(TypeError)
  })
})

describe('enum types', () => {
  const mood = enumType('mood', ['sad', 'ok', 'happy'])

  it('are callable column types with a model of their own', () => {
    expect(isEnumType(mood)).toBe(true)
    expect(mood.name).toBe('mood')
    expect(mood.values).toEqual(['sad', 'ok', 'happy'])
    expect(mood.toModel()).toEqual({ name: 'mood', values: ['sad', 'ok', 'happy'] })
    const people = defineTable('people', {
      mood: mood().notNull().default('ok'),
      past: mood('past_moods').array(),
    })
    expect(people.toModel().columns).toEqual([
      {
        name: 'mood',
        type: { enum: ['sad', 'ok', 'happy'], name: 'mood' },
        nullable: false,
        default: 'ok',
      },
      { name: 'past_moods', type: 'mood[]', nullable: true },
    ])
    expect(people.enumTypes()).toEqual([mood.toModel()])
  })

  it('may live in a schema', () => {
    const status = enumType('status', ['open', 'paid'], { schema: 'billing' })
    expect(status.toModel()).toEqual({
      name: 'status',
      schema: 'billing',
      values: ['open', 'paid'],
    })
    expect(status.schema).toBe('billing')
  })

  it('refuse empty or repeated values', () => {
    expect(() => enumType('e', [] as never)).toThrow(/non-empty list/)
    expect(() => enumType('e', ['a', 'a'])).toThrow(/lists 'a' twice/)
  })
})
