/**
 * What a SQLite database holds beyond what the model DSL expresses: views, triggers,
 * virtual tables (with their `CREATE` text, so `baseline` can recreate them), generated
 * columns, and the table options WITHOUT ROWID and STRICT. Two queries.
 */
import type { DialectConnection, IntrospectOptions, UnmodelledObject } from '../dialect.js'
import { quoteIdentifier } from './quote.js'

// rowid order is creation order: a view on a view comes after it.
const OBJECTS_SQL = `SELECT m.type AS kind, m.name AS name, m.tbl_name AS table_name, m.sql AS sql,
       CASE m.type WHEN 'view' THEN 1 ELSE 2 END AS rank, m.rowid AS position
  FROM sqlite_master AS m
 WHERE m.type IN ('view', 'trigger') AND m.sql IS NOT NULL
UNION ALL
SELECT 'virtual table', m.name, NULL, m.sql, 0, m.rowid
  FROM pragma_table_list AS l
  JOIN sqlite_master AS m ON m.type = 'table' AND m.name = l.name
 WHERE l.schema = 'main' AND l.type = 'virtual'
 ORDER BY rank, position`

const TABLE_EXTRAS_SQL = `WITH t AS MATERIALIZED (
  SELECT l.name AS name, l.wr AS wr, l.strict AS strict
    FROM pragma_table_list AS l
   WHERE l.schema = 'main' AND l.type = 'table' AND l.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
)
SELECT 'generated column' AS kind, c.name AS name, t.name AS table_name,
       CASE c.hidden WHEN 3 THEN 'stored' ELSE 'virtual' END AS detail
  FROM t JOIN pragma_table_xinfo(t.name, 'main') AS c
 WHERE c.hidden IN (2, 3)
UNION ALL
SELECT 'table option', 'WITHOUT ROWID', t.name, NULL FROM t WHERE t.wr
UNION ALL
SELECT 'table option', 'STRICT', t.name, NULL FROM t WHERE t.strict
 ORDER BY 3, 1, 2`

const DROPS: Readonly<Record<string, string>> = {
  view: 'DROP VIEW',
  trigger: 'DROP TRIGGER',
  'virtual table': 'DROP TABLE',
}

/**
 * The database's views, triggers and virtual tables (with the SQL that made them), its
 * generated columns and WITHOUT ROWID / STRICT tables; those of skipped tables left out.
 *
 * @example
 * const objects = await unmodelledSqlite(connection)
 * objects.map((item) => `${item.kind} ${item.name}`) // ['view active_users', 'trigger touch']
 */
export async function unmodelledSqlite(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<readonly UnmodelledObject[]> {
  const skip = options.skipTable ?? (() => false)
  const found: UnmodelledObject[] = []
  for (const row of (await connection.query(OBJECTS_SQL)).rows) {
    const kind = String(row.kind)
    const name = String(row.name)
    const table = kind === 'trigger' ? String(row.table_name) : undefined
    if (table !== undefined && skip(table, undefined)) continue
    found.push({
      kind,
      name,
      ...(table === undefined ? {} : { table }),
      create: String(row.sql),
      drop: `${DROPS[kind] ?? 'DROP TABLE'} ${quoteIdentifier(name)}`,
      phase: 'afterTables',
    })
  }
  for (const row of (await connection.query(TABLE_EXTRAS_SQL)).rows) {
    const table = String(row.table_name)
    if (skip(table, undefined)) continue
    found.push({
      kind: String(row.kind),
      name: String(row.name),
      table,
      ...(row.detail === null ? {} : { detail: String(row.detail) }),
    })
  }
  return found
}
