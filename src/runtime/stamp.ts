/**
 * `stamp` against a live database: set the version table to the targets without running
 * any revision, atomically, and record it in the history (closing any partial record).
 */
import { planStamp, type VersionChange } from '../revision/index.js'
import { unresolvedPartials } from './checks.js'
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
import { readVersionRows, writeVersionChanges } from './version-table.js'

/** What `stamp` did. */
export interface StampResult {
  /** The rows before. */
  readonly previous: readonly string[]
  /** The rows after, sorted. */
  readonly current: readonly string[]
  readonly changes: readonly VersionChange[]
  /** Revisions whose partial record the stamp closed. */
  readonly closedPartials: readonly string[]
}

/**
 * Stamps the database: the rows become what `planStamp` says (several targets allowed;
 * `purge` empties the table first, even of rows no file declares). Creates the tables on
 * first use. One transaction.
 *
 * @example
 * await stampOnline(context, ['head'])
 * await stampOnline(context, ['base'], { purge: true })
 */
export async function stampOnline(
  context: DatabaseContext,
  targets: readonly string[],
  options: { purge?: boolean } = {},
): Promise<StampResult> {
  const { connection, graph, tables, identity } = context
  const { dialect } = connection
  return locked(context, async () => {
    await ensureTables(connection, tables)
    const rows = (await readVersionRows(connection, tables.version)) ?? []
    const partials = unresolvedPartials(await readHistory(connection, tables.history))
    const plan = planStamp(graph, rows, targets, options)
    let id = await nextHistoryId(connection, tables.history)
    const now = new Date()
    const record = (fields: Pick<HistoryRecord, 'revision' | 'checksum' | 'note'>) =>
      insertHistorySql(dialect, tables.history, {
        id: id++,
        direction: 'stamp',
        startedAt: now,
        finishedAt: now,
        durationMs: 0,
        outcome: 'applied',
        host: identity.host,
        osUser: identity.osUser,
        toolVersion: identity.toolVersion,
        ...fields,
      })
    const statements: string[] = []
    for (const change of plan.changes) {
      if (change.kind === 'delete') {
        statements.push(record({ revision: change.revision, note: 'row removed by stamp' }))
      } else {
        const revision = change.kind === 'update' ? change.to : change.revision
        const checksum = await fileChecksum(graph.get(revision).path).catch(() => undefined)
        statements.push(record({ revision, checksum, note: 'stamped' }))
      }
    }
    for (const partial of partials) {
      statements.push(
        updateHistorySql(dialect, tables.history, partial.id, {
          outcome: 'repaired',
          note: 'partial run closed by stamp',
        }),
      )
    }
    await connection.begin()
    try {
      await writeVersionChanges(connection, tables.version, plan.changes)
      for (const sql of statements) await connection.query(sql)
      await connection.commit()
    } catch (error) {
      await connection.rollback().catch(() => {})
      throw error
    }
    return {
      previous: rows,
      current: [...plan.rows].sort(),
      changes: plan.changes,
      closedPartials: partials.map((partial) => partial.revision),
    }
  })
}
