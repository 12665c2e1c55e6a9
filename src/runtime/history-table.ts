/**
 * The history table: one row per revision run, stamp or repair — what ran, which way,
 * when, how long, the checksum of the file that ran, how it ended, how far it got, who
 * ran it and with which Stratum version. It is how Stratum notices that an applied
 * revision's file has changed, and what a half-applied revision (MySQL) left behind.
 *
 * Its name is `stratum_history`, or `<versionTable>_history` when the version table is not
 * the default one (so two Stratum setups, or an `alembic_version` table, each get their
 * own). Ids are assigned by Stratum under the migration lock (no sequences or identity
 * columns, so the statements are the same on every dialect and in offline scripts).
 */
import { readFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import type { CompiledStep, Dialect, DialectConnection } from '../dialects/dialect.js'
import type { TableTarget } from '../operations/types.js'

/** What a history row records as its kind of run. */
export type HistoryDirection = 'upgrade' | 'downgrade' | 'stamp' | 'repair'

/**
 * How a run ended: `running` (started, not finished: in progress, or killed), `applied`,
 * `failed` (nothing of it remains), `partial` (some statements ran and stayed),
 * `repaired` (a repair, or a partial run someone resolved).
 */
export type HistoryOutcome = 'running' | 'applied' | 'failed' | 'partial' | 'repaired'

/** One row of the history table. */
export interface HistoryRecord {
  readonly id: number
  readonly revision: string
  readonly direction: HistoryDirection
  readonly startedAt: Date
  readonly finishedAt?: Date | undefined
  readonly durationMs?: number | undefined
  readonly checksum?: string | undefined
  /** A repair's replaced checksum. */
  readonly previousChecksum?: string | undefined
  readonly outcome: HistoryOutcome
  readonly statementsTotal?: number | undefined
  readonly statementsDone?: number | undefined
  /** The error of a failed run, secrets masked. */
  readonly error?: string | undefined
  /** What a stamp or repair did, in words. */
  readonly note?: string | undefined
  readonly host?: string | undefined
  readonly osUser?: string | undefined
  readonly toolVersion?: string | undefined
}

/** The default history table name. */
export const DEFAULT_HISTORY_TABLE = 'stratum_history'

/**
 * The history table that goes with a version table: `stratum_history` next to the default
 * `stratum_version`, else `<versionTable>_history`, in the same schema.
 *
 * @example
 * historyTableFor({ table: 'alembic_version' }) // { table: 'alembic_version_history' }
 */
export function historyTableFor(version: TableTarget): TableTarget {
  const table =
    version.table === 'stratum_version' ? DEFAULT_HISTORY_TABLE : `${version.table}_history`
  return version.schema === undefined ? { table } : { table, schema: version.schema }
}

const COLUMNS: readonly (readonly [keyof HistoryRecord, string])[] = [
  ['id', 'id'],
  ['revision', 'revision'],
  ['direction', 'direction'],
  ['startedAt', 'started_at'],
  ['finishedAt', 'finished_at'],
  ['durationMs', 'duration_ms'],
  ['checksum', 'checksum'],
  ['previousChecksum', 'previous_checksum'],
  ['outcome', 'outcome'],
  ['statementsTotal', 'statements_total'],
  ['statementsDone', 'statements_done'],
  ['error', 'error'],
  ['note', 'note'],
  ['host', 'host'],
  ['osUser', 'os_user'],
  ['toolVersion', 'tool_version'],
]

/**
 * The statements that create the history table.
 *
 * @example
 * createHistoryTable(sqliteDialect, { table: 'stratum_history' })
 */
export function createHistoryTable(
  dialect: Dialect,
  target: TableTarget,
  options: { readonly ifNotExists?: boolean } = {},
): readonly CompiledStep[] {
  const text = (name: string, length: number, nullable = true) => ({
    name,
    type: `varchar(${length})`,
    nullable,
  })
  return dialect.compile({
    kind: 'createTable',
    table: target.table,
    ...(target.schema === undefined ? {} : { schema: target.schema }),
    columns: [
      { name: 'id', type: 'integer', nullable: false },
      text('revision', 32, false),
      text('direction', 16, false),
      { name: 'started_at', type: 'timestamptz', nullable: false },
      { name: 'finished_at', type: 'timestamptz' },
      { name: 'duration_ms', type: 'integer' },
      text('checksum', 64),
      text('previous_checksum', 64),
      text('outcome', 16, false),
      { name: 'statements_total', type: 'integer' },
      { name: 'statements_done', type: 'integer' },
      { name: 'error', type: 'text' },
      { name: 'note', type: 'text' },
      text('host', 255),
      text('os_user', 255),
      text('tool_version', 32),
    ],
    primaryKey: { columns: ['id'], name: `${target.table}_pkey` },
    ...(options.ifNotExists ? { ifNotExists: true } : {}),
  })
}

/**
 * An INSERT of one history row, values as literals.
 *
 * @example
 * insertHistorySql(dialect, target, { id: 1, revision: 'a1', direction: 'upgrade', startedAt, outcome: 'applied' })
 */
export function insertHistorySql(
  dialect: Dialect,
  target: TableTarget,
  record: HistoryRecord,
): string {
  const present = COLUMNS.filter(([key]) => record[key] !== undefined)
  const names = present.map(([, column]) => dialect.quoteIdentifier(column)).join(', ')
  const values = present.map(([key]) => dialect.literal(record[key])).join(', ')
  return `INSERT INTO ${dialect.quoteTable(target)} (${names}) VALUES (${values})`
}

/**
 * Like {@link insertHistorySql}, but the row's `revision` is computed from the version
 * table: it is NULL — and the NOT NULL column makes the INSERT fail — unless the version
 * table holds exactly `expectedRows`. Sent in the same batch as a revision's version-table
 * changes, it proves they did what the plan said (an UPDATE or DELETE that matched no row
 * leaves other rows) without a round trip of its own.
 *
 * @example
 * guardedHistoryInsertSql(dialect, { history, version }, record, ['b'])
 */
export function guardedHistoryInsertSql(
  dialect: Dialect,
  tables: { readonly history: TableTarget; readonly version: TableTarget },
  record: HistoryRecord,
  expectedRows: readonly string[],
): string {
  const column = dialect.quoteIdentifier('version_num')
  const count = expectedRows.length
  const condition =
    count === 0
      ? 'COUNT(*) = 0'
      : `COUNT(*) = ${count} AND SUM(CASE WHEN ${column} IN (${expectedRows.map((row) => dialect.literal(row)).join(', ')}) THEN 1 ELSE 0 END) = ${count}`
  const guard = `(SELECT CASE WHEN ${condition} THEN ${dialect.literal(record.revision)} END FROM ${dialect.quoteTable(tables.version)})`
  const present = COLUMNS.filter(([key]) => record[key] !== undefined)
  const names = present.map(([, name]) => dialect.quoteIdentifier(name)).join(', ')
  const values = present
    .map(([key]) => (key === 'revision' ? guard : dialect.literal(record[key])))
    .join(', ')
  return `INSERT INTO ${dialect.quoteTable(tables.history)} (${names}) VALUES (${values})`
}

/**
 * An UPDATE of some fields of the history row `id`.
 *
 * @example
 * updateHistorySql(dialect, target, 7, { statementsDone: 2 })
 */
export function updateHistorySql(
  dialect: Dialect,
  target: TableTarget,
  id: number,
  fields: Partial<Omit<HistoryRecord, 'id'>>,
): string {
  const sets = COLUMNS.filter(([key]) => key !== 'id' && key in fields)
    .map(
      ([key, column]) =>
        `${dialect.quoteIdentifier(column)} = ${dialect.literal((fields as Partial<HistoryRecord>)[key])}`,
    )
    .join(', ')
  return `UPDATE ${dialect.quoteTable(target)} SET ${sets} WHERE ${dialect.quoteIdentifier('id')} = ${id}`
}

/** The history rows the runtime looks at: ones that record an applied state or a run in progress. */
export interface HistoryRow {
  readonly id: number
  readonly revision: string
  readonly direction: HistoryDirection
  readonly outcome: HistoryOutcome
  readonly checksum: string | undefined
  readonly statementsDone: number | undefined
  readonly statementsTotal: number | undefined
}

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value)
}

/**
 * Reads the history rows that matter for checks (outcomes `applied`, `repaired`, `running`,
 * `partial`), oldest first; `[]` when the table does not exist.
 *
 * @example
 * const rows = await readHistory(connection, historyTableFor(versionTarget))
 */
export async function readHistory(
  connection: DialectConnection,
  target: TableTarget,
): Promise<HistoryRow[]> {
  if (!(await connection.tableExists(target))) return []
  const { dialect } = connection
  const q = (name: string) => dialect.quoteIdentifier(name)
  const { rows } = await connection.query(
    `SELECT ${q('id')} AS id, ${q('revision')} AS revision, ${q('direction')} AS direction, ${q('outcome')} AS outcome, ${q('checksum')} AS checksum, ${q('statements_done')} AS done, ${q('statements_total')} AS total FROM ${dialect.quoteTable(target)} WHERE ${q('outcome')} IN ('applied', 'repaired', 'running', 'partial') ORDER BY ${q('id')}`,
  )
  return rows.map((row) => ({
    id: Number(row.id),
    revision: String(row.revision),
    direction: String(row.direction) as HistoryDirection,
    outcome: String(row.outcome) as HistoryOutcome,
    checksum:
      row.checksum === null || row.checksum === undefined ? undefined : String(row.checksum),
    statementsDone: optionalNumber(row.done),
    statementsTotal: optionalNumber(row.total),
  }))
}

/**
 * The next free history id (the largest plus one). Only meaningful under the migration
 * lock, which every writer of the history table holds.
 *
 * @example
 * let id = await nextHistoryId(connection, target)
 */
export async function nextHistoryId(
  connection: DialectConnection,
  target: TableTarget,
): Promise<number> {
  const { dialect } = connection
  const { rows } = await connection.query(
    `SELECT MAX(${dialect.quoteIdentifier('id')}) AS m FROM ${dialect.quoteTable(target)}`,
  )
  const max = rows[0]?.m
  return max === null || max === undefined ? 1 : Number(max) + 1
}

/** Who and what runs: recorded on every history row. */
export interface RunIdentity {
  readonly host: string
  readonly osUser: string | undefined
  readonly toolVersion: string
}

let identity: RunIdentity | undefined

/**
 * This machine's host name, the OS user, and Stratum's version (from its package.json).
 *
 * @example
 * runIdentity() // { host: 'deploy-1', osUser: 'app', toolVersion: '0.1.0' }
 */
export function runIdentity(): RunIdentity {
  if (identity === undefined) {
    let osUser: string | undefined
    try {
      osUser = userInfo().username
    } catch {
      osUser = process.env.USER ?? process.env.USERNAME
    }
    let toolVersion = 'unknown'
    try {
      const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
      if (typeof pkg.version === 'string') toolVersion = pkg.version
    } catch {
      // Stays 'unknown': the version is informative only.
    }
    identity = { host: hostname(), osUser, toolVersion }
  }
  return identity
}

/**
 * A history INSERT for an offline script: the id is computed by the statement itself
 * (`MAX(id) + 1`, the script runs alone) and the times are the database's clock when the
 * script runs. Records the file's checksum, so a database migrated from a script is
 * checked like one migrated online.
 *
 * @example
 * offlineHistoryInsertSql(dialect, target, { revision: 'a1', direction: 'upgrade', checksum, note: 'offline script' })
 */
export function offlineHistoryInsertSql(
  dialect: Dialect,
  target: TableTarget,
  record: {
    readonly revision: string
    readonly direction: HistoryDirection
    readonly checksum?: string | undefined
    readonly note: string
  },
): string {
  const q = (name: string) => dialect.quoteIdentifier(name)
  const table = dialect.quoteTable(target)
  const { toolVersion } = runIdentity()
  const columns = [
    'id',
    'revision',
    'direction',
    'started_at',
    'finished_at',
    'checksum',
    'outcome',
    'note',
    'tool_version',
  ]
  const values = [
    `COALESCE(MAX(${q('id')}), 0) + 1`,
    dialect.literal(record.revision),
    dialect.literal(record.direction),
    'CURRENT_TIMESTAMP',
    'CURRENT_TIMESTAMP',
    dialect.literal(record.checksum ?? null),
    dialect.literal('applied'),
    dialect.literal(record.note),
    dialect.literal(toolVersion),
  ]
  return `INSERT INTO ${table} (${columns.map(q).join(', ')}) SELECT ${values.join(', ')} FROM ${table}`
}
