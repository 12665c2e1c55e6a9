/**
 * Relative steps: `N` single moves along children (up) or parents (down), refusing to
 * guess at a branch point or merge point.
 */
import { AmbiguousWalkError, RevisionResolutionError } from '../errors.js'
import type { RevisionGraph } from './graph.js'

/** Where a walk starts and how it moves. */
export interface WalkOptions {
  /** The starting revision; `null` for base. */
  readonly from: string | null
  /** Signed number of steps: positive walks up, negative walks down. */
  readonly steps: number
  /** Going up, only revisions in this set are candidates (a branch's lineage). */
  readonly lineage?: ReadonlySet<string> | undefined
  /** The identifier being resolved, for messages. */
  readonly identifier: string
  /** The relative step as written (`-2`), for messages. */
  readonly relativeText: string
}

/**
 * Takes the steps and returns where they end (`null` for base). Walking down from a root
 * reaches base; one more step down, or up past a head, is an error, as is a step with
 * several candidates (`AmbiguousWalkError`).
 *
 * @example
 * walk(graph, { from: 'c', steps: -2, identifier: 'c-2', relativeText: '-2' }) // 'a' on a -> b -> c
 */
export function walk(graph: RevisionGraph, options: WalkOptions): string | null {
  const up = options.steps > 0
  const count = Math.abs(options.steps)
  let at = options.from
  for (let step = 0; step < count; step++) {
    let candidates: readonly string[]
    if (up) {
      const next = at === null ? graph.bases() : graph.get(at).children
      const lineage = options.lineage
      candidates = lineage === undefined ? next : next.filter((id) => lineage.has(id))
    } else {
      if (at === null) throw pastEnd(options, step, 'base')
      candidates = graph.get(at).downRevisions
      if (candidates.length === 0) {
        at = null
        continue
      }
    }
    if (candidates.length === 0) throw pastEnd(options, step, at === null ? 'base' : `'${at}'`)
    if (candidates.length > 1) {
      throw new AmbiguousWalkError({
        identifier: options.identifier,
        at: at ?? undefined,
        candidates,
        direction: up ? 'up' : 'down',
      })
    }
    at = candidates[0]!
  }
  return at
}

function pastEnd(options: WalkOptions, step: number, end: string): RevisionResolutionError {
  const count = Math.abs(options.steps)
  const context = options.identifier === options.relativeText ? '' : ` ('${options.identifier}')`
  return new RevisionResolutionError(
    `Relative revision ${options.relativeText}${context} didn't produce ${count} migrations: the walk stops at ${end} after ${step} step${step === 1 ? '' : 's'}`,
  )
}
