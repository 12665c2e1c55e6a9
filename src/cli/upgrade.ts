import type { Command } from 'commander'
import type { RunReport } from '../runtime/report.js'
import type { CliContext } from './context.js'
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
      ),
  ).action(async (target: string, flags: RunFlags) => {
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
      const report = await followProgress(context, migrator, () => migrator.upgrade(target))
      printRunReport(context, report)
    })
  })
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
  flags: RunFlags,
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
      followProgress(context, migrator, () => migrator.upgrade(target)),
    )
    if (!out.json) printRunReport(context, report)
    reports.push({ database, ...report })
  }
  if (out.json) out.printJson(reports)
}
