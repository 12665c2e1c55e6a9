/**
 * Literals and plain strings read back exactly under the default sql_mode and under
 * NO_BACKSLASH_ESCAPES: the same compiled text must mean the same in both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { enumValues } from '../../../src/dialects/mysql/decode.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import { mysqlDatabase } from '../../support/databases.js'
import { apply, setBackslashMode } from './helpers.js'

const db = await mysqlDatabase('mysql_literals')
const { literal } = mysqlDialect

const STRINGS = [
  '',
  "it's",
  "''",
  '\\',
  'a\\b',
  "\\'",
  "\\\\'",
  'ends with \\',
  "\\' OR 1=1 -- ",
  '%_\\%\\_',
  'tab\tnew\nline\rcr',
  'nul\0byte',
  'ctrl-z\x1a',
  '"double"',
  '`backtick`',
  'ünïcödé 表 Ω',
  'emoji 🚀👍🏽',
  '?',
  '; DROP TABLE t; --',
]

const BUFFERS = [
  Buffer.alloc(0),
  Buffer.from([0]),
  Buffer.from([0x5c, 0x27, 0x22, 0x00, 0x1a, 0x0a]),
  Buffer.from(Array.from({ length: 256 }, (_, index) => index)),
]

describe.skipIf(!db.available)('mysql literals round trip', () => {
  let connection: DialectConnection
  const one = async (sql: string, parameters?: unknown[]) =>
    (await connection.query(sql, parameters)).rows[0]?.v

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
    await connection.query(
      'CREATE TABLE lit (id int PRIMARY KEY, s text, b longblob, j json, d datetime(3)) DEFAULT CHARSET=utf8mb4',
    )
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  describe.each([
    ['the default sql_mode', false],
    ['NO_BACKSLASH_ESCAPES', true],
  ])('under %s', (_mode, noBackslashEscapes) => {
    beforeAll(async () => {
      await setBackslashMode(connection, noBackslashEscapes)
      await connection.query('DELETE FROM lit')
    })

    it('reads strings back exactly, selected, stored and compared', async () => {
      for (const [index, text] of STRINGS.entries()) {
        expect(await one(`SELECT ${literal(text)} AS v`)).toBe(text)
        expect(
          await one(`SELECT ${literal(text)} = ${literal(text)} AND ${literal(text)} = ? AS v`, [
            text,
          ]),
        ).toBe(1)
        await connection.query(`INSERT INTO lit (id, s) VALUES (${index}, ${literal(text)})`)
        expect(await one('SELECT s AS v FROM lit WHERE id = ?', [index])).toBe(text)
        expect(
          await one('SELECT COUNT(*) AS v FROM lit WHERE s = ?', [text]),
        ).toBeGreaterThanOrEqual(1)
      }
    })

    it('reads buffers, dates, numbers and JSON back exactly', async () => {
      for (const [index, buffer] of BUFFERS.entries()) {
        await connection.query(
          `INSERT INTO lit (id, b) VALUES (${100 + index}, ${literal(buffer)})`,
        )
        expect(await one(`SELECT b AS v FROM lit WHERE id = ${100 + index}`)).toEqual(buffer)
        expect(await one('SELECT ? AS v', [buffer])).toEqual(buffer)
      }
      const date = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123))
      await connection.query(`INSERT INTO lit (id, d) VALUES (200, ${literal(date)})`)
      expect(await one('SELECT d AS v FROM lit WHERE id = 200')).toEqual(date)
      expect(await one('SELECT CAST(? AS DATETIME(3)) AS v', [date])).toEqual(date)
      for (const value of [0, -17, 1.5, 2 ** 53 - 1]) {
        expect(Number(await one(`SELECT ${literal(value)} AS v`))).toBe(value)
      }
      expect(String(await one(`SELECT ${literal(9007199254740993n)} AS v`))).toBe(
        '9007199254740993',
      )
      expect(await one(`SELECT ${literal(true)} + ${literal(false)} AS v`)).toBe(1)
      expect(await one(`SELECT ${literal(null)} AS v`)).toBeNull()
      const json = {
        quote: 'it\'s "x"',
        slash: 'a\\b',
        nul: '\0',
        emoji: '🚀',
        list: [1, null, true],
      }
      await connection.query(`INSERT INTO lit (id, j) VALUES (201, ${literal(json)})`)
      const stored = await one('SELECT j AS v FROM lit WHERE id = 201')
      expect(typeof stored === 'string' ? JSON.parse(stored) : stored).toEqual(json)
    })

    it('writes comments and ENUM values the same way', async () => {
      const table = noBackslashEscapes ? 'plain_nbe' : 'plain_default'
      const values = ['a\\b', "c'd", '\\', 'ü', "\\'", '%_']
      await apply(connection, {
        kind: 'createTable',
        table,
        columns: [
          { name: 'id', type: 'integer', comment: "C:\\dir\\ it's" },
          { name: 'e', type: { enum: values } },
        ],
        comment: 'table \\ comment',
      })
      const { rows } = await connection.query(
        'SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, COLUMN_COMMENT AS comment FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION',
        [table],
      )
      expect(rows[0]?.comment).toBe("C:\\dir\\ it's")
      expect(enumValues(String(rows[1]?.type))?.values).toEqual(values)
      expect(
        await one(
          'SELECT TABLE_COMMENT AS v FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
          [table],
        ),
      ).toBe('table \\ comment')
      for (const [index, value] of values.entries()) {
        await connection.query(`INSERT INTO \`${table}\` (id, e) VALUES (?, ?)`, [index, value])
        expect(await one(`SELECT e AS v FROM \`${table}\` WHERE id = ?`, [index])).toBe(value)
      }
    })
  })
})
