import type { ResolvedConfig } from '../config/types.js'
import { type Revision, resolveRevisions } from '../revision/index.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link show}. */
export interface ShowOptions {
  readonly config: ResolvedConfig
  /** Any identifier: a full id or prefix, `head`, `heads`, `label@head`, `head-1`... */
  readonly revision: string
}

/**
 * The revisions an identifier names (several for `heads`, none for `base`).
 *
 * @example
 * const [rev] = await show({ config, revision: 'ae10' })
 */
export async function show(options: ShowOptions): Promise<Revision[]> {
  const { graph } = await loadGraph(options.config)
  return resolveRevisions(graph, options.revision).map((id) => graph.get(id))
}
