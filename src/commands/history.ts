import type { ResolvedConfig } from '../config/types.js'
import { historyRange, type Revision } from '../revision/index.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link history}. */
export interface HistoryOptions {
  readonly config: ResolvedConfig
  /** `A:B`, `A:` or `:B` (either side defaults to base / heads). Default: everything. */
  readonly range?: string | undefined
}

/**
 * The revisions of the graph, newest first (children before their parents), optionally
 * limited to a range.
 *
 * @example
 * const revisions = await history({ config, range: 'ae10:head' })
 */
export async function history(options: HistoryOptions): Promise<Revision[]> {
  const { graph } = await loadGraph(options.config)
  if (options.range === undefined) return [...graph.revisions()].reverse()
  return [...historyRange(graph, options.range)]
}
