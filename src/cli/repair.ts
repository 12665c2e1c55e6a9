import { type Command, Option } from 'commander'
import type { RepairOptions, RepairResult } from '../runtime/repair.js'
import type { CliContext } from './context.js'
import { revisionList } from './format-run.js'
import { loggedRepair } from './log.js'
import { lockTimeoutOption } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

interface RepairFlags {
  checksums?: true | string[]
  resolve?: 'applied' | 'rolled-back'
  lockTimeout?: number
}

/**
 * `stratum repair`: record what the user asserts. Accept the current files of applied
 * revisions whose checksum changed (all of them by default), and resolve a partially applied
 * revision as `applied` (finished by hand) or `rolled-back` (undone by hand). Without
 * `--resolve` it also takes the database as it is: a missing history table is created anew,
 * a version table changed by hand is accepted.
 */
export function registerRepair(program: Command, context: CliContext): void {
  program
    .command('repair')
    .description('accept changed revision files; resolve a partially applied revision')
    .option(
      '--checksums [revisions...]',
      'accept the current files of changed revisions (all, or those named; the default without --resolve)',
    )
    .addOption(
      new Option(
        '--resolve <outcome>',
        'the partially applied revision was finished (applied) or undone (rolled-back) by hand',
      ).choices(['applied', 'rolled-back']),
    )
    .addOption(lockTimeoutOption())
    .action(async (flags: RepairFlags) => {
      const options: RepairOptions = {
        ...(flags.checksums === undefined ? {} : { checksums: flags.checksums }),
        ...(flags.resolve === undefined ? {} : { resolve: flags.resolve }),
      }
      const result = await withMigrator(context, { lockTimeoutMs: flags.lockTimeout }, (migrator) =>
        loggedRepair(context, migrator, options),
      )
      printRepaired(context, result)
    })
}

function printRepaired(context: CliContext, result: RepairResult): void {
  const out = context.out
  if (out.json) {
    out.printJson({
      ...result,
      checksums: result.checksums.map((file) => ({ ...file, actual: file.actual ?? null })),
      resolved: result.resolved ?? null,
      acceptedVersionTable: result.acceptedVersionTable ?? null,
    })
    return
  }
  const c = out.colors
  for (const file of result.checksums) {
    const where = `${out.path(file.path)} (revision ${c.yellow(file.revision)})`
    if (file.actual === undefined) {
      out.status(`Not accepted: ${where} is missing (restore it; recorded ${file.recorded})`)
    } else {
      out.status(`Accepted ${where}: checksum ${file.recorded} -> ${file.actual}`)
    }
  }
  const resolved = result.resolved
  if (resolved !== undefined) {
    out.status(`Resolved revision ${c.yellow(resolved.revision)} as ${resolved.as}`)
  }
  if (result.historyRecreated.length > 0) {
    out.status(
      `Created the history table; recorded the files of ${revisionList(result.historyRecreated)} as they are now`,
    )
  }
  const accepted = result.acceptedVersionTable
  if (accepted !== undefined) {
    const did = accepted.direction === 'upgrade' ? 'applied' : 'undid'
    out.status(
      `Accepted the version table as it is, although the last recorded run ${did} ${c.yellow(accepted.revision)}`,
    )
  }
  const nothing =
    result.checksums.length === 0 &&
    resolved === undefined &&
    result.historyRecreated.length === 0 &&
    accepted === undefined
  if (nothing) out.status('Nothing to repair')
  out.status(`The database is at ${revisionList(result.current)}`)
}
