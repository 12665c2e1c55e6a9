import { describe, expect, it } from 'vitest'
import { isEnumCheck } from '../../../src/dialects/sqlite/definition-lookup.js'
import { parseCreateTable } from '../../../src/dialects/sqlite/parse-create-table.js'
import { tokenize } from '../../../src/dialects/sqlite/sql-tokenizer.js'
import { applyChange } from '../../../src/dialects/sqlite/table-changes.js'
import { renderCreateTable } from '../../../src/dialects/sqlite/table-definition.js'
import type { MigrationError } from '../../../src/errors.js'

const failure = (run: () => unknown): MigrationError => {
  try {
    run()
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

describe('tokenize', () => {
  it('reads quoted names, strings, blobs, numbers and skips comments', () => {
    const tokens = tokenize(`CREATE "a""b" [c d] \`e\` 'it''s' x'0A' 1.5e3 -- note
      /* block */ ?1 :name <= ||`)
    expect(tokens.map((token) => [token.type, token.value])).toEqual([
      ['word', 'CREATE'],
      ['identifier', 'a"b'],
      ['identifier', 'c d'],
      ['identifier', 'e'],
      ['string', "'it''s'"],
      ['blob', "x'0A'"],
      ['number', '1.5e3'],
      ['variable', '?1'],
      ['variable', ':name'],
      ['punct', '<='],
      ['punct', '||'],
    ])
  })

  it('reports unterminated quotes', () => {
    expect(failure(() => tokenize("SELECT 'abc")).code).toBe('SQL_PARSE_ERROR')
  })
})

describe('parseCreateTable', () => {
  const sql = `CREATE TABLE IF NOT EXISTS main."order items" /* the items */ (
    -- the key
    id INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT ROLLBACK AUTOINCREMENT,
    "name" VARCHAR(20) COLLATE NOCASE NOT NULL DEFAULT 'x,y' CHECK (length(name) > 0), -- trailing
    price NUMERIC(10, 2) DEFAULT -1.5 NULL,
    parent_id INT REFERENCES "order items" (id) ON DELETE SET NULL ON UPDATE NO ACTION NOT DEFERRABLE NOT NULL,
    at DATETIME DEFAULT CURRENT_TIMESTAMP,
    total AS (price * 2) STORED,
    doubled GENERATED ALWAYS AS (price * 2) VIRTUAL,
    untyped,
    CONSTRAINT uq UNIQUE (name COLLATE NOCASE DESC, price) ON CONFLICT IGNORE,
    FOREIGN KEY (parent_id, at) REFERENCES other (a, b) MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED,
    CHECK (price >= 0) CONSTRAINT second CHECK (price < 1000)
  ) WITHOUT ROWID, STRICT;`
  const definition = parseCreateTable(sql)

  it('reads the table name, options and comment', () => {
    expect(definition.name).toBe('order items')
    expect(definition.options).toBe(' WITHOUT ROWID, STRICT')
    expect(definition.comment).toBe('/* the items */')
  })

  it('splits columns into type and constraints', () => {
    expect(definition.columns.map((column) => [column.name, column.type])).toEqual([
      ['id', 'INTEGER'],
      ['name', 'VARCHAR(20)'],
      ['price', 'NUMERIC(10, 2)'],
      ['parent_id', 'INT'],
      ['at', 'DATETIME'],
      ['total', ''],
      ['doubled', ''],
      ['untyped', ''],
    ])
    const [id, name, price, parent, at, total, doubled] = definition.columns
    expect(id?.constraints).toEqual([
      {
        kind: 'primaryKey',
        name: 'pk',
        body: 'PRIMARY KEY DESC ON CONFLICT ROLLBACK AUTOINCREMENT',
        autoIncrement: true,
      },
    ])
    expect(name?.constraints.map((c) => [c.kind, c.body])).toEqual([
      ['collate', 'COLLATE NOCASE'],
      ['notNull', 'NOT NULL'],
      ['default', "DEFAULT 'x,y'"],
      ['check', 'CHECK (length(name) > 0)'],
    ])
    // A comment belongs to the item it is next to: after a comma, to the next one.
    expect(price?.leadingComment).toBe('-- trailing')
    expect(id?.leadingComment).toBe('-- the key')
    expect(price?.constraints.map((c) => c.body)).toEqual(['DEFAULT -1.5', 'NULL'])
    expect(parent?.constraints.map((c) => [c.kind, c.body])).toEqual([
      [
        'references',
        'REFERENCES "order items" (id) ON DELETE SET NULL ON UPDATE NO ACTION NOT DEFERRABLE',
      ],
      ['notNull', 'NOT NULL'],
    ])
    expect(parent?.constraints[0]?.referencedTable).toBe('order items')
    expect(at?.constraints.map((c) => c.body)).toEqual(['DEFAULT CURRENT_TIMESTAMP'])
    expect(total?.constraints.map((c) => [c.kind, c.body])).toEqual([
      ['generated', 'AS (price * 2) STORED'],
    ])
    expect(doubled?.constraints.map((c) => c.body)).toEqual([
      'GENERATED ALWAYS AS (price * 2) VIRTUAL',
    ])
  })

  it('reads table constraints with their columns, several in one item too', () => {
    expect(
      definition.constraints.map((c) => ({
        kind: c.kind,
        name: c.name,
        columns: c.columns,
        body: c.body,
      })),
    ).toEqual([
      {
        kind: 'unique',
        name: 'uq',
        columns: ['name', 'price'],
        body: 'UNIQUE (name COLLATE NOCASE DESC, price) ON CONFLICT IGNORE',
      },
      {
        kind: 'foreignKey',
        name: undefined,
        columns: ['parent_id', 'at'],
        body: 'FOREIGN KEY (parent_id, at) REFERENCES other (a, b) MATCH SIMPLE DEFERRABLE INITIALLY DEFERRED',
      },
      { kind: 'check', name: undefined, columns: [], body: 'CHECK (price >= 0)' },
      { kind: 'check', name: 'second', columns: [], body: 'CHECK (price < 1000)' },
    ])
  })

  it('writes unchanged parts back verbatim', () => {
    const written = renderCreateTable(definition, 'copy')
    expect(written).toContain(
      '-- the key\n    id INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT ROLLBACK AUTOINCREMENT,',
    )
    expect(written).toContain('-- trailing\n    price NUMERIC(10, 2)')
    expect(written.startsWith('CREATE TABLE "copy" /* the items */ (')).toBe(true)
    expect(written.endsWith(') WITHOUT ROWID, STRICT')).toBe(true)
    // The written text parses back to the same model.
    const again = parseCreateTable(written)
    expect(again.columns.map((c) => c.name)).toEqual(definition.columns.map((c) => c.name))
    expect(again.columns.map((c) => c.constraints.map((k) => k.body))).toEqual(
      definition.columns.map((c) => c.constraints.map((k) => k.body)),
    )
    expect(again.constraints.map((c) => c.body)).toEqual(definition.constraints.map((c) => c.body))
  })

  it('refuses what it cannot read', () => {
    expect(failure(() => parseCreateTable('CREATE VIRTUAL TABLE t USING fts5(a)')).code).toBe(
      'SQL_PARSE_ERROR',
    )
    expect(failure(() => parseCreateTable('CREATE TABLE t (a TEXT NOT WHATEVER)')).code).toBe(
      'SQL_PARSE_ERROR',
    )
    // Several words make one type name in SQLite.
    expect(parseCreateTable('CREATE TABLE t (a UNSIGNED BIG INT)').columns[0]?.type).toBe(
      'UNSIGNED BIG INT',
    )
  })
})

describe('applyChange', () => {
  const base = parseCreateTable(
    `CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x' /* keep me */, b INT CHECK (b > a), c TEXT CHECK ("c" IN ('p', 'q')), CONSTRAINT uq UNIQUE (a, b), CONSTRAINT ck CHECK (b > 0))`,
  )

  it('alters type, nullability and default, keeping comments', () => {
    const changed = applyChange(base, {
      kind: 'alterColumn',
      column: 'A',
      type: 'varchar(9)',
      nullable: true,
      default: null,
    })
    const column = changed.columns[1]
    expect(column?.type).toBe('VARCHAR(9)')
    expect(column?.constraints).toEqual([])
    expect(renderCreateTable(changed, 't')).toContain('"a" VARCHAR(9) /* keep me */,')
    const defaulted = applyChange(base, {
      kind: 'alterColumn',
      column: 'b',
      nullable: false,
      default: { sql: "datetime('now')" },
    })
    expect(defaulted.columns[2]?.constraints.map((c) => c.body)).toEqual([
      'NOT NULL',
      "DEFAULT (datetime('now'))",
      'CHECK (b > a)',
    ])
  })

  it('swaps the enum CHECK when the type changes', () => {
    expect(isEnumCheck(`CHECK ("c" IN ('p', 'q'))`, 'c')).toBe(true)
    expect(isEnumCheck(`CHECK ("c" IN ('p', 'q') OR 1)`, 'c')).toBe(false)
    const changed = applyChange(base, {
      kind: 'alterColumn',
      column: 'c',
      type: { enum: ['p', 'q', 'r'] },
    })
    expect(changed.columns[3]?.constraints.map((c) => c.body)).toEqual([
      `CHECK ("c" IN ('p', 'q', 'r'))`,
    ])
    const plain = applyChange(base, { kind: 'alterColumn', column: 'c', type: 'text' })
    expect(plain.columns[3]?.constraints).toEqual([])
  })

  it('drops a column with the constraints that involve it', () => {
    const changed = applyChange(base, { kind: 'dropColumn', column: 'a' })
    expect(changed.columns.map((c) => c.name)).toEqual(['id', 'b', 'c'])
    expect(changed.columns[1]?.constraints).toEqual([])
    expect(changed.constraints.map((c) => c.name)).toEqual(['ck'])
  })

  it('adds and drops constraints by name', () => {
    const added = applyChange(base, { kind: 'addCheck', name: 'ck2', expression: 'a <> b' })
    expect(added.constraints.at(-1)?.body).toBe('CHECK (a <> b)')
    expect(applyChange(added, { kind: 'dropConstraint', name: 'CK2' }).constraints).toHaveLength(2)
    expect(
      failure(() => applyChange(base, { kind: 'addUnique', name: 'uq', columns: ['c'] })).code,
    ).toBe('CONSTRAINT_EXISTS')
    expect(
      failure(() => applyChange(base, { kind: 'dropConstraint', name: 'uq', type: 'check' })).code,
    ).toBe('CONSTRAINT_NOT_FOUND')
    const missing = failure(() => applyChange(base, { kind: 'dropConstraint', name: 'nope' }))
    expect(missing.code).toBe('CONSTRAINT_NOT_FOUND')
    expect(missing.message).toContain('uq, ck')
  })

  it('drops an unnamed primary key by type, keeping its columns NOT NULL', () => {
    const changed = applyChange(base, {
      kind: 'dropConstraint',
      name: 't_pkey',
      type: 'primaryKey',
    })
    expect(changed.columns[0]?.constraints.map((c) => c.body)).toEqual(['NOT NULL'])
    expect(
      failure(() =>
        applyChange(changed, { kind: 'dropConstraint', name: 't_pkey', type: 'primaryKey' }),
      ).code,
    ).toBe('CONSTRAINT_NOT_FOUND')
  })

  it('refuses a second primary key, missing columns and dropping the last column', () => {
    expect(failure(() => applyChange(base, { kind: 'addPrimaryKey', columns: ['a'] })).code).toBe(
      'PRIMARY_KEY_EXISTS',
    )
    expect(
      failure(() => applyChange(base, { kind: 'alterColumn', column: 'zz', nullable: true })).code,
    ).toBe('COLUMN_NOT_FOUND')
    expect(
      failure(() => applyChange(base, { kind: 'addColumn', column: { name: 'A', type: 'text' } }))
        .code,
    ).toBe('COLUMN_EXISTS')
    const single = parseCreateTable('CREATE TABLE s (only TEXT)')
    expect(failure(() => applyChange(single, { kind: 'dropColumn', column: 'only' })).code).toBe(
      'INVALID_OPERATION',
    )
  })

  it('refuses to drop a column a generated column is computed from', () => {
    const generated = parseCreateTable('CREATE TABLE g (a INT, b INT AS (a * 2))')
    const error = failure(() => applyChange(generated, { kind: 'dropColumn', column: 'a' }))
    expect(error.code).toBe('INVALID_OPERATION')
    expect(error.message).toContain("generated column 'b'")
  })
})

describe('trailing line comments', () => {
  it('keep the comma out of the comment when a column is rewritten', () => {
    const definition = parseCreateTable('CREATE TABLE t (a TEXT -- note\n, b TEXT)')
    expect(definition.columns[0]?.trailingComment).toBe('-- note\n')
    const changed = applyChange(definition, { kind: 'alterColumn', column: 'a', nullable: false })
    const written = renderCreateTable(changed, 't')
    expect(parseCreateTable(written).columns.map((c) => c.name)).toEqual(['a', 'b'])
    expect(written).toContain('"a" TEXT NOT NULL -- note\n,')
  })
})
