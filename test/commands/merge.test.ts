import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import { merge } from '../../src/commands/merge.js'
import { revision } from '../../src/commands/revision.js'
import type { ResolvedConfig } from '../../src/config/types.js'
import { MigrationError } from '../../src/errors.js'
import { configFor, type TempProject, tempProject } from './project.js'

describe('merge', () => {
  let project: TempProject
  let config: ResolvedConfig
  beforeEach(async () => {
    project = tempProject()
    await init({ cwd: project.root })
    config = configFor(project.root)
    await revision({ config, message: 'root', revId: 'a0' })
    await revision({ config, message: 'left', revId: 'b1' })
    await revision({ config, message: 'right', revId: 'c1', head: 'a0', splice: true })
  })
  afterEach(() => project.remove())

  const count = () => readdirSync(join(project.root, 'migrations', 'versions')).length

  it("merges 'heads' into a merge point", async () => {
    const { revision: merged, path } = await merge({
      config,
      revisions: ['heads'],
      message: 'merge them',
      revId: 'd2',
    })
    expect(merged.downRevisions).toEqual(['b1', 'c1'])
    expect(merged.isMergePoint).toBe(true)
    expect(merged.isHead).toBe(true)
    expect(path).toMatch(/-d2_merge_them\.ts$/)
  })

  it('merges heads named by prefix, with a branch label', async () => {
    const { revision: merged } = await merge({
      config,
      revisions: ['c', 'b'],
      message: 'm',
      branchLabels: 'trunk',
    })
    expect(merged.downRevisions).toEqual(['c1', 'b1'])
    expect(merged.branchLabels).toEqual(['trunk'])
  })

  it('needs two distinct heads', async () => {
    const error = await merge({ config, revisions: ['b1', 'b1'], message: 'm' }).catch((e) => e)
    expect(error).toBeInstanceOf(MigrationError)
    expect((error as MigrationError).code).toBe('NOTHING_TO_MERGE')
    expect((error as Error).message).toContain('b1')
    expect(count()).toBe(3)
  })

  it('only merges heads', async () => {
    const error = await merge({ config, revisions: ['a0', 'b1'], message: 'm' }).catch((e) => e)
    expect((error as MigrationError).code).toBe('NOT_A_HEAD')
    expect((error as Error).message).toContain('a0')
    expect(count()).toBe(3)
  })

  it('refuses an existing --rev-id', async () => {
    const error = await merge({ config, revisions: ['heads'], revId: 'a0' }).catch((e) => e)
    expect((error as MigrationError).code).toBe('REVISION_EXISTS')
  })
})
