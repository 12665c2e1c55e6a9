/**
 * Whether the version table still says what Stratum wrote. Someone editing the tables by
 * hand, deleting a revision file or dropping the history table shows up here: `status`
 * reports each problem in its own words, and `upgrade` and `downgrade` refuse to start
 * (before anything runs) until `repair`, `stamp` or a restored file resolves it.
 */
import { VersionStateError } from '../errors.js'
import { ancestorsOf, type RevisionGraph } from '../revision/index.js'
import type { HistoryRow } from './history-table.js'
import type { StateTables } from './tables.js'

/** The last run the history records, and what the version table says instead. */
export interface HistoryMismatch {
  /** The revision the last recorded run applied or undid. */
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  /** The version rows, sorted (`[]` at base). */
  readonly rows: readonly string[]
}

/** What is wrong with the version table (every list empty when nothing is). */
export interface VersionStateProblems {
  /** Rows no file declares and that never ran here (typed in by hand, or another tool's). */
  readonly unknownRows: readonly string[]
  /** Rows no file declares although they ran here: the file was deleted after it ran. */
  readonly deletedFiles: readonly string[]
  /** Rows another row implies (its ancestor or dependency): one row per head is expected. */
  readonly redundantRows: readonly { readonly row: string; readonly impliedBy: string }[]
  /** The version table has rows but the history table does not exist. */
  readonly historyMissing: boolean
  /** The last run the history records disagrees with the rows. */
  readonly historyMismatch: HistoryMismatch | undefined
}

/** What {@link versionStateProblems} looks at. */
export interface VersionStateInput {
  readonly graph: RevisionGraph
  /** The version rows; undefined when the version table does not exist. */
  readonly rows: readonly string[] | undefined
  /** The history rows (`readHistory`), oldest first. */
  readonly history: readonly HistoryRow[]
  /** Whether the history table exists (only asked when the rows are not empty). */
  readonly historyExists: () => Promise<boolean>
}

/**
 * The problems of the version table, compared with the graph and the history.
 *
 * @example
 * const problems = await versionStateProblems({ graph, rows, history, historyExists })
 * problems.redundantRows // [{ row: 'a', impliedBy: 'b' }]
 */
export async function versionStateProblems(
  input: VersionStateInput,
): Promise<VersionStateProblems> {
  const { graph, history } = input
  const rows = input.rows ?? []
  const ran = new Set(history.map((row) => row.revision))
  const missing = rows.filter((row) => !graph.has(row))
  const known = rows.filter((row) => graph.has(row))
  const historyMissing = rows.length > 0 && history.length === 0 && !(await input.historyExists())
  return {
    unknownRows: missing.filter((row) => !ran.has(row)),
    deletedFiles: missing.filter((row) => ran.has(row)),
    redundantRows: redundantRows(graph, known),
    historyMissing,
    historyMismatch: missing.length > 0 ? undefined : historyMismatch(graph, known, history),
  }
}

/** Rows implied by another row, each with one row that implies it. */
function redundantRows(
  graph: RevisionGraph,
  rows: readonly string[],
): { row: string; impliedBy: string }[] {
  if (rows.length < 2) return []
  const implied = ancestorsOf(graph, rows, { inclusive: false })
  return rows
    .filter((row) => implied.has(row))
    .map((row) => ({
      row,
      impliedBy: rows.find((other) => other !== row && ancestorsOf(graph, [other]).has(row)) ?? row,
    }))
}

/**
 * The history's last run of a revision (an upgrade or downgrade that completed) says that
 * revision is applied, or not; the rows must agree. Stamps and repairs are the user's word
 * for what is true, so after one nothing is compared.
 */
function historyMismatch(
  graph: RevisionGraph,
  rows: readonly string[],
  history: readonly HistoryRow[],
): HistoryMismatch | undefined {
  const last = history.at(-1)
  if (last === undefined || last.outcome !== 'applied' || !graph.has(last.revision)) {
    return undefined
  }
  if (last.direction !== 'upgrade' && last.direction !== 'downgrade') return undefined
  const applied = ancestorsOf(graph, rows).has(last.revision)
  if (applied === (last.direction === 'upgrade')) return undefined
  return { revision: last.revision, direction: last.direction, rows: [...rows].sort() }
}

/** Whether any problem was found. */
export function hasVersionStateProblems(problems: VersionStateProblems): boolean {
  return (
    problems.unknownRows.length > 0 ||
    problems.deletedFiles.length > 0 ||
    problems.redundantRows.length > 0 ||
    problems.historyMissing ||
    problems.historyMismatch !== undefined
  )
}

const quoted = (ids: readonly string[]) => ids.map((id) => `'${id}'`).join(', ')
const listed = (ids: readonly string[]) => (ids.length === 0 ? 'base' : ids.join(' '))

/**
 * Throws a `VersionStateError` for the first problem: a deleted file, an unknown row, a
 * redundant row, a missing history table, then a disagreement with the history.
 *
 * @example
 * checkVersionState(problems, context.tables)
 */
export function checkVersionState(problems: VersionStateProblems, tables: StateTables): void {
  const version = tables.version.table
  const history = tables.history.table
  const [deleted] = problems.deletedFiles
  if (deleted !== undefined) {
    throw new VersionStateError(
      'REVISION_FILE_DELETED',
      `The version table ${version} holds '${deleted}', which the history records but no revision file declares any more: its file was deleted`,
      {
        hint: "Restore the file from version control; if the database must move elsewhere, set the version table with 'stratum stamp --purge REV'.",
      },
    )
  }
  if (problems.unknownRows.length > 0) {
    throw new VersionStateError(
      'UNKNOWN_VERSION_ROW',
      `The version table ${version} holds ${quoted(problems.unknownRows)}, which no revision file declares and which never ran here`,
      {
        hint: "Someone (or another tool) wrote it: find out where the database stands, then set the version table with 'stratum stamp --purge REV'.",
      },
    )
  }
  const [redundant] = problems.redundantRows
  if (redundant !== undefined) {
    throw new VersionStateError(
      'REDUNDANT_VERSION_ROWS',
      `The version table ${version} holds '${redundant.row}' and '${redundant.impliedBy}', but '${redundant.impliedBy}' already implies '${redundant.row}': one row per head is expected`,
      {
        hint: `Someone edited the table: find out where the database stands, then set it with 'stratum stamp --purge REV' (e.g. 'stratum stamp --purge ${redundant.impliedBy}').`,
      },
    )
  }
  if (problems.historyMissing) {
    throw new VersionStateError(
      'HISTORY_TABLE_MISSING',
      `The history table ${history} does not exist, but the version table ${version} holds revisions: it was dropped, or another tool migrated this database`,
      {
        hint: "Restore it from a backup, or start a new history with the files as they are now: 'stratum repair'.",
      },
    )
  }
  const mismatch = problems.historyMismatch
  if (mismatch !== undefined) {
    const did = mismatch.direction === 'upgrade' ? 'applied' : 'undid'
    throw new VersionStateError(
      'HISTORY_MISMATCH',
      `The version table ${version} says ${listed(mismatch.rows)}, but the last run the history ${history} records ${did} revision '${mismatch.revision}': someone changed the version table`,
      {
        hint: "If the version table is right, accept it with 'stratum repair'; otherwise set it to where the database stands with 'stratum stamp REV'.",
      },
    )
  }
}
