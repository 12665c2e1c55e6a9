/**
 * Reads SQLite's catalog for the whole database in three queries, however many tables
 * it has: SQLite's pragma table-valued functions join with the list of tables, so one
 * query returns every table's columns (with its `CREATE TABLE` text), one every
 * index with its columns (and its `CREATE INDEX` text), one every foreign key.
 */
import type { DialectConnection } from '../dialect.js'

export interface CatalogColumn {
  readonly name: string
  /** The declared type as written (`''` when none). */
  readonly type: string
  readonly notNull: boolean
  /** The default's SQL text as SQLite keeps it, or null. */
  readonly defaultSql: string | null
  /** 1-based position in the primary key, 0 when not in it. */
  readonly primaryKeyPosition: number
  /** 0 for an ordinary column, 2 or 3 for a generated one. */
  readonly hidden: number
}

export interface CatalogIndexColumn {
  /** The column name, or null for an expression. */
  readonly name: string | null
}

export interface CatalogIndex {
  readonly name: string
  readonly unique: boolean
  /** `c`: CREATE INDEX, `u`: a UNIQUE constraint, `pk`: a PRIMARY KEY constraint. */
  readonly origin: string
  /** The `CREATE INDEX` text; null for the indexes behind constraints. */
  readonly sql: string | null
  readonly columns: readonly CatalogIndexColumn[]
}

export interface CatalogForeignKey {
  readonly parent: string
  readonly columns: readonly string[]
  /** Null entries: the key names no columns and references the parent's primary key. */
  readonly referencedColumns: readonly (string | null)[]
  readonly onUpdate: string
  readonly onDelete: string
}

export interface CatalogTable {
  readonly name: string
  /** The `CREATE TABLE` text. */
  readonly sql: string
  readonly withoutRowid: boolean
  readonly columns: readonly CatalogColumn[]
  readonly indexes: readonly CatalogIndex[]
  readonly foreignKeys: readonly CatalogForeignKey[]
}

/**
 * The ordinary tables of the main database: not views, not virtual tables or their
 * shadow tables, not SQLite's own `sqlite_*` tables. MATERIALIZED makes SQLite list
 * them before any pragma runs, so no pragma ever opens a virtual table (whose module
 * may be missing).
 */
const TABLES = `WITH t AS MATERIALIZED (
  SELECT l.name AS name, l.wr AS wr, m.sql AS sql
    FROM pragma_table_list AS l
    JOIN sqlite_master AS m ON m.type = 'table' AND m.name = l.name
   WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
)`

const COLUMNS = `${TABLES}
SELECT t.name AS table_name, t.sql AS table_sql, t.wr AS without_rowid,
       c.name AS name, c.type AS type, c."notnull" AS not_null, c.dflt_value AS default_sql,
       c.pk AS pk, c.hidden AS hidden
  FROM t JOIN pragma_table_xinfo(t.name, 'main') AS c
 ORDER BY t.name, c.cid`

const INDEXES = `${TABLES}
SELECT t.name AS table_name, il.name AS index_name, il."unique" AS is_unique, il.origin AS origin,
       m.sql AS index_sql, ix.name AS column_name
  FROM t
  JOIN pragma_index_list(t.name, 'main') AS il
  JOIN pragma_index_xinfo(il.name, 'main') AS ix
  LEFT JOIN sqlite_master AS m ON m.type = 'index' AND m.name = il.name
 WHERE ix.key = 1
 ORDER BY t.name, il.name, ix.seqno`

const FOREIGN_KEYS = `${TABLES}
SELECT t.name AS table_name, f.id AS id, f."table" AS parent, f."from" AS from_column,
       f."to" AS to_column, f.on_update AS on_update, f.on_delete AS on_delete
  FROM t JOIN pragma_foreign_key_list(t.name, 'main') AS f
 ORDER BY t.name, f.id, f.seq`

interface MutableTable {
  name: string
  sql: string
  withoutRowid: boolean
  columns: CatalogColumn[]
  indexes: {
    name: string
    unique: boolean
    origin: string
    sql: string | null
    columns: CatalogIndexColumn[]
  }[]
  foreignKeys: {
    id: number
    parent: string
    columns: string[]
    referencedColumns: (string | null)[]
    onUpdate: string
    onDelete: string
  }[]
}

/**
 * Every ordinary table of the main database, by name.
 *
 * @example
 * const tables = await readCatalog(connection)
 * tables.map((table) => table.name) // ['posts', 'users']
 */
export async function readCatalog(connection: DialectConnection): Promise<CatalogTable[]> {
  const tables = new Map<string, MutableTable>()
  for (const row of (await connection.query(COLUMNS)).rows) {
    const name = String(row.table_name)
    let table = tables.get(name)
    if (!table) {
      table = {
        name,
        sql: String(row.table_sql),
        withoutRowid: Number(row.without_rowid) === 1,
        columns: [],
        indexes: [],
        foreignKeys: [],
      }
      tables.set(name, table)
    }
    table.columns.push({
      name: String(row.name),
      type: String(row.type ?? ''),
      notNull: Number(row.not_null) === 1,
      defaultSql: row.default_sql === null ? null : String(row.default_sql),
      primaryKeyPosition: Number(row.pk),
      hidden: Number(row.hidden),
    })
  }
  for (const row of (await connection.query(INDEXES)).rows) {
    const table = tables.get(String(row.table_name))
    if (!table) continue
    const name = String(row.index_name)
    let index = table.indexes.at(-1)
    if (index?.name !== name) {
      index = {
        name,
        unique: Number(row.is_unique) === 1,
        origin: String(row.origin),
        sql: row.index_sql === null ? null : String(row.index_sql),
        columns: [],
      }
      table.indexes.push(index)
    }
    index.columns.push({ name: row.column_name === null ? null : String(row.column_name) })
  }
  for (const row of (await connection.query(FOREIGN_KEYS)).rows) {
    const table = tables.get(String(row.table_name))
    if (!table) continue
    const id = Number(row.id)
    let key = table.foreignKeys.at(-1)
    if (key?.id !== id) {
      key = {
        id,
        parent: String(row.parent),
        columns: [],
        referencedColumns: [],
        onUpdate: String(row.on_update),
        onDelete: String(row.on_delete),
      }
      table.foreignKeys.push(key)
    }
    key.columns.push(String(row.from_column))
    key.referencedColumns.push(row.to_column === null ? null : String(row.to_column))
  }
  return [...tables.values()]
}
