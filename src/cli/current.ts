import type { Command } from 'commander'
import { MigrationError } from '../errors.js'
import { redactUrls } from '../logging/redact.js'
import type { CliContext } from './context.js'
import { revisionList } from './format-run.js'
import { printRevisions } from './print-revisions.js'
import { withMigrator } from './with-migrator.js'

/**
 * `stratum current`: the revisions the database is at, one line each like `heads` (nothing
 * at base; `--json` prints the array, `[]` at base). Never creates a table.
 */
export function registerCurrent(program: Command, context: CliContext): void {
  program
    .command('current')
    .description('show the revisions the database is at (--verbose for details)')
    .option('--check-heads', 'fail (exit 1) unless the database is at the heads')
    .action(async (flags: { checkHeads?: boolean }) => {
      const { details, url } = await withMigrator(context, {}, async (migrator) => ({
        details: await migrator.currentDetails(),
        url: migrator.config.url,
      }))
      if (flags.checkHeads && !details.atHeads) {
        throw new MigrationError(
          'NOT_AT_HEADS',
          `The database is at ${revisionList(details.rows)}, not at the heads (${revisionList(details.heads)})`,
          { hint: "Run 'stratum upgrade heads', or 'stratum status' to see what is pending." },
        )
      }
      const verbose = context.globals.verbose
      if (verbose && url !== undefined) {
        context.out.status(`Current revision(s) for ${redactUrls(url)}:`)
      }
      printRevisions(context, details.revisions, verbose ? 'block' : { headMarkers: true })
    })
}
