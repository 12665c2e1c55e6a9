import type { Command } from 'commander'
import type { StampResult } from '../runtime/stamp.js'
import { confirmIfProtected } from './confirm.js'
import type { CliContext } from './context.js'
import { revisionList } from './format-run.js'
import { loggedStamp } from './log.js'
import { printScript } from './print-run.js'
import { lockTimeoutOption } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

interface StampFlags {
  purge?: boolean
  yes?: boolean
  sql?: boolean
  lockTimeout?: number
}

/** `stratum stamp REV...`: set the version table to REV... without running any revision. */
export function registerStamp(program: Command, context: CliContext): void {
  program
    .command('stamp')
    .description('set the version table to revisions without running them (several allowed)')
    .argument('<revisions...>', 'head, heads, base, ids, label@head... (FROM:TO with --sql)')
    .option('--purge', 'empty the version table first (even of rows no file declares)')
    .option('--sql', 'print the SQL script instead of running it (no connection)')
    .addOption(lockTimeoutOption())
    .option('-y, --yes', 'do not ask for confirmation of --purge in a protected environment')
    .action(async (targets: string[], flags: StampFlags) => {
      const options = { lockTimeoutMs: flags.lockTimeout }
      const purge = flags.purge === true
      await withMigrator(context, options, async (migrator) => {
        if (flags.sql) {
          printScript(context, await migrator.stamp(targets, { sql: true, purge }))
          return
        }
        if (purge) {
          const action = `empty the version table and stamp ${targets.join(' ')}`
          await confirmIfProtected(context, migrator.config, action, { yes: flags.yes === true })
        }
        printStamped(context, await loggedStamp(context, migrator, targets, purge))
      })
    })
}

function printStamped(context: CliContext, result: StampResult): void {
  const out = context.out
  if (out.json) {
    out.printJson(result)
    return
  }
  const [from, to] = [revisionList(result.previous), revisionList(result.current)]
  out.status(result.changes.length === 0 ? `Already at ${to}` : `Stamped ${from} -> ${to}`)
  for (const revision of result.closedPartials) {
    out.status(`Closed the partial run of revision ${revision}`)
  }
}
