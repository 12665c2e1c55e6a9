/**
 * `repair`: the user tells Stratum what is true, and Stratum records it.
 *
 * - Checksums: applied revisions whose file changed are accepted as they are now; the
 *   history records the old and the new checksum.
 * - A partially applied revision (MySQL/MariaDB, or a run outside a transaction, that failed
 *   or was killed) is resolved as `applied` (the user finished it by hand: the version table
 *   moves as if it had run) or `rolled-back` (the user undid what ran: the version table
 *   stays).
 * - The database as it is (without `resolve`): a missing history table is created, recording
 *   the applied revisions' files as they are now; a version table someone changed by hand is
 *   accepted (the history records that it was).
 */
import { UsageError } from '../errors.js'
import { appliedRevisions, minimalRows, type VersionChange } from '../revision/index.js'
import { type ChangedFile, changedFiles, unresolvedPartials } from './checks.js'
import { fileChecksum } from './checksums.js'
import { type DatabaseContext, locked } from './database-context.js'
import {
  type HistoryRecord,
  insertHistorySql,
  nextHistoryId,
  readHistory,
  updateHistorySql,
} from './history-table.js'
import { ensureTables } from './tables.js'
import { type HistoryMismatch, versionStateProblems } from './version-state.js'
import { readVersionRows, writeVersionChanges } from './version-table.js'

/** Options of `repair`. */
export interface RepairOptions {
  /**
   * Accept the current files of applied revisions whose checksum changed: `true` for all of
   * them, or a list of revision ids. Default `true` when `resolve` is not given.
   */
  readonly checksums?: boolean | readonly string[]
  /**
   * Resolve the partially applied revision: `applied` (it was finished by hand) or
   * `rolled-back` (what ran was undone by hand).
   */
  readonly resolve?: 'applied' | 'rolled-back'
}

/** What `repair` recorded. */
export interface RepairResult {
  /** The checksums accepted (old and new). */
  readonly checksums: readonly ChangedFile[]
  /** The partial revision resolved, if any. */
  readonly resolved:
    | { readonly revision: string; readonly as: 'applied' | 'rolled-back' }
    | undefined
  /** The version rows after the repair, sorted. */
  readonly current: readonly string[]
  /**
   * The applied revisions a new history table records with their files as they are now
   * (the history table was missing); `[]` otherwise.
   */
  readonly historyRecreated: readonly string[]
  /** The version table, accepted although the history's last run disagreed with it. */
  readonly acceptedVersionTable: HistoryMismatch | undefined
}

/** The version-table changes from `rows` to `next` (deletes, then inserts). */
function diffRows(rows: readonly string[], next: readonly string[]): VersionChange[] {
  return [
    ...rows
      .filter((row) => !next.includes(row))
      .map((row) => ({ kind: 'delete' as const, revision: row })),
    ...next
      .filter((row) => !rows.includes(row))
      .map((row) => ({ kind: 'insert' as const, revision: row })),
  ]
}

/**
 * Records checksums and resolves a partial revision, under the lock, in one transaction.
 * Throws `UsageError` when `resolve` is given and nothing is partially applied.
 *
 * @example
 * await repairOnline(context, {})                       // accept every changed file
 * await repairOnline(context, { resolve: 'applied' })   // I finished revision X by hand
 */
export async function repairOnline(
  context: DatabaseContext,
  options: RepairOptions,
): Promise<RepairResult> {
  const { connection, graph, tables, identity } = context
  const { dialect } = connection
  return locked(context, async () => {
    const rows = (await readVersionRows(connection, tables.version)) ?? []
    const history = await readHistory(connection, tables.history)
    const partials = unresolvedPartials(history)
    if (options.resolve !== undefined && partials.length === 0) {
      throw new UsageError('Nothing to resolve: no revision is partially applied')
    }
    const wanted = options.checksums ?? options.resolve === undefined
    const changed = wanted === false ? [] : await changedFiles({ graph, rows, history })
    const accepted =
      wanted === true
        ? changed
        : changed.filter((file) => (wanted as string[]).includes(file.revision))
    // Without --resolve, the database as it is: a missing history table, a hand-edited version table.
    const state =
      options.resolve === undefined
        ? await versionStateProblems({
            graph,
            rows,
            history,
            historyExists: () => connection.tableExists(tables.history),
          })
        : undefined
    if (state?.historyMissing) await ensureTables(connection, tables)
    const now = new Date()
    let id = await nextHistoryId(connection, tables.history).catch(() => 1)
    const record = (fields: Omit<HistoryRecord, 'id' | 'direction' | 'startedAt' | 'outcome'>) =>
      insertHistorySql(dialect, tables.history, {
        id: id++,
        direction: 'repair',
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        outcome: 'repaired',
        host: identity.host,
        osUser: identity.osUser,
        toolVersion: identity.toolVersion,
        ...fields,
      })
    const statements = accepted
      .filter((file) => file.actual !== undefined)
      .map((file) =>
        record({
          revision: file.revision,
          checksum: file.actual,
          previousChecksum: file.recorded,
          note: 'accepted the current file',
        }),
      )
    const recreated = state?.historyMissing
      ? appliedRevisions(
          graph,
          rows.filter((row) => graph.has(row)),
        )
      : []
    for (const revision of recreated) {
      const checksum = await fileChecksum(graph.get(revision).path).catch(() => undefined)
      statements.push(
        record({ revision, checksum, note: 'history table recreated: the file as it is now' }),
      )
    }
    const mismatch = state?.historyMismatch
    if (mismatch !== undefined) {
      const did = mismatch.direction === 'upgrade' ? 'applied' : 'undid'
      const at = mismatch.rows.length === 0 ? 'base' : mismatch.rows.join(', ')
      statements.push(
        record({
          revision: mismatch.revision,
          note: `version table accepted as it is (${at}), although the last run ${did} ${mismatch.revision}`,
        }),
      )
    }
    let changes: VersionChange[] = []
    let next: readonly string[] = rows
    const partial = partials[0]
    if (options.resolve !== undefined && partial !== undefined) {
      if (options.resolve === 'applied') {
        const applied = new Set(appliedRevisions(graph, rows))
        if (partial.direction === 'downgrade') applied.delete(partial.revision)
        else applied.add(partial.revision)
        next = minimalRows(graph, [...applied])
        changes = diffRows(rows, next)
      }
      for (const row of partials) {
        statements.push(
          updateHistorySql(dialect, tables.history, row.id, {
            outcome: 'repaired',
            note: `resolved as ${options.resolve}`,
          }),
        )
      }
      const checksum =
        options.resolve === 'applied' && partial.direction !== 'downgrade'
          ? await fileChecksum(graph.get(partial.revision).path)
          : undefined
      statements.push(
        record({
          revision: partial.revision,
          checksum,
          note: `partial ${partial.direction} (${partial.statementsDone ?? 0}${partial.statementsTotal === undefined ? '' : ` of ${partial.statementsTotal}`} statements) resolved as ${options.resolve}`,
        }),
      )
    }
    if (statements.length > 0 || changes.length > 0) {
      await connection.begin()
      try {
        await writeVersionChanges(connection, tables.version, changes)
        for (const sql of statements) await connection.query(sql)
        await connection.commit()
      } catch (error) {
        await connection.rollback().catch(() => {})
        throw error
      }
    }
    return {
      checksums: accepted,
      resolved:
        options.resolve !== undefined && partial !== undefined
          ? { revision: partial.revision, as: options.resolve }
          : undefined,
      current: [...next].sort(),
      historyRecreated: recreated,
      acceptedVersionTable: mismatch,
    }
  })
}
