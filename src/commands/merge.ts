import type { ResolvedConfig } from '../config/types.js'
import { MigrationCreationError } from '../errors.js'
import { resolveRevisions } from '../revision/index.js'
import { type CreatedRevision, createRevision } from './create-revision.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link merge}. */
export interface MergeOptions {
  readonly config: ResolvedConfig
  /** The heads to merge: ids, prefixes, `heads`, `label@head`... (at least two after resolving). */
  readonly revisions: readonly string[]
  readonly message?: string | undefined
  readonly branchLabels?: string | readonly string[] | undefined
  readonly revId?: string | undefined
  /** `-x` values, passed to the template. */
  readonly x?: Readonly<Record<string, string>> | undefined
  readonly cwd?: string | undefined
  readonly date?: Date | undefined
}

/**
 * Write a merge revision whose parents are the given heads (Alembic's `merge`).
 *
 * @example
 * const { revision: merged } = await merge({ config, revisions: ['heads'], message: 'merge' })
 * merged.downRevisions // both former heads
 */
export async function merge(options: MergeOptions): Promise<CreatedRevision> {
  const loaded = await loadGraph(options.config)
  const { graph } = loaded
  const parents = [
    ...new Set(options.revisions.flatMap((identifier) => resolveRevisions(graph, identifier))),
  ]
  if (parents.length < 2) {
    const what = parents.length === 0 ? 'no revision' : `only ${parents[0]}`
    throw new MigrationCreationError(
      'NOTHING_TO_MERGE',
      `Nothing to merge: ${options.revisions.join(' ') || '(no revisions given)'} resolves to ${what}; a merge needs at least two heads`,
      { hint: "Name two or more heads, or 'heads' for all of them (see 'stratum heads')." },
    )
  }
  for (const id of parents) {
    if (!graph.get(id).isHead) {
      throw new MigrationCreationError(
        'NOT_A_HEAD',
        `Revision ${id} is not a head; only heads can be merged`,
        { hint: "See 'stratum heads' for the heads." },
      )
    }
  }
  return createRevision({
    config: options.config,
    loaded,
    parents,
    message: options.message,
    revId: options.revId,
    branchLabels:
      typeof options.branchLabels === 'string' ? [options.branchLabels] : options.branchLabels,
    cwd: options.cwd,
    x: options.x,
    date: options.date,
  })
}
