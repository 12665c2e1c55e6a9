import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { RevisionResolutionError } from '../../src/errors.js'
import { RevisionGraph } from '../../src/revision/graph.js'
import type { RevisionMeta } from '../../src/revision/meta.js'
import {
  appliedRevisions,
  applyVersionChanges,
  impliedRevisions,
  type MigrationStep,
  minimalRows,
  planDowngrade,
  planUpgrade,
} from '../../src/revision/plan.js'
import { planStamp } from '../../src/revision/stamp.js'
import { dagArbitrary } from '../support/graphs.js'

/** A naive model of the graph, independent of the library's traversals. */
function model(metas: readonly RevisionMeta[]) {
  const owner = new Map<string, string>()
  for (const m of metas) for (const label of m.branchLabels) owner.set(label, m.revision)
  const requires = new Map<string, string[]>()
  for (const m of metas) {
    const deps = m.dependsOn.map((d) => owner.get(d) ?? d)
    requires.set(m.revision, [...new Set([...m.downRevisions, ...deps])])
  }
  const closure = (ids: Iterable<string>) => {
    const seen = new Set<string>()
    const todo = [...ids]
    while (todo.length > 0) {
      const id = todo.pop()!
      if (seen.has(id)) continue
      seen.add(id)
      todo.push(...(requires.get(id) ?? []))
    }
    return seen
  }
  /** Revisions that have `id` as a strict ancestor. */
  const above = (id: string) =>
    new Set(metas.map((m) => m.revision).filter((x) => x !== id && closure([x]).has(id)))
  return { requires, closure, above, ids: metas.map((m) => m.revision) }
}

type Model = ReturnType<typeof model>

/** Runs `steps` from `rows`, checking every invariant after each step; returns the rows. */
function runSteps(
  graph: RevisionGraph,
  m: Model,
  rows: readonly string[],
  steps: readonly MigrationStep[],
): readonly string[] {
  const applied = m.closure(rows)
  const seen = new Set<string>()
  let current = rows
  for (const step of steps) {
    expect(seen.has(step.revision)).toBe(false)
    seen.add(step.revision)
    if (step.direction === 'upgrade') {
      expect(applied.has(step.revision)).toBe(false)
      for (const required of m.requires.get(step.revision) ?? []) {
        expect(applied.has(required)).toBe(true)
      }
      applied.add(step.revision)
    } else {
      expect(applied.has(step.revision)).toBe(true)
      for (const other of applied) {
        expect(m.requires.get(other)?.includes(step.revision)).not.toBe(true)
      }
      applied.delete(step.revision)
    }
    current = applyVersionChanges(current, step.versionChanges)
    expect([...current].sort()).toEqual(minimalRows(graph, current))
    expect(new Set(appliedRevisions(graph, current))).toEqual(applied)
    for (const row of current) expect(impliedRevisions(graph, current)).toContain(row)
  }
  return current
}

const withChoices = dagArbitrary.chain((metas) =>
  fc.record({
    metas: fc.constant(metas),
    first: fc.nat(metas.length - 1),
    second: fc.nat(metas.length - 1),
    down: fc.nat(metas.length),
    shuffle: fc.shuffledSubarray(metas, { minLength: metas.length }),
  }),
)

describe('planning on random graphs', () => {
  it('upgrades base to heads running each revision once after its requirements', () => {
    fc.assert(
      fc.property(dagArbitrary, (metas) => {
        const graph = RevisionGraph.build(metas)
        const m = model(metas)
        const steps = planUpgrade(graph, [], 'heads')
        expect(steps.map((s) => s.revision).sort()).toEqual([...m.ids].sort())
        const rows = runSteps(graph, m, [], steps)
        expect([...rows].sort()).toEqual(graph.realHeads())
      }),
      { numRuns: 200 },
    )
  })

  it('downgrades all heads to base running each revision once, children first', () => {
    fc.assert(
      fc.property(dagArbitrary, (metas) => {
        const graph = RevisionGraph.build(metas)
        const m = model(metas)
        const top = graph.realHeads()
        const steps = planDowngrade(graph, top, 'base')
        expect(steps.map((s) => s.revision).sort()).toEqual([...m.ids].sort())
        expect(runSteps(graph, m, top, steps)).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it('plans deterministically, whatever the order of the revision files', () => {
    fc.assert(
      fc.property(withChoices, ({ metas, shuffle, first }) => {
        const graph = RevisionGraph.build(metas)
        const again = RevisionGraph.build(shuffle)
        const target = metas[first]!.revision
        expect(again.revisions().map((r) => r.revision)).toEqual(
          graph.revisions().map((r) => r.revision),
        )
        expect(planUpgrade(again, [], target)).toEqual(planUpgrade(graph, [], target))
        const top = graph.realHeads()
        expect(planDowngrade(again, top, target)).toEqual(planDowngrade(graph, top, target))
      }),
      { numRuns: 200 },
    )
  })

  it('upgrade then downgrade leaves exactly the expected revisions applied', () => {
    fc.assert(
      fc.property(withChoices, ({ metas, first, second, down }) => {
        const graph = RevisionGraph.build(metas)
        const m = model(metas)
        const start = runSteps(graph, m, [], planUpgrade(graph, [], metas[first]!.revision))
        const target = metas[second]!.revision
        const upSteps = planUpgrade(graph, start, target)
        const afterUp = runSteps(graph, m, start, upSteps)
        const appliedUp = m.closure(afterUp)
        expect(appliedUp).toEqual(new Set([...m.closure(start), ...m.closure([target])]))

        // Any applied revision, or base, is a valid downgrade target.
        const candidates = [...appliedUp].sort()
        const destination = down < candidates.length ? candidates[down]! : 'base'
        const afterDown = runSteps(graph, m, afterUp, planDowngrade(graph, afterUp, destination))
        const expected =
          destination === 'base'
            ? new Set<string>()
            : new Set([...appliedUp].filter((id) => !m.above(destination).has(id)))
        expect(m.closure(afterDown)).toEqual(expected)
      }),
      { numRuns: 200 },
    )
  })

  it('refuses to downgrade to a revision that is not applied', () => {
    fc.assert(
      fc.property(withChoices, ({ metas, first, second }) => {
        const graph = RevisionGraph.build(metas)
        const m = model(metas)
        const rows = runSteps(graph, m, [], planUpgrade(graph, [], metas[first]!.revision))
        const target = metas[second]!.revision
        if (m.closure(rows).has(target)) return
        expect(() => planDowngrade(graph, rows, target)).toThrow(RevisionResolutionError)
      }),
    )
  })

  it('stamps to minimal rows that imply exactly the targets and the untouched rows', () => {
    fc.assert(
      fc.property(withChoices, ({ metas, first, second, down }) => {
        const graph = RevisionGraph.build(metas)
        const m = model(metas)
        const rows = runSteps(
          graph,
          m,
          [],
          planUpgrade(graph, [], metas[down % metas.length]!.revision),
        )
        const targets = [...new Set([metas[first]!.revision, metas[second]!.revision])]
        const overlap = targets.some((t) => targets.some((u) => u !== t && m.closure([t]).has(u)))
        if (overlap) {
          expect(() => planStamp(graph, rows, targets)).toThrow(RevisionResolutionError)
          return
        }
        const plan = planStamp(graph, rows, targets)
        expect(applyVersionChanges(rows, plan.changes)).toEqual(plan.rows)
        expect([...plan.rows].sort()).toEqual(minimalRows(graph, plan.rows))
        for (const t of targets) expect(plan.rows).toContain(t)
      }),
    )
  })
})
