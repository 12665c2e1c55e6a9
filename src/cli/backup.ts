import type { Command } from 'commander'
import type { BackupResult } from '../backup/index.js'
import type { CliContext } from './context.js'
import type { Output } from './output.js'
import { lockTimeoutOption } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

interface BackupFlags {
  readonly schemaOnly?: boolean
  readonly lockTimeout?: number
}

/**
 * `stratum backup [--schema-only]`: write a dump into the dumps folder and print its path
 * (under `--json`, the whole result: path, bytes, sha256, revisions...).
 */
export function registerBackup(program: Command, context: CliContext): void {
  program
    .command('backup')
    .description('write a dump of the database into the dumps folder and print its path')
    .option('--schema-only', "only the structure (with Stratum's version rows)")
    .addOption(lockTimeoutOption())
    .action(async (flags: BackupFlags) => {
      const options = { lockTimeoutMs: flags.lockTimeout }
      await withMigrator(context, options, async (migrator) => {
        const dump = await migrator.backup({ schemaOnly: flags.schemaOnly === true })
        const out = context.out
        if (out.json) out.printJson(dump)
        else out.print(out.path(dump.path))
        warnRetention(out, dump)
      })
    })
}

/**
 * The line a run prints on stderr when it wrote a dump before changing anything (dropped
 * under `--quiet`), and a warning for each old dump retention could not delete.
 *
 * @example
 * migrator.on('backup', (dump) => noteBackup(context.out, dump))
 */
export function noteBackup(out: Output, dump: BackupResult): void {
  if (!out.quiet) out.note(`Backup written: ${out.path(dump.path)}`)
  warnRetention(out, dump)
}

function warnRetention(out: Output, dump: BackupResult): void {
  for (const { path, reason } of dump.retentionFailures) {
    out.warn(`could not delete the old dump ${out.path(path)} (backup.keep): ${reason}`)
  }
}
