/** Shared by the MySQL integration tests: applying operations and reading the catalog. */
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { decodeQuoted } from '../../../src/dialects/mysql/decode.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { Operation } from '../../../src/operations/types.js'

/** Compiles and runs one operation, as the runtime does online. */
export async function apply(connection: DialectConnection, operation: Operation): Promise<void> {
  for (const step of mysqlDialect.compile(operation)) {
    if ('sql' in step) await connection.query(step.sql, step.parameters)
    else await step.run(connection)
  }
}

/** MariaDB writes `int(11)`; MySQL 8 writes `int`. `tinyint(1)` keeps its width on both. */
export function normalizeType(type: string): string {
  return type.replace(/^(smallint|mediumint|int|bigint)\(\d+\)/, '$1')
}

/** MariaDB quotes literal defaults and writes NULL as the text `NULL`; MySQL 8 gives the value. */
export function normalizeDefault(raw: unknown): string | null {
  if (raw === null || raw === undefined || raw === 'NULL') return null
  const text = String(raw)
  const quoted = decodeQuoted(text, 0)
  return quoted && quoted.end === text.length ? quoted.value : text
}

export interface CatalogColumn {
  name: string
  type: string
  nullable: boolean
  default: string | null
  extra: string
  comment: string
  collation: string | null
}

/** The columns of a table in the connection's database, in order. */
export async function columnsOf(
  connection: DialectConnection,
  table: string,
): Promise<CatalogColumn[]> {
  const { rows } = await connection.query(
    `SELECT COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS dflt,
       EXTRA AS extra, COLUMN_COMMENT AS comment, COLLATION_NAME AS collation
     FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
     ORDER BY ORDINAL_POSITION`,
    [table],
  )
  return rows.map((row) => ({
    name: String(row.name),
    type: normalizeType(String(row.type)),
    nullable: row.nullable === 'YES',
    default: normalizeDefault(row.dflt),
    extra: String(row.extra),
    comment: String(row.comment),
    collation: row.collation === null ? null : String(row.collation),
  }))
}

/** One column by name. */
export async function columnOf(
  connection: DialectConnection,
  table: string,
  column: string,
): Promise<CatalogColumn | undefined> {
  return (await columnsOf(connection, table)).find((entry) => entry.name === column)
}

/** Sets the session's sql_mode with or without NO_BACKSLASH_ESCAPES. */
export async function setBackslashMode(
  connection: DialectConnection,
  noBackslashEscapes: boolean,
): Promise<void> {
  await connection.query(
    noBackslashEscapes
      ? "SET SESSION sql_mode = CONCAT(@@GLOBAL.sql_mode, ',NO_BACKSLASH_ESCAPES')"
      : 'SET SESSION sql_mode = @@GLOBAL.sql_mode',
  )
}
