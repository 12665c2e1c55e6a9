/**
 * Reads what a table rebuild needs from the live database: the table's `CREATE TABLE`
 * text, its indexes and triggers, the views that depend on it, the foreign keys of
 * other tables that point at it, and its AUTOINCREMENT counter.
 */
import { MigrationError } from '../../errors.js'
import type { DialectConnection } from '../dialect.js'
import { parseCreateTable } from './parse-create-table.js'
import { mentions, sameName, tokenize } from './sql-tokenizer.js'
import type { TableDefinition } from './table-definition.js'

/** A schema object stored as SQL in `sqlite_master`. */
export interface SchemaObject {
  readonly name: string
  readonly sql: string
}

/** A foreign key of some table (possibly the table itself) that references the table. */
export interface IncomingForeignKey {
  readonly table: string
  readonly columns: readonly string[]
  /** The referenced columns; empty when the key references the primary key implicitly. */
  readonly referencedColumns: readonly string[]
}

export interface LiveTable {
  /** The table's name as stored. */
  readonly name: string
  readonly definition: TableDefinition
  /** Indexes created with CREATE INDEX (not the automatic ones behind UNIQUE and PRIMARY KEY). */
  readonly indexes: readonly SchemaObject[]
  readonly triggers: readonly SchemaObject[]
  /** Triggers on other tables whose SQL names the table (they are kept as they are). */
  readonly referencingTriggers: readonly SchemaObject[]
  /** Views that name the table, directly or through other views, in creation order. */
  readonly views: readonly SchemaObject[]
  readonly incomingForeignKeys: readonly IncomingForeignKey[]
  /** The AUTOINCREMENT counter in `sqlite_sequence`, if the table has one. */
  readonly sequence: number | undefined
}

interface MasterRow {
  type: string
  name: string
  tbl_name: string
  sql: string | null
}

/**
 * Reads one table. Throws `TABLE_NOT_FOUND` when it does not exist and
 * `UNSUPPORTED_OPERATION` for virtual tables.
 *
 * @example
 * const live = await readTable(connection, 'users')
 * live.definition.columns.map((c) => c.name) // ['id', 'email']
 */
export async function readTable(connection: DialectConnection, table: string): Promise<LiveTable> {
  const master = (
    await connection.query(
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' OR name = 'sqlite_sequence' ORDER BY rowid",
    )
  ).rows as unknown as MasterRow[]
  const row = master.find((entry) => entry.type === 'table' && sameName(entry.name, table))
  if (!row || row.sql === null) {
    throw new MigrationError('TABLE_NOT_FOUND', `Table '${table}' does not exist`)
  }
  if (/^\s*CREATE\s+VIRTUAL\b/i.test(row.sql)) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `Table '${row.name}' is a virtual table; Stratum cannot rebuild it`,
      { hint: 'Drop and recreate the virtual table with execute().' },
    )
  }
  const name = row.name
  const definition = parseCreateTable(row.sql)
  await checkColumns(connection, name, definition)
  const onTable = (type: string) =>
    master
      .filter(
        (entry) => entry.type === type && sameName(entry.tbl_name, name) && entry.sql !== null,
      )
      .map((entry) => ({ name: entry.name, sql: entry.sql as string }))
  return {
    name,
    definition,
    indexes: onTable('index'),
    triggers: onTable('trigger'),
    referencingTriggers: master
      .filter(
        (entry) =>
          entry.type === 'trigger' &&
          entry.sql !== null &&
          !sameName(entry.tbl_name, name) &&
          mentions(tokenize(entry.sql), name),
      )
      .map((entry) => ({ name: entry.name, sql: entry.sql as string })),
    views: dependentViews(master, name),
    incomingForeignKeys: await incomingForeignKeys(connection, name),
    sequence: master.some((entry) => entry.name === 'sqlite_sequence')
      ? await sequenceOf(connection, name)
      : undefined,
  }
}

/** The parse must agree with SQLite about the columns, or the rebuild would lose data. */
async function checkColumns(
  connection: DialectConnection,
  table: string,
  definition: TableDefinition,
): Promise<void> {
  const { rows } = await connection.query('SELECT name FROM pragma_table_xinfo(?) ORDER BY cid', [
    table,
  ])
  assertParsedColumns(
    table,
    definition,
    rows.map((row) => String(row.name)),
  )
}

/**
 * Throws `SQL_PARSE_ERROR` unless the parsed definition has exactly the columns SQLite
 * reports (`live`, from `pragma_table_xinfo`, in order): what Stratum reads from the
 * `CREATE TABLE` text must describe the table SQLite actually has.
 *
 * @example
 * assertParsedColumns('t', parseCreateTable('CREATE TABLE t (a, b)'), ['a', 'b']) // passes
 */
export function assertParsedColumns(
  table: string,
  definition: TableDefinition,
  live: readonly string[],
): void {
  const parsed = definition.columns.map((column) => column.name)
  if (live.length !== parsed.length || live.some((column, i) => column !== parsed[i])) {
    throw new MigrationError(
      'SQL_PARSE_ERROR',
      `Stratum misread the definition of table '${table}': it found columns (${parsed.join(', ')}) where SQLite has (${live.join(', ')})`,
      { hint: 'Please report this with the table definition (sqlite3 app.db ".schema TABLE").' },
    )
  }
}

function dependentViews(master: readonly MasterRow[], table: string): SchemaObject[] {
  const views = master
    .filter((entry) => entry.type === 'view' && entry.sql !== null)
    .map((entry) => ({
      name: entry.name,
      sql: entry.sql as string,
      tokens: tokenize(entry.sql as string),
    }))
  const names = [table]
  const found = new Set<string>()
  for (let grew = true; grew; ) {
    grew = false
    for (const view of views) {
      if (found.has(view.name)) continue
      if (names.some((name) => mentions(view.tokens, name))) {
        found.add(view.name)
        names.push(view.name)
        grew = true
      }
    }
  }
  return views.filter((view) => found.has(view.name)).map(({ name, sql }) => ({ name, sql }))
}

async function incomingForeignKeys(
  connection: DialectConnection,
  table: string,
): Promise<IncomingForeignKey[]> {
  const { rows } = await connection.query(
    `SELECT m.name AS child, f.id AS id, f."from" AS from_column, f."to" AS to_column, f."table" AS parent
       FROM sqlite_master AS m, pragma_foreign_key_list(m.name) AS f
      WHERE m.type = 'table'
      ORDER BY m.name, f.id, f.seq`,
  )
  const keys = new Map<string, { table: string; columns: string[]; referencedColumns: string[] }>()
  for (const row of rows) {
    if (!sameName(String(row.parent), table)) continue
    const key = `${String(row.child)}\0${String(row.id)}`
    let entry = keys.get(key)
    if (!entry) {
      entry = { table: String(row.child), columns: [], referencedColumns: [] }
      keys.set(key, entry)
    }
    entry.columns.push(String(row.from_column))
    if (row.to_column !== null) entry.referencedColumns.push(String(row.to_column))
  }
  return [...keys.values()]
}

async function sequenceOf(
  connection: DialectConnection,
  table: string,
): Promise<number | undefined> {
  const { rows } = await connection.query('SELECT seq FROM sqlite_sequence WHERE name = ?', [table])
  const seq = rows[0]?.seq
  return seq === undefined || seq === null ? undefined : Number(seq)
}
