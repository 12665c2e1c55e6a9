import type { ResolvedConfig } from '../config/types.js'
import { RevisionGraph } from '../revision/index.js'
import type { RevisionMeta } from '../revision/meta.js'
import { readRevisions } from '../script/index.js'

/** The parts of the configuration that locate revision files. */
export type VersionPathsConfig = Pick<ResolvedConfig, 'versionPaths' | 'recursiveVersionPaths'>

/** The revisions of a project: the metadata read from its files and the graph built from it. */
export interface LoadedGraph {
  readonly metas: readonly RevisionMeta[]
  readonly graph: RevisionGraph
}

/**
 * Read every revision file of the configured version paths (statically, without running them)
 * and build the validated revision graph.
 *
 * @example
 * const { graph } = await loadGraph(await loadConfig())
 * graph.heads()
 */
export async function loadGraph(config: VersionPathsConfig): Promise<LoadedGraph> {
  const metas = await readRevisions({
    versionPaths: [...config.versionPaths],
    recursive: config.recursiveVersionPaths,
  })
  return { metas, graph: RevisionGraph.build(metas) }
}
