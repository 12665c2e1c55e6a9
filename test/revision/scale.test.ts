import { describe, expect, it } from 'vitest'
import { RevisionGraph } from '../../src/revision/graph.js'
import {
  applyVersionChanges,
  impliedRevisions,
  planDowngrade,
  planUpgrade,
} from '../../src/revision/plan.js'
import { historyRange, resolveRevisions } from '../../src/revision/resolve.js'
import { planStamp } from '../../src/revision/stamp.js'
import { busyMetas, chainMetas, meta } from '../support/graphs.js'

// Not a benchmark: the bound only catches quadratic blow-ups and stack overflows.
const GENEROUS_MS = 5000

function timed<T>(run: () => T): T {
  const start = performance.now()
  const result = run()
  expect(performance.now() - start).toBeLessThan(GENEROUS_MS)
  return result
}

describe('large graphs', () => {
  it('handles a 20,000-revision chain', () => {
    timed(() => {
      const metas = chainMetas(20_000)
      metas[19_999] = { ...metas[19_999]!, branchLabels: ['tip'] }
      const graph = RevisionGraph.build(metas)
      expect(graph.heads()).toEqual(['r19999'])
      expect(graph.get('r00000').labels).toEqual(['tip'])
      const up = planUpgrade(graph, [], 'head')
      expect(up).toHaveLength(20_000)
      const rows = up.reduce(
        (r, step) => applyVersionChanges(r, step.versionChanges),
        [] as readonly string[],
      )
      expect(rows).toEqual(['r19999'])
      expect(planDowngrade(graph, rows, 'base')).toHaveLength(20_000)
      expect(resolveRevisions(graph, 'head-19999')).toEqual(['r00000'])
      expect(resolveRevisions(graph, 'tip@base+20000')).toEqual(['r19999'])
      expect(resolveRevisions(graph, '-19999', { current: rows })).toEqual(['r00000'])
      expect(historyRange(graph, ':')).toHaveLength(20_000)
      expect(historyRange(graph, 'r10000:')).toHaveLength(10_000)
      expect(planStamp(graph, rows, ['r00001']).rows).toEqual(['r00001'])
    })
  })

  it('handles 10,000 revisions with many branches, merges and dependencies', () => {
    timed(() => {
      const graph = RevisionGraph.build(busyMetas(10_000))
      expect(graph.branchPoints().length).toBeGreaterThan(100)
      expect(graph.mergePoints().length).toBeGreaterThan(100)
      const up = planUpgrade(graph, [], 'heads')
      expect(up).toHaveLength(10_000)
      let rows: readonly string[] = []
      for (const step of up) rows = applyVersionChanges(rows, step.versionChanges)
      expect([...rows].sort()).toEqual(graph.realHeads())
      expect(impliedRevisions(graph, rows).length).toBeGreaterThanOrEqual(rows.length)
      const down = planDowngrade(graph, rows, 'base')
      expect(down).toHaveLength(10_000)
      for (const step of down) rows = applyVersionChanges(rows, step.versionChanges)
      expect(rows).toEqual([])
      expect(historyRange(graph, ':')).toHaveLength(10_000)
    })
  })

  it('handles a revision with 10,000 children', () => {
    timed(() => {
      const children = Array.from({ length: 10_000 }, (_, i) => meta(`c${i}`, ['root']))
      const graph = RevisionGraph.build([meta('root'), ...children])
      const up = planUpgrade(graph, [], 'heads')
      let rows: readonly string[] = []
      for (const step of up) rows = applyVersionChanges(rows, step.versionChanges)
      expect(rows).toHaveLength(10_000)
      const down = planDowngrade(graph, rows, 'base')
      expect(down).toHaveLength(10_001)
    })
  })
})
