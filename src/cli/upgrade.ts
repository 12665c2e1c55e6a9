import type { Command } from 'commander'
import type { CliContext } from './context.js'
import { followProgress, printRunReport, printScript } from './print-run.js'
import { addRunFlags, checkOnlineTarget, type RunFlags } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

/** `stratum upgrade [REV]`: move the database up to REV (default head), or print the SQL. */
export function registerUpgrade(program: Command, context: CliContext): void {
  addRunFlags(
    program
      .command('upgrade')
      .description('upgrade the database to a revision (default head); --sql prints the script')
      .argument(
        '[revision]',
        'head, heads, +1, an id, label@head... ([FROM:]TO with --sql)',
        'head',
      ),
  ).action(async (target: string, flags: RunFlags) => {
    checkOnlineTarget('upgrade', target, flags)
    const options = { lockTimeoutMs: flags.lockTimeout, transactionMode: flags.transactionMode }
    await withMigrator(context, options, async (migrator) => {
      if (flags.sql) {
        printScript(context, await migrator.upgrade(target, { sql: true }))
        return
      }
      const report = await followProgress(context, migrator, () => migrator.upgrade(target))
      printRunReport(context, report)
    })
  })
}
