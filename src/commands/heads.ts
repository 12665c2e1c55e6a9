import type { ResolvedConfig } from '../config/types.js'
import type { Revision } from '../revision/index.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link heads}. */
export interface HeadsOptions {
  readonly config: ResolvedConfig
  /**
   * Only the real heads: leave out versioned heads that another revision depends on
   * (`stratum heads --resolve-dependencies`).
   */
  readonly resolveDependencies?: boolean
}

/**
 * The heads of the revision graph: revisions no other revision names as a parent (or, with
 * `resolveDependencies`, that nothing depends on either). Empty when there are no revisions.
 *
 * @example
 * const [head] = await heads({ config: await loadConfig() })
 * console.log(head?.revision)
 */
export async function heads(options: HeadsOptions): Promise<Revision[]> {
  const { graph } = await loadGraph(options.config)
  const ids = options.resolveDependencies ? graph.realHeads() : graph.heads()
  return ids.map((id) => graph.get(id))
}
