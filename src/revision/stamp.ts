/**
 * `stamp`: set the version table to given revisions without running anything, as one
 * atomic set of row changes.
 */
import { RevisionResolutionError, UsageError } from '../errors.js'
import type { RevisionGraph } from './graph.js'
import { checkRows } from './lookup.js'
import { resolveTarget } from './resolve.js'
import { ancestorsOf, descendantsOf } from './traverse.js'
import { applyVersionChanges, type VersionChange } from './version-table.js'

/** The rows a stamp leaves, and the changes that get there from the current rows. */
export interface StampPlan {
  readonly rows: readonly string[]
  readonly changes: readonly VersionChange[]
}

/**
 * Plans `stamp targets...`. Each revision target replaces the rows on its line of descent
 * (its ancestors and descendants, through parents and dependencies), or adds a row when
 * none is; `base` removes every row, `label@base` the rows on that branch's lineage.
 * Targets may not be ancestors of one another. With `purge`, every current row is deleted
 * first (they need not be known revisions) and relative targets count from base.
 *
 * @example
 * planStamp(graph, ['c'], ['a']) // { rows: ['a'], changes: [{ kind: 'update', from: 'c', to: 'a' }] }
 * planStamp(graph, ['zzz'], ['head'], { purge: true }).rows // ['c']
 */
export function planStamp(
  graph: RevisionGraph,
  current: readonly string[],
  targets: readonly string[],
  options: { purge?: boolean } = {},
): StampPlan {
  if (targets.length === 0) throw new UsageError('stamp needs at least one target revision')
  const purge = options.purge ?? false
  const rows = purge ? [] : checkRows(graph, current)
  const resolved = targets.map((target) => resolveTarget(graph, target, { current: rows }))

  const kept = new Set(rows)
  for (const target of resolved) {
    if (target.revisions.length > 0) continue
    if (target.branch === undefined) kept.clear()
    else for (const id of related(graph, target.branch.revision)) kept.delete(id)
  }

  const stamped = [...new Set(resolved.flatMap((target) => target.revisions))]
  checkIndependent(graph, stamped)
  const replacedBy = new Map<string, string[]>()
  for (const id of stamped) {
    const line = related(graph, id)
    const replaced = [...kept].filter((row) => line.has(row))
    for (const row of replaced) kept.delete(row)
    replacedBy.set(id, replaced)
  }
  const final = new Set([...kept, ...stamped])

  if (purge) {
    const changes: VersionChange[] = [
      ...current.map((row) => ({ kind: 'delete' as const, revision: row })),
      ...stamped.map((id) => ({ kind: 'insert' as const, revision: id })),
    ]
    return { rows: applyVersionChanges(current, changes), changes }
  }

  const deletes: VersionChange[] = []
  const updates: VersionChange[] = []
  const inserts: VersionChange[] = []
  const handled = new Set<string>()
  for (const id of stamped) {
    if (rows.includes(id)) continue
    const replaced = (replacedBy.get(id) ?? []).filter((row) => !final.has(row))
    const updated = replaced[replaced.length - 1]
    for (const row of replaced) {
      handled.add(row)
      if (row !== updated) deletes.push({ kind: 'delete', revision: row })
    }
    if (updated === undefined) inserts.push({ kind: 'insert', revision: id })
    else updates.push({ kind: 'update', from: updated, to: id })
  }
  for (const row of rows) {
    if (!final.has(row) && !handled.has(row)) deletes.push({ kind: 'delete', revision: row })
  }
  const changes = [...deletes, ...updates, ...inserts]
  return { rows: applyVersionChanges(rows, changes), changes }
}

/** Ancestors and descendants of `id` through parents and dependencies, and `id` itself. */
function related(graph: RevisionGraph, id: string): Set<string> {
  const line = ancestorsOf(graph, [id])
  for (const descendant of descendantsOf(graph, [id])) line.add(descendant)
  return line
}

function checkIndependent(graph: RevisionGraph, ids: readonly string[]): void {
  if (ids.length < 2) return
  for (const id of ids) {
    const below = ancestorsOf(graph, [id], { inclusive: false })
    const overlap = ids.find((other) => below.has(other))
    if (overlap !== undefined) {
      throw new RevisionResolutionError(
        `Cannot stamp both '${overlap}' and '${id}': '${overlap}' is an ancestor of '${id}'`,
        { hint: 'Stamp the newer one only; its ancestors count as applied.' },
      )
    }
  }
}
