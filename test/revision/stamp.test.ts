import { describe, expect, it } from 'vitest'
import { MigrationNotFoundError, RevisionResolutionError, UsageError } from '../../src/errors.js'
import { planStamp } from '../../src/revision/stamp.js'
import { applyVersionChanges } from '../../src/revision/version-table.js'
import { branchAndMerge, forest, linear, twoBranches } from '../support/graphs.js'

describe('planStamp', () => {
  it('inserts, moves up, moves down and leaves alone on a chain', () => {
    const graph = linear()
    expect(planStamp(graph, [], ['head'])).toEqual({
      rows: ['c'],
      changes: [{ kind: 'insert', revision: 'c' }],
    })
    expect(planStamp(graph, ['a'], ['head']).changes).toEqual([
      { kind: 'update', from: 'a', to: 'c' },
    ])
    expect(planStamp(graph, ['c'], ['a'])).toEqual({
      rows: ['a'],
      changes: [{ kind: 'update', from: 'c', to: 'a' }],
    })
    expect(planStamp(graph, ['c'], ['c'])).toEqual({ rows: ['c'], changes: [] })
    expect(planStamp(graph, ['c'], ['-1']).rows).toEqual(['b'])
  })

  it('removes rows with base', () => {
    expect(planStamp(linear(), ['c'], ['base'])).toEqual({
      rows: [],
      changes: [{ kind: 'delete', revision: 'c' }],
    })
    expect(planStamp(twoBranches(), ['c2', 'd2'], ['base']).rows).toEqual([])
  })

  it('removes only the rows on a branch with label@base', () => {
    const { rows, changes } = planStamp(twoBranches(), ['c2', 'd2'], ['cart@base'])
    expect(rows).toEqual(['d2'])
    expect(changes).toEqual([{ kind: 'delete', revision: 'c2' }])
  })

  it('moves several heads down to their branch point in one step', () => {
    const { rows, changes } = planStamp(twoBranches(), ['c2', 'd2'], ['b'])
    expect(changes).toEqual([
      { kind: 'delete', revision: 'c2' },
      { kind: 'update', from: 'd2', to: 'b' },
    ])
    expect(rows).toEqual(['b'])
  })

  it('adds a row for a branch that has none', () => {
    const { rows, changes } = planStamp(twoBranches(), ['c2'], ['net@head'])
    expect(changes).toEqual([{ kind: 'insert', revision: 'd2' }])
    expect(rows).toEqual(['c2', 'd2'])
  })

  it('stamps down to both sides of a merge atomically', () => {
    const { rows, changes } = planStamp(branchAndMerge(), ['m'], ['c2', 'd2'])
    expect(changes).toEqual([
      { kind: 'update', from: 'm', to: 'c2' },
      { kind: 'insert', revision: 'd2' },
    ])
    expect(rows).toEqual(['c2', 'd2'])
    expect(applyVersionChanges(['m'], changes)).toEqual(rows)
  })

  it('combines base with a revision', () => {
    const { rows, changes } = planStamp(twoBranches(), ['c2'], ['base', 'd1'])
    expect(changes).toEqual([
      { kind: 'delete', revision: 'c2' },
      { kind: 'insert', revision: 'd1' },
    ])
    expect(rows).toEqual(['d1'])
  })

  it('replaces rows related through dependencies', () => {
    expect(planStamp(forest(), ['y2'], ['x1'])).toEqual({
      rows: ['x1'],
      changes: [{ kind: 'update', from: 'y2', to: 'x1' }],
    })
    expect(planStamp(forest(), [], ['heads']).rows).toEqual(['x3', 'y3'])
  })

  it('refuses targets that are ancestors of one another', () => {
    expect(() => planStamp(linear(), [], ['a', 'c'])).toThrow(RevisionResolutionError)
    expect(() => planStamp(linear(), [], ['c', 'a'])).toThrow(/'a' is an ancestor of 'c'/)
    expect(() => planStamp(forest(), [], ['x2', 'y2'])).toThrow(RevisionResolutionError)
  })

  it('purges unknown rows first', () => {
    const { rows, changes } = planStamp(twoBranches(), ['garbage', 'b'], ['heads'], {
      purge: true,
    })
    expect(changes).toEqual([
      { kind: 'delete', revision: 'garbage' },
      { kind: 'delete', revision: 'b' },
      { kind: 'insert', revision: 'c2' },
      { kind: 'insert', revision: 'd2' },
    ])
    expect(rows).toEqual(['c2', 'd2'])
    expect(planStamp(linear(), ['zz'], ['base'], { purge: true }).rows).toEqual([])
  })

  it('refuses unknown rows without purge, and an empty target list', () => {
    expect(() => planStamp(linear(), ['garbage'], ['head'])).toThrow(MigrationNotFoundError)
    expect(() => planStamp(linear(), [], [])).toThrow(UsageError)
  })
})
