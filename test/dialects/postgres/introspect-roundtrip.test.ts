/**
 * No phantom differences: what PostgreSQL and PGlite store for a type, a default or an
 * expression has the same canonical form as what the model said, both when the schema
 * was compiled from operations and when it was written by hand in other spellings.
 */
import { describe, expect, it } from 'vitest'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import type { ColumnSpec, ColumnType, DefaultValue } from '../../../src/operations/types.js'
import type { ColumnModel, SchemaModel, TableModel } from '../../../src/schema/model.js'
import { build, introspect, introspectTargets, useConnection } from './introspect-targets.js'

const introspection = postgresDialect.introspection
if (!introspection) throw new Error('the postgres dialect has no introspection')
const { canonicalType, canonicalDefault, canonicalExpression } = introspection

const targets = await introspectTargets('pg_roundtrip')

const mood = { enum: ['sad', 'ok'], name: 'mood' } as const

/** Every portable type, its optional sizes, arrays, an enum, and native spellings. */
const types: ColumnType[] = [
  'integer',
  'bigint',
  'smallint',
  'boolean',
  'text',
  'varchar',
  'varchar(255)',
  'char',
  'char(2)',
  'numeric',
  'numeric(10)',
  'numeric(10,2)',
  'numeric(10, 2)',
  'real',
  'double',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'json',
  'jsonb',
  'uuid',
  'bytes',
  'integer[]',
  'text[]',
  'varchar(20)[]',
  'numeric(5,1)[]',
  'timestamptz[]',
  'boolean[][]',
  mood,
  'int4',
  'int8',
  'int2',
  'bool',
  'float4',
  'float8',
  'double precision',
  'decimal(8,3)',
  'character varying(7)',
  'character(3)',
  'bpchar',
  'timestamp(3)',
  'timestamptz(0)',
  'timestamp(6) with time zone',
  'time(3)',
  'timetz',
  'interval day to second',
  'bit(3)',
  'varbit(4)',
  'tsvector',
  'inet',
  'int4range',
  'mood[]',
]

const column = (index: number) => `c${index}`

function table(model: SchemaModel, name: string): TableModel {
  const found = model.tables.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no table ${name}`)
  return found
}

function columnOf(model: TableModel, name: string): ColumnModel {
  const found = model.columns.find((candidate) => candidate.name === name)
  if (!found) throw new Error(`no column ${name}`)
  return found
}

/** A model default, and the column type it is the default of. */
const defaults: [ColumnType, DefaultValue][] = [
  ['text', 'draft'],
  ['text', "it's"],
  ['text', ''],
  ['varchar(20)', 'draft'],
  ['char(2)', 'ab'],
  ['integer', 0],
  ['integer', -1],
  ['integer', '42'],
  ['smallint', -2],
  ['bigint', 3_000_000_000],
  ['bigint', -5],
  ['numeric(10,2)', 1.5],
  ['numeric', 1e3],
  ['real', -0.5],
  ['double', 1e10],
  ['double', 0.1],
  ['boolean', true],
  ['boolean', false],
  ['boolean', 'yes'],
  ['text', 5],
  ['jsonb', '{"b": 1, "a": [1, 2]}'],
  ['jsonb', { sql: `'{}'::jsonb` }],
  ['json', '{"b":1}'],
  ['uuid', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'],
  ['uuid', { sql: 'gen_random_uuid()' }],
  ['timestamptz', { sql: 'now()' }],
  ['timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
  ['timestamp', '2020-01-01'],
  ['timestamp', { sql: `now() + interval '1 day'` }],
  ['date', { sql: 'CURRENT_DATE' }],
  ['date', '2020-01-31'],
  ['time', '12:30'],
  ['interval', '1 hour'],
  ['interval', '1 day 02:00:00'],
  ['text[]', '{}'],
  ['integer[]', '{1,2}'],
  ['text[]', { sql: 'ARRAY[]::text[]' }],
  ['bytes', { sql: `'\\x01ff'::bytea` }],
  [mood, 'ok'],
  ['text', { sql: 'NULL' }],
  ['integer', { sql: '(1 + 2)' }],
  ['text', { sql: `upper('x')` }],
]

/** Check expressions as people write them in models. */
const checks = [
  'price > 0',
  "status IN ('draft', 'published')",
  "status NOT IN ('gone')",
  'qty BETWEEN 1 AND 10',
  'qty NOT BETWEEN 1 AND 10',
  "name LIKE 'x%'",
  "name ILIKE 'x%' OR name IS NULL",
  'length(name) > 0',
  'price >= 0.5 AND price <> -2.5',
  'price != 3',
  'NOT (qty = 1)',
  'qty IS NOT NULL OR price IS NULL',
  'coalesce(qty, 0) >= 0',
  'CASE WHEN qty > 0 THEN price > 0 ELSE true END',
  "name ~* '^a'",
  'qty % 2 = 0',
  'price * 2 > qty + 1',
  '(qty + 1) * 2 > 0',
  "tags @> ARRAY['a']",
  "status <> ''",
  "created_at > now() - interval '1 day'",
  'qty IS DISTINCT FROM 3',
  "upper(name) = 'X'",
]

/** Index predicates, and index items (names or expressions). */
const predicates = ['deleted_at IS NULL', "status = 'active'", 'qty > 0 AND price IS NOT NULL']
const items = ['lower(name)', '(qty + 1)', "(data ->> 'k')", 'name DESC', 'qty DESC NULLS LAST']

for (const target of targets) {
  describe.skipIf(!target.available)(`postgres canonical round trips on ${target.name}`, () => {
    useConnection(target)

    it('gives every type compiled from the model the canonical type of what the catalog stores', async () => {
      const db = target.connection
      const columns: ColumnSpec[] = types.map((type, index) => ({ name: column(index), type }))
      await build(
        db,
        'types',
        { kind: 'createEnum', name: 'mood', values: ['sad', 'ok'] },
        { kind: 'createTable', table: 'every_type', columns },
      )
      const found = table(await introspect(db), 'every_type')
      const pairs = types.map((type, index) => [
        canonicalType(type),
        canonicalType(columnOf(found, column(index)).type),
      ])
      expect(pairs.filter(([model, catalog]) => model !== catalog)).toEqual([])
      // The introspected type is itself canonical, and compiles back to the same column.
      for (const { type } of found.columns) {
        if (typeof type === 'string') expect(canonicalType(type)).toBe(type)
      }
      expect(columnOf(found, 'c30').type).toEqual(mood)
      await build(db, 'types2', "CREATE TYPE mood AS ENUM ('sad', 'ok')", {
        kind: 'createTable',
        table: 'again',
        columns: found.columns.map(({ name, type }) => ({ name, type })),
      })
      const again = table(await introspect(db), 'again')
      expect(again.columns).toEqual(found.columns)
    })

    it('gives every default the canonical form of what the catalog stores', async () => {
      const db = target.connection
      const columns: ColumnSpec[] = defaults.map(([type, value], index) => ({
        name: column(index),
        type,
        default: value,
      }))
      await build(
        db,
        'defaults',
        { kind: 'createEnum', name: 'mood', values: ['sad', 'ok'] },
        { kind: 'createTable', table: 'every_default', columns },
      )
      const found = table(await introspect(db), 'every_default')
      const differences = defaults.flatMap(([type, value], index) => {
        const stored = columnOf(found, column(index))
        const model = canonicalDefault(value, type)
        const withModelType = canonicalDefault(stored.default, type)
        const withStoredType = canonicalDefault(stored.default, stored.type)
        return model === withModelType && model === withStoredType
          ? []
          : [{ type, value, stored: stored.default, model, withModelType, withStoredType }]
      })
      expect(differences).toEqual([])
      // Literals come back as literals, not as SQL.
      expect(columnOf(found, 'c0').default).toBe('draft')
      expect(columnOf(found, 'c6').default).toBe(-1)
      expect(columnOf(found, 'c9').default).toBe(3_000_000_000)
      expect(columnOf(found, 'c16').default).toBe(true)
      expect(columnOf(found, 'c38').default).toBe('ok')
      expect(columnOf(found, 'c39')).not.toHaveProperty('default')
      expect(columnOf(found, 'c25').default).toEqual({ sql: 'now()' })
      expect(canonicalDefault(columnOf(found, 'c25').default, 'timestamptz')).not.toBe(
        canonicalDefault(columnOf(found, 'c26').default, 'timestamptz'),
      )
    })

    it('gives every check, predicate and index expression the canonical form of the catalog text', async () => {
      const db = target.connection
      await build(
        db,
        'expressions',
        {
          kind: 'createTable',
          table: 'things',
          columns: [
            { name: 'price', type: 'numeric(10,2)' },
            { name: 'qty', type: 'integer' },
            { name: 'status', type: 'varchar(20)' },
            { name: 'name', type: 'text' },
            { name: 'tags', type: 'text[]' },
            { name: 'data', type: 'jsonb' },
            { name: 'created_at', type: 'timestamptz' },
            { name: 'deleted_at', type: 'timestamptz' },
          ],
          checks: checks.map((expression, index) => ({ name: `check_${index}`, expression })),
        },
        ...predicates.map((where, index) => ({
          kind: 'createIndex' as const,
          name: `where_${index}`,
          table: 'things',
          columns: ['qty'],
          where,
        })),
        ...items.map((item, index) => ({
          kind: 'createIndex' as const,
          name: `item_${index}`,
          table: 'things',
          columns: [{ sql: item }],
        })),
      )
      const found = table(await introspect(db), 'things')
      const stored = (name: string) => found.checks.find((check) => check.name === name)?.expression
      expect(
        checks
          .map((expression, index) => [
            canonicalExpression(expression),
            canonicalExpression(stored(`check_${index}`) ?? ''),
          ])
          .filter(([model, catalog]) => model !== catalog),
      ).toEqual([])
      const index = (name: string) => found.indexes.find((candidate) => candidate.name === name)
      expect(
        predicates
          .map((where, position) => [
            canonicalExpression(where),
            canonicalExpression(index(`where_${position}`)?.where ?? ''),
          ])
          .filter(([model, catalog]) => model !== catalog),
      ).toEqual([])
      expect(
        items
          .map((item, position) => {
            const [column] = index(`item_${position}`)?.columns ?? []
            const text = typeof column === 'object' ? column.sql : String(column)
            return [canonicalExpression(item), canonicalExpression(text)]
          })
          .filter(([model, catalog]) => model !== catalog),
      ).toEqual([])
    })

    it('finds no difference between hand-written SQL and the same schema in portable spellings', async () => {
      const db = target.connection
      await build(
        db,
        'by_hand',
        `CREATE TABLE hand (
           id serial PRIMARY KEY,
           a int4 NOT NULL DEFAULT 0,
           b character varying(20) DEFAULT 'x'::text,
           c bool DEFAULT 'true',
           d timestamp with time zone DEFAULT now(),
           e int8 DEFAULT '5',
           f float8,
           g decimal(10,2) DEFAULT 1.50,
           h character(2) DEFAULT 'ab'::bpchar,
           i text DEFAULT 'x'::text,
           j timestamp without time zone DEFAULT '2020-01-01',
           k jsonb DEFAULT '{"b": 1, "a": 2}',
           l uuid DEFAULT 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
           m integer[] DEFAULT '{}',
           n bigint GENERATED BY DEFAULT AS IDENTITY,
           o smallint DEFAULT (-1),
           p varchar DEFAULT NULL,
           q bytea,
           r float4 DEFAULT 0.5,
           s interval DEFAULT '1 hour',
           t time(6) DEFAULT '12:00',
           u timestamptz(6) DEFAULT CURRENT_TIMESTAMP,
           v numeric DEFAULT 10,
           w int DEFAULT -7,
           CONSTRAINT hand_check CHECK (a BETWEEN 0 AND 100 AND b IN ('x', 'y') AND e > 0)
         )`,
        `CREATE INDEX hand_lower ON hand (lower(b)) WHERE i IS NOT NULL`,
      )
      const model: ColumnModel[] = [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'a', type: 'integer', nullable: false, default: 0 },
        { name: 'b', type: 'varchar(20)', nullable: true, default: 'x' },
        { name: 'c', type: 'boolean', nullable: true, default: true },
        { name: 'd', type: 'timestamptz', nullable: true, default: { sql: 'NOW()' } },
        { name: 'e', type: 'bigint', nullable: true, default: 5 },
        { name: 'f', type: 'double', nullable: true },
        { name: 'g', type: 'numeric(10, 2)', nullable: true, default: 1.5 },
        { name: 'h', type: 'char(2)', nullable: true, default: 'ab' },
        { name: 'i', type: 'text', nullable: true, default: 'x' },
        { name: 'j', type: 'timestamp', nullable: true, default: '2020-01-01' },
        { name: 'k', type: 'jsonb', nullable: true, default: '{"a":2,"b":1}' },
        {
          name: 'l',
          type: 'uuid',
          nullable: true,
          default: 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
        },
        { name: 'm', type: 'integer[]', nullable: true, default: '{}' },
        // Identity columns are NOT NULL, whatever the SQL said.
        { name: 'n', type: 'bigint', nullable: false, autoIncrement: true },
        { name: 'o', type: 'smallint', nullable: true, default: -1 },
        { name: 'p', type: 'varchar', nullable: true },
        { name: 'q', type: 'bytes', nullable: true },
        { name: 'r', type: 'real', nullable: true, default: 0.5 },
        { name: 's', type: 'interval', nullable: true, default: '60 minutes' },
        { name: 't', type: 'time', nullable: true, default: '12:00:00' },
        { name: 'u', type: 'timestamptz', nullable: true, default: { sql: 'current_timestamp' } },
        { name: 'v', type: 'numeric', nullable: true, default: '10.0' },
        { name: 'w', type: 'integer', nullable: true, default: { sql: '-7' } },
      ]
      const found = table(await introspect(db), 'hand')
      const shape = (columnModel: ColumnModel, type: ColumnType) => ({
        name: columnModel.name,
        type: canonicalType(columnModel.type),
        nullable: columnModel.nullable,
        default: canonicalDefault(columnModel.default, type),
        autoIncrement: columnModel.autoIncrement ?? false,
      })
      expect(
        found.columns.map((stored, index) => shape(stored, model[index]?.type ?? stored.type)),
      ).toEqual(model.map((wanted) => shape(wanted, wanted.type)))
      expect(found.columns.map((stored) => shape(stored, stored.type))).toEqual(
        model.map((wanted) => shape(wanted, wanted.type)),
      )
      expect(canonicalExpression(found.checks[0]?.expression ?? '')).toBe(
        canonicalExpression("a >= 0 AND a <= 100 AND b IN ('x','y') AND e > 0"),
      )
      const [index] = found.indexes
      expect(canonicalExpression(index?.where ?? '')).toBe(canonicalExpression('i is not null'))
      const [item] = index?.columns ?? []
      expect(canonicalExpression(typeof item === 'object' ? item.sql : '')).toBe(
        canonicalExpression('LOWER(b)'),
      )
    })
  })
}
