/**
 * What a MySQL/MariaDB database holds beyond what the model DSL expresses: views,
 * stored functions and procedures, triggers and events, generated columns and
 * partitioning. Five information_schema queries, whatever the number of objects. Views,
 * routines and triggers come with the SQL that recreates them; their text is the
 * catalog's, with this database's name taken out of qualified names (`db`.`t` → `t`), so
 * that it runs in another database.
 */
import type { DialectConnection, IntrospectOptions, UnmodelledObject } from '../dialect.js'
import { quoteIdentifier } from './quote.js'

const VIEWS_SQL = `SELECT DATABASE() AS db, TABLE_NAME AS name, VIEW_DEFINITION AS definition
FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME`

const ROUTINES_SQL = `SELECT r.ROUTINE_NAME AS name, r.ROUTINE_TYPE AS type, r.DTD_IDENTIFIER AS returnType,
  r.ROUTINE_DEFINITION AS body, r.IS_DETERMINISTIC AS isDeterministic, r.SQL_DATA_ACCESS AS dataAccess,
  (SELECT GROUP_CONCAT(
      CONCAT_WS(' ', IF(r.ROUTINE_TYPE = 'PROCEDURE', p.PARAMETER_MODE, NULL),
        CONCAT('\`', REPLACE(p.PARAMETER_NAME, '\`', '\`\`'), '\`'), p.DTD_IDENTIFIER)
      ORDER BY p.ORDINAL_POSITION SEPARATOR ', ')
    FROM information_schema.PARAMETERS p
    WHERE p.SPECIFIC_SCHEMA = r.ROUTINE_SCHEMA AND p.SPECIFIC_NAME = r.SPECIFIC_NAME
      AND p.ROUTINE_TYPE = r.ROUTINE_TYPE AND p.ORDINAL_POSITION > 0) AS parameters
FROM information_schema.ROUTINES r WHERE r.ROUTINE_SCHEMA = DATABASE()
ORDER BY r.ROUTINE_TYPE, r.ROUTINE_NAME`

const TRIGGERS_SQL = `SELECT TRIGGER_NAME AS name, EVENT_OBJECT_TABLE AS tableName,
  ACTION_TIMING AS timing, EVENT_MANIPULATION AS event, ACTION_STATEMENT AS statement
FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()
ORDER BY EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, ACTION_ORDER`

// Generated columns and partitioned tables: read by introspection as plain columns and
// tables, so only listed.
const TABLE_EXTRAS_SQL = `SELECT 'generated column' AS kind, COLUMN_NAME AS name, TABLE_NAME AS tableName,
  CONCAT('GENERATED ALWAYS AS (', GENERATION_EXPRESSION, ') ',
    IF(EXTRA LIKE '%STORED%', 'STORED', 'VIRTUAL')) AS detail
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA = DATABASE() AND (EXTRA LIKE '%VIRTUAL GENERATED%' OR EXTRA LIKE '%STORED GENERATED%')
UNION ALL
SELECT 'partitioned table', TABLE_NAME, TABLE_NAME,
  CONCAT('PARTITION BY ', MAX(PARTITION_METHOD), ' (', MAX(PARTITION_EXPRESSION), '), ',
    COUNT(*), ' partitions')
FROM information_schema.PARTITIONS
WHERE TABLE_SCHEMA = DATABASE() AND PARTITION_NAME IS NOT NULL
GROUP BY TABLE_NAME
UNION ALL
SELECT 'event', EVENT_NAME, NULL, CONCAT(EVENT_TYPE, ' ', COALESCE(INTERVAL_VALUE, ''), ' ',
  COALESCE(INTERVAL_FIELD, ''))
FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE()
ORDER BY 3, 2`

type Row = Record<string, unknown>

async function rows(connection: DialectConnection, sql: string): Promise<readonly Row[]> {
  return (await connection.query(sql)).rows
}

const text = (value: unknown): string =>
  Buffer.isBuffer(value) ? value.toString('utf8') : String(value ?? '')

/** The catalog's SQL with `db`. qualifiers removed. */
function unqualified(sql: string, database: string): string {
  return sql.replaceAll(`${quoteIdentifier(database)}.`, '')
}

function routine(row: Row): UnmodelledObject {
  const type = text(row.type).toUpperCase() === 'PROCEDURE' ? 'PROCEDURE' : 'FUNCTION'
  const name = quoteIdentifier(text(row.name))
  const returns = type === 'FUNCTION' ? ` RETURNS ${text(row.returnType)}` : ''
  const deterministic = text(row.isDeterministic) === 'YES' ? ' DETERMINISTIC' : ''
  const access = text(row.dataAccess) === '' ? '' : ` ${text(row.dataAccess)}`
  return {
    kind: type.toLowerCase(),
    name: text(row.name),
    create: `CREATE ${type} ${name}(${text(row.parameters)})${returns}${deterministic}${access}\n${text(row.body)}`,
    drop: `DROP ${type} ${name}`,
    phase: 'afterTables',
  }
}

/**
 * Views after the views they read: the catalog keeps no dependencies (MariaDB has no
 * VIEW_TABLE_USAGE), but a definition names what it reads as `view`, always quoted.
 */
function viewsInOrder(views: readonly Row[]): Row[] {
  const byName = new Map(views.map((row) => [text(row.name), row]))
  const done = new Set<string>()
  const ordered: Row[] = []
  const visit = (name: string, path: Set<string>) => {
    const row = byName.get(name)
    if (row === undefined || done.has(name) || path.has(name)) return
    path.add(name)
    const definition = text(row.definition)
    for (const other of byName.keys()) {
      if (other !== name && definition.includes(quoteIdentifier(other))) visit(other, path)
    }
    done.add(name)
    ordered.push(row)
  }
  for (const name of byName.keys()) visit(name, new Set())
  return ordered
}

/**
 * The database's views, routines, triggers, events, generated columns and partitioned
 * tables; those attached to a skipped table are left out.
 *
 * @example
 * const objects = await unmodelledMysql(connection)
 * objects.map((item) => item.kind) // ['view', 'trigger']
 */
export async function unmodelledMysql(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<readonly UnmodelledObject[]> {
  const skip = options.skipTable ?? (() => false)
  const found: UnmodelledObject[] = []
  for (const row of await rows(connection, ROUTINES_SQL)) found.push(routine(row))
  for (const row of viewsInOrder(await rows(connection, VIEWS_SQL))) {
    const name = text(row.name)
    found.push({
      kind: 'view',
      name,
      create: `CREATE VIEW ${quoteIdentifier(name)} AS ${unqualified(text(row.definition), text(row.db))}`,
      drop: `DROP VIEW ${quoteIdentifier(name)}`,
      phase: 'afterTables',
    })
  }
  for (const row of await rows(connection, TRIGGERS_SQL)) {
    const [name, table] = [text(row.name), text(row.tableName)]
    if (skip(table, undefined)) continue
    const when = `${text(row.timing)} ${text(row.event)}`
    found.push({
      kind: 'trigger',
      name,
      table,
      create: `CREATE TRIGGER ${quoteIdentifier(name)} ${when} ON ${quoteIdentifier(table)} FOR EACH ROW ${text(row.statement)}`,
      drop: `DROP TRIGGER ${quoteIdentifier(name)}`,
      phase: 'afterTables',
    })
  }
  for (const row of await rows(connection, TABLE_EXTRAS_SQL)) {
    const table = row.tableName === null ? undefined : text(row.tableName)
    if (table !== undefined && skip(table, undefined)) continue
    found.push({
      kind: text(row.kind),
      name: text(row.name),
      ...(table === undefined ? {} : { table }),
      detail: text(row.detail).trim(),
    })
  }
  return found
}
