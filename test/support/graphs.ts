/**
 * Sample revision graphs for tests: a one-line-per-revision notation, named shapes
 * (chains, branches, merges, forests, the shapes of Alembic's branching docs) and a
 * fast-check arbitrary of random DAGs.
 */
import fc from 'fast-check'
import { RevisionGraph } from '../../src/revision/graph.js'
import type { RevisionMeta } from '../../src/revision/meta.js'

/** Optional fields of a test revision. */
export interface MetaOptions {
  readonly labels?: readonly string[]
  readonly dependsOn?: readonly string[]
  readonly message?: string
  readonly path?: string
}

/** A revision record with defaults: no labels, no dependencies, path `versions/<id>.ts`. */
export function meta(
  revision: string,
  downRevisions: readonly string[] = [],
  options: MetaOptions = {},
): RevisionMeta {
  return {
    revision,
    downRevisions,
    branchLabels: options.labels ?? [],
    dependsOn: options.dependsOn ?? [],
    message: options.message ?? `revision ${revision}`,
    path: options.path ?? `versions/${revision}.ts`,
  }
}

/**
 * Revision records from lines `id [<- parent,parent] [~ dependency,...] [# label,...]`.
 *
 * @example
 * metas('a', 'b <- a # shop', 'c <- a ~ shop')
 */
export function metas(...lines: readonly string[]): RevisionMeta[] {
  return lines.map((line) => {
    const field = (marker: string) => {
      const match = new RegExp(`${marker}\\s*([^<~#]*)`).exec(line)
      const text = match?.[1]?.trim() ?? ''
      return text === '' ? [] : text.split(',').map((part) => part.trim())
    }
    const id = line.split(/[<~#]/)[0]!.trim()
    return meta(id, field('<-'), { dependsOn: field('~'), labels: field('#') })
  })
}

/** A graph built from `metas(...lines)`. */
export function graphOf(...lines: readonly string[]): RevisionGraph {
  return RevisionGraph.build(metas(...lines))
}

/** `a -> b -> c`. */
export function linear(): RevisionGraph {
  return graphOf('a', 'b <- a', 'c <- b')
}

/**
 * A branch point, two labelled branches and a merge:
 * ```
 * a - b -+- c1 - c2 (#cart) -+- m - e
 *        +- d1 (#net) - d2 --+
 * ```
 */
export function branchAndMerge(): RevisionGraph {
  return graphOf(
    'a',
    'b <- a',
    'c1 <- b',
    'c2 <- c1 # cart',
    'd1 <- b # net',
    'd2 <- d1',
    'm <- c2, d2',
    'e <- m',
  )
}

/**
 * Two unmerged branches from one branch point:
 * ```
 * a - b -+- c1 - c2 (#cart)
 *        +- d1 (#net) - d2
 * ```
 */
export function twoBranches(): RevisionGraph {
  return graphOf('a', 'b <- a', 'c1 <- b', 'c2 <- c1 # cart', 'd1 <- b # net', 'd2 <- d1')
}

/**
 * Two roots; `y2` depends on `x2` by label:
 * ```
 * x1 (#xs) - x2 (#x2l) - x3
 * y1 (#ys) - y2 ~x2l - y3
 * ```
 */
export function forest(): RevisionGraph {
  return graphOf('x1 # xs', 'x2 <- x1 # x2l', 'x3 <- x2', 'y1 # ys', 'y2 <- y1 ~ x2l', 'y3 <- y2')
}

/** A chain of `length` revisions `r00000`, `r00001`, ... */
export function chainMetas(length: number): RevisionMeta[] {
  const id = (i: number) => `r${String(i).padStart(5, '0')}`
  return Array.from({ length }, (_, i) => meta(id(i), i === 0 ? [] : [id(i - 1)]))
}

/**
 * A large graph of `count` revisions with frequent branch points, merges and
 * dependencies, built without randomness: revision i revises i-1, every 7th also
 * revises i-13 (a merge), every 11th starts from i-5 instead (a branch), every 17th
 * depends on i-29, every 500th declares the label `lab<i>`.
 */
export function busyMetas(count: number): RevisionMeta[] {
  const id = (i: number) => `n${String(i).padStart(5, '0')}`
  return Array.from({ length: count }, (_, i) => {
    if (i === 0) return meta(id(0))
    const parents = new Set<string>([id(i % 11 === 0 && i >= 5 ? i - 5 : i - 1)])
    if (i % 7 === 0 && i >= 13) parents.add(id(i - 13))
    const dependsOn = i % 17 === 0 && i >= 29 ? [id(i - 29)] : []
    const labels = i % 500 === 0 ? [`lab${i}`] : []
    return meta(id(i), [...parents], { dependsOn, labels })
  })
}

/**
 * Random DAGs: each revision picks zero to two parents and at most one dependency among
 * earlier revisions (so roots, branch points, merge points and forests all occur); some
 * declare a label, and a dependency on a labelled revision sometimes names the label.
 */
export const dagArbitrary: fc.Arbitrary<RevisionMeta[]> = fc
  .integer({ min: 1, max: 18 })
  .chain((count) =>
    fc.tuple(
      ...Array.from({ length: count }, (_, i) =>
        fc.record({
          parents:
            i === 0
              ? fc.constant<number[]>([])
              : fc.oneof(
                  { weight: 6, arbitrary: fc.tuple(fc.nat(i - 1)).map((p) => [...p]) },
                  {
                    weight: 2,
                    arbitrary: fc.uniqueArray(fc.nat(i - 1), { minLength: 1, maxLength: 2 }),
                  },
                  { weight: 1, arbitrary: fc.constant<number[]>([]) },
                ),
          dependency:
            i === 0
              ? fc.constant<number | undefined>(undefined)
              : fc.option(fc.nat(i - 1), { freq: 4, nil: undefined }),
          labelled: fc.nat(5).map((n) => n === 0),
          byLabel: fc.boolean(),
        }),
      ),
    ),
  )
  .map((nodes) => {
    const id = (i: number) => `r${i}x`
    return nodes.map((node, i) => {
      const dependsOn: string[] = []
      if (node.dependency !== undefined) {
        const target = nodes[node.dependency]!
        dependsOn.push(
          target.labelled && node.byLabel ? `L${node.dependency}` : id(node.dependency),
        )
      }
      return meta(
        id(i),
        node.parents.map((p) => id(p)),
        { dependsOn, labels: node.labelled ? [`L${i}`] : [] },
      )
    })
  })
