import type { Command } from 'commander'
import type { CliContext } from './context.js'
import { EXIT_FAILURE } from './exit-codes.js'
import { withMigrator } from './with-migrator.js'

interface DriftFlags {
  readonly scratchUrl?: string
}

/**
 * `stratum drift`: exit 0 when the live database has the schema its revisions produce, 1
 * with one line per difference when it does not. `--json` prints the list of differences
 * (`[{ kind, table, detail, ... }]`, empty when there is none). Reads only.
 */
export function registerDrift(program: Command, context: CliContext): void {
  program
    .command('drift')
    .description(
      'exit 1 when the live database differs from the schema its revisions produce (the snapshot, or a replay on a scratch database)',
    )
    .option(
      '--scratch-url <url>',
      'without a snapshot: where the revisions are replayed (default as for verify)',
    )
    .action(async (flags: DriftFlags) => {
      context.addSecretsOf(flags.scratchUrl)
      const report = await withMigrator(context, {}, (migrator) =>
        migrator.drift({ scratchUrl: flags.scratchUrl }),
      )
      if (report.drift) context.exitCode = EXIT_FAILURE
      const out = context.out
      if (out.json) {
        out.printJson(report.differences)
        return
      }
      const at = report.revisions.length === 0 ? 'base' : report.revisions.join(', ')
      const against =
        report.source === 'snapshot'
          ? `the snapshot ${report.from}`
          : `a replay of the revisions (${report.from})`
      if (!report.drift) {
        out.print(`No drift: the database at ${at} matches ${against}.`)
        return
      }
      const count =
        report.differences.length === 1
          ? '1 difference'
          : `${report.differences.length} differences`
      out.print(`Drift at ${at}: ${count} from ${against}:`)
      for (const difference of report.differences) out.print(`  ${difference.detail}`)
    })
}
