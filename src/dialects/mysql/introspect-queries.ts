/**
 * The catalog queries of MySQL/MariaDB introspection: six information_schema queries
 * for the whole database, however many tables it holds (never one per table). Rows
 * come back as plain records; introspect.ts assembles them.
 */
import type { DialectConnection } from '../dialect.js'

export interface TableRow {
  readonly name: string
  readonly comment: string
}

export interface ColumnRow {
  readonly tableName: string
  readonly name: string
  readonly columnType: string
  readonly nullable: boolean
  readonly columnDefault: string | null
  readonly extra: string
  readonly comment: string
}

/** One key part of an index (STATISTICS has a row per part). */
export interface IndexRow {
  readonly tableName: string
  readonly name: string
  readonly unique: boolean
  readonly column: string | null
  /** Prefix length of a `col(10)` key part. */
  readonly subPart: number | null
  /** `A`, `D`, or null (not sorted). */
  readonly collation: string | null
  readonly indexType: string
  /** MySQL 8 functional key part, as the catalog prints it (escaped once more). */
  readonly expression: string | null
}

/** One column of a foreign key (KEY_COLUMN_USAGE has a row per column). */
export interface ForeignKeyRow {
  readonly tableName: string
  readonly name: string
  readonly column: string
  readonly referencedSchema: string
  readonly referencedTable: string
  readonly referencedColumn: string
  readonly updateRule: string
  readonly deleteRule: string
}

export interface CheckRow {
  readonly tableName: string
  readonly name: string
  /** The clause as the catalog prints it (MySQL 8 escapes it once more). */
  readonly clause: string
  /** MariaDB: `Column` for a check written on a column (the JSON type's `json_valid`). */
  readonly level: 'Column' | 'Table'
}

/** Everything introspection reads, for one database. */
export interface CatalogRows {
  readonly database: string
  readonly mariadb: boolean
  readonly tables: readonly TableRow[]
  readonly columns: readonly ColumnRow[]
  readonly indexes: readonly IndexRow[]
  readonly foreignKeys: readonly ForeignKeyRow[]
  readonly checks: readonly CheckRow[]
}

const SERVER = 'SELECT VERSION() AS version, DATABASE() AS name'

// MariaDB's system-versioned tables are tables too; views are not read.
const TABLES = `SELECT TABLE_NAME AS name, TABLE_COMMENT AS comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED')`

const COLUMNS = `SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, COLUMN_TYPE AS columnType,
  IS_NULLABLE AS nullable, COLUMN_DEFAULT AS columnDefault, EXTRA AS extra,
  COLUMN_COMMENT AS comment
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, ORDINAL_POSITION`

// MariaDB has no functional key parts, and no EXPRESSION column.
const statistics = (mariadb: boolean) => `SELECT TABLE_NAME AS tableName, INDEX_NAME AS name,
  NON_UNIQUE AS nonUnique, COLUMN_NAME AS columnName, SUB_PART AS subPart,
  COLLATION AS collation, INDEX_TYPE AS indexType, ${mariadb ? 'NULL' : 'EXPRESSION'} AS expression
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA = DATABASE()
ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`

const FOREIGN_KEYS = `SELECT k.TABLE_NAME AS tableName, k.CONSTRAINT_NAME AS name,
  k.COLUMN_NAME AS columnName, k.REFERENCED_TABLE_SCHEMA AS referencedSchema,
  k.REFERENCED_TABLE_NAME AS referencedTable, k.REFERENCED_COLUMN_NAME AS referencedColumn,
  r.UPDATE_RULE AS updateRule, r.DELETE_RULE AS deleteRule
FROM information_schema.KEY_COLUMN_USAGE k
JOIN information_schema.REFERENTIAL_CONSTRAINTS r
  ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.TABLE_NAME = k.TABLE_NAME
  AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
WHERE k.TABLE_SCHEMA = DATABASE() AND k.REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY k.TABLE_NAME, k.CONSTRAINT_NAME, k.ORDINAL_POSITION`

// MariaDB's CHECK_CONSTRAINTS names the table (check names are per table there);
// MySQL 8's does not (names are per database), so it is joined to TABLE_CONSTRAINTS.
const MARIADB_CHECKS = `SELECT TABLE_NAME AS tableName, CONSTRAINT_NAME AS name,
  CHECK_CLAUSE AS clause, LEVEL AS level
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA = DATABASE()`

const MYSQL_CHECKS = `SELECT t.TABLE_NAME AS tableName, c.CONSTRAINT_NAME AS name,
  c.CHECK_CLAUSE AS clause, 'Table' AS level
FROM information_schema.TABLE_CONSTRAINTS t
JOIN information_schema.CHECK_CONSTRAINTS c
  ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME
WHERE t.TABLE_SCHEMA = DATABASE() AND t.CONSTRAINT_TYPE = 'CHECK'`

/** Catalog text as a string (MySQL 8 returns some information_schema columns as binary). */
function text(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8')
  return String(value)
}

const textOrNull = (value: unknown) => (value === null || value === undefined ? null : text(value))

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(text(value))

/**
 * Runs the six catalog queries for the connection's database (DATABASE()) and returns
 * their rows, decoded but not yet assembled.
 *
 * @example
 * const rows = await readCatalog(connection)
 * rows.tables.map((table) => table.name)
 */
export async function readCatalog(connection: DialectConnection): Promise<CatalogRows> {
  const rows = async (sql: string) => (await connection.query(sql)).rows
  const [server] = await rows(SERVER)
  const mariadb = /mariadb/i.test(text(server?.version))
  const tables = await rows(TABLES)
  const columns = await rows(COLUMNS)
  const indexes = await rows(statistics(mariadb))
  const foreignKeys = await rows(FOREIGN_KEYS)
  const checks = await rows(mariadb ? MARIADB_CHECKS : MYSQL_CHECKS)
  return {
    database: text(server?.name),
    mariadb,
    tables: tables.map((row) => ({ name: text(row.name), comment: text(row.comment) })),
    columns: columns.map((row) => ({
      tableName: text(row.tableName),
      name: text(row.name),
      columnType: text(row.columnType),
      nullable: text(row.nullable) === 'YES',
      columnDefault: textOrNull(row.columnDefault),
      extra: text(row.extra),
      comment: text(row.comment),
    })),
    indexes: indexes.map((row) => ({
      tableName: text(row.tableName),
      name: text(row.name),
      unique: Number(text(row.nonUnique)) === 0,
      column: textOrNull(row.columnName),
      subPart: numberOrNull(row.subPart),
      collation: textOrNull(row.collation),
      indexType: text(row.indexType),
      expression: textOrNull(row.expression),
    })),
    foreignKeys: foreignKeys.map((row) => ({
      tableName: text(row.tableName),
      name: text(row.name),
      column: text(row.columnName),
      referencedSchema: text(row.referencedSchema),
      referencedTable: text(row.referencedTable),
      referencedColumn: text(row.referencedColumn),
      updateRule: text(row.updateRule),
      deleteRule: text(row.deleteRule),
    })),
    checks: checks.map((row) => ({
      tableName: text(row.tableName),
      name: text(row.name),
      clause: text(row.clause),
      level: text(row.level) === 'Column' ? 'Column' : 'Table',
    })),
  }
}
