import type { Command } from 'commander'
import { confirmIfProtected } from './confirm.js'
import type { CliContext } from './context.js'
import { loggedMove } from './log.js'
import { followProgress, printRunReport, printScript } from './print-run.js'
import { addRunFlags, checkOnlineTarget, type RunFlags } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

/** `stratum downgrade REV`: move the database down to REV, or print the SQL (`FROM:TO`). */
export function registerDowngrade(program: Command, context: CliContext): void {
  addRunFlags(
    program
      .command('downgrade')
      .description(
        'downgrade the database to a revision (-1, base, an id...); --sql prints the script',
      )
      .argument('<revision>', '-1, base, an id, label@-1... (FROM:TO with --sql)'),
  )
    .option('-y, --yes', 'do not ask for confirmation in a protected environment')
    .action(async (target: string, flags: RunFlags & { yes?: boolean }) => {
      checkOnlineTarget('downgrade', target, flags)
      const options = { lockTimeoutMs: flags.lockTimeout, transactionMode: flags.transactionMode }
      await withMigrator(context, options, async (migrator) => {
        if (flags.sql) {
          printScript(context, await migrator.downgrade(target, { sql: true }))
          return
        }
        await confirmIfProtected(context, migrator.config, `downgrade to ${target}`, {
          yes: flags.yes === true,
        })
        const report = await followProgress(context, migrator, () =>
          loggedMove(context, migrator, 'downgrade', target),
        )
        printRunReport(context, report)
      })
    })
}
