/**
 * What must hold before a run may touch the database: every applied revision's file is
 * the one that ran (checksums), and no revision is left half-applied.
 */
import { ChecksumMismatchError, PartiallyAppliedError } from '../errors.js'
import { appliedRevisions, type RevisionGraph } from '../revision/index.js'
import { fileChecksums } from './checksums.js'
import type { HistoryRow } from './history-table.js'

/** An applied revision whose file differs from the one that ran, or is gone. */
export interface ChangedFile {
  readonly revision: string
  readonly path: string
  readonly recorded: string
  /** Undefined when the file cannot be read. */
  readonly actual: string | undefined
}

/**
 * The checksum each revision was last applied, stamped or repaired with, from the history
 * rows (oldest first). Runs of `downgrade` do not count: they leave nothing applied.
 *
 * @example
 * recordedChecksums(history).get('ae1027a6acf') // 'c0ffee...'
 */
export function recordedChecksums(history: readonly HistoryRow[]): Map<string, string> {
  const sums = new Map<string, string>()
  for (const row of history) {
    if (row.checksum === undefined || row.direction === 'downgrade') continue
    if (row.outcome === 'applied' || row.outcome === 'repaired')
      sums.set(row.revision, row.checksum)
  }
  return sums
}

/** What to compare: the graph, the database's rows and history, the files' checksums. */
export interface ChecksumCheck {
  readonly graph: RevisionGraph
  /** The version-table rows. */
  readonly rows: readonly string[]
  readonly history: readonly HistoryRow[]
  /** Checksums computed already, by path (as the graph was read); other files are read. */
  readonly checksums?: ReadonlyMap<string, string> | undefined
}

/**
 * The applied revisions (the rows and what they imply) whose file no longer matches the
 * recorded checksum. Revisions without a recorded checksum (applied by another tool, or
 * before the history table existed) are not checked.
 *
 * @example
 * const changed = await changedFiles({ graph, rows, history })
 */
export async function changedFiles(check: ChecksumCheck): Promise<ChangedFile[]> {
  const { graph, rows, history } = check
  const recorded = recordedChecksums(history)
  const applied = appliedRevisions(graph, rows).filter((id) => recorded.has(id))
  const paths = applied.map((id) => graph.get(id).path)
  const actual = await fileChecksums(paths, check.checksums)
  const changed: ChangedFile[] = []
  for (const id of applied) {
    const path = graph.get(id).path
    const sum = actual.get(path)
    const expected = recorded.get(id)!
    if (sum !== expected) changed.push({ revision: id, path, recorded: expected, actual: sum })
  }
  return changed
}

/**
 * Throws `ChecksumMismatchError` for the first changed file (in graph order).
 *
 * @example
 * await checkChecksums({ graph, rows, history })
 */
export async function checkChecksums(check: ChecksumCheck): Promise<void> {
  const [first] = await changedFiles(check)
  if (first !== undefined) {
    throw new ChecksumMismatchError({
      revision: first.revision,
      path: first.path,
      recorded: first.recorded,
      actual: first.actual ?? '(missing)',
    })
  }
}

/**
 * History rows of revisions that ran in part and that nobody resolved: outcome `partial`,
 * or `running` — under the migration lock nothing else can be running, so such a row is a
 * run that was killed.
 *
 * @example
 * unresolvedPartials(history) // [{ revision: 'b2', statementsDone: 2, statementsTotal: 4, ... }]
 */
export function unresolvedPartials(history: readonly HistoryRow[]): HistoryRow[] {
  return history.filter((row) => row.outcome === 'partial' || row.outcome === 'running')
}

/**
 * Throws `PartiallyAppliedError` for the first unresolved partial revision.
 *
 * @example
 * checkPartials(history)
 */
export function checkPartials(history: readonly HistoryRow[]): void {
  const [first] = unresolvedPartials(history)
  if (first !== undefined) {
    throw new PartiallyAppliedError({
      revision: first.revision,
      statementsDone: first.statementsDone ?? 0,
      statementsTotal: first.statementsTotal,
    })
  }
}
