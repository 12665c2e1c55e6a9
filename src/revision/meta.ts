/**
 * What Stratum knows about one revision without running it: the graph fields a
 * revision file exports, its message and where it came from. The script folder
 * reads these statically; the revision graph is built from them.
 */
export interface RevisionMeta {
  /** The revision id, e.g. `3f2a9c1b7d4e`. */
  readonly revision: string
  /** Parents: none for a root, one, or several for a merge point. */
  readonly downRevisions: readonly string[]
  /** Branch labels this revision declares. */
  readonly branchLabels: readonly string[]
  /** Extra prerequisites: revision ids, unique prefixes, or branch labels. */
  readonly dependsOn: readonly string[]
  /** The first line of the revision's doc comment (may be empty). */
  readonly message: string
  /** The file the revision was read from ('' for revisions built in memory). */
  readonly path: string
}
