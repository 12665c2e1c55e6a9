/**
 * `upgrade` and `downgrade` against a live database: lock, re-read the state, plan, check,
 * create the tables if needed, run.
 */
import { planDowngrade, planUpgrade } from '../revision/index.js'
import { checkChecksums, checkPartials } from './checks.js'
import { type DatabaseContext, locked } from './database-context.js'
import { nextHistoryId, readHistory } from './history-table.js'
import { RunHooks } from './hooks.js'
import type { Direction, RunReport } from './report.js'
import { runPlan } from './run-plan.js'
import { ensureTables } from './tables.js'
import { checkVersionState, versionStateProblems } from './version-state.js'
import { readVersionRows } from './version-table.js'

/**
 * Moves the database to `target` (the whole identifier grammar, relative steps counted
 * from the rows read under the lock). Refuses to start while a revision is partially
 * applied, while the version table disagrees with the files or the history (see
 * `version-state.ts`), and (upgrade) while an applied revision's file has changed. The run hooks
 * (`beforeUpgrade`, `afterUpgrade` and the downgrade twins) run here, the revision hooks in
 * the runner (see `hooks.ts`).
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
    // A hand-edited version table, a deleted file, a dropped history: refuse before planning.
    const problems = await versionStateProblems({
      graph,
      rows,
      history,
      historyExists: () => connection.tableExists(tables.history),
    })
    checkVersionState(problems, tables)
    const plan =
      direction === 'upgrade'
        ? planUpgrade(graph, rows, target)
        : planDowngrade(graph, rows, target)
    if (direction === 'upgrade') {
      await checkChecksums({ graph, rows, history, checksums: context.checksums })
    }
    // The dump (backup.beforeUpgrade) comes before anything changes, hooks and tables included.
    const backup =
      direction === 'upgrade' && plan.length > 0 ? await context.backup?.(rows) : undefined
    const hooks = RunHooks.for(context.hooks, {
      direction,
      target,
      x: context.x,
      mask: context.mask,
    })
    // Before anything changes (the tables included), also when there is nothing to apply.
    await hooks?.beforeRun({ graph, plan, rows })
    if (direction === 'upgrade' || plan.length > 0) await ensureTables(connection, tables)
    const firstHistoryId = plan.length === 0 ? 1 : await nextHistoryId(connection, tables.history)
    const report = await runPlan(
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
        hooks,
      },
      plan,
    )
    await hooks?.afterRun(report)
    await context.snapshot?.(report.current)
    return backup === undefined ? report : { ...report, backup }
  })
}
