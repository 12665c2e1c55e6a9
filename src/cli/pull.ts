import { type Command, Option } from 'commander'
import type { PullResult } from '../pull/pull.js'
import { collect } from './collect.js'
import type { CliContext } from './context.js'
import { printUnmodelled } from './print-unmodelled.js'
import { withMigrator } from './with-migrator.js'

interface PullFlags {
  out?: string
  schema?: string[]
  split?: 'table' | 'schema'
  force?: boolean
}

/**
 * `stratum pull [--out DIR] [--schema S]... [--split table|schema] [--force]`: write the
 * database's tables as model files. The files written on stdout; what the model DSL cannot
 * express on stderr (also listed at the top of the files); the `models` setting to add
 * when the config has none.
 */
export function registerPull(program: Command, context: CliContext): void {
  program
    .command('pull')
    .description('write model files (the model DSL) from the tables of the live database')
    .option('--out <dir>', 'the folder to write the model files into', 'models')
    .option('--schema <name>', 'a PostgreSQL schema to read (repeatable; default all)', collect)
    .addOption(
      new Option('--split <by>', 'one file per table or per schema')
        .choices(['table', 'schema'])
        .default('table'),
    )
    .option('--force', 'overwrite model files that exist')
    .action(async (flags: PullFlags) => {
      const result = await withMigrator(context, {}, (migrator) =>
        migrator.pull({
          out: flags.out,
          schemas: flags.schema,
          split: flags.split,
          force: flags.force === true,
        }),
      )
      printPulled(context, result)
    })
}

function printPulled(context: CliContext, result: PullResult): void {
  const out = context.out
  printUnmodelled(context, result.unmodelled, {
    what: (several) =>
      `not modelled: the model DSL cannot express ${several ? 'them' : 'it'} (listed at the top of the files)`,
    notes: result.notes,
  })
  if (out.json) {
    out.printJson(result)
    return
  }
  for (const file of result.files) {
    if (out.quiet) out.print(out.path(file.path))
    else
      out.print(
        `Wrote ${out.path(file.path)}${file.tables.length > 0 ? ` (${file.tables.join(', ')})` : ''}`,
      )
  }
  const check = "then 'stratum check' compares them with the database"
  if (result.modelsHint !== undefined) {
    out.status(`Add to the config: ${result.modelsHint}, ${check}`)
  } else out.status(`Make sure the config's models setting finds these files, ${check}`)
}
