/**
 * The canonical spellings of PostgreSQL types, defaults and expressions, and the catalog
 * text readers, without a database.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  canonicalDefault,
  defaultFromCatalog,
} from '../../../src/dialects/postgres/canonical-default.js'
import { canonicalExpression } from '../../../src/dialects/postgres/canonical-expression.js'
import { canonicalType } from '../../../src/dialects/postgres/canonical-type.js'
import {
  indexItems,
  textArray,
  tidyExpression,
} from '../../../src/dialects/postgres/catalog-text.js'
import { compileType, literal, postgresDialect } from '../../../src/dialects/postgres/index.js'
import { tokenize } from '../../../src/dialects/postgres/sql-tokens.js'

describe('canonicalType', () => {
  it.each([
    [['integer', 'int', 'int4', 'INTEGER', 'pg_catalog.int4', 'serial', 'serial4'], 'integer'],
    [['bigint', 'int8', 'bigserial'], 'bigint'],
    [['smallint', 'int2', 'smallserial'], 'smallint'],
    [['boolean', 'bool', 'BOOL'], 'boolean'],
    [['varchar(10)', 'character varying(10)', 'CHARACTER VARYING ( 10 )'], 'varchar(10)'],
    [['varchar', 'character varying'], 'varchar'],
    [['char', 'character', 'char(1)', 'character(1)'], 'char(1)'],
    [['char(3)', 'character(3)', 'bpchar(3)'], 'char(3)'],
    [['numeric(10,2)', 'numeric(10, 2)', 'decimal(10,2)'], 'numeric(10,2)'],
    [['numeric(10)', 'numeric(10,0)', 'decimal(10)'], 'numeric(10,0)'],
    [['numeric', 'decimal'], 'numeric'],
    [['real', 'float4', 'float(10)'], 'real'],
    [['double', 'float8', 'double precision', 'float', 'float(53)'], 'double'],
    [['time', 'time without time zone', 'time(6)'], 'time'],
    [['timetz', 'time with time zone'], 'timetz'],
    [['timestamp', 'timestamp without time zone', 'timestamp(6) without time zone'], 'timestamp'],
    [['timestamptz', 'timestamp with time zone', 'TIMESTAMPTZ(6)'], 'timestamptz'],
    [['timestamptz(3)', 'timestamp(3) with time zone'], 'timestamptz(3)'],
    [['bytes', 'bytea'], 'bytes'],
    [
      ['integer[]', 'int4[]', 'integer[3]', 'int[][]', 'integer ARRAY', '_int4'.slice(1) + '[]'],
      'integer[]',
    ],
    [['varchar(20)[]', 'character varying(20)[]'], 'varchar(20)[]'],
    [['bit varying(4)', 'varbit(4)'], 'bit varying(4)'],
    [['mood', '"mood"', { enum: ['a'], name: 'mood' }], 'mood'],
    [['"Mood"', { enum: ['a'], name: 'Mood' }], '"Mood"'],
    [['billing.mood', '"billing"."mood"', { enum: ['a'], name: 'billing.mood' }], 'billing.mood'],
    [['tsvector', 'TSVECTOR'], 'tsvector'],
  ] as const)('gives %j the one spelling %s', (spellings, canonical) => {
    for (const spelling of spellings) expect(canonicalType(spelling)).toBe(canonical)
  })

  it('keeps different types apart', () => {
    const distinct = [
      'text',
      'varchar',
      'varchar(10)',
      'char(1)',
      'bpchar',
      '"char"',
      'json',
      'jsonb',
    ]
    expect(new Set(distinct.map(canonicalType)).size).toBe(distinct.length)
    expect(canonicalType('timestamptz')).not.toBe(canonicalType('timestamp'))
    expect(canonicalType('numeric(10,2)')).not.toBe(canonicalType('numeric(10,3)'))
  })

  it('is a spelling the compiler accepts and that is canonical again', () => {
    const portable = [
      'integer',
      'varchar',
      'char',
      'numeric(10)',
      'double',
      'bytes',
      'time(3)',
      'timestamp(3) with time zone',
      'varbit(4)',
      'text[]',
      'interval day to second',
    ]
    for (const type of portable) {
      const canonical = canonicalType(type)
      expect(() => compileType(canonical)).not.toThrow()
      expect(canonicalType(canonical)).toBe(canonical)
      expect(canonicalType(compileType(type))).toBe(canonical)
    }
  })
})

describe('canonicalDefault', () => {
  it.each([
    ['varchar(20)', 'draft', { sql: `'draft'::character varying` }],
    ['text', "it's", { sql: `'it''s'::text` }],
    ['integer', 0, { sql: `'0'::integer` }],
    ['integer', '0', { sql: '0' }],
    ['bigint', -1, { sql: `'-1'::integer` }],
    ['integer', -1, { sql: '(-1)' }],
    ['numeric(10,2)', 1.5, { sql: '1.50' }],
    ['double', 1e10, { sql: `'10000000000'::numeric` }],
    ['boolean', true, { sql: 'TRUE' }],
    ['boolean', 'on', { sql: 'true' }],
    ['text', 5, { sql: `'5'::text` }],
    ['jsonb', '{"b":1,"a":2}', { sql: `'{"a": 2, "b": 1}'::jsonb` }],
    [
      'uuid',
      'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
      { sql: `'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid` },
    ],
    ['timestamp', '2020-01-01', { sql: `'2020-01-01 00:00:00'::timestamp without time zone` }],
    ['interval', '1 hour', { sql: `'01:00:00'::interval` }],
    [{ enum: ['a'], name: 'mood' }, 'a', { sql: `'a'::mood` }],
    ['timestamptz', { sql: 'now()' }, { sql: 'NOW( )' }],
    ['timestamptz', { sql: 'CURRENT_TIMESTAMP' }, { sql: 'current_timestamp' }],
    ['integer', { sql: `nextval('t_id_seq')` }, { sql: `nextval('t_id_seq'::regclass)` }],
    ['timestamp', { sql: `now() + interval '1 day'` }, { sql: `(now() + '1 day'::interval)` }],
  ] as const)('agrees for a %j column: %j and %j', (type, model, catalog) => {
    expect(canonicalDefault(model, type)).toBe(canonicalDefault(catalog, type))
    expect(canonicalDefault(model, type)).not.toBeUndefined()
  })

  it('keeps different defaults apart', () => {
    expect(canonicalDefault({ sql: 'now()' }, 'timestamptz')).not.toBe(
      canonicalDefault({ sql: 'CURRENT_TIMESTAMP' }, 'timestamptz'),
    )
    expect(canonicalDefault('1', 'text')).not.toBe(canonicalDefault('01', 'text'))
    expect(canonicalDefault(1, 'integer')).not.toBe(canonicalDefault(2, 'integer'))
    expect(canonicalDefault('now()', 'text')).not.toBe(canonicalDefault({ sql: 'now()' }, 'text'))
  })

  it('treats null, a NULL expression and no default alike', () => {
    for (const value of [
      undefined,
      null,
      { sql: 'NULL' },
      { sql: 'NULL::text' },
      { sql: '(NULL)::character varying' },
    ]) {
      expect(canonicalDefault(value, 'text')).toBeUndefined()
    }
  })

  it('agrees with the cast literal the catalog stores, for any integer, decimal or string', () => {
    fc.assert(
      fc.property(fc.integer(), (value) => {
        const stored = value < 0 ? `'${value}'::integer` : String(value)
        expect(canonicalDefault(value, 'integer')).toBe(
          canonicalDefault({ sql: stored }, 'integer'),
        )
      }),
    )
    fc.assert(
      fc.property(fc.integer(), fc.nat(9999), (whole, fraction) => {
        const text = `${whole}.${String(fraction).padStart(4, '0')}`
        const stored = whole < 0 ? `'${text}'::numeric` : text
        expect(canonicalDefault(text, 'numeric')).toBe(canonicalDefault({ sql: stored }, 'numeric'))
        expect(canonicalDefault(Number(text), 'numeric')).toBe(
          canonicalDefault({ sql: stored }, 'numeric'),
        )
      }),
    )
    fc.assert(
      fc.property(
        fc.string().filter((text) => !text.includes('\0')),
        (text) => {
          const stored = { sql: `${literal(text)}::character varying` }
          expect(canonicalDefault(text, 'varchar(50)')).toBe(
            canonicalDefault(stored, 'varchar(50)'),
          )
          expect(defaultFromCatalog(stored.sql, 'varchar(50)')).toBe(text)
        },
      ),
    )
  })
})

describe('defaultFromCatalog', () => {
  it.each([
    [`'a''b'::character varying`, 'varchar(10)', "a'b"],
    [`'-1'::integer`, 'bigint', -1],
    ['(-1)', 'integer', -1],
    [`'3000000000'::bigint`, 'bigint', 3_000_000_000],
    [`'9007199254740993'::bigint`, 'bigint', '9007199254740993'],
    ['1.50', 'numeric(10,2)', 1.5],
    ['true', 'boolean', true],
    [`'x'::text`, 'varchar', 'x'],
    [`'{}'::text[]`, 'text[]', '{}'],
    [`'a'::mood`, { enum: ['a'], name: 'mood' }, 'a'],
    ['now()', 'timestamptz', { sql: 'now()' }],
    ['CURRENT_TIMESTAMP', 'timestamptz', { sql: 'CURRENT_TIMESTAMP' }],
    [`'1 day'::interval`, 'timestamp', { sql: `'1 day'::interval` }],
    [`E'a\\nb'::text`, 'text', { sql: `E'a\\nb'::text` }],
  ] as const)('reads %s in a %j column as %j', (text, type, value) => {
    expect(defaultFromCatalog(text, type)).toEqual(value)
  })

  it('reads a NULL default as no default', () => {
    expect(defaultFromCatalog('NULL::text', 'text')).toBeUndefined()
  })

  it('gives each column its own object', () => {
    const first = defaultFromCatalog('now()', 'timestamptz')
    expect(defaultFromCatalog('now()', 'timestamptz')).not.toBe(first)
  })
})

describe('canonicalExpression', () => {
  const pairs: [model: string, catalog: string][] = [
    ['price > 0', '(price > (0)::numeric)'],
    [
      "status IN ('a','b')",
      "((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))",
    ],
    ["status NOT IN ('x')", "((status)::text <> 'x'::text)"],
    ['a between 1 and 10', '((a >= 1) AND (a <= 10))'],
    [
      "name like 'x%' and a > -1 or b is not null",
      "((((name)::text ~~ 'x%'::text) AND (a > '-1'::integer)) OR (b IS NOT NULL))",
    ],
    ['length(name) > 0', '(length((name)::text) > 0)'],
    ['a + b * 2 > 0 and (a - b) < 10', '(((a + (b * 2)) > 0) AND ((a - b) < 10))'],
    ['price >= 0.5 AND price != -2.5', "((price >= 0.5) AND (price <> '-2.5'::numeric))"],
    ["created < now() + interval '1 day'", "(created < (now() + '1 day'::interval))"],
    ["created < now() + interval '1 hour'", "(created < (now() + '01:00:00'::interval))"],
    [
      'case when a > 0 then b > 0 else true end',
      '\nCASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND',
    ],
    ['NOT (a = 1)', '(NOT (a = 1))'],
    ['deleted_at IS NULL', '(deleted_at IS NULL)'],
    ['(a + b)', '((a + b))'],
    ['LOWER(name)', 'lower((name)::text)'],
    ["data->>'x'", "((data ->> 'x'::text))"],
    ['a DESC', 'a DESC'],
    ['"Mixed Col" > 0', '("Mixed Col" > 0)'],
    ['"lower_case" > 0', '(lower_case > 0)'],
    ['a > 1 AND (b > 2 AND c > 3)', '(((a > 1) AND (b > 2)) AND (c > 3))'],
    ['a isnull', '(a IS NULL)'],
    ["name similar to 'a%'", "((name)::text ~ similar_to_escape('a%'::text))"],
    ['price * 2 > qty + 1', '((price * (2)::numeric) > ((qty + 1))::numeric)'],
  ]

  it.each(pairs)("gives %j and the catalog's %j one canonical text", (model, catalog) => {
    expect(canonicalExpression(model)).toBe(canonicalExpression(catalog))
  })

  it('prints only the parentheses the structure needs', () => {
    expect(canonicalExpression('(((a + (b * 2)) > 0) AND ((a - b) < 10))')).toBe(
      'a + b * 2 > 0 and a - b < 10',
    )
    expect(canonicalExpression('(a + b) * 2')).toBe('(a + b) * 2')
    expect(canonicalExpression('(a OR b) AND c')).toBe('(a or b) and c')
    expect(canonicalExpression("status IN ('a', 'b')")).toBe("status = any (array['a', 'b'])")
  })

  it('keeps different expressions apart', () => {
    expect(canonicalExpression('(a OR b) AND c')).not.toBe(canonicalExpression('a OR (b AND c)'))
    expect(canonicalExpression('a - (b - c)')).not.toBe(canonicalExpression('a - b - c'))
    expect(canonicalExpression('price > 0')).not.toBe(canonicalExpression('price >= 0'))
    expect(canonicalExpression("a = 'x'")).not.toBe(canonicalExpression("a = 'X'"))
    expect(canonicalExpression('"A" > 0')).not.toBe(canonicalExpression('a > 0'))
    expect(canonicalExpression('a::date > b')).not.toBe(canonicalExpression('a > b'))
  })

  it('is idempotent', () => {
    for (const [model, catalog] of pairs) {
      for (const text of [model, catalog]) {
        const canonical = canonicalExpression(text)
        expect(canonicalExpression(canonical)).toBe(canonical)
      }
    }
  })

  it('falls back to tokens for what it does not parse: case, spacing, outer parentheses, literal casts', () => {
    expect(canonicalExpression('(EXTRACT(year FROM  created) > 2000)')).toBe(
      canonicalExpression('extract(YEAR from created) > (2000)::integer'),
    )
    expect(canonicalExpression('(name COLLATE "C" > \'a\'::text)')).toBe(`name collate "C" > 'a'`)
    expect(canonicalExpression("unterminated 'quote")).toBe("unterminated 'quote")
  })

  it("is the dialect introspection's", () => {
    expect(postgresDialect.introspection?.canonicalExpression).toBe(canonicalExpression)
    expect(postgresDialect.introspection?.canonicalType).toBe(canonicalType)
    expect(postgresDialect.introspection?.canonicalDefault).toBe(canonicalDefault)
  })
})

describe('catalog text', () => {
  it('cuts operators the way PostgreSQL does', () => {
    expect(tokenize('a>-1').map((token) => token.value)).toEqual(['a', '>', '-', '1'])
    expect(tokenize('a @- 1').map((token) => token.value)).toEqual(['a', '@-', '1'])
    expect(tokenize("x -- comment\n + 'it''s' /* c */").map((token) => token.value)).toEqual([
      'x',
      '+',
      "it's",
    ])
    expect(tokenize(`"Odd ""name"""`)[0]).toMatchObject({ kind: 'name', value: 'Odd "name"' })
  })

  it('reads text arrays from drivers that do not parse them', () => {
    expect(textArray(['a', 'b'])).toEqual(['a', 'b'])
    expect(textArray('{a,"b c","d\\"e"}')).toEqual(['a', 'b c', 'd"e'])
    expect(textArray('{}')).toEqual([])
    expect(textArray(null)).toEqual([])
  })

  it('tidies catalog expressions for display', () => {
    expect(tidyExpression('(price > (0)::numeric)')).toBe('price > (0)::numeric')
    expect(tidyExpression('\nCASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND')).toBe(
      'CASE WHEN (a > 0) THEN (b > 0) ELSE true END',
    )
    expect(tidyExpression("(a > 0) AND ('x  y' = b)")).toBe("(a > 0) AND ('x  y' = b)")
  })

  it('splits an index definition into its key items', () => {
    expect(
      indexItems(
        `CREATE UNIQUE INDEX "odd (name)" ON "my schema".t USING btree (a DESC, ((a + b)), lower((name)::text), "Mixed Col" text_pattern_ops) INCLUDE (c) WHERE (a > 0)`,
      ),
    ).toEqual(['a DESC', '(a + b)', 'lower((name)::text)', '"Mixed Col" text_pattern_ops'])
  })
})
