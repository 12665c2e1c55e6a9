import type { Command } from 'commander'
import type { DumpName, VerifiedDump } from '../backup/index.js'
import { maskUrl } from '../config/mask.js'
import type { ResolvedConfig } from '../config/types.js'
import { confirm } from './confirm.js'
import type { CliContext } from './context.js'
import { revisionList } from './format-run.js'
import { lockTimeoutOption } from './run-flags.js'
import { withMigrator } from './with-migrator.js'

interface RestoreFlags {
  readonly yes?: boolean
  readonly lockTimeout?: number
}

/**
 * `stratum restore FILE [--yes]`: check the dump (checksum file, complete dump of this kind
 * of database) before touching anything, ask for confirmation (`--yes` in scripts; refused
 * without a terminal), then replace the database's content with it.
 */
export function registerRestore(program: Command, context: CliContext): void {
  program
    .command('restore')
    .description('replace the database with a dump (checked first, then confirmed)')
    .argument('<file>', 'a dump written by stratum backup or by upgrade')
    .option('-y, --yes', 'do not ask for confirmation (for scripts)')
    .addOption(lockTimeoutOption())
    .action(async (file: string, flags: RestoreFlags) => {
      const options = { lockTimeoutMs: flags.lockTimeout }
      await withMigrator(context, options, async (migrator) => {
        const dump = await migrator.verifyBackup(file)
        const question = confirmationQuestion(context, migrator.config, dump)
        await confirm(context, question, { yes: flags.yes === true })
        const result = await migrator.restore(dump.path)
        const out = context.out
        if (out.json) out.printJson(result)
        else {
          out.status(
            `Restored ${out.path(result.path)}: the database is at ${revisionList(result.current)}`,
          )
        }
      })
    })
}

/** When the dump was taken and at which revision, as its name says. */
function dumpDetails(name: DumpName | undefined): string {
  if (name === undefined) return ''
  const when = name.takenAt.toISOString().replace('T', ' ').replace('.000Z', ' UTC')
  const kind = name.schemaOnly ? '; schema only: the tables will be empty' : ''
  return ` (taken ${when} at revision ${name.revision}${kind})`
}

/** "Replace everything in <database> with <file> (taken ..., at revision ...)?" */
function confirmationQuestion(
  context: CliContext,
  config: ResolvedConfig,
  dump: VerifiedDump,
): string {
  const where = config.database === undefined ? '' : ` (database '${config.database}')`
  const file = context.out.path(dump.path)
  const replace = `Replace everything in ${maskUrl(config.url ?? '')}${where} with ${file}${dumpDetails(dump.name)}?`
  return config.protected
    ? `The environment '${config.environment}' is protected: ${replace.charAt(0).toLowerCase()}${replace.slice(1)}`
    : replace
}
