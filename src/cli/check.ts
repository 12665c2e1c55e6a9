import type { Command } from 'commander'
import type { CliContext } from './context.js'
import { EXIT_FAILURE } from './exit-codes.js'
import { withMigrator } from './with-migrator.js'

/**
 * `stratum check`: exit 0 when autogenerate would write nothing, 1 with one line per
 * difference when the models and the database differ. Refused (exit 1) unless the
 * database is at the heads, as Alembic's check. `--json` prints
 * `{ changes, operations, warnings }` (the operations of the upgrade). `--offline` compares
 * with the snapshot of the graph's heads instead (`snapshots: true`), with no connection.
 */
export function registerCheck(program: Command, context: CliContext): void {
  program
    .command('check')
    .description('exit 1 when the models and the database (at the heads) differ')
    .option('--offline', "compare with the snapshot of the graph's heads; no database connection")
    .action(async (flags: { offline?: boolean }) => {
      const offline = flags.offline === true
      const result = await withMigrator(context, {}, (migrator) => migrator.check({ offline }))
      const { changes, upgrade, warnings } = result
      const differ = changes.length > 0 || upgrade.length > 0
      if (differ) context.exitCode = EXIT_FAILURE
      const out = context.out
      for (const warning of warnings) out.warn(warning)
      if (out.json) {
        out.printJson({ changes, operations: upgrade, warnings })
        return
      }
      if (!differ) {
        out.print('No new upgrade operations detected.')
        return
      }
      const count = changes.length === 1 ? '1 change' : `${changes.length} changes`
      out.print(`New upgrade operations detected (${count}):`)
      for (const change of changes) out.print(`  ${change.detail}`)
    })
}
