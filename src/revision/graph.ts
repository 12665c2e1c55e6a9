/**
 * The revision graph: an immutable, validated view of every revision, with the
 * relations (children, dependents, labels, heads) computed once at build time.
 */
import { MigrationNotFoundError } from '../errors.js'
import { buildGraphData, type GraphData } from './build.js'
import type { RevisionMeta } from './meta.js'
import { prefixRange } from './prefix.js'

/** A revision in the graph: its metadata plus the relations the graph computed. */
export interface Revision extends RevisionMeta {
  /** Ids naming this one in `downRevisions`, sorted. */
  readonly children: readonly string[]
  /** Ids whose `dependsOn` resolves to this one, sorted. */
  readonly dependents: readonly string[]
  /** `dependsOn` resolved to full ids (labels and prefixes resolved), without repeats. */
  readonly resolvedDependsOn: readonly string[]
  /** Declared and propagated branch labels, sorted. */
  readonly labels: readonly string[]
  /** Versioned head: no children. */
  readonly isHead: boolean
  /** No children and no dependents. */
  readonly isRealHead: boolean
  /** No `downRevisions`. */
  readonly isBase: boolean
  /** More than one child. */
  readonly isBranchPoint: boolean
  /** More than one `downRevision`. */
  readonly isMergePoint: boolean
}

/**
 * An immutable revision graph. Build it with `RevisionGraph.build`, which validates the
 * whole graph first.
 *
 * @example
 * const graph = RevisionGraph.build(metas)
 * graph.heads() // ['3f2a9c1b7d4e']
 * graph.get('3f2a9c1b7d4e').downRevisions // ['1a2b3c4d5e6f']
 */
export class RevisionGraph {
  readonly #data: GraphData
  readonly #heads: readonly string[]
  readonly #realHeads: readonly string[]
  readonly #bases: readonly string[]
  readonly #branchPoints: readonly string[]
  readonly #mergePoints: readonly string[]

  private constructor(data: GraphData) {
    this.#data = data
    const select = (test: (revision: Revision) => boolean) =>
      Object.freeze(data.sortedIds.filter((id) => test(data.byId.get(id)!)))
    this.#heads = select((r) => r.isHead)
    this.#realHeads = select((r) => r.isRealHead)
    this.#bases = select((r) => r.isBase)
    this.#branchPoints = select((r) => r.isBranchPoint)
    this.#mergePoints = select((r) => r.isMergePoint)
  }

  /**
   * Validates `metas` and builds the graph. Throws a `RevisionGraphError` subclass for a
   * duplicate id, a missing parent or dependency, a cycle, a label declared twice, or an
   * id or label the identifier grammar cannot express.
   *
   * @example
   * RevisionGraph.build([
   *   { revision: 'a1', downRevisions: [], branchLabels: [], dependsOn: [], message: 'init', path: '' },
   * ])
   */
  static build(metas: readonly RevisionMeta[]): RevisionGraph {
    return new RevisionGraph(buildGraphData(metas))
  }

  /** How many revisions the graph holds. */
  get size(): number {
    return this.#data.ordered.length
  }

  /** Whether `id` is the exact id of a revision. */
  has(id: string): boolean {
    return this.#data.byId.has(id)
  }

  /**
   * The revision with exactly this id; throws `MigrationNotFoundError` otherwise.
   *
   * @example
   * graph.get('ae1027a6acf').message
   */
  get(id: string): Revision {
    const revision = this.#data.byId.get(id)
    if (revision === undefined) throw new MigrationNotFoundError(id)
    return revision
  }

  /** Every revision in a deterministic topological order: parents and dependencies first. */
  revisions(): readonly Revision[] {
    return this.#data.ordered
  }

  /** Index of `id` in `revisions()`; throws `MigrationNotFoundError` for an unknown id. */
  position(id: string): number {
    const index = this.#data.position.get(id)
    if (index === undefined) throw new MigrationNotFoundError(id)
    return index
  }

  /** Versioned heads (no children), sorted by id. */
  heads(): readonly string[] {
    return this.#heads
  }

  /** Heads nothing depends on either, sorted by id: what `heads` resolves to. */
  realHeads(): readonly string[] {
    return this.#realHeads
  }

  /** Revisions without parents, sorted by id. */
  bases(): readonly string[] {
    return this.#bases
  }

  /** Revisions with more than one child, sorted by id. */
  branchPoints(): readonly string[] {
    return this.#branchPoints
  }

  /** Revisions with more than one parent, sorted by id. */
  mergePoints(): readonly string[] {
    return this.#mergePoints
  }

  /** The revision that declared `label`, or `undefined`. */
  labelOwner(label: string): string | undefined {
    return this.#data.labelOwners.get(label)
  }

  /** Every declared branch label, sorted. */
  branchLabels(): readonly string[] {
    return [...this.#data.labelOwners.keys()].sort()
  }

  /**
   * Ids starting with `prefix`, sorted (an exact id matches itself and any longer ids).
   *
   * @example
   * graph.matchPrefix('ae') // ['ae1027a6acf']
   */
  matchPrefix(prefix: string): readonly string[] {
    const [start, end] = prefixRange(this.#data.sortedIds, prefix)
    return this.#data.sortedIds.slice(start, end)
  }

  /** What `id` needs applied first: its parents, then its resolved dependencies. */
  requires(id: string): readonly string[] {
    const list = this.#data.requires.get(id)
    if (list === undefined) throw new MigrationNotFoundError(id)
    return list
  }

  /** What needs `id` applied first: its children and dependents, sorted. */
  requiredBy(id: string): readonly string[] {
    const list = this.#data.requiredBy.get(id)
    if (list === undefined) throw new MigrationNotFoundError(id)
    return list
  }
}
