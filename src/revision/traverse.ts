/**
 * Reachability over the revision graph, iterative and linear in what it visits.
 * "Down" follows parents (and, with `dependencies`, dependsOn); "up" follows children
 * (and dependents).
 */
import type { RevisionGraph } from './graph.js'

/** How far a traversal reaches. */
export interface TraverseOptions {
  /** Follow `dependsOn` as well as parent links. Default `true`. */
  readonly dependencies?: boolean
  /** Include the starting revisions. Default `true`. */
  readonly inclusive?: boolean
}

/**
 * Every revision reachable from `ids` through parents (and dependencies).
 *
 * @example
 * ancestorsOf(graph, ['c']) // Set { 'c', 'b', 'a' } on a -> b -> c
 */
export function ancestorsOf(
  graph: RevisionGraph,
  ids: Iterable<string>,
  options: TraverseOptions = {},
): Set<string> {
  const withDeps = options.dependencies ?? true
  return reach(ids, options.inclusive ?? true, (id) =>
    withDeps ? graph.requires(id) : graph.get(id).downRevisions,
  )
}

/**
 * Every revision reachable from `ids` through children (and dependents).
 *
 * @example
 * descendantsOf(graph, ['a'], { inclusive: false }) // Set { 'b', 'c' } on a -> b -> c
 */
export function descendantsOf(
  graph: RevisionGraph,
  ids: Iterable<string>,
  options: TraverseOptions = {},
): Set<string> {
  const withDeps = options.dependencies ?? true
  return reach(ids, options.inclusive ?? true, (id) =>
    withDeps ? graph.requiredBy(id) : graph.get(id).children,
  )
}

/**
 * The revisions on `id`'s line of descent through parent links only: its ancestors, its
 * descendants and itself. `label@rev` needs `rev` to be on the label's lineage.
 */
export function lineageOf(graph: RevisionGraph, id: string): Set<string> {
  const lineage = ancestorsOf(graph, [id], { dependencies: false })
  for (const descendant of descendantsOf(graph, [id], { dependencies: false })) {
    lineage.add(descendant)
  }
  return lineage
}

/**
 * `ids` in graph order (`revisions()` order), or newest first with `'desc'`.
 *
 * @example
 * sortByPosition(graph, ['c', 'a']) // ['a', 'c']
 */
export function sortByPosition(
  graph: RevisionGraph,
  ids: Iterable<string>,
  direction: 'asc' | 'desc' = 'asc',
): string[] {
  const sign = direction === 'asc' ? 1 : -1
  return [...ids]
    .map((id) => [graph.position(id), id] as const)
    .sort((x, y) => sign * (x[0] - y[0]))
    .map(([, id]) => id)
}

function reach(
  start: Iterable<string>,
  inclusive: boolean,
  next: (id: string) => readonly string[],
): Set<string> {
  const seen = new Set<string>()
  const stack: string[] = []
  for (const id of start) {
    if (inclusive) {
      if (!seen.has(id)) {
        next(id) // validates the id
        seen.add(id)
        stack.push(id)
      }
    } else {
      stack.push(id)
    }
  }
  while (stack.length > 0) {
    const id = stack.pop()!
    for (const other of next(id)) {
      if (!seen.has(other)) {
        seen.add(other)
        stack.push(other)
      }
    }
  }
  return seen
}
