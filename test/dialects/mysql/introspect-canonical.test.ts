/**
 * Canonical types, defaults and expressions, without a server: aliases, MariaDB's and
 * MySQL 8's catalog spellings (samples taken from the servers' output).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalDefault } from '../../../src/dialects/mysql/canonical-default.js'
import {
  canonicalExpression,
  canonicalTree,
} from '../../../src/dialects/mysql/canonical-expression.js'
import { canonicalType, portableType } from '../../../src/dialects/mysql/canonical-type.js'
import { tokenize } from '../../../src/dialects/mysql/expression-tokens.js'
import type { ColumnType, DefaultValue } from '../../../src/operations/types.js'

/** Asserts that every spelling in a group has one canonical form (distinct across groups unless `shared`). */
function expectGroups<T>(
  groups: readonly (readonly T[])[],
  canonical: (value: T) => string,
  shared = false,
) {
  const forms = groups.map((group) => {
    const texts = group.map(canonical)
    expect(new Set(texts).size, `${JSON.stringify(group)} → ${JSON.stringify(texts)}`).toBe(1)
    return texts[0]
  })
  if (!shared) expect(new Set(forms).size).toBe(groups.length)
}

describe('canonicalType', () => {
  it('gives aliases one form and keeps different types apart', () => {
    expectGroups<ColumnType>(
      [
        ['integer', 'int', 'INT(11)', 'int(10)', 'INTEGER'],
        ['boolean', 'bool', 'BOOLEAN', 'tinyint(1)'],
        ['tinyint', 'tinyint(4)', 'TINYINT'],
        ['bigint', 'bigint(20)'],
        ['smallint', 'smallint(6)'],
        ['numeric(10,2)', 'decimal(10,2)', 'DECIMAL(10, 2)', 'numeric( 10 , 2 )'],
        ['numeric', 'decimal', 'decimal(10,0)', 'numeric(10)', 'dec'],
        ['real', 'float', 'float(10)'],
        ['double', 'double precision', 'DOUBLE', 'float(30)'],
        ['varchar(20)', 'character varying(20)', 'VARCHAR(20)'],
        ['char(1)', 'char', 'character(1)'],
        ['uuid', 'char(36)', 'CHAR(36)'],
        ['timestamp', 'timestamptz', 'datetime(6)', 'DATETIME(6)'],
        ['timestamp(3)', 'datetime(3)'],
        ['datetime', 'datetime(0)', 'timestamp(0)'],
        ['time', 'time(0)'],
        ['time(3)'],
        ['json', 'jsonb', 'JSON'],
        ['bytes', 'longblob', 'LONGBLOB'],
        ['text', 'TEXT'],
        ['mediumtext'],
        ['int unsigned', 'int(10) unsigned', 'INTEGER UNSIGNED'],
        ['int(5) unsigned zerofill'],
        ['year', 'year(4)'],
        [{ enum: ['a', 'B'] }, "enum('a','B')", "ENUM('a','B')"],
        [{ enum: ['a', 'b'] }],
        ['varchar(10) character set latin1', 'varchar(10)'],
      ],
      canonicalType,
    )
  })

  it('never throws, even for types the compiler rejects', () => {
    expect(canonicalType('varchar')).toBe('varchar')
    expect(canonicalType('text[]')).toBe('text[]')
    expect(canonicalType('interval')).toBe('interval')
  })
})

describe('portableType', () => {
  const read = (type: string, jsonCheck = false) => portableType(type, { jsonCheck })

  it('maps MariaDB and MySQL 8 catalog types back to portable ones', () => {
    expect(read('int(11)')).toBe('integer')
    expect(read('int')).toBe('integer')
    expect(read('bigint(20)')).toBe('bigint')
    expect(read('smallint(6)')).toBe('smallint')
    expect(read('tinyint(1)')).toBe('boolean')
    expect(read('decimal(10,2)')).toBe('numeric(10,2)')
    expect(read('float')).toBe('real')
    expect(read('double')).toBe('double')
    expect(read('datetime(6)')).toBe('timestamp')
    expect(read('datetime(3)')).toBe('timestamp(3)')
    expect(read('datetime')).toBe('datetime')
    expect(read('time(3)')).toBe('time(3)')
    expect(read('longtext', true)).toBe('json')
    expect(read('longtext')).toBe('longtext')
    expect(read('json')).toBe('json')
    expect(read('longblob')).toBe('bytes')
    expect(read('char(36)')).toBe('char(36)')
    expect(read('varchar(255)')).toBe('varchar(255)')
    expect(read("enum('a','it''s')")).toEqual({ enum: ['a', "it's"] })
  })

  it('keeps other types native, without display widths', () => {
    expect(read('tinyint(4)')).toBe('tinyint')
    expect(read('bigint(20) unsigned')).toBe('bigint unsigned')
    expect(read('int(5) unsigned zerofill')).toBe('int(5) unsigned zerofill')
    expect(read('mediumtext')).toBe('mediumtext')
    expect(read('year(4)')).toBe('year')
    expect(read("set('a','B')")).toBe("set('a','B')")
  })
})

describe('canonicalDefault', () => {
  it('reads literals by the column type', () => {
    expectGroups<[DefaultValue | undefined, ColumnType]>(
      [
        [
          [0, 'integer'],
          ['0', 'integer'],
          [{ sql: '0' }, 'int(11)'],
          [{ sql: "'0'" }, 'integer'],
          [false, 'integer'],
        ],
        [
          [false, 'boolean'],
          [0, 'boolean'],
          [{ sql: 'FALSE' }, 'tinyint(1)'],
          ['0', 'bool'],
        ],
        [
          [true, 'boolean'],
          [1, 'tinyint(1)'],
          [{ sql: 'true' }, 'boolean'],
        ],
        [
          [1.5, 'numeric(10,2)'],
          ['1.50', 'decimal(10,2)'],
          [{ sql: '1.50' }, 'numeric(10,2)'],
          ['001.5', 'numeric(10,2)'],
        ],
        [
          [1000, 'double'],
          [{ sql: '1e3' }, 'double'],
          ['1000.0', 'double'],
        ],
        [
          ['0', 'varchar(3)'],
          [0, 'varchar(3)'],
          [false, 'varchar(3)'],
          [{ sql: "'0'" }, 'varchar(3)'],
          [{ sql: "_utf8mb4'0'" }, 'varchar(3)'],
        ],
        [
          ["it's", 'text'],
          [{ sql: "'it''s'" }, 'text'],
          [{ sql: "'it\\'s'" }, 'text'],
          [{ sql: '"it\'s"' }, 'text'],
        ],
        [
          ['2024-01-01', 'timestamp'],
          ['2024-01-01 00:00:00', 'timestamp'],
          ['2024-01-01 00:00:00.000000', 'datetime(6)'],
          ['2024-01-01T00:00:00', 'timestamptz'],
        ],
        [
          ['10:00:00', 'time(3)'],
          ['10:00:00.000', 'time(3)'],
        ],
        [
          [undefined, 'integer'],
          [null, 'integer'],
          [{ sql: 'NULL' }, 'integer'],
          [{ sql: 'null' }, 'varchar(3)'],
        ],
      ],
      ([value, type]) => String(canonicalDefault(value, type)),
      true,
    )
    expect(canonicalDefault(1.5, 'numeric(10,2)')).not.toBe(canonicalDefault(1.55, 'numeric(10,2)'))
    expect(canonicalDefault('a', 'text')).not.toBe(canonicalDefault('A', 'text'))
    expect(canonicalDefault('2024-01-01', 'timestamp')).not.toBe(
      canonicalDefault('2024-01-02', 'timestamp'),
    )
  })

  it('gives every spelling of the current time one form, at the column precision', () => {
    const on = (type: ColumnType) => (sql: string) => canonicalDefault({ sql }, type)
    const timestamp = on('timestamp')
    const six = 'current_timestamp(6)'
    for (const sql of ['CURRENT_TIMESTAMP', 'now()', 'current_timestamp()', 'LOCALTIMESTAMP']) {
      expect(timestamp(sql)).toBe(six)
    }
    expect(on('datetime(6)')('current_timestamp(6)')).toBe(six)
    expect(on('datetime(6)')('CURRENT_TIMESTAMP(6)')).toBe(six)
    const datetime = on('datetime')
    for (const sql of ['CURRENT_TIMESTAMP', 'now()', 'current_timestamp()', 'localtime']) {
      expect(datetime(sql)).toBe('current_timestamp()')
    }
    expect(on('timestamp(3)')('now(3)')).toBe('current_timestamp(3)')
    expect(on('date')('CURRENT_DATE')).toBe(on('date')('curdate()'))
  })

  it('canonicalises expression defaults as MariaDB and MySQL 8 print them', () => {
    const integer = (sql: string) => canonicalDefault({ sql }, 'integer')
    expect(integer('1 + 2')).toBe(integer('(1 + 2)'))
    expect(integer('(-3)')).toBe(canonicalDefault(-3, 'integer'))
    const text = (sql: string) => canonicalDefault({ sql }, 'varchar(10)')
    expect(text("concat('a', 'b')")).toBe(text("concat(_utf8mb4'a',_utf8mb4'b')"))
    expect(text("CONCAT('a','b')")).toBe(text("concat('a','b')"))
    expect(text('uuid()')).toBe(text('(UUID())'))
    expect(text("lcase('X')")).toBe(text("lower('X')"))
    expect(text("lcase('X')")).not.toBe(text("lcase('Y')"))
  })
})

describe('canonicalExpression', () => {
  // Left: what a model says; right: what MariaDB 10.11 stores in CHECK_CONSTRAINTS.
  const MARIADB: readonly [string, string][] = [
    ['a > 0 AND b <> 2 OR c != 3', '`a` > 0 and `b` <> 2 or `c` <> 3'],
    [
      "h IN ('a','b') and h like 'x%' and a between 1 and 5 and not (a = 1) and h is not null",
      "`h` in ('a','b') and `h` like 'x%' and `a` between 1 and 5 and `a` <> 1 and `h` is not null",
    ],
    ['char_length(h) > 0 && a = TRUE', 'char_length(`h`) > 0 and `a` = 1'],
    ['NOT (a > 1)', '`a` <= 1'],
    ['NOT (a IN (1,2))', '`a` not in (1,2)'],
    ["NOT (s LIKE 'x')", "`s`  not like 'x'"],
    ['NOT (a BETWEEN 1 AND 2)', '`a` not between 1 and 2'],
    ['NOT (a IS NULL)', '`a` is not null'],
    ['NOT (a = 1 AND b = 2)', '`a` <> 1 or `b` <> 2'],
    ['!(a <=> b)', '!(`a` <=> `b`)'],
    ['NOT a', '`a` = 0'],
    ['NOT (a IS TRUE)', '!(`a` is true)'],
    ['a + (b + 1) > (a - b) * 2', '`a` + (`b` + 1) > (`a` - `b`) * 2'],
    ['a and (b and a)', '`a` <> 0 and `b` <> 0 and `a` <> 0'],
    ['(a or b) and a', '(`a` <> 0 or `b` <> 0) and `a` <> 0'],
    [
      "s regexp '^x' or s rlike 'y' or a mod 2 = 0 or a div 2 = 1 or a % 3 = 1",
      "`s` regexp '^x' or `s` regexp 'y' or `a` MOD 2 = 0 or `a` DIV 2 = 1 or `a` MOD 3 = 1",
    ],
    [
      'coalesce(a, 0) >= 0 and if(a > 1, b, a) = 1 and case when a = 1 then 1 else 0 end = 1',
      'coalesce(`a`,0) >= 0 and if(`a` > 1,`b`,`a`) = 1 and case when `a` = 1 then 1 else 0 end = 1',
    ],
    [
      "a in (1) and a not in (2,3) and -3 < a and a > -b and ~a <> 0 and s not like 'z%'",
      "`a` = 1 and `a` not in (2,3) and -3 < `a` and `a` > -`b` and ~`a` <> 0 and `s`  not like 'z%'",
    ],
    [
      "s <> N'x' and s <> X'41' and s <> 0x41 and s <> _utf8mb4'q' and a + interval 1 day > d",
      "`s` <> 'x' and `s` <> 'A' and `s` <> 'A' and `s` <> _utf8mb4'q' and `a` + interval 1 day > `d`",
    ],
    [
      `s = 'a\\'b' and s <> "e""f" and a xor b and (a, b) <> (1, 2)`,
      "`s` = 'a\\'b' and `s` <> 'e\"f' and `a` <> 0 xor `b` <> 0 and (`a`,`b`) <> (1,2)",
    ],
    ['a > 0 || b > 0', '`a` > 0 or `b` > 0'],
    ['NOT (a <> b AND b)', '`a` = `b` or `b` = 0'],
    ['NOT (a > 1 OR NOT b)', '`a` <= 1 and `b` <> 0'],
    ['length(s) > 0 and isnull(a)', 'octet_length(`s`) > 0 and `a` is null'],
    [
      "a > 0 and (b > 0 or (s = 'x' and a < 10))",
      "`a` > 0 and (`b` > 0 or `s` = 'x' and `a` < 10)",
    ],
    [
      "s sounds like 'x' and binary s = 'z' and s collate utf8mb4_bin = 'y'",
      "soundex(`s`) = soundex('x') and cast(`s` as char charset binary) = 'z' and `s` collate utf8mb4_bin = 'y'",
    ],
    [
      "b'1' <> a and 0b11 <> a and .5 <> a and 00012 <> a",
      '0x01 <> `a` and 0x03 <> `a` and 0.5 <> `a` and 12 <> `a`',
    ],
    ['CAST(a AS CHAR) <> "x"', "cast(`a` as char charset utf8mb3) <> 'x'"],
  ]

  // Left: what a model says; right: what MySQL 8 stores (after its extra escaping is undone).
  const MYSQL8: readonly [string, string][] = [
    ['total >= 0', '(`total` >= 0)'],
    ["json_type(paths) = 'ARRAY'", "(json_type(`paths`) = _utf8mb4'ARRAY')"],
    ['a > 0 AND b <> 2 OR c != 3', '(((`a` > 0) and (`b` <> 2)) or (`c` <> 3))'],
    ['NOT (a > 1)', '(not((`a` > 1)))'],
    ["state IN ('new', 'done')", "(`state` in (_utf8mb4'new',_utf8mb4'done'))"],
    ['flag = TRUE', '(`flag` = true)'],
    ['a and b', '(`a` and `b`)'],
    ["CAST(a AS CHAR) <> 'x'", "(cast(`a` as char charset utf8mb4) <> _utf8mb4'x')"],
    ['price BETWEEN 0 AND 100', '(`price` between 0 and 100)'],
  ]

  it('equals what MariaDB prints for the same check', () => {
    for (const [model, catalog] of MARIADB) {
      expect(canonicalExpression(catalog), model).toBe(canonicalExpression(model))
    }
  })

  it('equals what MySQL 8 prints for the same check', () => {
    for (const [model, catalog] of MYSQL8) {
      expect(canonicalExpression(catalog), model).toBe(canonicalExpression(model))
    }
  })

  it('keeps different expressions apart', () => {
    const distinct = [
      'a > 0',
      'a >= 0',
      'a > 1',
      'b > 0',
      "a = 'x'",
      "a = 'X'",
      'a - (b - c)',
      'a - b - c',
      '(a or b) and c',
      'a or b and c',
      'a <=> b',
      'not (a <=> b)',
      'a is true',
      'a is not true',
    ]
    expect(new Set(distinct.map(canonicalExpression)).size).toBe(distinct.length)
  })

  it('prints a readable canonical form', () => {
    expect(canonicalExpression('price > 0 AND qty != 0')).toBe('`price` > 0 and `qty` <> 0')
    expect(canonicalExpression("NOT (status IN ('a')) OR flag")).toBe(
      "`status` <> 'a' or `flag` <> 0",
    )
    expect(canonicalExpression('a - (b - c)')).toBe('`a` - (`b` - `c`)')
  })

  it('falls back to a token-level form for what the parser does not cover', () => {
    const fallback = "extract(YEAR from d) > 2000 and j->>'$.a' = 'x'"
    expect(canonicalExpression(fallback)).toBe(
      canonicalExpression(`(EXTRACT(year FROM \`d\`) > 2000 AND \`j\` ->> '$.a' = _utf8mb4'x')`),
    )
    expect(canonicalExpression('a = (select 1)')).toBe(canonicalExpression('`a` = (SELECT 1)'))
    expect(canonicalExpression("'unterminated")).toBe("'unterminated")
  })
})

describe('canonical forms on arbitrary input', () => {
  const pieces = fc.constantFrom(
    'a',
    '`b`',
    "'x'",
    '"y"',
    '1',
    '-2.5',
    "X'41'",
    "b'1'",
    '(',
    ')',
    ',',
    'and',
    'or',
    'not',
    '!',
    '=',
    '<>',
    '!=',
    '<=>',
    'in',
    'is',
    'null',
    'true',
    'between',
    'like',
    'case',
    'when',
    'then',
    'else',
    'end',
    'f(',
    'cast(',
    'as',
    'char',
    '+',
    '-',
    '*',
    'interval',
    'day',
    '_utf8mb4',
  )
  const sqlish = fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join(' '))

  it('never throws, and is stable on its own output when parsed', () => {
    fc.assert(
      fc.property(fc.oneof(sqlish, fc.string()), (sql) => {
        const once = canonicalExpression(sql)
        expect(typeof once).toBe('string')
        canonicalDefault({ sql }, 'integer')
        canonicalDefault(sql, 'timestamp')
        if (canonicalTree(sql) !== undefined) expect(canonicalExpression(once)).toBe(once)
      }),
      { numRuns: 500 },
    )
  })
})

describe('tokenize', () => {
  it('reads introducers, literals and comments', () => {
    expect(tokenize("_utf8mb4'x' /* c */ -- end")).toEqual([{ kind: 'string', value: 'x' }])
    expect(tokenize("_binary X'4142'")).toEqual([{ kind: 'bytes', value: Buffer.from('AB') }])
    expect(tokenize('`a``b`.c')).toEqual([
      { kind: 'quoted', name: 'a`b' },
      { kind: 'op', text: '.' },
      { kind: 'word', text: 'c', lower: 'c' },
    ])
    expect(tokenize('1.5e3 <=> @@x')).toEqual([
      { kind: 'number', text: '1.5e3' },
      { kind: 'op', text: '<=>' },
      { kind: 'variable', text: '@@x' },
    ])
    expect(() => tokenize('a ? b')).toThrow(SyntaxError)
  })
})
