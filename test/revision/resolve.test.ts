import { describe, expect, it } from 'vitest'
import {
  AmbiguousRevisionError,
  AmbiguousWalkError,
  MigrationNotFoundError,
  MultipleHeadsError,
  RevisionResolutionError,
  UsageError,
} from '../../src/errors.js'
import { parseIdentifier } from '../../src/revision/identifier.js'
import {
  historyRange,
  parseRange,
  resolveRevision,
  resolveRevisions,
  resolveTarget,
} from '../../src/revision/resolve.js'
import { branchAndMerge, forest, graphOf, linear, twoBranches } from '../support/graphs.js'

function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected an error')
}

describe('parseIdentifier', () => {
  it('splits branch, symbol and relative step', () => {
    expect(parseIdentifier('cart@head-1')).toMatchObject({
      branch: 'cart',
      symbol: 'head',
      relative: -1,
      relativeText: '-1',
    })
    expect(parseIdentifier('+2')).toMatchObject({ branch: undefined, symbol: '', relative: 2 })
    expect(parseIdentifier('cart@+12')).toMatchObject({ branch: 'cart', symbol: '', relative: 12 })
    expect(parseIdentifier('ae10')).toMatchObject({ symbol: 'ae10', relative: undefined })
  })

  it.each(['', '  ', 'a@', '@head', 'a+x', 'a-', '+1+2', 'a:b', 'a b', 'x@y@z', '+0', '-0'])(
    'rejects %j as bad usage',
    (text) => {
      expect(() => parseIdentifier(text)).toThrow(UsageError)
    },
  )
})

describe('parseRange', () => {
  it('accepts A:B, :B, A: and :', () => {
    expect(parseRange('a:b')).toEqual({ lower: 'a', upper: 'b' })
    expect(parseRange(':b')).toEqual({ lower: undefined, upper: 'b' })
    expect(parseRange('a:')).toEqual({ lower: 'a', upper: undefined })
    expect(parseRange(':')).toEqual({ lower: undefined, upper: undefined })
    expect(parseRange('cart@head-1:heads')).toEqual({ lower: 'cart@head-1', upper: 'heads' })
  })

  it.each(['ab', 'a:b:c', ''])('rejects %j', (text) => {
    expect(() => parseRange(text)).toThrow(UsageError)
  })
})

describe('resolveRevisions: symbols, ids and prefixes', () => {
  const graph = twoBranches()

  it('resolves head, heads and base', () => {
    expect(resolveRevisions(linear(), 'head')).toEqual(['c'])
    expect(resolveRevisions(graph, 'heads')).toEqual(['c2', 'd2'])
    expect(resolveRevisions(graph, 'base')).toEqual([])
    expect(resolveRevisions(graphOf(), 'head')).toEqual([])
    expect(resolveRevisions(graphOf(), 'heads')).toEqual([])
  })

  it("refuses 'head' with several heads, naming them", () => {
    const error = thrown(() => resolveRevisions(graph, 'head'))
    expect(error).toBeInstanceOf(MultipleHeadsError)
    expect(error).toMatchObject({ heads: ['c2', 'd2'] })
    expect((error as Error).message).toContain('c2, d2')
    expect((error as MultipleHeadsError).hint).toContain('@head')
  })

  it("'heads' means the real heads; a depended-on head is not one", () => {
    const withEffectiveHead = graphOf('a', 'b ~ a')
    expect(resolveRevisions(withEffectiveHead, 'heads')).toEqual(['b'])
    expect(() => resolveRevisions(withEffectiveHead, 'head')).toThrow(MultipleHeadsError)
  })

  it('resolves full ids and prefixes of any length', () => {
    const g = graphOf('ae10f', 'bb2 <- ae10f', 'bb3 <- bb2')
    expect(resolveRevisions(g, 'ae10f')).toEqual(['ae10f'])
    expect(resolveRevisions(g, 'a')).toEqual(['ae10f'])
    expect(resolveRevisions(g, 'bb3')).toEqual(['bb3'])
  })

  it('lists the candidates of an ambiguous prefix', () => {
    const error = thrown(() => resolveRevisions(graph, 'c'))
    expect(error).toBeInstanceOf(AmbiguousRevisionError)
    expect(error).toMatchObject({ identifier: 'c', candidates: ['c1', 'c2'] })
  })

  it('prefers an exact id, then a label, to a prefix', () => {
    expect(resolveRevisions(graphOf('ab', 'abc <- ab'), 'ab')).toEqual(['ab'])
    expect(resolveRevisions(graphOf('xyz1 # xy', 'xyz2 <- xyz1'), 'xy')).toEqual(['xyz1'])
  })

  it('throws MigrationNotFoundError for an unknown name', () => {
    expect(() => resolveRevisions(graph, 'zz')).toThrow(MigrationNotFoundError)
  })

  it('resolves a bare label to the revision that declared it', () => {
    expect(resolveRevisions(graph, 'cart')).toEqual(['c2'])
    expect(resolveRevisions(graph, 'net')).toEqual(['d1'])
  })

  it("resolves 'current' from the rows", () => {
    expect(resolveRevisions(graph, 'current', { current: ['c1', 'd2'] })).toEqual(['c1', 'd2'])
    expect(resolveRevisions(graph, 'current', { current: [] })).toEqual([])
    expect(resolveRevisions(graph, 'net@current', { current: ['c1', 'd2'] })).toEqual(['d2'])
    expect(() => resolveRevisions(graph, 'current')).toThrow(RevisionResolutionError)
    expect(() => resolveRevisions(graph, 'current', { current: ['gone'] })).toThrow(
      MigrationNotFoundError,
    )
  })

  it('resolveRevision returns one id, or null for base', () => {
    expect(resolveRevision(graph, 'c2')).toBe('c2')
    expect(resolveRevision(graph, 'base')).toBeNull()
    expect(() => resolveRevision(graph, 'heads')).toThrow(MultipleHeadsError)
  })
})

describe('resolveRevisions: branches', () => {
  const graph = twoBranches()

  it('resolves label@head, label@heads and label@base', () => {
    expect(resolveRevisions(graph, 'cart@head')).toEqual(['c2'])
    expect(resolveRevisions(graph, 'net@head')).toEqual(['d2'])
    expect(resolveRevisions(graph, 'cart@heads')).toEqual(['c2'])
    expect(resolveRevisions(graph, 'b@heads')).toEqual(['c2', 'd2'])
    expect(resolveRevisions(graph, 'cart@base')).toEqual([])
    expect(resolveTarget(graph, 'cart@base').branch?.revision).toBe('c2')
  })

  it('uses any revision (or prefix) as the branch: rev@head', () => {
    expect(resolveRevisions(graph, 'c1@head')).toEqual(['c2'])
    expect(resolveRevisions(graph, 'd1@head')).toEqual(['d2'])
    expect(resolveRevisions(graphOf('a', 'qq1 <- a', 'z <- qq1'), 'qq@head')).toEqual(['z'])
    expect(() => resolveRevisions(graph, 'd@head')).toThrow(AmbiguousRevisionError)
    expect(() => resolveRevisions(graph, 'b@head')).toThrow(MultipleHeadsError)
  })

  it('names label@head in the multiple heads error', () => {
    const g = graphOf('a # lab', 'b <- a', 'c <- a')
    expect(thrown(() => resolveRevisions(g, 'lab@head'))).toMatchObject({
      heads: ['b', 'c'],
      message: expect.stringContaining("'lab@head'"),
    })
  })

  it('resolves label@rev for revisions on the lineage, ancestors included', () => {
    expect(resolveRevisions(graph, 'cart@c1')).toEqual(['c1'])
    expect(resolveRevisions(graph, 'cart@b')).toEqual(['b'])
    expect(resolveRevisions(graph, 'cart@a')).toEqual(['a'])
  })

  it('refuses label@rev off the lineage', () => {
    const error = thrown(() => resolveRevisions(graph, 'cart@d1'))
    expect(error).toBeInstanceOf(RevisionResolutionError)
    expect((error as Error).message).toBe("Revision 'd1' is not a member of branch 'cart'")
    expect(() => resolveRevisions(graph, 'cart@d')).toThrow(/not a member of branch 'cart'/)
  })

  it('narrows prefixes to the branch', () => {
    const g = graphOf('a', 'bx1 <- a # one', 'bx2 <- a # two')
    expect(() => resolveRevisions(g, 'bx')).toThrow(AmbiguousRevisionError)
    expect(resolveRevisions(g, 'one@bx')).toEqual(['bx1'])
  })

  it('rejects unknown branches and symbols as branch names', () => {
    expect(() => resolveRevisions(graph, 'nolabel@head')).toThrow(/No such branch or revision/)
    expect(() => resolveRevisions(graph, 'head@head')).toThrow(MigrationNotFoundError)
  })
})

describe('resolveRevisions: relative to a symbol', () => {
  const graph = twoBranches()

  it('walks down along parents', () => {
    expect(resolveRevisions(graph, 'c2-1')).toEqual(['c1'])
    expect(resolveRevisions(graph, 'c2-2')).toEqual(['b'])
    expect(resolveRevisions(graph, 'c2-4')).toEqual([])
    expect(resolveRevisions(linear(), 'head-1')).toEqual(['b'])
    expect(resolveRevisions(linear(), 'head-0')).toEqual(['c'])
    expect(resolveRevisions(graph, 'cart@head-1')).toEqual(['c1'])
    expect(resolveRevisions(graph, 'net@head-2')).toEqual(['b'])
  })

  it('walks up along children, narrowed by a label', () => {
    expect(resolveRevisions(graph, 'base+1')).toEqual(['a'])
    expect(resolveRevisions(graph, 'a+1')).toEqual(['b'])
    expect(resolveRevisions(graph, 'cart@b+1')).toEqual(['c1'])
    expect(resolveRevisions(graph, 'net@b+2')).toEqual(['d2'])
    expect(resolveRevisions(graph, 'cart@base+4')).toEqual(['c2'])
    const g = graphOf('ae10', 'f1 <- ae10', 'g2 <- f1')
    expect(resolveRevisions(g, 'ae10+2')).toEqual(['g2'])
    expect(resolveRevisions(g, 'ae+1')).toEqual(['f1'])
  })

  it('refuses an ambiguous walk up from a branch point', () => {
    const error = thrown(() => resolveRevisions(graph, 'b+1'))
    expect(error).toBeInstanceOf(AmbiguousWalkError)
    expect(error).toMatchObject({ identifier: 'b+1', at: 'b', candidates: ['c1', 'd1'] })
    expect(() => resolveRevisions(graph, 'base+3')).toThrow(AmbiguousWalkError)
    expect(() => resolveRevisions(forest(), 'base+1')).toThrow(AmbiguousWalkError)
    expect(resolveRevisions(forest(), 'ys@base+1')).toEqual(['y1'])
  })

  it('refuses an ambiguous walk down from a merge point', () => {
    const error = thrown(() => resolveRevisions(branchAndMerge(), 'm-1'))
    expect(error).toBeInstanceOf(AmbiguousWalkError)
    expect(error).toMatchObject({ at: 'm', candidates: ['c2', 'd2'] })
    expect(() => resolveRevisions(branchAndMerge(), 'head-2')).toThrow(AmbiguousWalkError)
    expect(resolveRevisions(branchAndMerge(), 'head-1')).toEqual(['m'])
  })

  it('refuses to walk past the end', () => {
    expect(() => resolveRevisions(graph, 'c2-5')).toThrow(
      /^Relative revision -5 \('c2-5'\) didn't produce 5 migrations/,
    )
    expect(() => resolveRevisions(graph, 'c2+1')).toThrow(/didn't produce 1 migrations/)
    expect(() => resolveRevisions(graph, 'base-1')).toThrow(RevisionResolutionError)
  })

  it('needs the symbol to be one revision', () => {
    expect(() => resolveRevisions(graph, 'head-1')).toThrow(MultipleHeadsError)
    expect(() => resolveRevisions(graph, 'heads-1')).toThrow(MultipleHeadsError)
  })
})

describe('resolveRevisions: relative to the current rows', () => {
  const graph = twoBranches()
  const at = (identifier: string, current: readonly string[]) =>
    resolveRevisions(graph, identifier, { current })

  it('needs the current rows', () => {
    expect(() => resolveRevisions(graph, '+1')).toThrow(/current revisions/)
    expect(() => resolveRevisions(graph, '-1')).toThrow(RevisionResolutionError)
    expect(() => resolveRevisions(graph, 'cart@+1')).toThrow(RevisionResolutionError)
  })

  it('walks up from the single current revision, or from base', () => {
    expect(at('+1', [])).toEqual(['a'])
    expect(at('+2', [])).toEqual(['b'])
    expect(at('+1', ['c1'])).toEqual(['c2'])
    expect(() => at('+1', ['b'])).toThrow(AmbiguousWalkError)
    expect(() => at('+3', [])).toThrow(AmbiguousWalkError)
    expect(() => at('+1', ['c2'])).toThrow(/^Relative revision \+1 didn't produce 1 migrations/)
  })

  it('refuses +N from several current revisions unless a branch narrows it', () => {
    expect(() => at('+1', ['c1', 'd1'])).toThrow(
      /Ambiguous upgrade from multiple current revisions/,
    )
    expect(at('cart@+1', ['c1', 'd1'])).toEqual(['c2'])
    expect(at('net@+1', ['c1', 'd1'])).toEqual(['d2'])
  })

  it('starts a branch that has no row from the applied revisions on its lineage', () => {
    expect(at('net@+1', ['c2'])).toEqual(['d1'])
    expect(at('net@+2', ['c2'])).toEqual(['d2'])
    expect(at('cart@+1', [])).toEqual(['a'])
  })

  it('walks down from the single current revision', () => {
    expect(at('-1', ['c2'])).toEqual(['c1'])
    expect(at('-3', ['c2'])).toEqual(['a'])
    expect(at('-4', ['c2'])).toEqual([])
    expect(at('-1', ['a'])).toEqual([])
  })

  it('refuses to walk down past base', () => {
    const error = thrown(() => at('-2', ['a']))
    expect(error).toBeInstanceOf(RevisionResolutionError)
    expect((error as Error).message).toMatch(/^Relative revision -2 didn't produce 2 migrations/)
    expect(() => at('-1', [])).toThrow(/^Relative revision -1 didn't produce 1 migrations/)
  })

  it('refuses -N from several current revisions (stricter than Alembic)', () => {
    const error = thrown(() => at('-1', ['c2', 'd2']))
    expect(error).toBeInstanceOf(RevisionResolutionError)
    expect((error as Error).message).toContain('several revisions (c2, d2)')
  })

  it('narrows -N to a branch', () => {
    expect(at('cart@-1', ['c2', 'd2'])).toEqual(['c1'])
    expect(at('net@-2', ['c2', 'd2'])).toEqual(['b'])
    expect(() => at('net@-1', [])).toThrow(/nothing on branch 'net' is applied/)
  })

  it('finds a branch implied through a dependency', () => {
    const g = forest()
    expect(resolveRevisions(g, 'xs@-1', { current: ['y2'] })).toEqual(['x1'])
  })
})

describe('historyRange', () => {
  const list = (range: string, graph = linear(), current?: readonly string[]) =>
    historyRange(graph, range, { current }).map((r) => r.revision)

  it('lists a range newest first, both ends included', () => {
    expect(list('a:c')).toEqual(['c', 'b', 'a'])
    expect(list(':b')).toEqual(['b', 'a'])
    expect(list('b:')).toEqual(['c', 'b'])
    expect(list(':')).toEqual(['c', 'b', 'a'])
    expect(list('b:b')).toEqual(['b'])
    expect(list(':base')).toEqual([])
  })

  it('covers every head when the upper end is missing', () => {
    expect(list(':', twoBranches())).toEqual(['d2', 'd1', 'c2', 'c1', 'b', 'a'])
    expect(list('c1:heads', twoBranches())).toEqual(['c2', 'c1'])
    expect(list(':cart@head-1', twoBranches())).toEqual(['c1', 'b', 'a'])
  })

  it('accepts current as an end', () => {
    expect(list('current:', twoBranches(), ['c1'])).toEqual(['c2', 'c1'])
    expect(list(':current', twoBranches(), ['c1'])).toEqual(['c1', 'b', 'a'])
    expect(() => list('current:')).toThrow(RevisionResolutionError)
  })

  it('follows dependencies down but only children up from the lower end', () => {
    expect(list('x1:y3', forest())).toEqual(['x2', 'x1'])
    expect(list(':y2', forest())).toEqual(['y2', 'y1', 'x2', 'x1'])
  })

  it('requires the lower end to be an ancestor of the upper', () => {
    const error = thrown(() => list('c:a'))
    expect(error).toBeInstanceOf(RevisionResolutionError)
    expect((error as Error).message).toContain('Revision c is not an ancestor of a')
    expect(() => list('c1:d2', twoBranches())).toThrow(/not an ancestor/)
  })
})
