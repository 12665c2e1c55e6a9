import type { Revision } from '../revision/index.js'
import type { CliContext } from './context.js'
import {
  formatRevisionBlock,
  formatRevisionLine,
  type RevisionLineOptions,
  revisionToJson,
} from './format-revision.js'

/** How a read command shows each revision in text mode. */
export type RevisionStyle = 'block' | Omit<RevisionLineOptions, 'colors'>

/**
 * Print the revisions a read command returned: a JSON array under `--json`, else one line per
 * revision in the given style, or Alembic's verbose blocks separated by blank lines. With
 * `current` (`history --indicate-current`) those revisions are marked `(current)`, and each
 * JSON object gets `isCurrent`.
 */
export function printRevisions(
  context: CliContext,
  revisions: readonly Revision[],
  style: RevisionStyle,
  current?: ReadonlySet<string>,
): void {
  const out = context.out
  if (out.json) {
    const json = (rev: Revision) =>
      current === undefined
        ? revisionToJson(rev)
        : { ...revisionToJson(rev), isCurrent: current.has(rev.revision) }
    out.printJson(revisions.map(json))
    return
  }
  if (revisions.length === 0) return
  if (style === 'block') {
    const blocks = revisions.map((rev) =>
      formatRevisionBlock(rev, {
        colors: out.colors,
        path: out.path(rev.path),
        current: current?.has(rev.revision) ?? false,
      }),
    )
    out.print(blocks.join('\n\n'))
    return
  }
  for (const rev of revisions) {
    out.print(formatRevisionLine(rev, { ...style, current, colors: out.colors }))
  }
}

/** The one-line style of `history`: parents, id, labels, every marker, message. */
export const HISTORY_LINE = {
  parents: true,
  headMarkers: true,
  treeMarkers: true,
  message: true,
} as const
