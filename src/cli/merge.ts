import type { Command } from 'commander'
import { collect } from './collect.js'
import type { CliContext } from './context.js'
import { printCreated } from './print-created.js'

interface MergeFlags {
  message?: string
  branchLabel?: string[]
  revId?: string
}

/** `stratum merge REV... -m MSG`: write a revision that merges heads. */
export function registerMerge(program: Command, context: CliContext): void {
  program
    .command('merge')
    .description("write a revision that merges two or more heads ('heads' for all of them)")
    .argument('<revisions...>', 'the heads to merge')
    .option('-m, --message <text>', 'what the merge is for')
    .option('--branch-label <label>', 'a branch label for the merge revision (repeatable)', collect)
    .option('--rev-id <id>', 'use this revision id instead of a generated one')
    .action(async (revisions: string[], flags: MergeFlags) => {
      const config = await context.loadConfig()
      // Loaded here: the other commands do not need the revision writer.
      const { merge } = await import('../commands/merge.js')
      const created = await merge({
        config,
        revisions,
        message: flags.message,
        branchLabels: flags.branchLabel,
        revId: flags.revId,
        x: context.globals.x,
        cwd: context.io.cwd,
      })
      printCreated(context, created)
    })
}
