/** Every path of the SQLite table rebuild, on a real file: rows, child rows and dependents survive. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import type { MigrationError } from '../../../src/errors.js'
import type { Operation } from '../../../src/operations/types.js'
import {
  apply,
  columnsOf,
  foreignKeysOf,
  indexesOf,
  namesOf,
  openTestDatabase,
  rows,
  runSteps,
  sqlOf,
  type TestConnection,
} from './support.js'

let db: TestConnection
beforeEach(async () => {
  db = await openTestDatabase('rebuild')
  await db.connection.executeBatch([
    `CREATE TABLE parents (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      name TEXT NOT NULL, -- shown in lists
      code TEXT,
      score INTEGER DEFAULT 0
    )`,
    `CREATE TABLE children (
      id INTEGER PRIMARY KEY,
      parent_id INTEGER NOT NULL REFERENCES parents (id) ON DELETE CASCADE,
      label TEXT
    )`,
    `INSERT INTO parents (name, code, score) VALUES ('one', 'a', 1), ('two', 'b', 2), ('three', NULL, 3)`,
    `INSERT INTO children (parent_id, label) VALUES (1, 'x'), (1, 'y'), (2, 'z')`,
  ])
})
afterEach(() => db.close())

const failure = async (promise: Promise<unknown>): Promise<MigrationError> => {
  try {
    await promise
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

const parents = () => rows(db.connection, 'SELECT id, name, code, score FROM parents ORDER BY id')
const children = () => rows(db.connection, 'SELECT id, parent_id, label FROM children ORDER BY id')

async function expectUnchanged(run: Promise<unknown>, code: string): Promise<MigrationError> {
  const before = {
    sql: await sqlOf(db.connection, 'parents'),
    parents: await parents(),
    children: await children(),
  }
  const error = await failure(run)
  expect(error.code).toBe(code)
  expect(await sqlOf(db.connection, 'parents')).toBe(before.sql)
  expect(await parents()).toEqual(before.parents)
  expect(await children()).toEqual(before.children)
  expect(await namesOf(db.connection, 'table')).not.toContain('stratum_new_parents')
  return error
}

describe('alterColumn', () => {
  it('changes a type, keeping rows, child rows, comments and the cascade', async () => {
    const c = db.connection
    const rowsBefore = await parents()
    await apply(c, { kind: 'alterColumn', table: 'parents', column: 'score', type: 'bigint' })
    expect((await columnsOf(c, 'parents')).find((column) => column.name === 'score')?.type).toBe(
      'BIGINT',
    )
    expect(await parents()).toEqual(rowsBefore)
    expect(await children()).toHaveLength(3)
    expect(await sqlOf(c, 'parents')).toContain(
      'name TEXT NOT NULL,\n  -- shown in lists\n      code TEXT,',
    )
    expect(await foreignKeysOf(c, 'children')).toEqual([
      {
        table: 'parents',
        from: 'parent_id',
        to: 'id',
        on_update: 'NO ACTION',
        on_delete: 'CASCADE',
      },
    ])
    await c.query('DELETE FROM parents WHERE id = 1')
    expect(await children()).toEqual([{ id: 3, parent_id: 2, label: 'z' }])
  })

  it('converts values with a `using` expression', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'alterColumn',
      table: 'parents',
      column: 'score',
      type: 'text',
      using: "'#' || score",
    })
    expect((await parents()).map((row) => row.score)).toEqual(['#1', '#2', '#3'])
  })

  it('sets NOT NULL, refusing while NULLs remain and changing nothing', async () => {
    const c = db.connection
    const operation: Operation = {
      kind: 'alterColumn',
      table: 'parents',
      column: 'code',
      nullable: false,
    }
    const error = await failure(apply(c, operation))
    expect(error.code).toBe('CONSTRAINT_VIOLATION')
    expect(error.message).toMatch(/NOT NULL constraint failed: parents.code/)
    expect((await columnsOf(c, 'parents')).find((column) => column.name === 'code')?.notnull).toBe(
      0,
    )
    await c.query("UPDATE parents SET code = 'c' WHERE code IS NULL")
    await apply(c, operation)
    expect((await columnsOf(c, 'parents')).find((column) => column.name === 'code')?.notnull).toBe(
      1,
    )
    await apply(c, { kind: 'alterColumn', table: 'parents', column: 'code', nullable: true })
    expect((await columnsOf(c, 'parents')).find((column) => column.name === 'code')?.notnull).toBe(
      0,
    )
  })

  it('sets and drops defaults', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'alterColumn',
      table: 'parents',
      column: 'code',
      default: { sql: "upper('zz')" },
    })
    expect(
      (await columnsOf(c, 'parents')).find((column) => column.name === 'code')?.dflt_value,
    ).toBe("upper('zz')")
    await c.query("INSERT INTO parents (name) VALUES ('four')")
    expect(await rows(c, "SELECT code FROM parents WHERE name = 'four'")).toEqual([{ code: 'ZZ' }])
    await apply(c, { kind: 'alterColumn', table: 'parents', column: 'score', default: null })
    expect(
      (await columnsOf(c, 'parents')).find((column) => column.name === 'score')?.dflt_value,
    ).toBe(null)
  })

  it('renames and changes a column in one operation', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'alterColumn',
      table: 'parents',
      column: 'code',
      newName: 'tag',
      type: 'varchar(5)',
    })
    const column = (await columnsOf(c, 'parents')).find((entry) => entry.name === 'tag')
    expect(column?.type).toBe('VARCHAR(5)')
    expect((await rows(c, 'SELECT tag FROM parents ORDER BY id')).map((row) => row.tag)).toEqual([
      'a',
      'b',
      null,
    ])
  })

  it('keeps the AUTOINCREMENT counter, so deleted ids are not reused', async () => {
    const c = db.connection
    await c.query('DELETE FROM parents WHERE id = 3')
    await apply(c, { kind: 'alterColumn', table: 'parents', column: 'name', type: 'varchar(100)' })
    await c.query("INSERT INTO parents (name) VALUES ('new')")
    expect(await rows(c, "SELECT id FROM parents WHERE name = 'new'")).toEqual([{ id: 4 }])
  })

  it('keeps rowids of tables without an INTEGER PRIMARY KEY', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE notes (body TEXT)',
      "INSERT INTO notes (rowid, body) VALUES (10, 'ten'), (20, 'twenty')",
    ])
    await apply(c, { kind: 'alterColumn', table: 'notes', column: 'body', nullable: false })
    expect(await rows(c, 'SELECT rowid AS r, body FROM notes ORDER BY rowid')).toEqual([
      { r: 10, body: 'ten' },
      { r: 20, body: 'twenty' },
    ])
  })

  it('rebuilds WITHOUT ROWID tables and tables with generated columns', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT, twice TEXT AS (v || v) STORED, len INT GENERATED ALWAYS AS (length(v))) WITHOUT ROWID',
      "INSERT INTO kv (k, v) VALUES ('a', 'x')",
    ])
    await apply(c, { kind: 'alterColumn', table: 'kv', column: 'v', nullable: false })
    expect(await sqlOf(c, 'kv')).toMatch(/\) WITHOUT ROWID$/)
    expect(await rows(c, 'SELECT k, v, twice, len FROM kv')).toEqual([
      { k: 'a', v: 'x', twice: 'xx', len: 1 },
    ])
  })

  it('rebuilds a self-referencing table, keeping its links', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE nodes (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES nodes (id) ON DELETE CASCADE, name TEXT)',
      "INSERT INTO nodes VALUES (1, NULL, 'root'), (2, 1, 'leaf'), (3, 2, 'leaf2')",
    ])
    await apply(c, { kind: 'alterColumn', table: 'nodes', column: 'name', nullable: false })
    expect((await foreignKeysOf(c, 'nodes'))[0]?.table).toBe('nodes')
    await c.query('DELETE FROM nodes WHERE id = 1')
    expect(await rows(c, 'SELECT count(*) AS n FROM nodes')).toEqual([{ n: 0 }])
  })
})

describe('addColumn by rebuild', () => {
  it('adds a NOT NULL column with an expression default to a table with rows', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'addColumn',
      table: 'parents',
      column: {
        name: 'created',
        type: 'timestamp',
        nullable: false,
        default: { sql: 'CURRENT_TIMESTAMP' },
      },
    })
    expect(await rows(c, 'SELECT count(*) AS n FROM parents WHERE created IS NOT NULL')).toEqual([
      { n: 3 },
    ])
    expect(await children()).toHaveLength(3)
  })

  it('adds a UNIQUE column', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'addColumn',
      table: 'parents',
      column: { name: 'slug', type: 'text', unique: true },
    })
    expect((await indexesOf(c, 'parents')).map((index) => index.origin)).toContain('u')
  })

  it('refuses a NOT NULL column without a default when rows exist', async () => {
    const error = await expectUnchanged(
      apply(db.connection, {
        kind: 'addColumn',
        table: 'parents',
        column: { name: 'must', type: 'text', nullable: false },
      }),
      'CONSTRAINT_VIOLATION',
    )
    expect(error.message).toBe(
      "Cannot rebuild table 'parents': its rows do not fit the new definition: NOT NULL constraint failed: parents.must",
    )
  })

  it('adds a primary key column to a table without one', async () => {
    const c = db.connection
    await c.executeBatch(['CREATE TABLE plain (v TEXT)', "INSERT INTO plain VALUES ('a'), ('b')"])
    await apply(c, {
      kind: 'addColumn',
      table: 'plain',
      column: { name: 'id', type: 'integer', primaryKey: true },
    })
    expect((await columnsOf(c, 'plain')).find((column) => column.name === 'id')?.pk).toBe(1)
    // A new INTEGER PRIMARY KEY is the rowid: existing rows get their rowids.
    expect(await rows(c, 'SELECT id, v FROM plain ORDER BY id')).toEqual([
      { id: 1, v: 'a' },
      { id: 2, v: 'b' },
    ])
  })
})

describe('constraints', () => {
  it('adds and drops a named primary key; refuses a second one', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE pairs (a INT, b TEXT)',
      "INSERT INTO pairs VALUES (1, 'x'), (1, 'y')",
    ])
    await apply(c, {
      kind: 'createPrimaryKey',
      table: 'pairs',
      columns: ['a', 'b'],
      name: 'pk_pairs',
    })
    expect(
      (await columnsOf(c, 'pairs')).map((column) => [column.name, column.pk, column.notnull]),
    ).toEqual([
      ['a', 1, 1],
      ['b', 2, 1],
    ])
    const second = await failure(
      apply(c, { kind: 'createPrimaryKey', table: 'pairs', columns: ['a'] }),
    )
    expect(second.code).toBe('PRIMARY_KEY_EXISTS')
    await apply(c, { kind: 'dropConstraint', table: 'pairs', name: 'pk_pairs', type: 'primaryKey' })
    expect((await columnsOf(c, 'pairs')).map((column) => [column.pk, column.notnull])).toEqual([
      [0, 1],
      [0, 1],
    ])
    expect(await rows(c, 'SELECT count(*) AS n FROM pairs')).toEqual([{ n: 2 }])
  })

  it('drops an unnamed primary key by type', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE keyed (code TEXT PRIMARY KEY, v INT)',
      "INSERT INTO keyed VALUES ('a', 1)",
    ])
    await apply(c, {
      kind: 'dropConstraint',
      table: 'keyed',
      name: 'keyed_pkey',
      type: 'primaryKey',
    })
    expect((await columnsOf(c, 'keyed')).map((column) => column.pk)).toEqual([0, 0])
  })

  it('adds a unique constraint that introspection sees as a constraint; refuses duplicates', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'createUniqueConstraint',
      table: 'parents',
      name: 'uq_name',
      columns: ['name'],
    })
    const unique = (await indexesOf(c, 'parents')).filter((index) => index.origin === 'u')
    expect(unique).toHaveLength(1)
    expect(await children()).toHaveLength(3)
    expect(await sqlOf(c, 'parents')).toContain('CONSTRAINT "uq_name" UNIQUE ("name")')
    await expect(c.query("INSERT INTO parents (name) VALUES ('one')")).rejects.toThrow(
      /UNIQUE constraint failed/,
    )
    await c.query('UPDATE parents SET score = 1')
    const duplicate = await expectUnchanged(
      apply(c, {
        kind: 'createUniqueConstraint',
        table: 'parents',
        name: 'uq_score',
        columns: ['score'],
      }),
      'CONSTRAINT_VIOLATION',
    )
    expect(duplicate.message).toMatch(/UNIQUE constraint failed/)
    await apply(c, { kind: 'dropConstraint', table: 'parents', name: 'uq_name', type: 'unique' })
    expect((await indexesOf(c, 'parents')).filter((index) => index.origin === 'u')).toEqual([])
  })

  it('adds a check constraint; refuses it while rows violate it', async () => {
    const c = db.connection
    await expectUnchanged(
      apply(c, {
        kind: 'createCheckConstraint',
        table: 'parents',
        name: 'ck_score',
        expression: 'score > 1',
      }),
      'CONSTRAINT_VIOLATION',
    )
    await apply(c, {
      kind: 'createCheckConstraint',
      table: 'parents',
      name: 'ck_score',
      expression: 'score > 0',
    })
    expect(await children()).toHaveLength(3)
    await expect(c.query("INSERT INTO parents (name, score) VALUES ('bad', -1)")).rejects.toThrow(
      /ck_score/,
    )
    await apply(c, { kind: 'dropConstraint', table: 'parents', name: 'ck_score', type: 'check' })
    await c.query("INSERT INTO parents (name, score) VALUES ('fine now', -1)")
  })

  it('adds a foreign key; refuses it with FOREIGN_KEY_VIOLATION naming the table and rows', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE TABLE tags (id INTEGER PRIMARY KEY, parent_id INTEGER)',
      'INSERT INTO tags VALUES (1, 1), (2, 42), (3, 43)',
    ])
    const operation: Operation = {
      kind: 'createForeignKey',
      table: 'tags',
      name: 'fk_tags_parent',
      columns: ['parent_id'],
      referencedTable: 'parents',
      referencedColumns: ['id'],
      onDelete: 'set null',
    }
    const error = await failure(apply(c, operation))
    expect(error.code).toBe('FOREIGN_KEY_VIOLATION')
    expect(error.message).toContain("'tags'")
    expect(error.message).toContain('2 rows')
    expect(await foreignKeysOf(c, 'tags')).toEqual([])
    expect(await rows(c, 'SELECT count(*) AS n FROM tags')).toEqual([{ n: 3 }])
    await c.query('DELETE FROM tags WHERE id > 1')
    await apply(c, operation)
    expect(await foreignKeysOf(c, 'tags')).toEqual([
      {
        table: 'parents',
        from: 'parent_id',
        to: 'id',
        on_update: 'NO ACTION',
        on_delete: 'SET NULL',
      },
    ])
    await c.query('DELETE FROM parents WHERE id = 1')
    expect(await rows(c, 'SELECT parent_id FROM tags')).toEqual([{ parent_id: null }])
    await apply(c, {
      kind: 'dropConstraint',
      table: 'tags',
      name: 'fk_tags_parent',
      type: 'foreignKey',
    })
    expect(await foreignKeysOf(c, 'tags')).toEqual([])
  })

  it('detects child rows left without a parent by a rebuild of the parent', async () => {
    const c = db.connection
    // Children pointing at a UNIQUE column; dropping the constraint breaks the key itself.
    await c.executeBatch([
      'CREATE TABLE codes (code TEXT CONSTRAINT uq_code UNIQUE)',
      "INSERT INTO codes VALUES ('a')",
      'CREATE TABLE uses (code TEXT REFERENCES codes (code))',
      "INSERT INTO uses VALUES ('a')",
    ])
    const error = await failure(
      apply(c, { kind: 'dropConstraint', table: 'codes', name: 'uq_code' }),
    )
    expect(error.code).toBe('FOREIGN_KEY_MISMATCH')
    expect(await sqlOf(c, 'codes')).toContain('uq_code')
  })

  it('refuses to drop the primary key that child rows reference', async () => {
    const error = await expectUnchanged(
      apply(db.connection, {
        kind: 'dropConstraint',
        table: 'parents',
        name: 'parents_pkey',
        type: 'primaryKey',
      }),
      'FOREIGN_KEY_MISMATCH',
    )
    expect(error.message).toContain('children')
  })

  it('names the constraints that exist when the one to drop does not', async () => {
    const error = await failure(
      apply(db.connection, { kind: 'dropConstraint', table: 'parents', name: 'nope' }),
    )
    expect(error.code).toBe('CONSTRAINT_NOT_FOUND')
    expect(error.hint).toContain('dropIndex')
  })
})

describe('dropColumn', () => {
  it('rebuilds to drop an indexed column, dropping its index and keeping the others', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE INDEX ix_code ON parents (code)',
      'CREATE INDEX ix_name_score ON parents (name, score) WHERE score > 0',
      'CREATE INDEX ix_expr ON parents (lower(name))',
    ])
    await apply(c, { kind: 'dropColumn', table: 'parents', column: 'code' })
    expect((await columnsOf(c, 'parents')).map((column) => column.name)).toEqual([
      'id',
      'name',
      'score',
    ])
    expect((await indexesOf(c, 'parents')).map((index) => index.name)).toEqual([
      'ix_expr',
      'ix_name_score',
    ])
    expect(await sqlOf(c, 'ix_name_score')).toBe(
      'CREATE INDEX ix_name_score ON parents (name, score) WHERE score > 0',
    )
    expect(await children()).toHaveLength(3)
  })

  it('rebuilds to drop a column in a unique constraint, a check or a foreign key', async () => {
    const c = db.connection
    await c.executeBatch([
      `CREATE TABLE wide (
        id INTEGER PRIMARY KEY,
        a TEXT,
        b INT CHECK (b > 0),
        c INT CHECK (c > b),
        p INT REFERENCES parents (id),
        CONSTRAINT uq_ab UNIQUE (a, b)
      )`,
      "INSERT INTO wide VALUES (1, 'x', 1, 2, 1)",
    ])
    await apply(c, { kind: 'dropColumn', table: 'wide', column: 'b' })
    expect(await sqlOf(c, 'wide')).not.toMatch(/\bb\b/)
    await apply(c, { kind: 'dropColumn', table: 'wide', column: 'p' })
    expect(await foreignKeysOf(c, 'wide')).toEqual([])
    expect(await rows(c, 'SELECT * FROM wide')).toEqual([{ id: 1, a: 'x', c: 2 }])
  })

  it('refuses to drop a column that another table references', async () => {
    const error = await expectUnchanged(
      apply(db.connection, { kind: 'dropColumn', table: 'parents', column: 'id' }),
      'COLUMN_REFERENCED',
    )
    expect(error.message).toContain('children')
  })
})

describe('dependents', () => {
  it('recreates indexes and triggers, and keeps views working', async () => {
    const c = db.connection
    await c.executeBatch([
      'CREATE UNIQUE INDEX ux_name ON parents (name)',
      'CREATE TABLE audit (what TEXT)',
      "CREATE TRIGGER parents_insert AFTER INSERT ON parents BEGIN INSERT INTO audit VALUES ('insert ' || new.name); END",
      "CREATE TRIGGER audit_to_parents AFTER INSERT ON audit WHEN new.what = 'make' BEGIN INSERT INTO parents (name) VALUES ('made'); END",
      'CREATE VIEW parent_names AS SELECT name FROM parents',
      'CREATE VIEW parent_names_upper AS SELECT upper(name) AS n FROM parent_names',
    ])
    const before = {
      index: await sqlOf(c, 'ux_name'),
      trigger: await sqlOf(c, 'parents_insert'),
      view: await sqlOf(c, 'parent_names_upper'),
    }
    await apply(c, { kind: 'alterColumn', table: 'parents', column: 'score', type: 'real' })
    expect(await sqlOf(c, 'ux_name')).toBe(before.index)
    expect(await sqlOf(c, 'parents_insert')).toBe(before.trigger)
    expect(await sqlOf(c, 'parent_names_upper')).toBe(before.view)
    await c.query("INSERT INTO parents (name) VALUES ('four')")
    await c.query("INSERT INTO audit VALUES ('make')")
    expect(await rows(c, 'SELECT what FROM audit ORDER BY rowid')).toEqual([
      { what: 'insert four' },
      { what: 'make' },
      { what: 'insert made' },
    ])
    expect((await rows(c, 'SELECT n FROM parent_names_upper')).map((row) => row.n)).toContain(
      'FOUR',
    )
  })

  it('refuses a rebuild that would break a view, changing nothing', async () => {
    await db.connection.executeBatch([
      'CREATE VIEW codes_view AS SELECT code FROM parents',
      'CREATE INDEX ix_code ON parents (code)',
    ])
    const error = await expectUnchanged(
      apply(db.connection, { kind: 'dropColumn', table: 'parents', column: 'code' }),
      'VIEW_BROKEN',
    )
    expect(error.message).toContain('codes_view')
  })

  it('refuses to drop a column a trigger uses', async () => {
    await db.connection.executeBatch([
      'CREATE INDEX ix_code ON parents (code)',
      'CREATE TRIGGER t_code AFTER UPDATE ON parents BEGIN SELECT new.code; END',
    ])
    const error = await expectUnchanged(
      apply(db.connection, { kind: 'dropColumn', table: 'parents', column: 'code' }),
      'COLUMN_REFERENCED',
    )
    expect(error.message).toContain('t_code')
  })
})

describe('triggers elsewhere', () => {
  it('refuses to drop a column that a trigger on another table writes', async () => {
    await db.connection.executeBatch([
      'CREATE INDEX ix_code ON parents (code)',
      'CREATE TABLE inbox (v TEXT)',
      'CREATE TRIGGER inbox_copy AFTER INSERT ON inbox BEGIN INSERT INTO parents (name, code) VALUES (new.v, new.v); END',
    ])
    const error = await expectUnchanged(
      apply(db.connection, { kind: 'dropColumn', table: 'parents', column: 'code' }),
      'COLUMN_REFERENCED',
    )
    expect(error.message).toContain('inbox_copy')
  })
})

describe('foreign key enforcement', () => {
  const step = () =>
    sqliteDialect.compile({
      kind: 'alterColumn',
      table: 'parents',
      column: 'score',
      type: 'bigint',
    })[0] as {
      run: (connection: typeof db.connection) => Promise<void>
    }

  it('refuses to rebuild inside a transaction with foreign keys enforced (children would be deleted)', async () => {
    const c = db.connection
    await c.begin()
    const error = await failure(step().run(c))
    await c.rollback()
    expect(error.code).toBe('FOREIGN_KEYS_ENABLED')
    expect(await children()).toHaveLength(3)
  })

  it('switches foreign keys off itself outside a transaction, and back on', async () => {
    const c = db.connection
    await step().run(c)
    expect(await children()).toHaveLength(3)
    expect(await rows(c, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }])
  })

  it('rolls back only its own savepoint, leaving the revision transaction usable', async () => {
    const c = db.connection
    await c.query('PRAGMA foreign_keys = OFF')
    await c.begin()
    await c.query("INSERT INTO parents (name) VALUES ('kept')")
    const bad = sqliteDialect.compile({
      kind: 'alterColumn',
      table: 'parents',
      column: 'code',
      nullable: false,
    })[0] as {
      run: (connection: typeof db.connection) => Promise<void>
    }
    await expect(bad.run(c)).rejects.toThrow(/NOT NULL/)
    await c.commit()
    await c.query('PRAGMA foreign_keys = ON')
    expect((await parents()).map((row) => row.name)).toContain('kept')
  })

  it('runs through runSteps like the runtime', async () => {
    await runSteps(
      db.connection,
      sqliteDialect.compile({
        kind: 'alterColumn',
        table: 'children',
        column: 'label',
        nullable: false,
      }),
    )
    expect(await children()).toHaveLength(3)
  })
})

describe('errors', () => {
  it('reports a definition SQLite refuses under the real table name', async () => {
    const error = await expectUnchanged(
      apply(db.connection, {
        kind: 'createCheckConstraint',
        table: 'parents',
        name: 'ck',
        expression: 'nope(',
      }),
      'REBUILD_FAILED',
    )
    expect(error.message).not.toContain('stratum_new_')
  })

  it('reports a missing table', async () => {
    const error = await failure(
      apply(db.connection, { kind: 'alterColumn', table: 'ghost', column: 'a', nullable: true }),
    )
    expect(error.code).toBe('TABLE_NOT_FOUND')
  })

  it('refuses virtual tables', async () => {
    await db.connection.query('CREATE VIRTUAL TABLE docs USING fts5(body)')
    const error = await failure(
      apply(db.connection, { kind: 'alterColumn', table: 'docs', column: 'body', nullable: false }),
    )
    expect(error.code).toBe('UNSUPPORTED_OPERATION')
  })
})
