import type { Command } from 'commander'
import { history } from '../commands/history.js'
import { UsageError } from '../errors.js'
import type { Revision } from '../revision/index.js'
import type { CliContext } from './context.js'
import { graphLines } from './format-graph.js'
import { formatRevisionLine } from './format-revision.js'
import { HISTORY_LINE, printRevisions } from './print-revisions.js'

/** `stratum history [-r A:B]`: the revisions, newest first. */
export function registerHistory(program: Command, context: CliContext): void {
  program
    .command('history')
    .description('list the revisions, newest first (--verbose for details)')
    .option('-r, --rev-range <range>', 'only revisions in A:B (A: or :B leave a side open)')
    .option('--graph', 'draw the parent links in a column on the left')
    .action(async (flags: { revRange?: string; graph?: boolean }) => {
      const range = flags.revRange
      if (range !== undefined && !range.includes(':')) {
        throw new UsageError(`History range '${range}' has no ':'`, {
          hint: 'Write a range as START:END, START: or :END (e.g. -r base:head).',
        })
      }
      const config = await context.loadConfig()
      const revisions = await history({ config, range })
      const out = context.out
      if (flags.graph && !out.json && !context.globals.verbose) {
        const line = (rev: Revision) =>
          formatRevisionLine(rev, { ...HISTORY_LINE, colors: out.colors })
        for (const text of graphLines(revisions, line)) out.print(text)
        return
      }
      printRevisions(context, revisions, context.globals.verbose ? 'block' : HISTORY_LINE)
    })
}
