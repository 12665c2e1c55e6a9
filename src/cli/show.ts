import type { Command } from 'commander'
import { show } from '../commands/show.js'
import type { CliContext } from './context.js'
import { printRevisions } from './print-revisions.js'

/** `stratum show REV`: the details of the revisions an identifier names. */
export function registerShow(program: Command, context: CliContext): void {
  program
    .command('show')
    .description("show a revision's details (REV may name several, e.g. heads)")
    .argument('<rev>', 'a revision id or prefix, head, heads, label@head...')
    .action(async (rev: string) => {
      const config = await context.loadConfig()
      printRevisions(context, await show({ config, revision: rev }), 'block')
    })
}
