import type { Command } from 'commander'
import { MigrationError } from '../errors.js'
import type { CliContext } from './context.js'
import { EXIT_FAILURE } from './exit-codes.js'
import { statusLines, statusProblems, statusToJson } from './format-status.js'
import { withMigrator } from './with-migrator.js'

/**
 * `stratum status`: current revisions, heads, pending revisions in order, the lock holder,
 * changed files, missing and partially applied revisions. Informational: exit 0 whenever
 * the database could be read; `--check` exits 1 when anything is pending or wrong (for CI).
 */
export function registerStatus(program: Command, context: CliContext): void {
  program
    .command('status')
    .description('compare the database with the revisions: current, heads, pending, problems')
    .option('--check', 'exit 1 when a revision is pending or something needs repair')
    .action(async (flags: { check?: boolean }) => {
      const report = await withMigrator(context, {}, (migrator) => migrator.status())
      const out = context.out
      if (out.json) out.printJson(statusToJson(report))
      else
        for (const line of statusLines(report, { colors: out.colors, path: (p) => out.path(p) }))
          out.print(line)
      const problems = flags.check ? statusProblems(report) : []
      if (problems.length === 0) return
      // Under --json stdout already holds the one document: say it with the exit code only.
      if (out.json) {
        context.exitCode = EXIT_FAILURE
        return
      }
      throw new MigrationError(
        'NOT_UP_TO_DATE',
        `The database is not up to date: ${problems.join(', ')}`,
      )
    })
}
