/**
 * `upgrade` and `downgrade` against a live database: lock, re-read the state, plan, check,
 * create the tables if needed, run.
 */
import { planDowngrade, planUpgrade } from '../revision/index.js'
import { checkChecksums, checkPartials } from './checks.js'
import { type DatabaseContext, locked } from './database-context.js'
import { nextHistoryId, readHistory } from './history-table.js'
import type { Direction, RunReport } from './report.js'
import { runPlan } from './run-plan.js'
import { ensureTables } from './tables.js'
import { readVersionRows } from './version-table.js'

/**
 * Moves the database to `target` (the whole identifier grammar, relative steps counted
 * from the rows read under the lock). Refuses to start while a revision is partially
 * applied, and (upgrade) while an applied revision's file has changed.
 *
 * @example
 * const report = await moveOnline(context, 'upgrade', 'head')
 */
export async function moveOnline(
  context: DatabaseContext,
  direction: Direction,
  target: string,
): Promise<RunReport> {
  const { connection, graph, tables } = context
  return locked(context, async () => {
    const rows = (await readVersionRows(connection, tables.version)) ?? []
    const history = await readHistory(connection, tables.history)
    checkPartials(history)
    const plan =
      direction === 'upgrade'
        ? planUpgrade(graph, rows, target)
        : planDowngrade(graph, rows, target)
    if (direction === 'upgrade') await checkChecksums(graph, rows, history)
    if (direction === 'upgrade' || plan.length > 0) await ensureTables(connection, tables)
    const firstHistoryId = plan.length === 0 ? 1 : await nextHistoryId(connection, tables.history)
    return runPlan(
      {
        connection,
        graph,
        tables,
        mode: context.mode,
        direction,
        target,
        x: context.x,
        events: context.events,
        mask: context.mask,
        identity: context.identity,
        rows,
        firstHistoryId,
      },
      plan,
    )
  })
}
