/**
 * Reading a column's current definition from information_schema, so that an
 * alterColumn can restate it (MySQL's MODIFY COLUMN replaces the whole definition).
 * Runs online only; this is why such an alterColumn is a procedure.
 */
import { MigrationError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'
import type { DialectConnection } from '../dialect.js'
import type { ColumnDefinition } from './column.js'
import { defaultExpression } from './column.js'
import { decodeQuoted, enumValues } from './decode.js'
import { literal } from './quote.js'
import { unsupported } from './unsupported.js'

/** A column as the catalog describes it, plus what the session needs to restate it. */
export interface CatalogColumn {
  /** The definition, without the name; the type is the catalog's COLUMN_TYPE. */
  readonly definition: Omit<ColumnDefinition, 'name'>
  /** The session's sql_mode, which decides how plain strings are written. */
  readonly sqlMode: string
  /** COLUMN_TYPE as the catalog shows it. */
  readonly columnType: string
  /**
   * False when ENUM or SET values show a '?', which may stand for a character the
   * utf8mb3 catalog cannot hold: restating such a type could change its values.
   */
  readonly typeReadable: boolean
}

interface ColumnRow {
  columnType: string
  isNullable: string
  columnDefault: string | null
  extra: string
  columnComment: string
  collation: string | null
  isGenerated: string | null
  tableSchema: string
  version: string
  sqlMode: string
}

const COLUMN_QUERY = `SELECT c.COLUMN_TYPE AS columnType, c.IS_NULLABLE AS isNullable,
  c.COLUMN_DEFAULT AS columnDefault, c.EXTRA AS extra, c.COLUMN_COMMENT AS columnComment,
  c.COLLATION_NAME AS collation, c.IS_GENERATED AS isGenerated, c.TABLE_SCHEMA AS tableSchema,
  VERSION() AS version, @@SESSION.sql_mode AS sqlMode
FROM information_schema.COLUMNS c
WHERE c.TABLE_SCHEMA = COALESCE(?, DATABASE()) AND c.TABLE_NAME = ? AND c.COLUMN_NAME = ?`

/** MariaDB keeps a JSON column's `json_valid` (and any column CHECK) in the column itself. */
const CHECK_QUERY = `SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ? AND LEVEL = 'Column'`

const NUMBER = /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i

/**
 * A catalog COLUMN_DEFAULT, decoded: a string value, SQL to write as it is (a number,
 * a bit or hex literal), or an expression.
 */
export type CatalogDefault =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'sql'; readonly sql: string }
  | { readonly kind: 'expression'; readonly sql: string }

/**
 * MySQL 8 escapes the text of expression defaults and check clauses a second time
 * (`_utf8mb4\'a\'`), which makes them invalid SQL; this undoes that one escaping.
 *
 * @example
 * unescapeCatalogText("concat(_utf8mb4\\'a\\')") // "concat(_utf8mb4'a')"
 */
export function unescapeCatalogText(text: string): string {
  return text.replace(/\\([\s\S])/g, (_, char: string) =>
    char === 'n' ? '\n' : char === 'r' ? '\r' : char === 't' ? '\t' : char === '0' ? '\0' : char,
  )
}

/**
 * Decodes a catalog COLUMN_DEFAULT. MariaDB writes SQL: `'text'` quoted, `NULL` (read
 * as no default), numbers, or an expression. MySQL 8 writes the bare value, and marks
 * expression defaults (escaped once more, see `unescapeCatalogText`) with
 * DEFAULT_GENERATED in EXTRA.
 *
 * @example
 * parseCatalogDefault({ raw: "'it''s'", extra: '', mariadb: true })  // { kind: 'string', value: "it's" }
 * parseCatalogDefault({ raw: 'now()', extra: 'DEFAULT_GENERATED', mariadb: false }) // { kind: 'expression', sql: 'now()' }
 */
export function parseCatalogDefault(column: {
  raw: string | null
  extra: string
  mariadb: boolean
}): CatalogDefault | undefined {
  const { raw, extra } = column
  if (raw === null) return undefined
  if (column.mariadb) {
    // `NULL` is the implicit default of a nullable column; restating it would make a
    // column that becomes NOT NULL invalid.
    if (raw === 'NULL') return undefined
    if (NUMBER.test(raw)) return { kind: 'sql', sql: raw }
    const quoted = decodeQuoted(raw, 0)
    if (quoted && quoted.end === raw.length) return { kind: 'string', value: quoted.value }
    return { kind: 'expression', sql: raw }
  }
  if (/\bDEFAULT_GENERATED\b/i.test(extra)) {
    return { kind: 'expression', sql: unescapeCatalogText(raw) }
  }
  if (/^(b'[01]*'|0x[0-9a-f]*)$/i.test(raw)) return { kind: 'sql', sql: raw }
  return { kind: 'string', value: raw }
}

/**
 * The SQL after DEFAULT for a catalog COLUMN_DEFAULT (see `parseCatalogDefault`).
 *
 * @example
 * catalogDefault({ raw: "'it''s'", extra: '', mariadb: true })  // "'it''s'"
 * catalogDefault({ raw: 'now()', extra: 'DEFAULT_GENERATED', mariadb: false }) // '(now())'
 */
export function catalogDefault(column: {
  raw: string | null
  extra: string
  mariadb: boolean
}): string | undefined {
  const parsed = parseCatalogDefault(column)
  if (parsed === undefined) return undefined
  if (parsed.kind === 'string') return literal(parsed.value)
  if (parsed.kind === 'sql') return parsed.sql
  return defaultExpression(parsed.sql)
}

/** The catalog's COLUMN_TYPE as a rendered type; ENUM and SET values are re-quoted for the session. */
export function catalogType(columnType: string): ColumnDefinition['type'] {
  const parsed = enumValues(columnType)
  if (!parsed) return () => columnType
  return (plain) => `${parsed.keyword}(${parsed.values.map(plain).join(',')})${parsed.rest}`
}

/**
 * Reads one column's definition. Throws MigrationError `COLUMN_NOT_FOUND` when the
 * column does not exist, and `UNSUPPORTED_OPERATION` for generated columns (whose
 * expression a restatement would have to repeat).
 */
export async function readColumn(
  connection: DialectConnection,
  target: TableTarget & { column: string },
): Promise<CatalogColumn> {
  const where = `${target.schema ? `${target.schema}.` : ''}${target.table}.${target.column}`
  const result = await connection.query(COLUMN_QUERY, [
    target.schema ?? null,
    target.table,
    target.column,
  ])
  const row = result.rows[0] as ColumnRow | undefined
  if (!row) {
    throw new MigrationError('COLUMN_NOT_FOUND', `alterColumn: column ${where} does not exist`)
  }
  if (row.isGenerated === 'ALWAYS') {
    throw unsupported(
      `alterColumn on the generated column ${where}`,
      'restating it would need its generation expression',
      'Use execute with ALTER TABLE ... MODIFY COLUMN ... AS (...).',
    )
  }
  const mariadb = /mariadb/i.test(row.version)
  let check: string | undefined
  if (mariadb) {
    const checks = await connection.query(CHECK_QUERY, [
      row.tableSchema,
      target.table,
      target.column,
    ])
    check = (checks.rows[0] as { clause: string } | undefined)?.clause
  }
  const onUpdate = /\bon update (\S+)/i.exec(row.extra)?.[1]
  const values = enumValues(row.columnType)?.values ?? []
  return {
    sqlMode: row.sqlMode,
    columnType: row.columnType,
    typeReadable: !values.some((value) => value.includes('?')),
    definition: {
      type: catalogType(row.columnType),
      collation: row.collation ?? undefined,
      nullable: row.isNullable === 'YES',
      defaultSql: catalogDefault({ raw: row.columnDefault, extra: row.extra, mariadb }),
      onUpdate,
      autoIncrement: /\bauto_increment\b/i.test(row.extra),
      invisible: /\bINVISIBLE\b/i.test(row.extra),
      comment: row.columnComment === '' ? undefined : row.columnComment,
      check,
    },
  }
}
