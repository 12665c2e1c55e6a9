/**
 * Read-only questions about the database: `current` (never creates a table, takes no
 * lock), whether it is at the heads, and `status` (current, heads, pending revisions in
 * order, lock holder, changed files, missing files, partial revisions, and what is wrong
 * with the version table).
 */
import type { LockHolder } from '../dialects/dialect.js'
import {
  ancestorsOf,
  impliedRevisions,
  planUpgrade,
  type Revision,
  type RevisionGraph,
} from '../revision/index.js'
import { type ChangedFile, changedFiles, unresolvedPartials } from './checks.js'
import type { DatabaseContext } from './database-context.js'
import { type HistoryDirection, readHistory } from './history-table.js'
import { type VersionStateProblems, versionStateProblems } from './version-state.js'
import { readVersionRows } from './version-table.js'

/** What `current --verbose` shows. */
export interface CurrentDetails {
  /** The version-table rows, sorted; `[]` at base or without a version table. */
  readonly rows: readonly string[]
  /** The rows plus the revisions they imply through `dependsOn` (what `current` prints). */
  readonly current: readonly string[]
  /** The revision objects of `current`. */
  readonly revisions: readonly Revision[]
  /** The graph's heads (`heads`: the real heads). */
  readonly heads: readonly string[]
  /** True when every head is applied and nothing else is pending (`current --check-heads`). */
  readonly atHeads: boolean
  /** False when the version table does not exist yet. */
  readonly versionTableExists: boolean
}

/** A revision that ran in part and nobody resolved yet. */
export interface PartialRevision {
  readonly revision: string
  readonly direction: HistoryDirection
  readonly statementsDone: number
  /** Undefined when the count was not known in advance. */
  readonly statementsTotal: number | undefined
  /** `running` when the run was killed, `partial` when it failed. */
  readonly outcome: 'running' | 'partial'
}

/** What `status` shows. */
export interface StatusReport extends CurrentDetails {
  /** Revisions `upgrade heads` would apply, in order. */
  readonly pending: readonly Revision[]
  /** Who holds the migration lock right now, if anyone. */
  readonly lockHolder: LockHolder | undefined
  /** Applied revisions whose file changed since it ran. */
  readonly changedFiles: readonly ChangedFile[]
  /** Rows naming revisions no file declares. */
  readonly missingRevisions: readonly string[]
  readonly partialRevisions: readonly PartialRevision[]
  /** What is wrong with the version table: unknown or redundant rows, deleted files, the history. */
  readonly versionState: VersionStateProblems
}

function details(
  graph: RevisionGraph,
  rows: readonly string[] | undefined,
): CurrentDetails & { known: readonly string[] } {
  const all = rows ?? []
  const known = all.filter((row) => graph.has(row))
  // One traversal serves both `current` and `atHeads` (a graph of thousands of revisions
  // makes each one count): what `impliedRevisions` computes, from the applied set.
  const applied = ancestorsOf(graph, known)
  const current = [...applied]
    .filter((id) => !graph.get(id).children.some((child) => applied.has(child)))
    .sort()
  const heads = graph.realHeads()
  // The applied set is closed under ancestors: the heads are applied iff nothing is pending.
  return {
    rows: all,
    current,
    revisions: current.map((id) => graph.get(id)),
    heads,
    atHeads: known.length === all.length && heads.every((head) => applied.has(head)),
    versionTableExists: rows !== undefined,
    known,
  }
}

/**
 * The database's current revisions, with details. Throws `MigrationNotFoundError` when a
 * row names a revision no file declares (use `status` to see such rows).
 *
 * @example
 * const { current, atHeads } = await currentDetails(context)
 */
export async function currentDetails(context: DatabaseContext): Promise<CurrentDetails> {
  const { graph } = context
  const rows = await readVersionRows(context.connection, context.tables.version)
  // Throws the MigrationNotFoundError naming the row.
  if (rows?.some((row) => !graph.has(row))) impliedRevisions(graph, rows)
  const { known: _known, ...result } = details(graph, rows)
  return result
}

/**
 * The status report. Reads only; takes no lock (it reports who holds it).
 *
 * @example
 * const status = await statusOf(context)
 * status.pending.map((r) => r.revision)
 */
export async function statusOf(context: DatabaseContext): Promise<StatusReport> {
  const { connection, graph, tables } = context
  const rows = await readVersionRows(connection, tables.version)
  const { known, ...current } = details(graph, rows)
  const history = await readHistory(connection, tables.history)
  // At the heads nothing is pending: no need to plan over the whole graph.
  const pending =
    known.length === current.rows.length && !current.atHeads
      ? planUpgrade(graph, known, 'heads')
      : []
  const lockHolder = await connection.lockHolder(context.scope)
  const versionState = await versionStateProblems({
    graph,
    rows,
    history,
    historyExists: () => connection.tableExists(tables.history),
  })
  return {
    ...current,
    pending: pending.map((step) => graph.get(step.revision)),
    lockHolder,
    changedFiles: await changedFiles({ graph, rows: known, history, checksums: context.checksums }),
    missingRevisions: current.rows.filter((row) => !graph.has(row)),
    partialRevisions: unresolvedPartials(history).map((row) => ({
      revision: row.revision,
      direction: row.direction,
      statementsDone: row.statementsDone ?? 0,
      statementsTotal: row.statementsTotal,
      outcome: row.outcome as 'running' | 'partial',
    })),
    // While a run holds the lock, the rows and the history may be read on either side of a commit.
    versionState:
      lockHolder === undefined ? versionState : { ...versionState, historyMismatch: undefined },
  }
}
