/**
 * Compiled SQL printed as a script and run by the `mariadb` client, as an offline
 * `upgrade --sql` would be: under both backslash modes it must build the same schema.
 */
import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { Operation } from '../../../src/operations/types.js'
import { mysqlDatabase } from '../../support/databases.js'
import { columnsOf } from './helpers.js'

const client = ['mariadb', 'mysql'].find(
  (name) => spawnSync(name, ['--version'], { encoding: 'utf8' }).status === 0,
)
const db = await mysqlDatabase('mysql_script')

const OPERATIONS = (table: string): Operation[] => [
  {
    kind: 'createTable',
    table,
    columns: [
      { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true, comment: 'C:\\ids' },
      { name: 'kind', type: { enum: ['a\\b', "it's"] }, default: 'a\\b' },
      { name: 'body', type: 'text' },
    ],
    comment: "table's \\ comment",
  },
  {
    kind: 'bulkInsert',
    table,
    rows: [{ body: "it's \\ fine 🚀" }, { body: 'nul\0', kind: "it's" }],
  },
  {
    kind: 'execute',
    sql: `UPDATE \`${table}\` SET body = ? WHERE id = ?`,
    parameters: ['p\\q', 2],
  },
]

/** What an offline run prints: each SQL step and a semicolon, parameters inlined. */
function script(operations: Operation[]): string {
  return operations
    .flatMap((operation) => mysqlDialect.compile(operation))
    .map((step) => {
      if (!('sql' in step)) throw new Error(`needs a connection: ${step.description}`)
      let index = 0
      const text = step.parameters
        ? step.sql.replace(/\?/g, () => mysqlDialect.literal(step.parameters?.[index++]))
        : step.sql
      return `${text};\n`
    })
    .join('')
}

describe.skipIf(!db.available || !client)('mysql scripts run by the command-line client', () => {
  let connection: DialectConnection
  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  it.each([
    ['default', ''],
    ['nbe', "SET sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES');\n"],
  ])('builds the same schema and rows (%s sql_mode)', async (mode, prelude) => {
    const table = `script_${mode}`
    const url = new URL(db.url)
    const run = spawnSync(
      client as string,
      [
        '--default-character-set=utf8mb4',
        `--host=${url.hostname}`,
        `--port=${url.port || 3306}`,
        `--user=${decodeURIComponent(url.username)}`,
        ...(url.password ? [`--password=${decodeURIComponent(url.password)}`] : []),
        db.name,
      ],
      { input: prelude + script(OPERATIONS(table)), encoding: 'utf8' },
    )
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    const columns = await columnsOf(connection, table)
    expect(
      columns.map(({ name, type, default: value, comment }) => ({ name, type, value, comment })),
    ).toEqual([
      { name: 'id', type: 'int', value: null, comment: 'C:\\ids' },
      { name: 'kind', type: "enum('a\\\\b','it''s')", value: 'a\\b', comment: '' },
      { name: 'body', type: 'text', value: null, comment: '' },
    ])
    const { rows } = await connection.query(`SELECT id, kind, body FROM \`${table}\` ORDER BY id`)
    expect(rows).toEqual([
      { id: 1, kind: 'a\\b', body: "it's \\ fine 🚀" },
      { id: 2, kind: "it's", body: 'p\\q' },
    ])
    const comment = await connection.query(
      'SELECT TABLE_COMMENT AS c FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?',
      [table],
    )
    expect(comment.rows[0]?.c).toBe("table's \\ comment")
  })
})
