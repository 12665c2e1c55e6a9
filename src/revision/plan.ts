/**
 * Upgrade and downgrade plans: which revisions to run, in which order, and what each
 * step does to the version table.
 */
import { MultipleHeadsError, RevisionResolutionError } from '../errors.js'
import type { RevisionGraph } from './graph.js'
import { checkRows } from './lookup.js'
import { resolveTarget } from './resolve.js'
import { ancestorsOf, descendantsOf, sortByPosition } from './traverse.js'
import { type VersionChange, VersionState } from './version-table.js'

export { planStamp } from './stamp.js'
export {
  appliedRevisions,
  applyVersionChanges,
  impliedRevisions,
  minimalRows,
  type VersionChange,
} from './version-table.js'

/** One revision to run, and the version-table changes that record it. */
export interface MigrationStep {
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  /** Upgrade: the revision's `downRevisions`; downgrade: the revision itself. */
  readonly from: readonly string[]
  /** Upgrade: the revision; downgrade: its `downRevisions`. */
  readonly to: readonly string[]
  /** What the version table must do once the step has run. */
  readonly versionChanges: readonly VersionChange[]
}

/**
 * Plans `upgrade target` from the version-table rows `current`: every ancestor of the
 * target (through parents and dependencies) not yet applied, each after its parents and
 * dependencies. A target already applied gives an empty plan.
 *
 * @example
 * planUpgrade(graph, [], 'head').map((s) => s.revision) // ['a', 'b', 'c']
 * planUpgrade(graph, ['a'], '+1')[0]?.versionChanges // [{ kind: 'update', from: 'a', to: 'b' }]
 */
export function planUpgrade(
  graph: RevisionGraph,
  current: readonly string[],
  target: string,
): readonly MigrationStep[] {
  const rows = checkRows(graph, current)
  const resolved = resolveTarget(graph, target, { current: rows })
  if (resolved.relativeToCurrent === 'down') {
    throw new RevisionResolutionError(
      `Cannot upgrade to '${target}': it steps down from the current revision`,
      { hint: `Use 'downgrade ${target}'.` },
    )
  }
  const applied = ancestorsOf(graph, rows)
  const wanted = ancestorsOf(graph, resolved.revisions)
  const todo = sortByPosition(
    graph,
    [...wanted].filter((id) => !applied.has(id)),
  )
  const state = new VersionState(graph, rows, applied)
  return todo.map((id) => {
    const revision = graph.get(id)
    return Object.freeze({
      revision: id,
      direction: 'upgrade' as const,
      from: revision.downRevisions,
      to: [id],
      versionChanges: state.upgrade(id),
    })
  })
}

/**
 * Plans `downgrade target` from the version-table rows `current`: every applied
 * revision that descends from the target (through parents or dependencies), children
 * before parents; the target stays applied. `base` unapplies everything, `label@base`
 * the roots of that branch and what descends from them. Throws `RevisionResolutionError`
 * when the target is not applied ("not a valid downgrade target").
 *
 * @example
 * planDowngrade(graph, ['c'], '-1').map((s) => s.revision) // ['c']
 * planDowngrade(graph, ['c'], 'base').map((s) => s.revision) // ['c', 'b', 'a']
 */
export function planDowngrade(
  graph: RevisionGraph,
  current: readonly string[],
  target: string,
): readonly MigrationStep[] {
  const rows = checkRows(graph, current)
  const resolved = resolveTarget(graph, target, { current: rows })
  if (resolved.relativeToCurrent === 'up') {
    throw new RevisionResolutionError(
      `Cannot downgrade to '${target}': it steps up from the current revision`,
      { hint: `Use 'upgrade ${target}'.` },
    )
  }
  if (resolved.revisions.length > 1) throw new MultipleHeadsError(resolved.revisions, target)
  const applied = ancestorsOf(graph, rows)
  const destination = resolved.revisions[0]
  const invalid = () =>
    new RevisionResolutionError(
      `Destination '${target}' is not a valid downgrade target from the current heads (${rows.length === 0 ? 'base' : rows.join(', ')})`,
      { hint: 'A downgrade target must be applied already; see `stratum current`.' },
    )
  if (destination !== undefined && !applied.has(destination)) throw invalid()

  let roots = destination === undefined ? graph.bases() : graph.requiredBy(destination)
  const branch = resolved.branch
  if (branch !== undefined && roots.length > 1) {
    const onBranch = ancestorsOf(graph, [branch.revision], { dependencies: false })
    roots = roots.filter((id) => onBranch.has(id))
    if (roots.length === 0) throw invalid()
  }
  const todo = sortByPosition(
    graph,
    [...descendantsOf(graph, roots)].filter((id) => applied.has(id)),
    'desc',
  )
  const state = new VersionState(graph, rows, applied)
  return todo.map((id) => {
    const revision = graph.get(id)
    return Object.freeze({
      revision: id,
      direction: 'downgrade' as const,
      from: [id],
      to: revision.downRevisions,
      versionChanges: state.downgrade(id),
    })
  })
}
