import type { Command } from 'commander'
import { heads } from '../commands/heads.js'
import type { CliContext } from './context.js'
import { printRevisions } from './print-revisions.js'

/** `stratum heads`: the heads of the revision graph. */
export function registerHeads(program: Command, context: CliContext): void {
  program
    .command('heads')
    .description('show the heads of the revision graph')
    .option('--resolve-dependencies', 'leave out heads that another revision depends on')
    .action(async (flags: { resolveDependencies?: boolean }) => {
      const config = await context.loadConfig()
      const revisions = await heads({ config, resolveDependencies: flags.resolveDependencies })
      printRevisions(context, revisions, context.globals.verbose ? 'block' : { headMarkers: true })
    })
}
