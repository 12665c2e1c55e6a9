import type { Command } from 'commander'
import type { BaselineResult } from '../pull/baseline.js'
import type { StampResult } from '../runtime/stamp.js'
import type { CliContext } from './context.js'
import { revisionToJson } from './format-revision.js'
import { loggedStamp } from './log.js'
import { printCreated } from './print-created.js'
import { printUnmodelled } from './print-unmodelled.js'
import { withMigrator } from './with-migrator.js'

interface BaselineFlags {
  message?: string
  stamp?: boolean
  revId?: string
  versionPath?: string
}

/**
 * `stratum baseline -m MSG [--stamp]`: write the first revision, which creates the live
 * database's schema from nothing; `--stamp` marks the database as already at it. Refused
 * when the migrations folder has revisions.
 */
export function registerBaseline(program: Command, context: CliContext): void {
  program
    .command('baseline')
    .description('write a first revision that creates the live database schema from nothing')
    .option('-m, --message <text>', 'the message of the revision', 'baseline')
    .option('--stamp', 'mark the database as already at the new revision (without running it)')
    .option('--rev-id <id>', 'use this revision id instead of a generated one')
    .option('--version-path <dir>', 'the version folder to write into')
    .action(async (flags: BaselineFlags) => {
      await withMigrator(context, {}, async (migrator) => {
        const written = await migrator.baseline({
          message: flags.message,
          revId: flags.revId,
          versionPath: flags.versionPath,
        })
        const stamped = flags.stamp
          ? await loggedStamp(context, migrator, [written.revision.revision], false)
          : undefined
        printBaseline(context, { ...written, ...(stamped === undefined ? {} : { stamped }) })
      })
    })
}

function printBaseline(context: CliContext, result: BaselineResult): void {
  const out = context.out
  printUnmodelled(context, result.notRecreated, {
    what: (several) =>
      `cannot be recreated by the baseline (listed in it): a database built from it lacks ${several ? 'them' : 'it'}`,
    notes: [],
  })
  if (out.json) {
    out.printJson({
      ...revisionToJson(result.revision),
      path: result.path,
      operations: result.comparison.upgrade.length,
      unmodelled: result.unmodelled,
      notRecreated: result.notRecreated,
      stamped: result.stamped ?? null,
    })
    return
  }
  printCreated(context, result)
  const revision = result.revision.revision
  if (result.stamped !== undefined) printStamped(context, result.stamped)
  else {
    out.status(
      `This database has the schema already: mark it with 'stratum stamp ${revision}'; build new databases with 'stratum upgrade head'`,
    )
  }
}

function printStamped(context: CliContext, stamped: StampResult): void {
  const to = stamped.current.join(', ')
  context.out.status(`Stamped the database at ${to}`)
}
