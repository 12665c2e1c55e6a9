/**
 * The version table's rows: one per current head, never one implied by another. Here are
 * the row changes each step makes, applying them, and what a set of rows implies.
 */
import { VersionTableConflictError } from '../errors.js'
import type { RevisionGraph } from './graph.js'
import { checkRows } from './lookup.js'
import { ancestorsOf, sortByPosition } from './traverse.js'

/** One change to the version table. */
export type VersionChange =
  | { readonly kind: 'insert'; readonly revision: string }
  | { readonly kind: 'update'; readonly from: string; readonly to: string }
  | { readonly kind: 'delete'; readonly revision: string }

/**
 * Applies `changes` in order to `rows` and returns the new rows (UPDATE keeps a row's
 * place, INSERT appends). Throws `VersionTableConflictError` when an UPDATE or DELETE
 * matches no row or an INSERT or UPDATE would repeat one.
 *
 * @example
 * applyVersionChanges(['a'], [{ kind: 'update', from: 'a', to: 'b' }]) // ['b']
 */
export function applyVersionChanges(
  rows: readonly string[],
  changes: readonly VersionChange[],
): readonly string[] {
  const result = [...rows]
  for (const change of changes) {
    const target = change.kind === 'update' ? change.from : change.revision
    const index = result.indexOf(target)
    if (change.kind === 'insert') {
      if (index !== -1) throw conflict(`cannot insert '${target}': the row exists`, result)
      result.push(target)
      continue
    }
    if (index === -1) {
      throw conflict(`cannot ${change.kind} '${target}': no such row`, result)
    }
    if (change.kind === 'delete') {
      result.splice(index, 1)
    } else {
      if (result.includes(change.to)) {
        throw conflict(`cannot update '${target}' to '${change.to}': that row exists`, result)
      }
      result[index] = change.to
    }
  }
  return result
}

function conflict(problem: string, rows: readonly string[]): VersionTableConflictError {
  const at = rows.length === 0 ? 'no rows' : rows.join(', ')
  return new VersionTableConflictError(`Version table conflict: ${problem} (rows: ${at})`, rows)
}

/**
 * Every revision the rows count as applied: the rows and their ancestors through parents
 * and dependencies, in graph order.
 *
 * @example
 * appliedRevisions(graph, ['b2']) // ['a1', 'a2', 'b1', 'b2'] when b2 depends on a2
 */
export function appliedRevisions(graph: RevisionGraph, rows: readonly string[]): readonly string[] {
  return sortByPosition(graph, ancestorsOf(graph, checkRows(graph, rows)))
}

/**
 * What `current` shows: the rows plus the revisions they imply through `dependsOn`, i.e.
 * the topmost applied revision of every line of descent, sorted by id.
 *
 * @example
 * impliedRevisions(graph, ['b2']) // ['a2', 'b2'] when b2 depends on a2
 */
export function impliedRevisions(graph: RevisionGraph, rows: readonly string[]): readonly string[] {
  const applied = ancestorsOf(graph, checkRows(graph, rows))
  return [...applied]
    .filter((id) => !graph.get(id).children.some((child) => applied.has(child)))
    .sort()
}

/**
 * The minimal rows for a set of revisions: drops every revision that another one implies.
 *
 * @example
 * minimalRows(graph, ['a', 'b']) // ['b'] on a -> b
 */
export function minimalRows(graph: RevisionGraph, ids: readonly string[]): readonly string[] {
  const implied = ancestorsOf(graph, ids, { inclusive: false })
  return [...new Set(ids)].filter((id) => !implied.has(id)).sort()
}

/**
 * The version table during a plan: the rows, the applied set, and for each applied
 * revision how many applied revisions need it (0 means it is a head and must be a row).
 */
export class VersionState {
  readonly #graph: RevisionGraph
  readonly #rows: Set<string>
  readonly #applied: Set<string>
  readonly #neededBy = new Map<string, number>()

  constructor(graph: RevisionGraph, rows: readonly string[], applied: ReadonlySet<string>) {
    this.#graph = graph
    this.#rows = new Set(rows)
    this.#applied = new Set(applied)
    for (const id of applied) {
      for (const required of graph.requires(id)) {
        this.#neededBy.set(required, (this.#neededBy.get(required) ?? 0) + 1)
      }
    }
  }

  /** Marks `id` applied and returns the row changes: it replaces the rows it implies. */
  upgrade(id: string): readonly VersionChange[] {
    const required = this.#graph.requires(id)
    const replaced = required.filter((r) => this.#rows.has(r))
    for (const r of required) this.#neededBy.set(r, (this.#neededBy.get(r) ?? 0) + 1)
    this.#applied.add(id)
    for (const r of replaced) this.#rows.delete(r)
    this.#rows.add(id)
    if (replaced.length === 0) return [{ kind: 'insert', revision: id }]
    const kept = this.#preferParent(id, replaced)
    return [
      ...replaced.filter((r) => r !== kept).map((r) => ({ kind: 'delete' as const, revision: r })),
      { kind: 'update', from: kept, to: id },
    ]
  }

  /** Marks `id` unapplied and returns the row changes: its requirements no longer needed become rows. */
  downgrade(id: string): readonly VersionChange[] {
    const uncovered: string[] = []
    for (const r of this.#graph.requires(id)) {
      const left = (this.#neededBy.get(r) ?? 0) - 1
      this.#neededBy.set(r, left)
      if (left === 0 && !this.#rows.has(r)) uncovered.push(r)
    }
    this.#applied.delete(id)
    this.#rows.delete(id)
    for (const r of uncovered) this.#rows.add(r)
    if (uncovered.length === 0) return [{ kind: 'delete', revision: id }]
    const kept = this.#preferParent(id, uncovered)
    return [
      ...uncovered.filter((r) => r !== kept).map((r) => ({ kind: 'insert' as const, revision: r })),
      { kind: 'update', from: id, to: kept },
    ]
  }

  /** The last of `ids` that is a parent of `id` (else the last one): the row to UPDATE. */
  #preferParent(id: string, ids: readonly string[]): string {
    const parents = this.#graph.get(id).downRevisions
    return ids.findLast((r) => parents.includes(r)) ?? ids[ids.length - 1]!
  }
}
