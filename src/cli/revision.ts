import type { Command } from 'commander'
import { revision } from '../commands/revision.js'
import { collect } from './collect.js'
import type { CliContext } from './context.js'
import { printCreated } from './print-created.js'

interface RevisionFlags {
  message?: string
  head: string
  splice?: boolean
  branchLabel?: string[]
  dependsOn?: string[]
  revId?: string
  versionPath?: string
}

/** `stratum revision -m MSG`: write a new revision file. */
export function registerRevision(program: Command, context: CliContext): void {
  program
    .command('revision')
    .description('write a new revision file on top of the head')
    .option('-m, --message <text>', 'what the revision does (also the file name slug)')
    .option('--head <rev>', "the parent: a head, 'base' for a new root, 'label@head'...", 'head')
    .option('--splice', 'allow a parent that is not a head (start a branch from it)')
    .option('--branch-label <label>', 'a branch label for the new revision (repeatable)', collect)
    .option('--depends-on <rev>', 'a revision or label this one depends on (repeatable)', collect)
    .option('--rev-id <id>', 'use this revision id instead of a generated one')
    .option('--version-path <dir>', 'the version folder to write into')
    .action(async (flags: RevisionFlags) => {
      const config = await context.loadConfig()
      const created = await revision({
        config,
        message: flags.message,
        head: flags.head,
        splice: flags.splice,
        branchLabels: flags.branchLabel,
        dependsOn: flags.dependsOn,
        revId: flags.revId,
        versionPath: flags.versionPath,
        x: context.globals.x,
        cwd: context.io.cwd,
      })
      printCreated(context, created)
    })
}
