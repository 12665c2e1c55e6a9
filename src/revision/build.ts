/**
 * Builds and validates the revision graph's indexes from revision metadata. Everything
 * here is iterative (no recursion), so a chain of tens of thousands of revisions cannot
 * overflow the stack, and linear apart from sorting.
 */
import {
  AmbiguousRevisionError,
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  InvalidRevisionIdError,
  MissingRevisionError,
} from '../errors.js'
import type { Revision } from './graph.js'
import type { RevisionMeta } from './meta.js'
import { nameProblem } from './names.js'
import { prefixRange } from './prefix.js'

/** The indexes a `RevisionGraph` is made of. */
export interface GraphData {
  /** Every revision, parents and dependencies before children. */
  readonly ordered: readonly Revision[]
  readonly byId: ReadonlyMap<string, Revision>
  /** Index of each revision in `ordered`. */
  readonly position: ReadonlyMap<string, number>
  /** Parents then resolved dependencies, without repeats. */
  readonly requires: ReadonlyMap<string, readonly string[]>
  /** Children and dependents, without repeats, sorted. */
  readonly requiredBy: ReadonlyMap<string, readonly string[]>
  /** Branch label to the revision that declared it. */
  readonly labelOwners: ReadonlyMap<string, string>
  /** Every id, sorted (for prefix search). */
  readonly sortedIds: readonly string[]
}

const NONE: readonly string[] = Object.freeze([])

/** Validates `metas` and indexes them; throws the first problem found as a `RevisionGraphError`. */
export function buildGraphData(metas: readonly RevisionMeta[]): GraphData {
  const metaById = indexMetas(metas)
  const sortedIds = [...metaById.keys()].sort()
  const labelOwners = indexLabels(metas, metaById)
  const parents = new Map<string, readonly string[]>()
  const dependencies = new Map<string, readonly string[]>()
  for (const meta of metas) {
    parents.set(meta.revision, resolveParents(meta, metaById))
    dependencies.set(meta.revision, resolveDependencies(meta, { metaById, labelOwners, sortedIds }))
  }

  const children = new Map<string, string[]>()
  const dependents = new Map<string, string[]>()
  const requires = new Map<string, readonly string[]>()
  const requiredBy = new Map<string, string[]>()
  for (const id of sortedIds) {
    children.set(id, [])
    dependents.set(id, [])
    requiredBy.set(id, [])
  }
  for (const id of sortedIds) {
    const up = parents.get(id) ?? NONE
    const deps = dependencies.get(id) ?? NONE
    for (const parent of up) children.get(parent)?.push(id)
    for (const dep of deps) dependents.get(dep)?.push(id)
    const all = unique([...up, ...deps])
    requires.set(id, all)
    for (const required of all) requiredBy.get(required)?.push(id)
  }
  // Ids were visited in sorted order, so the lists built above are already sorted.

  const order = topologicalOrder(sortedIds, requires, requiredBy, metaById)
  const labels = propagateLabels({ order, metaById, parents, requiredBy })

  const ordered: Revision[] = []
  const byId = new Map<string, Revision>()
  const position = new Map<string, number>()
  for (const id of order) {
    const meta = metaById.get(id)!
    const up = parents.get(id) ?? NONE
    const down = children.get(id) ?? NONE
    const revision: Revision = Object.freeze({
      revision: meta.revision,
      branchLabels: meta.branchLabels,
      dependsOn: meta.dependsOn,
      message: meta.message,
      path: meta.path,
      downRevisions: up,
      children: Object.freeze(down),
      dependents: Object.freeze(dependents.get(id) ?? []),
      resolvedDependsOn: dependencies.get(id) ?? NONE,
      labels: labels.get(id) ?? NONE,
      isHead: down.length === 0,
      isRealHead: (requiredBy.get(id) ?? NONE).length === 0,
      isBase: up.length === 0,
      isBranchPoint: down.length > 1,
      isMergePoint: up.length > 1,
    })
    position.set(id, ordered.length)
    ordered.push(revision)
    byId.set(id, revision)
  }
  for (const list of requiredBy.values()) Object.freeze(list)
  Object.freeze(ordered)
  return { ordered, byId, position, requires, requiredBy, labelOwners, sortedIds }
}

function where(path: string): string {
  return path === '' ? '<in memory>' : path
}

function unique(values: readonly string[]): readonly string[] {
  return Object.freeze([...new Set(values)])
}

function indexMetas(metas: readonly RevisionMeta[]): Map<string, RevisionMeta> {
  const metaById = new Map<string, RevisionMeta>()
  const paths = new Map<string, string[]>()
  for (const meta of metas) {
    const problem = nameProblem(meta.revision)
    if (problem !== undefined) {
      throw new InvalidRevisionIdError(
        meta.revision,
        `Revision id '${meta.revision}' ${problem}`,
        meta.path || undefined,
      )
    }
    if (!metaById.has(meta.revision)) metaById.set(meta.revision, meta)
    const list = paths.get(meta.revision)
    if (list === undefined) paths.set(meta.revision, [meta.path])
    else list.push(meta.path)
  }
  for (const [id, list] of paths) {
    if (list.length > 1) throw new DuplicateRevisionError(id, list.map(where))
  }
  return metaById
}

function indexLabels(
  metas: readonly RevisionMeta[],
  metaById: ReadonlyMap<string, RevisionMeta>,
): Map<string, string> {
  const owners = new Map<string, string>()
  for (const meta of metas) {
    for (const label of new Set(meta.branchLabels)) {
      const problem = nameProblem(label)
      const path = meta.path || undefined
      if (problem !== undefined) {
        throw new InvalidRevisionIdError(
          label,
          `Branch label '${label}' of revision '${meta.revision}' ${problem}`,
          path,
        )
      }
      const sameId = metaById.get(label)
      if (sameId !== undefined) {
        throw new InvalidRevisionIdError(
          label,
          `Branch label '${label}' of revision '${meta.revision}' is also the id of a revision (${where(sameId.path)})`,
          path,
        )
      }
      const owner = owners.get(label)
      if (owner !== undefined) {
        const ownerPath = metaById.get(owner)?.path ?? ''
        throw new DuplicateBranchLabelError(
          label,
          [owner, meta.revision],
          [where(ownerPath), where(meta.path)],
        )
      }
      owners.set(label, meta.revision)
    }
  }
  return owners
}

function resolveParents(
  meta: RevisionMeta,
  metaById: ReadonlyMap<string, RevisionMeta>,
): readonly string[] {
  for (const parent of meta.downRevisions) {
    if (!metaById.has(parent)) {
      throw new MissingRevisionError({
        revision: meta.revision,
        missing: parent,
        relation: 'downRevision',
        path: meta.path || undefined,
      })
    }
  }
  return unique(meta.downRevisions)
}

function resolveDependencies(
  meta: RevisionMeta,
  known: {
    metaById: ReadonlyMap<string, RevisionMeta>
    labelOwners: ReadonlyMap<string, string>
    sortedIds: readonly string[]
  },
): readonly string[] {
  const resolved: string[] = []
  for (const dependency of meta.dependsOn) {
    if (known.metaById.has(dependency)) {
      resolved.push(dependency)
      continue
    }
    const owner = known.labelOwners.get(dependency)
    if (owner !== undefined) {
      resolved.push(owner)
      continue
    }
    const [start, end] = dependency === '' ? [0, 0] : prefixRange(known.sortedIds, dependency)
    if (end - start === 1) {
      resolved.push(known.sortedIds[start]!)
    } else if (end - start > 1) {
      throw new AmbiguousRevisionError(
        dependency,
        known.sortedIds.slice(start, end),
        `dependsOn of '${meta.revision}' (${where(meta.path)})`,
      )
    } else {
      throw new MissingRevisionError({
        revision: meta.revision,
        missing: dependency,
        relation: 'dependsOn',
        path: meta.path || undefined,
      })
    }
  }
  return unique(resolved)
}

/**
 * Kahn's algorithm with a stack instead of a queue: after a revision, its newly ready
 * successors come next, so a branch is listed to its end before the next one starts
 * (the order Alembic's history reads in). Ties go to the smaller id.
 */
function topologicalOrder(
  sortedIds: readonly string[],
  requires: ReadonlyMap<string, readonly string[]>,
  requiredBy: ReadonlyMap<string, readonly string[]>,
  metaById: ReadonlyMap<string, RevisionMeta>,
): string[] {
  const waiting = new Map<string, number>()
  const stack: string[] = []
  for (let i = sortedIds.length - 1; i >= 0; i--) {
    const id = sortedIds[i]!
    const count = (requires.get(id) ?? NONE).length
    waiting.set(id, count)
    if (count === 0) stack.push(id)
  }
  const order: string[] = []
  while (stack.length > 0) {
    const id = stack.pop()!
    order.push(id)
    const next = requiredBy.get(id) ?? NONE
    for (let i = next.length - 1; i >= 0; i--) {
      const successor = next[i]!
      const left = waiting.get(successor)! - 1
      waiting.set(successor, left)
      if (left === 0) stack.push(successor)
    }
  }
  if (order.length < sortedIds.length) {
    const cycle = findCycle(sortedIds, requires, waiting)
    throw new CycleError(
      cycle,
      cycle.map((id) => where(metaById.get(id)?.path ?? '')),
    )
  }
  return order
}

/** Follows unfinished requirements from an unfinished revision until one repeats. */
function findCycle(
  sortedIds: readonly string[],
  requires: ReadonlyMap<string, readonly string[]>,
  waiting: ReadonlyMap<string, number>,
): string[] {
  const stuck = (id: string) => (waiting.get(id) ?? 0) > 0
  const path: string[] = []
  const seenAt = new Map<string, number>()
  let current = sortedIds.find(stuck)!
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length)
    path.push(current)
    current = (requires.get(current) ?? NONE).find(stuck)!
  }
  const cycle = path.slice(seenAt.get(current))
  const smallest = cycle.indexOf([...cycle].sort()[0]!)
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)]
}

/**
 * Labels reach every descendant (through parents) and the ancestors of the declaring
 * revision back to, not including, the nearest branch point (counting dependents, as
 * Alembic does) or merge point.
 */
function propagateLabels(graph: {
  order: readonly string[]
  metaById: ReadonlyMap<string, RevisionMeta>
  parents: ReadonlyMap<string, readonly string[]>
  requiredBy: ReadonlyMap<string, readonly string[]>
}): Map<string, readonly string[]> {
  const parentsOf = (id: string) => graph.parents.get(id) ?? NONE
  const stops = (id: string) =>
    (graph.requiredBy.get(id) ?? NONE).length > 1 || parentsOf(id).length > 1
  const own = new Map<string, Set<string>>()
  const add = (id: string, labels: Iterable<string>) => {
    const set = own.get(id) ?? new Set<string>()
    for (const label of labels) set.add(label)
    own.set(id, set)
  }
  for (const meta of graph.metaById.values()) {
    if (meta.branchLabels.length === 0) continue
    add(meta.revision, meta.branchLabels)
    let at = meta.revision
    while (!stops(at)) {
      if (at !== meta.revision) add(at, meta.branchLabels)
      const up = parentsOf(at)
      if (up.length !== 1) break
      at = up[0]!
    }
  }
  const labels = new Map<string, readonly string[]>()
  for (const id of graph.order) {
    const mine = own.get(id)
    const up = parentsOf(id)
    if (mine === undefined && up.length === 1) {
      labels.set(id, labels.get(up[0]!) ?? NONE)
      continue
    }
    const all = new Set(mine)
    for (const parent of up) for (const label of labels.get(parent) ?? NONE) all.add(label)
    labels.set(id, all.size === 0 ? NONE : Object.freeze([...all].sort()))
  }
  return labels
}
