import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { branches } from '../../src/commands/branches.js'
import { heads } from '../../src/commands/heads.js'
import { history } from '../../src/commands/history.js'
import { show } from '../../src/commands/show.js'
import type { ResolvedConfig } from '../../src/config/types.js'
import { MultipleHeadsError } from '../../src/errors.js'
import { configFor, type TempProject, tempProject, writeRevisions } from './project.js'

// r1 -> a1 (accounts) ; r1 -> s1 (shop) -> s2 depends on a1 ; a1 is an effective head.
const GRAPH = [
  { revision: 'r1', message: 'root' },
  { revision: 'a1', down: 'r1', labels: ['accounts'], message: 'accounts' },
  { revision: 's1', down: 'r1', labels: ['shop'], message: 'shop' },
  { revision: 's2', down: 's1', dependsOn: ['accounts'], message: 'orders' },
]

describe('read commands', () => {
  let project: TempProject
  let config: ResolvedConfig
  beforeEach(() => {
    project = tempProject()
    config = configFor(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), GRAPH)
  })
  afterEach(() => project.remove())

  const ids = (revs: readonly { revision: string }[]) => revs.map((r) => r.revision)

  it('heads: versioned heads, or real heads with resolveDependencies', async () => {
    expect(ids(await heads({ config }))).toEqual(['a1', 's2'])
    expect(ids(await heads({ config, resolveDependencies: true }))).toEqual(['s2'])
  })

  it('branches: each branch point with its children', async () => {
    const points = await branches({ config })
    expect(points.map((p) => [p.point.revision, ids(p.children)])).toEqual([['r1', ['a1', 's1']]])
  })

  it('history: newest first, and a range', async () => {
    const all = ids(await history({ config }))
    expect(all).toHaveLength(4)
    expect(all.at(-1)).toBe('r1')
    expect(all.indexOf('s2')).toBeLessThan(all.indexOf('s1'))
    expect(ids(await history({ config, range: 's1:s2' }))).toEqual(['s2', 's1'])
  })

  it('show: one, several, none', async () => {
    const [one] = await show({ config, revision: 's2' })
    expect(one?.path).toBe(join(project.root, 'migrations', 'versions', 's2.ts'))
    expect(one?.resolvedDependsOn).toEqual(['a1'])
    expect(ids(await show({ config, revision: 'heads' }))).toEqual(['s2'])
    expect(await show({ config, revision: 'base' })).toEqual([])
    await expect(show({ config, revision: 'head' })).rejects.toBeInstanceOf(MultipleHeadsError)
  })

  it('an empty versions folder has no heads and no history', async () => {
    const empty = tempProject()
    try {
      writeRevisions(join(empty.root, 'migrations', 'versions'), [])
      const emptyConfig = configFor(empty.root)
      expect(await heads({ config: emptyConfig })).toEqual([])
      expect(await history({ config: emptyConfig })).toEqual([])
      expect(await branches({ config: emptyConfig })).toEqual([])
    } finally {
      empty.remove()
    }
  })
})
