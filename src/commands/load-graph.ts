import type { ResolvedConfig } from '../config/types.js'
import { RevisionGraph } from '../revision/index.js'
import type { RevisionMeta } from '../revision/meta.js'
import { scanRevisions } from '../script/script-directory.js'

/** The parts of the configuration that locate revision files. */
export type VersionPathsConfig = Pick<ResolvedConfig, 'versionPaths' | 'recursiveVersionPaths'>

/** The revisions of a project: the metadata read from its files and the graph built from it. */
export interface LoadedGraph {
  readonly metas: readonly RevisionMeta[]
  readonly graph: RevisionGraph
  /** The checksum of each revision file by path, of the text its metadata was read from. */
  readonly checksums: ReadonlyMap<string, string>
}

/**
 * Read every revision file of the configured version paths (statically, without running them)
 * and build the validated revision graph. What was read is cached in
 * `node_modules/.cache/stratum/` and reused for the files whose stat did not change.
 *
 * @example
 * const { graph } = await loadGraph(await loadConfig())
 * graph.heads()
 */
export async function loadGraph(config: VersionPathsConfig): Promise<LoadedGraph> {
  const { metas, checksums } = scanRevisions({
    versionPaths: [...config.versionPaths],
    recursive: config.recursiveVersionPaths,
    cache: true,
  })
  return { metas, graph: RevisionGraph.build(metas), checksums }
}
