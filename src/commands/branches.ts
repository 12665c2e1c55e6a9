import type { ResolvedConfig } from '../config/types.js'
import type { Revision } from '../revision/index.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link branches}. */
export interface BranchesOptions {
  readonly config: ResolvedConfig
}

/** A revision with more than one child, and those children. */
export interface BranchPoint {
  readonly point: Revision
  readonly children: readonly Revision[]
}

/**
 * The branch points of the revision graph, newest first, each with its children.
 *
 * @example
 * for (const { point, children } of await branches({ config })) {
 *   console.log(point.revision, children.map((child) => child.revision))
 * }
 */
export async function branches(options: BranchesOptions): Promise<BranchPoint[]> {
  const { graph } = await loadGraph(options.config)
  const points = new Set(graph.branchPoints())
  return [...graph.revisions()]
    .reverse()
    .filter((rev) => points.has(rev.revision))
    .map((point) => ({
      point,
      children: point.children.map((id) => graph.get(id)),
    }))
}
