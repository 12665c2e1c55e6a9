/** alterColumn on a real server: partial changes, offline restatements, and the online procedure. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { AlterColumn } from '../../../src/operations/types.js'
import { mysqlDatabase } from '../../support/databases.js'
import { apply, columnOf, setBackslashMode } from './helpers.js'

const db = await mysqlDatabase('mysql_alter')

type Change = Omit<AlterColumn, 'kind' | 'table' | 'column'>

describe.skipIf(!db.available)('mysql alterColumn applied', () => {
  let connection: DialectConnection
  const alter = (column: string, change: Change) =>
    apply(connection, { kind: 'alterColumn', table: 'people', column, ...change })
  const read = (column: string) => columnOf(connection, 'people', column)

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })
  beforeEach(async () => {
    await setBackslashMode(connection, false)
    await apply(connection, { kind: 'dropTable', table: 'people', ifExists: true })
    await apply(connection, {
      kind: 'createTable',
      table: 'people',
      columns: [
        { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true, comment: 'key' },
        {
          name: 'email',
          type: 'varchar(100) collate utf8mb4_bin',
          nullable: false,
          default: "no'one",
          comment: 'mail',
        },
        { name: 'age', type: 'smallint' },
        { name: 'kind', type: { enum: ['a\\b', "it's"] }, default: "it's" },
        { name: 'doc', type: 'json', comment: 'document' },
        {
          name: 'seen',
          type: 'timestamp',
          nullable: false,
          default: { sql: 'CURRENT_TIMESTAMP(6)' },
        },
      ],
    })
  })

  it('changes defaults and names alone', async () => {
    await alter('age', { default: 18 })
    expect(await read('age')).toMatchObject({ default: '18', nullable: true })
    await alter('age', { default: { sql: 'floor(rand() * 10)' } })
    expect((await read('age'))?.default).toMatch(/rand\(\)/)
    await alter('age', { default: null, newName: 'years' })
    expect(await read('age')).toBeUndefined()
    expect(await read('years')).toMatchObject({ type: 'smallint', default: null })
  })

  it('restates from existing fields without reading the catalog', async () => {
    await alter('age', {
      nullable: false,
      existingType: 'smallint',
      existingDefault: 1,
      existingComment: 'years',
    })
    expect(await read('age')).toMatchObject({
      type: 'smallint',
      nullable: false,
      default: '1',
      comment: 'years',
    })
    await alter('age', { type: 'bigint', newName: 'age2', existingNullable: true })
    expect(await read('age2')).toMatchObject({
      type: 'bigint',
      nullable: true,
      default: null,
      comment: '',
    })
  })

  it('reads the column online and keeps what is not changed', async () => {
    await alter('email', { nullable: true })
    expect(await read('email')).toEqual({
      name: 'email',
      type: 'varchar(100)',
      nullable: true,
      default: "no'one",
      extra: '',
      comment: 'mail',
      collation: 'utf8mb4_bin',
    })
    await alter('email', { comment: 'new comment', newName: 'mail' })
    expect(await read('mail')).toMatchObject({
      nullable: true,
      default: "no'one",
      comment: 'new comment',
      collation: 'utf8mb4_bin',
    })
    await alter('mail', { type: 'varchar(200)' })
    expect(await read('mail')).toMatchObject({
      type: 'varchar(200)',
      nullable: true,
      default: "no'one",
      comment: 'new comment',
    })
    expect((await read('mail'))?.collation).not.toBe('utf8mb4_bin')
  })

  it('keeps AUTO_INCREMENT, ON UPDATE, and a MariaDB JSON check', async () => {
    await alter('id', { comment: null })
    expect(await read('id')).toMatchObject({
      type: 'int',
      nullable: false,
      extra: 'auto_increment',
      comment: '',
    })
    await connection.query(
      'ALTER TABLE people MODIFY COLUMN seen datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)',
    )
    await alter('seen', { comment: 'touched' })
    const seen = await read('seen')
    expect(seen).toMatchObject({ type: 'datetime(6)', nullable: false, comment: 'touched' })
    expect(seen?.default).toMatch(/^current_timestamp\(6\)$/i)
    expect(seen?.extra).toMatch(/on update current_timestamp\(6\)/i)
    await alter('seen', { nullable: true, default: { sql: 'now()' } })
    expect((await read('seen'))?.default).toMatch(/^current_timestamp\(6\)$/i)
    await alter('doc', { nullable: false, newName: 'document' })
    expect(await read('document')).toMatchObject({ nullable: false, comment: 'document' })
    const checks = await connection.query(
      "SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = 'people'",
    )
    const version = String((await connection.query('SELECT VERSION() AS v')).rows[0]?.v)
    if (/mariadb/i.test(version)) {
      expect(checks.rows.map((row) => row.clause)).toEqual(['json_valid(`document`)'])
      await expect(
        connection.query(`INSERT INTO people (email, document) VALUES ('x', 'not json')`),
      ).rejects.toThrow(/CONSTRAINT/)
    }
  })

  it.each([false, true])(
    'restates ENUM values with backslashes exactly (NO_BACKSLASH_ESCAPES %s)',
    async (noBackslashEscapes) => {
      await setBackslashMode(connection, noBackslashEscapes)
      await connection.query("INSERT INTO people (email, kind) VALUES ('e', ?)", ['a\\b'])
      await alter('kind', { nullable: false })
      const kind = await read('kind')
      expect(kind).toMatchObject({
        type: "enum('a\\\\b','it''s')",
        nullable: false,
        default: "it's",
      })
      await apply(connection, {
        kind: 'addColumn',
        table: 'people',
        column: { name: 'path', type: 'text', comment: 'C:\\tmp' },
      })
      expect((await read('path'))?.comment).toBe('C:\\tmp')
      await alter('path', { comment: 'D:\\x', existingType: 'text', existingNullable: true })
      expect((await read('path'))?.comment).toBe('D:\\x')
      await setBackslashMode(connection, false)
      const { rows } = await connection.query("SELECT kind FROM people WHERE email = 'e'")
      expect(rows).toEqual([{ kind: 'a\\b' }])
    },
  )

  it('says what it cannot do', async () => {
    await expect(alter('missing', { nullable: false })).rejects.toMatchObject({
      code: 'COLUMN_NOT_FOUND',
    })
    await connection.query('ALTER TABLE people ADD COLUMN twice int AS (age * 2) VIRTUAL')
    await expect(alter('twice', { comment: 'x' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_OPERATION',
    })
    await connection.query("ALTER TABLE people ADD COLUMN q enum('?','b')")
    await expect(alter('q', { nullable: false })).rejects.toMatchObject({
      code: 'COLUMN_TYPE_UNREADABLE',
    })
    await alter('q', { nullable: false, type: { enum: ['?', 'b'] } })
    expect(await read('q')).toMatchObject({ nullable: false })
  })
})
