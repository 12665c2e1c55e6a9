/**
 * The version table in SQL: one `version_num varchar(32)` column, the primary key, one row
 * per current head (Alembic's layout, so `versionTable: 'alembic_version'` works). The
 * plans in `src/revision` say which rows change; this file writes those changes as SQL with
 * literal values (the same text online and offline) and checks them online.
 */
import type { CompiledStep, Dialect, DialectConnection } from '../dialects/dialect.js'
import { VersionTableConflictError } from '../errors.js'
import type { TableTarget } from '../operations/types.js'
import type { VersionChange } from '../revision/index.js'

/** The version table's only column. */
export const VERSION_COLUMN = 'version_num'

/**
 * The statements that create the version table (the dialect compiles a `createTable`
 * operation, so quoting and types follow its rules). The primary key is named
 * `<table>_pkc`, as Alembic names it.
 *
 * @example
 * createVersionTable(postgresDialect, { table: 'stratum_version' })
 * // [{ sql: 'CREATE TABLE "stratum_version" ("version_num" varchar(32) NOT NULL, CONSTRAINT ...' }]
 */
export function createVersionTable(dialect: Dialect, target: TableTarget): readonly CompiledStep[] {
  return dialect.compile({
    kind: 'createTable',
    table: target.table,
    ...(target.schema === undefined ? {} : { schema: target.schema }),
    columns: [{ name: VERSION_COLUMN, type: 'varchar(32)', nullable: false }],
    primaryKey: { columns: [VERSION_COLUMN], name: `${target.table}_pkc` },
  })
}

/**
 * One version-table change as a statement with literal values.
 *
 * @example
 * versionChangeSql(dialect, { table: 'stratum_version' }, { kind: 'update', from: 'a', to: 'b' })
 * // `UPDATE "stratum_version" SET "version_num" = 'b' WHERE "version_num" = 'a'`
 */
export function versionChangeSql(
  dialect: Dialect,
  target: TableTarget,
  change: VersionChange,
): string {
  const table = dialect.quoteTable(target)
  const column = dialect.quoteIdentifier(VERSION_COLUMN)
  switch (change.kind) {
    case 'insert':
      return `INSERT INTO ${table} (${column}) VALUES (${dialect.literal(change.revision)})`
    case 'update':
      return `UPDATE ${table} SET ${column} = ${dialect.literal(change.to)} WHERE ${column} = ${dialect.literal(change.from)}`
    case 'delete':
      return `DELETE FROM ${table} WHERE ${column} = ${dialect.literal(change.revision)}`
  }
}

/**
 * Reads the version rows, sorted; `undefined` when the table does not exist (never
 * creates it).
 *
 * @example
 * await readVersionRows(connection, { table: 'stratum_version' }) // ['3f2a9c1b7d4e']
 */
export async function readVersionRows(
  connection: DialectConnection,
  target: TableTarget,
): Promise<string[] | undefined> {
  if (!(await connection.tableExists(target))) return undefined
  const { dialect } = connection
  const { rows } = await connection.query(
    `SELECT ${dialect.quoteIdentifier(VERSION_COLUMN)} AS v FROM ${dialect.quoteTable(target)}`,
  )
  return rows.map((row) => String(row.v)).sort()
}

/**
 * Applies version-table changes on the connection, one statement each, and checks that
 * every UPDATE and DELETE matched exactly one row: anything else means someone changed
 * the table behind the lock's back (`VersionTableConflictError`).
 *
 * @example
 * await writeVersionChanges(connection, target, step.versionChanges)
 */
export async function writeVersionChanges(
  connection: DialectConnection,
  target: TableTarget,
  changes: readonly VersionChange[],
): Promise<void> {
  for (const change of changes) {
    const { affectedRows } = await connection.query(
      versionChangeSql(connection.dialect, target, change),
    )
    if (change.kind !== 'insert' && affectedRows !== 1) {
      const row = change.kind === 'update' ? change.from : change.revision
      const rows = (await readVersionRows(connection, target)) ?? []
      throw new VersionTableConflictError(
        `Version table conflict: cannot ${change.kind} '${row}': ${affectedRows === 0 ? 'no such row' : `${affectedRows} rows matched`} (rows: ${rows.length === 0 ? 'none' : rows.join(', ')})`,
        rows,
      )
    }
  }
}
