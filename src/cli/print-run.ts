import type { Migrator } from '../runtime/migrator.js'
import type { OfflineReport, RunReport } from '../runtime/report.js'
import { noteBackup } from './backup.js'
import type { CliContext } from './context.js'
import { lockWaitText, progressEnd, progressStart, revisionList } from './format-run.js'

/**
 * Print a run's progress from the `Migrator`'s events while `work` runs: one line per
 * revision (`Running upgrade a -> b, message ... done (12 ms)`, dropped under `--quiet` and
 * `--json`), and once, on stderr, whom the run waits for when the lock is taken.
 *
 * @example
 * const report = await followProgress(context, migrator, () => migrator.upgrade('head'))
 */
export async function followProgress<T>(
  context: CliContext,
  migrator: Migrator,
  work: () => Promise<T>,
): Promise<T> {
  const out = context.out
  let lineOpen = false
  let waited = false
  const listeners = [
    migrator.on('lock:wait', ({ holder }) => {
      if (waited) return
      waited = true
      out.note(lockWaitText(holder))
    }),
    migrator.on('revision:start', (event) => {
      const parents = event.direction === 'upgrade' ? event.from : event.to
      out.progress(progressStart(event, parents, out.colors))
      lineOpen = true
    }),
    migrator.on('revision:end', (event) => {
      out.progress(`${progressEnd(event, out.colors)}\n`)
      lineOpen = false
    }),
    migrator.on('backup', (dump) => noteBackup(out, dump)),
  ]
  try {
    return await work()
  } finally {
    for (const off of listeners) off()
    if (lineOpen) out.progress('\n')
  }
}

/**
 * Report a finished online run: the `RunReport` under `--json`; `Already at <revisions>`
 * when there was nothing to do (the progress lines said the rest).
 *
 * @example
 * printRunReport(context, report)
 */
export function printRunReport(context: CliContext, report: RunReport): void {
  const out = context.out
  if (out.json) out.printJson(report)
  else if (report.steps.length === 0) out.status(`Already at ${revisionList(report.current)}`)
}

/**
 * Print an offline (`--sql`) script on stdout, or the `OfflineReport` under `--json`.
 *
 * @example
 * printScript(context, await migrator.upgrade('head', { sql: true }))
 */
export function printScript(context: CliContext, report: OfflineReport): void {
  const out = context.out
  if (out.json) out.printJson(report)
  else out.print(report.sql.replace(/\n$/, ''))
}
