import type { Command } from 'commander'
import { ConfigError, UsageError } from '../errors.js'
import type { Revision } from '../revision/index.js'
import type { CliContext } from './context.js'
import { graphLines } from './format-graph.js'
import { formatRevisionLine } from './format-revision.js'
import { HISTORY_LINE, printRevisions } from './print-revisions.js'
import { withMigrator } from './with-migrator.js'

interface HistoryFlags {
  revRange?: string
  graph?: boolean
  indicateCurrent?: boolean
}

/**
 * `stratum history [-r A:B] [-i]`: the revisions, newest first; `--indicate-current` reads
 * the database and marks its revisions `(current)`.
 */
export function registerHistory(program: Command, context: CliContext): void {
  program
    .command('history')
    .description('list the revisions, newest first (--verbose for details)')
    .option('-r, --rev-range <range>', 'only revisions in A:B (A: or :B leave a side open)')
    .option('-i, --indicate-current', "mark the database's current revisions (current)")
    .option('--graph', 'draw the parent links in a column on the left')
    .action(async (flags: HistoryFlags) => {
      const range = flags.revRange
      if (range !== undefined && !range.includes(':')) {
        throw new UsageError(`History range '${range}' has no ':'`, {
          hint: 'Write a range as START:END, START: or :END (e.g. -r base:head).',
        })
      }
      const indicateCurrent = flags.indicateCurrent === true
      const { revisions, current } = await withMigrator(context, {}, (migrator) =>
        migrator
          .history({ ...(range === undefined ? {} : { range }), indicateCurrent })
          .catch((error: unknown) => {
            throw explainMissingUrl(error)
          }),
      )
      const marked = indicateCurrent ? new Set(current) : undefined
      const out = context.out
      if (flags.graph && !out.json && !context.globals.verbose) {
        const line = (rev: Revision) =>
          formatRevisionLine(rev, { ...HISTORY_LINE, current: marked, colors: out.colors })
        for (const text of graphLines(revisions, line)) out.print(text)
        return
      }
      printRevisions(context, revisions, context.globals.verbose ? 'block' : HISTORY_LINE, marked)
    })
}

/** `history -i` (or a range ending at `current`) reads the database: say so when no URL is set. */
function explainMissingUrl(error: unknown): unknown {
  if (!(error instanceof ConfigError) || error.code !== 'URL_MISSING') return error
  return new ConfigError(
    'URL_MISSING',
    "history --indicate-current (or a range with 'current') reads the database, but no database URL is configured",
    { hint: error.hint, cause: error },
  )
}
