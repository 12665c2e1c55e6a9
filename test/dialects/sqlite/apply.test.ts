/** Every SQLite operation that needs no rebuild, applied to a file and read back from the catalog. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import {
  apply,
  columnsOf,
  foreignKeysOf,
  indexesOf,
  namesOf,
  openTestDatabase,
  rows,
  sqlOf,
  type TestConnection,
} from './support.js'

let db: TestConnection
beforeAll(async () => {
  db = await openTestDatabase('apply')
})
afterAll(() => db.close())

describe('tables', () => {
  it('creates a table with every kind of constraint', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'createTable',
      table: 'teams',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
        { name: 'name', type: 'varchar(50)', nullable: false, unique: true },
      ],
    })
    await apply(c, {
      kind: 'createTable',
      table: 'members',
      columns: [
        {
          name: 'team_id',
          type: 'integer',
          references: { table: 'teams', column: 'id', onDelete: 'cascade', onUpdate: 'restrict' },
        },
        { name: 'email', type: 'text' },
        { name: 'role', type: { enum: ['admin', 'user'] }, default: 'user', nullable: false },
        { name: 'score', type: 'real', default: 0 },
        { name: 'joined', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
      ],
      primaryKey: { columns: ['team_id', 'email'], name: 'pk_members' },
      uniques: [{ columns: ['email', 'role'], name: 'uq_email_role' }],
      checks: [{ expression: 'score >= 0', name: 'ck_score' }],
      comment: 'people in teams',
    })
    expect(await columnsOf(c, 'members')).toEqual([
      { name: 'team_id', type: 'INTEGER', notnull: 1, dflt_value: null, pk: 1 },
      { name: 'email', type: 'TEXT', notnull: 1, dflt_value: null, pk: 2 },
      { name: 'role', type: 'TEXT', notnull: 1, dflt_value: "'user'", pk: 0 },
      { name: 'score', type: 'REAL', notnull: 0, dflt_value: '0', pk: 0 },
      { name: 'joined', type: 'DATETIME', notnull: 0, dflt_value: 'CURRENT_TIMESTAMP', pk: 0 },
    ])
    expect(await foreignKeysOf(c, 'members')).toEqual([
      { table: 'teams', from: 'team_id', to: 'id', on_update: 'RESTRICT', on_delete: 'CASCADE' },
    ])
    expect((await indexesOf(c, 'members')).map((index) => index.origin).sort()).toEqual(['pk', 'u'])
    expect(await sqlOf(c, 'members')).toContain('/* people in teams */')
    expect(await sqlOf(c, 'members')).toContain('CONSTRAINT "ck_score" CHECK (score >= 0)')
    // AUTOINCREMENT registers the table in sqlite_sequence once a row exists.
    await c.query("INSERT INTO teams (name) VALUES ('a')")
    expect(await rows(c, "SELECT seq FROM sqlite_sequence WHERE name = 'teams'")).toEqual([
      { seq: 1 },
    ])
    await expect(
      c.query("INSERT INTO members (team_id, email, score) VALUES (1, 'x', -1)"),
    ).rejects.toThrow(/CHECK constraint failed: ck_score/)
  })

  it('creates a table with a deferred foreign key that SQLite checks at commit', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'createTable',
      table: 'deferred_child',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true },
        {
          name: 'team_id',
          type: 'integer',
          references: { table: 'teams', column: 'id', deferrable: true, initiallyDeferred: true },
        },
      ],
    })
    await c.begin()
    await c.query('INSERT INTO deferred_child (id, team_id) VALUES (1, 99)')
    await c.query('INSERT INTO teams (id, name) VALUES (99, ?)', ['late'])
    await c.commit()
    await c.begin()
    await c.query('INSERT INTO deferred_child (id, team_id) VALUES (2, 98)')
    await expect(c.commit()).rejects.toThrow(/FOREIGN KEY constraint failed/)
    await c.rollback()
    expect(await rows(c, 'SELECT id FROM deferred_child')).toEqual([{ id: 1 }])
  })

  it('renames a table and SQLite rewrites the foreign keys that point at it', async () => {
    const c = db.connection
    await apply(c, { kind: 'renameTable', table: 'teams', newName: 'squads' })
    expect(await namesOf(c, 'table')).toContain('squads')
    expect((await foreignKeysOf(c, 'members'))[0]?.table).toBe('squads')
    await apply(c, { kind: 'renameTable', table: 'squads', newName: 'teams' })
  })

  it('drops tables, with IF EXISTS', async () => {
    const c = db.connection
    await apply(c, { kind: 'createTable', table: 'doomed', columns: [{ name: 'a', type: 'text' }] })
    await apply(c, { kind: 'dropTable', table: 'doomed' })
    await apply(c, { kind: 'dropTable', table: 'doomed', ifExists: true })
    expect(await c.tableExists({ table: 'doomed' })).toBe(false)
    await expect(apply(c, { kind: 'dropTable', table: 'doomed' })).rejects.toThrow(/no such table/)
  })
})

describe('columns', () => {
  it('adds columns with ADD COLUMN', async () => {
    const c = db.connection
    await apply(
      c,
      { kind: 'addColumn', table: 'members', column: { name: 'nickname', type: 'varchar(20)' } },
      {
        kind: 'addColumn',
        table: 'members',
        column: { name: 'level', type: 'smallint', nullable: false, default: 1 },
      },
      {
        kind: 'addColumn',
        table: 'members',
        column: {
          name: 'mentor_team',
          type: 'integer',
          references: { table: 'teams', column: 'id' },
        },
      },
      {
        kind: 'addColumn',
        table: 'members',
        column: { name: 'bio', type: 'text', comment: 'about me' },
      },
    )
    const columns = await columnsOf(c, 'members')
    expect(columns.slice(-4)).toEqual([
      { name: 'nickname', type: 'VARCHAR(20)', notnull: 0, dflt_value: null, pk: 0 },
      { name: 'level', type: 'SMALLINT', notnull: 1, dflt_value: '1', pk: 0 },
      { name: 'mentor_team', type: 'INTEGER', notnull: 0, dflt_value: null, pk: 0 },
      { name: 'bio', type: 'TEXT', notnull: 0, dflt_value: null, pk: 0 },
    ])
    expect((await foreignKeysOf(c, 'members')).map((key) => key.from)).toContain('mentor_team')
    expect(await sqlOf(c, 'members')).toContain('"bio" TEXT /* about me */')
  })

  it('renames a column', async () => {
    const c = db.connection
    await apply(c, { kind: 'alterColumn', table: 'members', column: 'nickname', newName: 'alias' })
    expect((await columnsOf(c, 'members')).map((column) => column.name)).toContain('alias')
  })

  it('drops an unconstrained column natively', async () => {
    const c = db.connection
    const before = await sqlOf(c, 'members')
    await apply(c, { kind: 'dropColumn', table: 'members', column: 'alias' })
    const after = await sqlOf(c, 'members')
    expect(after).not.toContain('alias')
    // Native DROP COLUMN edits the stored text in place; the rebuild would rewrite it.
    expect(after).toBe(before?.replace(', "alias" VARCHAR(20)', ''))
  })
})

describe('indexes', () => {
  it('creates unique, partial and expression indexes, and drops them', async () => {
    const c = db.connection
    await apply(
      c,
      { kind: 'createIndex', table: 'members', name: 'ix_role', columns: ['role'] },
      {
        kind: 'createIndex',
        table: 'members',
        name: 'ux_lower_email',
        columns: [{ sql: 'lower(email)' }],
        unique: true,
        where: 'score > 0',
      },
      {
        kind: 'createIndex',
        table: 'members',
        name: 'ix_role',
        columns: ['role'],
        ifNotExists: true,
      },
    )
    const indexes = await indexesOf(c, 'members')
    expect(indexes.filter((index) => index.origin === 'c')).toEqual([
      { name: 'ix_role', unique: 0, origin: 'c', partial: 0 },
      { name: 'ux_lower_email', unique: 1, origin: 'c', partial: 1 },
    ])
    expect(
      await rows(c, "SELECT name FROM pragma_index_xinfo('ux_lower_email') WHERE key = 1"),
    ).toEqual([{ name: null }])
    await apply(
      c,
      { kind: 'dropIndex', name: 'ix_role' },
      { kind: 'dropIndex', name: 'ix_role', ifExists: true },
    )
    expect((await indexesOf(c, 'members')).map((index) => index.name)).not.toContain('ix_role')
  })
})

describe('data', () => {
  it('bulk-inserts rows of every value type', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'createTable',
      table: 'samples',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true },
        { name: 'label', type: 'text' },
        { name: 'flag', type: 'boolean' },
        { name: 'at', type: 'timestamp' },
        { name: 'data', type: 'bytes' },
        { name: 'meta', type: 'json' },
      ],
    })
    await apply(c, {
      kind: 'bulkInsert',
      table: 'samples',
      rows: [
        {
          id: 1,
          label: "it's; -- not a comment",
          flag: true,
          at: new Date('2024-05-06T07:08:09.000Z'),
          data: Buffer.from([1, 2]),
          meta: { a: [1] },
        },
        { id: 2, label: null, flag: false },
        ...Array.from({ length: 1100 }, (_, i) => ({ id: i + 3, label: `row ${i}` })),
      ],
    })
    expect(await rows(c, 'SELECT count(*) AS n FROM samples')).toEqual([{ n: 1102 }])
    expect(await rows(c, 'SELECT * FROM samples WHERE id <= 2 ORDER BY id')).toEqual([
      {
        id: 1,
        label: "it's; -- not a comment",
        flag: 1,
        at: '2024-05-06T07:08:09.000Z',
        data: Buffer.from([1, 2]),
        meta: '{"a":[1]}',
      },
      { id: 2, label: null, flag: 0, at: null, data: null, meta: null },
    ])
  })

  it('executes SQL with ? parameters', async () => {
    const c = db.connection
    await apply(c, {
      kind: 'execute',
      sql: 'UPDATE samples SET label = ?, flag = ? WHERE id = ?',
      parameters: ['changed', true, 2],
    })
    expect(await rows(c, 'SELECT label, flag FROM samples WHERE id = 2')).toEqual([
      { label: 'changed', flag: 1 },
    ])
  })
})

describe('identifiers', () => {
  it('creates names with quotes, semicolons and unicode exactly', async () => {
    const c = db.connection
    const table = 'we"ird; DROP TABLE x; --'
    const column = 'naïve "col"; 表'
    await apply(
      c,
      {
        kind: 'createTable',
        table,
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: column, type: 'text', unique: true },
        ],
      },
      { kind: 'createIndex', table, name: `ix ${column}`, columns: [column] },
      { kind: 'bulkInsert', table, rows: [{ id: 1, [column]: 'ok' }] },
      { kind: 'alterColumn', table, column, nullable: false },
    )
    expect(await namesOf(c, 'table')).toContain(table)
    expect((await columnsOf(c, table)).map((entry) => [entry.name, entry.notnull])).toEqual([
      ['id', 1],
      [column, 1],
    ])
    expect((await indexesOf(c, table)).map((index) => index.name)).toContain(`ix ${column}`)
    expect(
      await rows(
        c,
        `SELECT ${sqliteDialect.quoteIdentifier(column)} AS v FROM ${sqliteDialect.quoteIdentifier(table)}`,
      ),
    ).toEqual([{ v: 'ok' }])
  })
})
