import type { Command } from 'commander'
import type { RunReport } from '../runtime/report.js'
import type { CliContext } from './context.js'
import { loggedMove } from './log.js'
import { followProgress, printRunReport, printScript } from './print-run.js'
import { addRunFlags, checkOnlineTarget, type RunFlags } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

/**
 * `stratum upgrade [REV]`: move the database up to REV (default head), or print the SQL.
 * When the config declares several databases and `--db` names none, each is upgraded in
 * declared order, under a `Database NAME:` line; the first failure stops the rest.
 */
export function registerUpgrade(program: Command, context: CliContext): void {
  addRunFlags(
    program
      .command('upgrade')
      .description('upgrade the database to a revision (default head); --sql prints the script')
      .argument(
        '[revision]',
        'head, heads, +1, an id, label@head... ([FROM:]TO with --sql)',
        'head',
      )
      .option('--no-backup', 'skip the backup that backup.beforeUpgrade takes first'),
  ).action(async (target: string, flags: UpgradeFlags) => {
    checkOnlineTarget('upgrade', target, flags)
    const databases = flags.sql ? [] : await everyDatabase(context)
    if (databases.length > 1) {
      await upgradeEach(context, databases, target, flags)
      return
    }
    const options = { lockTimeoutMs: flags.lockTimeout, transactionMode: flags.transactionMode }
    await withMigrator(context, options, async (migrator) => {
      if (flags.sql) {
        printScript(context, await migrator.upgrade(target, { sql: true }))
        return
      }
      const report = await followProgress(context, migrator, () =>
        loggedMove(context, migrator, 'upgrade', target, backupOption(flags)),
      )
      printRunReport(context, report)
    })
  })
}

/** `upgrade`'s flags: the run flags and `--no-backup` (commander sets `backup: false`). */
interface UpgradeFlags extends RunFlags {
  readonly backup?: boolean
}

/** `--no-backup` as a run option; otherwise the config's `backup.beforeUpgrade` decides. */
function backupOption(flags: UpgradeFlags): { backup?: boolean } {
  return flags.backup === false ? { backup: false } : {}
}

/** The databases `upgrade` runs over: all of `databases` when `--db` names none, else `[]`. */
async function everyDatabase(context: CliContext): Promise<readonly string[]> {
  const config = await context.loadConfig({ anyDatabase: true })
  return config.database === undefined ? config.databases : []
}

async function upgradeEach(
  context: CliContext,
  databases: readonly string[],
  target: string,
  flags: UpgradeFlags,
): Promise<void> {
  const out = context.out
  const reports: (RunReport & { database: string })[] = []
  for (const database of databases) {
    out.status(`Database ${database}:`)
    const options = {
      lockTimeoutMs: flags.lockTimeout,
      transactionMode: flags.transactionMode,
      database,
    }
    const report = await withMigrator(context, options, (migrator) =>
      followProgress(context, migrator, () =>
        loggedMove(context, migrator, 'upgrade', target, backupOption(flags)),
      ),
    )
    if (!out.json) printRunReport(context, report)
    reports.push({ database, ...report })
  }
  if (out.json) out.printJson(reports)
}
