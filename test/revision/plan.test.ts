import { describe, expect, it } from 'vitest'
import {
  MigrationNotFoundError,
  MultipleHeadsError,
  RevisionResolutionError,
  VersionTableConflictError,
} from '../../src/errors.js'
import type { RevisionGraph } from '../../src/revision/graph.js'
import {
  appliedRevisions,
  applyVersionChanges,
  impliedRevisions,
  type MigrationStep,
  minimalRows,
  planDowngrade,
  planUpgrade,
} from '../../src/revision/plan.js'
import { branchAndMerge, forest, graphOf, linear, twoBranches } from '../support/graphs.js'

const order = (steps: readonly MigrationStep[]) => steps.map((s) => s.revision)
const rowsAfter = (current: readonly string[], steps: readonly MigrationStep[]) =>
  steps.reduce((rows, step) => applyVersionChanges(rows, step.versionChanges), current)

function upgrade(graph: RevisionGraph, current: readonly string[], target: string) {
  const steps = planUpgrade(graph, current, target)
  return { order: order(steps), steps, rows: rowsAfter(current, steps) }
}

function downgrade(graph: RevisionGraph, current: readonly string[], target: string) {
  const steps = planDowngrade(graph, current, target)
  return { order: order(steps), steps, rows: rowsAfter(current, steps) }
}

describe('planUpgrade', () => {
  it('runs a linear chain in order, inserting then updating the row', () => {
    const { steps, rows } = upgrade(linear(), [], 'head')
    expect(steps).toEqual([
      {
        revision: 'a',
        direction: 'upgrade',
        from: [],
        to: ['a'],
        versionChanges: [{ kind: 'insert', revision: 'a' }],
      },
      {
        revision: 'b',
        direction: 'upgrade',
        from: ['a'],
        to: ['b'],
        versionChanges: [{ kind: 'update', from: 'a', to: 'b' }],
      },
      {
        revision: 'c',
        direction: 'upgrade',
        from: ['b'],
        to: ['c'],
        versionChanges: [{ kind: 'update', from: 'b', to: 'c' }],
      },
    ])
    expect(rows).toEqual(['c'])
  })

  it('starts from the current rows', () => {
    expect(upgrade(linear(), ['a'], 'head').order).toEqual(['b', 'c'])
    expect(upgrade(linear(), ['a'], '+1').order).toEqual(['b'])
    expect(upgrade(linear(), [], '+2').order).toEqual(['a', 'b'])
    expect(upgrade(linear(), ['a'], 'head-1').order).toEqual(['b'])
  })

  it('treats a target already applied (or base) as nothing to do', () => {
    expect(planUpgrade(linear(), ['c'], 'head')).toEqual([])
    expect(planUpgrade(linear(), ['c'], 'a')).toEqual([])
    expect(planUpgrade(linear(), ['c'], 'head-2')).toEqual([])
    expect(planUpgrade(linear(), [], 'base')).toEqual([])
  })

  it('refuses a relative step down', () => {
    expect(() => planUpgrade(linear(), ['c'], '-1')).toThrow(/Cannot upgrade to '-1'/)
  })

  it('refuses head with several heads and upgrades every branch with heads', () => {
    const graph = twoBranches()
    expect(() => planUpgrade(graph, [], 'head')).toThrow(MultipleHeadsError)
    const all = upgrade(graph, [], 'heads')
    expect(all.order).toEqual(['a', 'b', 'c1', 'c2', 'd1', 'd2'])
    expect(all.steps[4]?.versionChanges).toEqual([{ kind: 'insert', revision: 'd1' }])
    expect(all.rows).toEqual(['c2', 'd2'])
  })

  it('upgrades one branch with label@head and adds the other later', () => {
    const graph = twoBranches()
    const cart = upgrade(graph, [], 'cart@head')
    expect(cart.order).toEqual(['a', 'b', 'c1', 'c2'])
    const net = upgrade(graph, cart.rows, 'net@head')
    expect(net.order).toEqual(['d1', 'd2'])
    expect(net.steps[0]?.versionChanges).toEqual([{ kind: 'insert', revision: 'd1' }])
    expect(net.rows).toEqual(['c2', 'd2'])
  })

  it('merges: deletes all merged rows but one and updates that one', () => {
    const graph = branchAndMerge()
    const { steps, rows } = upgrade(graph, ['c2', 'd2'], 'head')
    expect(order(steps)).toEqual(['m', 'e'])
    expect(steps[0]).toMatchObject({
      from: ['c2', 'd2'],
      to: ['m'],
      versionChanges: [
        { kind: 'delete', revision: 'c2' },
        { kind: 'update', from: 'd2', to: 'm' },
      ],
    })
    expect(rows).toEqual(['e'])
    const fromOneSide = upgrade(graph, ['c2'], 'head')
    expect(fromOneSide.order).toEqual(['d1', 'd2', 'm', 'e'])
    expect(fromOneSide.rows).toEqual(['e'])
  })

  it('applies dependencies first and folds their rows in', () => {
    const graph = forest()
    const { order: ran, steps, rows } = upgrade(graph, [], 'y3')
    expect(ran).toEqual(['x1', 'x2', 'y1', 'y2', 'y3'])
    expect(steps[3]?.versionChanges).toEqual([
      { kind: 'delete', revision: 'x2' },
      { kind: 'update', from: 'y1', to: 'y2' },
    ])
    expect(rows).toEqual(['y3'])
    expect(impliedRevisions(graph, rows)).toEqual(['x2', 'y3'])
  })

  it("upgrades a versioned head that only a dependency keeps out of 'heads'", () => {
    const graph = graphOf('a', 'b ~ a')
    expect(upgrade(graph, [], 'heads').order).toEqual(['a', 'b'])
    expect(upgrade(graph, [], 'heads').rows).toEqual(['b'])
  })

  it('checks the current rows', () => {
    expect(() => planUpgrade(linear(), ['gone'], 'head')).toThrow(MigrationNotFoundError)
  })
})

describe('planDowngrade', () => {
  it('steps down a linear chain', () => {
    const { steps, rows } = downgrade(linear(), ['c'], 'a')
    expect(steps).toEqual([
      {
        revision: 'c',
        direction: 'downgrade',
        from: ['c'],
        to: ['b'],
        versionChanges: [{ kind: 'update', from: 'c', to: 'b' }],
      },
      {
        revision: 'b',
        direction: 'downgrade',
        from: ['b'],
        to: ['a'],
        versionChanges: [{ kind: 'update', from: 'b', to: 'a' }],
      },
    ])
    expect(rows).toEqual(['a'])
  })

  it('deletes the last row going to base', () => {
    const { order: ran, steps, rows } = downgrade(linear(), ['c'], 'base')
    expect(ran).toEqual(['c', 'b', 'a'])
    expect(steps[2]?.versionChanges).toEqual([{ kind: 'delete', revision: 'a' }])
    expect(rows).toEqual([])
    expect(planDowngrade(linear(), [], 'base')).toEqual([])
  })

  it('resolves -N against the current rows', () => {
    expect(downgrade(linear(), ['c'], '-1').order).toEqual(['c'])
    expect(downgrade(linear(), ['c'], '-3').rows).toEqual([])
    expect(() => planDowngrade(linear(), ['a'], '-2')).toThrow(/didn't produce 2 migrations/)
  })

  it('treats the current revision as nothing to do', () => {
    expect(planDowngrade(linear(), ['c'], 'c')).toEqual([])
  })

  it('refuses a target that is not applied', () => {
    const error = (() => {
      try {
        planDowngrade(linear(), ['b'], 'c')
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(RevisionResolutionError)
    expect((error as Error).message).toBe(
      "Destination 'c' is not a valid downgrade target from the current heads (b)",
    )
    expect(() => planDowngrade(twoBranches(), ['c2'], 'd1')).toThrow(/not a valid downgrade/)
  })

  it('refuses +N, several targets, and -N from several heads', () => {
    expect(() => planDowngrade(linear(), ['a'], '+1')).toThrow(/Cannot downgrade to '\+1'/)
    expect(() => planDowngrade(twoBranches(), ['c2', 'd2'], 'heads')).toThrow(MultipleHeadsError)
    expect(() => planDowngrade(twoBranches(), ['c2', 'd2'], '-1')).toThrow(
      /several revisions \(c2, d2\)/,
    )
    expect(downgrade(twoBranches(), ['c2', 'd2'], 'cart@-1').rows).toEqual(['c1', 'd2'])
  })

  it('downgrades both branches to their branch point, children first', () => {
    const { order: ran, steps, rows } = downgrade(twoBranches(), ['c2', 'd2'], 'b')
    expect(ran).toEqual(['d2', 'd1', 'c2', 'c1'])
    expect(steps[1]?.versionChanges).toEqual([{ kind: 'delete', revision: 'd1' }])
    expect(steps[3]?.versionChanges).toEqual([{ kind: 'update', from: 'c1', to: 'b' }])
    expect(rows).toEqual(['b'])
  })

  it('narrows a downgrade at a branch point to the named branch', () => {
    const { order: ran, rows } = downgrade(twoBranches(), ['c2', 'd2'], 'net@b')
    expect(ran).toEqual(['d2', 'd1'])
    expect(rows).toEqual(['c2'])
  })

  it('removes a root and everything above it with label@base', () => {
    const graph = forest()
    const ys = downgrade(graph, ['x3', 'y3'], 'ys@base')
    expect(ys.order).toEqual(['y3', 'y2', 'y1'])
    expect(ys.rows).toEqual(['x3'])
    // y2 depends on x2, so it goes with the x root.
    const xs = downgrade(graph, ['x3', 'y3'], 'xs@base')
    expect(xs.order).toEqual(['y3', 'y2', 'x3', 'x2', 'x1'])
    expect(xs.rows).toEqual(['y1'])
    // With a single root, label@base is that root.
    expect(downgrade(twoBranches(), ['c2', 'd2'], 'cart@base').rows).toEqual([])
  })

  it('unapplies dependents of the target too', () => {
    const { order: ran, rows } = downgrade(forest(), ['x3', 'y3'], 'x2')
    expect(ran).toEqual(['y3', 'y2', 'x3'])
    expect(rows).toEqual(['x2', 'y1'])
  })

  it('un-merges: the parents become rows again', () => {
    const { order: ran, steps, rows } = downgrade(branchAndMerge(), ['e'], 'c2')
    expect(ran).toEqual(['e', 'm'])
    expect(steps[1]?.versionChanges).toEqual([
      { kind: 'insert', revision: 'c2' },
      { kind: 'update', from: 'm', to: 'd2' },
    ])
    expect(rows).toEqual(['d2', 'c2'])
  })

  it('keeps rows minimal when one merged parent is an ancestor of the other', () => {
    const graph = graphOf('a', 'b <- a', 'm <- a, b', 'n <- m')
    const up = upgrade(graph, [], 'n')
    expect(up.steps[2]?.versionChanges).toEqual([{ kind: 'update', from: 'b', to: 'm' }])
    const down = downgrade(graph, ['n'], 'b')
    expect(down.order).toEqual(['n', 'm'])
    expect(down.steps[1]?.versionChanges).toEqual([{ kind: 'update', from: 'm', to: 'b' }])
    expect(down.rows).toEqual(['b'])
    expect(downgrade(graph, ['n'], 'a').rows).toEqual(['a'])
  })

  it('keeps a dependency out of the rows while another row implies it', () => {
    const graph = graphOf('a', 'b ~ a', 'c ~ a')
    const down = downgrade(graph, ['b', 'c'], 'b@base')
    expect(down.order).toEqual(['b'])
    expect(down.steps[0]?.versionChanges).toEqual([{ kind: 'delete', revision: 'b' }])
    expect(down.rows).toEqual(['c'])
  })
})

describe('applyVersionChanges', () => {
  it('inserts, updates in place and deletes', () => {
    expect(
      applyVersionChanges(
        ['a', 'b'],
        [
          { kind: 'insert', revision: 'c' },
          { kind: 'update', from: 'a', to: 'x' },
          { kind: 'delete', revision: 'b' },
        ],
      ),
    ).toEqual(['x', 'c'])
  })

  it.each([
    [['a'], { kind: 'update', from: 'z', to: 'b' }],
    [['a'], { kind: 'delete', revision: 'z' }],
    [['a'], { kind: 'insert', revision: 'a' }],
    [['a', 'b'], { kind: 'update', from: 'a', to: 'b' }],
  ] as const)('refuses a change that does not fit the rows %j %j', (rows, change) => {
    expect(() => applyVersionChanges(rows, [change])).toThrow(VersionTableConflictError)
    expect(() => applyVersionChanges(rows, [change])).toThrow(RevisionResolutionError)
  })
})

describe('what rows imply', () => {
  it('impliedRevisions adds what the rows imply through dependsOn', () => {
    const graph = forest()
    expect(impliedRevisions(graph, ['y2'])).toEqual(['x2', 'y2'])
    expect(impliedRevisions(graph, ['x3', 'y2'])).toEqual(['x3', 'y2'])
    expect(impliedRevisions(graph, [])).toEqual([])
    expect(() => impliedRevisions(graph, ['gone'])).toThrow(MigrationNotFoundError)
  })

  it('appliedRevisions lists the closure in graph order', () => {
    expect(appliedRevisions(forest(), ['y2'])).toEqual(['x1', 'x2', 'y1', 'y2'])
  })

  it('minimalRows drops implied revisions', () => {
    expect(minimalRows(forest(), ['x1', 'y2', 'y1'])).toEqual(['y2'])
    expect(minimalRows(twoBranches(), ['c2', 'd1', 'b'])).toEqual(['c2', 'd1'])
  })
})
