import { describe, expect, it } from 'vitest'
import { graphLines } from '../../src/cli/format-graph.js'
import { RevisionGraph } from '../../src/revision/index.js'
import type { RevisionMeta } from '../../src/revision/meta.js'

function build(edges: Record<string, string[]>): RevisionGraph {
  const metas: RevisionMeta[] = Object.entries(edges).map(([revision, downRevisions]) => ({
    revision,
    downRevisions,
    branchLabels: [],
    dependsOn: [],
    message: '',
    path: '',
  }))
  return RevisionGraph.build(metas)
}

const draw = (graph: RevisionGraph, order: string[]) =>
  graphLines(
    order.map((id) => graph.get(id)),
    (rev) => rev.revision,
  )

describe('graphLines', () => {
  it('draws a straight line for a linear history', () => {
    const graph = build({ a: [], b: ['a'], c: ['b'] })
    expect(draw(graph, ['c', 'b', 'a'])).toEqual(['* c', '* b', '* a'])
  })

  it('draws a branch and its merge like git log --graph', () => {
    const graph = build({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] })
    expect(draw(graph, ['d', 'c', 'b', 'a'])).toEqual(['* d', '|\\', '| * c', '* | b', '|/', '* a'])
  })

  it('keeps two unrelated roots in their own lanes', () => {
    const graph = build({ a: [], b: ['a'], x: [], y: ['x'] })
    expect(draw(graph, ['y', 'b', 'x', 'a'])).toEqual(['* y', '| * b', '* | x', '  * a'])
  })

  it('crosses a lane when a branch joins from further right', () => {
    const graph = build({ a: [], b: ['a'], c: ['a'], w: [], x: ['w'] })
    expect(draw(graph, ['b', 'x', 'c', 'a', 'w'])).toEqual([
      '* b',
      '| * x',
      '| | * c',
      '|_|/',
      '* | a',
      '  * w',
    ])
  })

  it('gives no lane to parents outside the list (a range)', () => {
    const graph = build({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'] })
    expect(draw(graph, ['d', 'b'])).toEqual(['* d', '* b'])
  })
})
