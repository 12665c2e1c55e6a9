import { describe, expect, it } from 'vitest'
import {
  AmbiguousRevisionError,
  CycleError,
  DuplicateBranchLabelError,
  DuplicateRevisionError,
  InvalidRevisionIdError,
  MigrationNotFoundError,
  MissingRevisionError,
  RevisionGraphError,
} from '../../src/errors.js'
import { RevisionGraph } from '../../src/revision/graph.js'
import {
  branchAndMerge,
  forest,
  graphOf,
  linear,
  meta,
  metas,
  twoBranches,
} from '../support/graphs.js'

const ids = (graph: RevisionGraph) => graph.revisions().map((r) => r.revision)
const labelsOf = (graph: RevisionGraph) =>
  Object.fromEntries(graph.revisions().map((r) => [r.revision, r.labels]))

function thrown(build: () => unknown): unknown {
  try {
    build()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('RevisionGraph.build', () => {
  it('indexes a linear chain', () => {
    const graph = linear()
    expect(graph.size).toBe(3)
    expect(ids(graph)).toEqual(['a', 'b', 'c'])
    expect(graph.heads()).toEqual(['c'])
    expect(graph.realHeads()).toEqual(['c'])
    expect(graph.bases()).toEqual(['a'])
    expect(graph.branchPoints()).toEqual([])
    expect(graph.mergePoints()).toEqual([])
    const b = graph.get('b')
    expect(b).toMatchObject({
      revision: 'b',
      downRevisions: ['a'],
      children: ['c'],
      dependents: [],
      isHead: false,
      isBase: false,
      message: 'revision b',
      path: 'versions/b.ts',
    })
    expect(graph.get('a').isBase).toBe(true)
    expect(graph.get('c').isHead).toBe(true)
    expect(graph.has('b')).toBe(true)
    expect(graph.has('bb')).toBe(false)
    expect(graph.position('c')).toBe(2)
  })

  it('builds an empty graph', () => {
    const graph = RevisionGraph.build([])
    expect(graph.size).toBe(0)
    expect(graph.heads()).toEqual([])
    expect(graph.bases()).toEqual([])
  })

  it('finds branch points, merge points and sorted children', () => {
    const graph = branchAndMerge()
    expect(graph.heads()).toEqual(['e'])
    expect(graph.branchPoints()).toEqual(['b'])
    expect(graph.mergePoints()).toEqual(['m'])
    expect(graph.get('b').children).toEqual(['c1', 'd1'])
    expect(graph.get('b').isBranchPoint).toBe(true)
    expect(graph.get('m').isMergePoint).toBe(true)
    expect(graph.get('m').downRevisions).toEqual(['c2', 'd2'])
  })

  it('orders revisions topologically, one branch after the other, whatever the input order', () => {
    const graph = twoBranches()
    expect(ids(graph)).toEqual(['a', 'b', 'c1', 'c2', 'd1', 'd2'])
    const shuffled = RevisionGraph.build(
      metas('d2 <- d1', 'c1 <- b', 'a', 'd1 <- b # net', 'b <- a', 'c2 <- c1 # cart'),
    )
    expect(ids(shuffled)).toEqual(ids(graph))
  })

  it('puts dependencies before their dependents', () => {
    const graph = graphOf('y1', 'y2 <- y1 ~ x2', 'x1', 'x2 <- x1')
    const order = ids(graph)
    expect(order.indexOf('x2')).toBeLessThan(order.indexOf('y2'))
  })

  it('resolves dependsOn given as a label or a prefix', () => {
    const graph = forest()
    expect(graph.get('y2').resolvedDependsOn).toEqual(['x2'])
    expect(graph.get('y2').dependsOn).toEqual(['x2l'])
    expect(graph.get('x2').dependents).toEqual(['y2'])
    const byPrefix = graphOf('abc123', 'zz ~ ab')
    expect(byPrefix.get('zz').resolvedDependsOn).toEqual(['abc123'])
  })

  it('tells versioned heads from real heads', () => {
    const graph = graphOf('a', 'b ~ a')
    expect(graph.heads()).toEqual(['a', 'b'])
    expect(graph.realHeads()).toEqual(['b'])
    expect(graph.get('a').isHead).toBe(true)
    expect(graph.get('a').isRealHead).toBe(false)
    expect(graph.get('b').isBase).toBe(true)
  })

  it('looks up labels and prefixes', () => {
    const graph = twoBranches()
    expect(graph.labelOwner('cart')).toBe('c2')
    expect(graph.labelOwner('nope')).toBeUndefined()
    expect(graph.branchLabels()).toEqual(['cart', 'net'])
    expect(graph.matchPrefix('c')).toEqual(['c1', 'c2'])
    expect(graph.matchPrefix('c2')).toEqual(['c2'])
    expect(graph.matchPrefix('z')).toEqual([])
    expect(graph.requires('c1')).toEqual(['b'])
    expect(graph.requiredBy('b')).toEqual(['c1', 'd1'])
  })

  it('throws MigrationNotFoundError for an unknown id', () => {
    expect(() => linear().get('zz')).toThrow(MigrationNotFoundError)
    expect(() => linear().position('zz')).toThrow(MigrationNotFoundError)
  })

  it('freezes revisions and their lists', () => {
    const revision = linear().get('b')
    expect(Object.isFrozen(revision)).toBe(true)
    expect(Object.isFrozen(revision.children)).toBe(true)
    expect(Object.isFrozen(revision.labels)).toBe(true)
  })
})

describe('branch labels', () => {
  it('propagate to descendants and to ancestors back to the nearest branch point', () => {
    expect(labelsOf(branchAndMerge())).toEqual({
      a: [],
      b: [],
      c1: ['cart'],
      c2: ['cart'],
      d1: ['net'],
      d2: ['net'],
      m: ['cart', 'net'],
      e: ['cart', 'net'],
    })
  })

  it('propagate along a whole chain without branch points', () => {
    expect(labelsOf(graphOf('a', 'b <- a', 'c <- b # lab', 'd <- c'))).toEqual({
      a: ['lab'],
      b: ['lab'],
      c: ['lab'],
      d: ['lab'],
    })
  })

  it('stop below a merge point', () => {
    const graph = graphOf('a', 'b <- a', 'c <- a', 'm <- b, c', 'n <- m', 'o <- n # lab')
    expect(labelsOf(graph)).toMatchObject({ a: [], b: [], c: [], m: [], n: ['lab'], o: ['lab'] })
  })

  it('do not go below a declaring revision that is itself a branch or merge point', () => {
    const branchPoint = graphOf('a', 'b <- a # lab', 'c <- b', 'd <- b')
    expect(labelsOf(branchPoint)).toEqual({ a: [], b: ['lab'], c: ['lab'], d: ['lab'] })
    const mergePoint = graphOf('a', 'b', 'm <- a, b # lab')
    expect(labelsOf(mergePoint)).toEqual({ a: [], b: [], m: ['lab'] })
  })

  it('count dependents when looking for the branch point, as Alembic does', () => {
    const graph = graphOf('a', 'b <- a', 'c <- b # lab', 'x ~ a')
    expect(labelsOf(graph)).toEqual({ a: [], b: ['lab'], c: ['lab'], x: [] })
  })

  it('combine several labels, sorted', () => {
    const graph = graphOf('a # zeta, alpha', 'b <- a # mid')
    expect(graph.get('b').labels).toEqual(['alpha', 'mid', 'zeta'])
    expect(graph.get('a').labels).toEqual(['alpha', 'mid', 'zeta'])
    expect(graph.get('a').branchLabels).toEqual(['zeta', 'alpha'])
  })
})

describe('invalid graphs', () => {
  it('rejects a duplicate id, naming both files', () => {
    const error = thrown(() =>
      RevisionGraph.build([
        meta('a', [], { path: 'v/one.ts' }),
        meta('a', [], { path: 'v/two.ts' }),
      ]),
    )
    expect(error).toBeInstanceOf(DuplicateRevisionError)
    expect(error).toMatchObject({ revision: 'a', paths: ['v/one.ts', 'v/two.ts'] })
    expect((error as Error).message).toContain('v/one.ts, v/two.ts')
  })

  it('rejects a missing parent, naming the child, the missing id and the file', () => {
    const error = thrown(() => graphOf('a', 'b <- zz'))
    expect(error).toBeInstanceOf(MissingRevisionError)
    expect(error).toMatchObject({
      revision: 'b',
      missing: 'zz',
      relation: 'downRevision',
      path: 'versions/b.ts',
    })
    expect((error as Error).message).toBe(
      "Revision 'b' (versions/b.ts) names parent 'zz', which does not exist",
    )
  })

  it('rejects a missing dependency', () => {
    const error = thrown(() => graphOf('a', 'b <- a ~ nothere'))
    expect(error).toMatchObject({ revision: 'b', missing: 'nothere', relation: 'dependsOn' })
  })

  it('rejects an ambiguous dependency prefix, listing the candidates and the file', () => {
    const error = thrown(() => graphOf('ab1', 'ab2', 'c ~ ab'))
    expect(error).toBeInstanceOf(AmbiguousRevisionError)
    expect(error).toMatchObject({ identifier: 'ab', candidates: ['ab1', 'ab2'] })
    expect((error as Error).message).toContain('versions/c.ts')
  })

  it('rejects a cycle through parents, listing its members', () => {
    const error = thrown(() => graphOf('a <- c', 'b <- a', 'c <- b'))
    expect(error).toBeInstanceOf(CycleError)
    expect([...(error as CycleError).cycle].sort()).toEqual(['a', 'b', 'c'])
    expect((error as Error).message).toContain('versions/a.ts')
  })

  it('rejects a self-loop', () => {
    expect(thrown(() => graphOf('a <- a'))).toMatchObject({ cycle: ['a'] })
    expect(thrown(() => graphOf('a ~ a'))).toMatchObject({ cycle: ['a'] })
  })

  it('rejects a cycle through dependencies, leaving out what merely hangs off it', () => {
    const error = thrown(() => graphOf('a', 'b <- a ~ d', 'c <- b', 'd <- c', 'e <- d'))
    expect(error).toBeInstanceOf(CycleError)
    expect([...(error as CycleError).cycle].sort()).toEqual(['b', 'c', 'd'])
  })

  it('rejects a graph with no root at all as a cycle', () => {
    expect(() => graphOf('a <- b', 'b <- a')).toThrow(CycleError)
  })

  it('rejects a label declared twice', () => {
    const error = thrown(() => graphOf('a # x', 'b <- a # x'))
    expect(error).toBeInstanceOf(DuplicateBranchLabelError)
    expect(error).toMatchObject({ label: 'x', revisions: ['a', 'b'] })
  })

  it('rejects a label that is also a revision id', () => {
    expect(() => graphOf('a', 'b <- a # a')).toThrow(InvalidRevisionIdError)
  })

  it.each(['a@b', 'a-b', 'a+b', 'a:b', 'a b', 'a\tb', '', 'head', 'heads', 'base', 'current'])(
    'rejects the id %j',
    (id) => {
      const error = thrown(() => RevisionGraph.build([meta(id, [], { path: 'v/x.ts' })]))
      expect(error).toBeInstanceOf(InvalidRevisionIdError)
      expect(error).toBeInstanceOf(RevisionGraphError)
      expect((error as Error).message).toMatch(/^v\/x\.ts: Revision id/)
    },
  )

  it.each(['x@y', 'x-y', 'x+y', 'x:y', 'x y', '', 'head', 'heads', 'base', 'current'])(
    'rejects the label %j',
    (label) => {
      const error = thrown(() => RevisionGraph.build([meta('a', [], { labels: [label] })]))
      expect(error).toBeInstanceOf(InvalidRevisionIdError)
      expect((error as Error).message).toContain('Branch label')
    },
  )
})
