// biome-ignore-all lint/suspicious/noTemplateCurlyInString: revision templates use ${name} placeholders
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import { revision } from '../../src/commands/revision.js'
import type { ResolvedConfig } from '../../src/config/types.js'
import {
  InvalidRevisionIdError,
  MigrationCreationError,
  MigrationError,
  MigrationNotFoundError,
} from '../../src/errors.js'
import { configFor, type TempProject, tempProject } from './project.js'

function codeOf(error: unknown): string | undefined {
  return error instanceof MigrationError ? error.code : undefined
}

describe('revision', () => {
  let project: TempProject
  let config: ResolvedConfig
  let versions: string
  beforeEach(async () => {
    project = tempProject()
    await init({ cwd: project.root })
    config = configFor(project.root)
    versions = join(project.root, 'migrations', 'versions')
  })
  afterEach(() => project.remove())

  const files = () => readdirSync(versions).sort()

  it('starts a root on an empty graph, then builds on the head', async () => {
    const first = await revision({ config, message: 'create users', revId: 'aaa111' })
    expect(first.revision).toMatchObject({
      revision: 'aaa111',
      downRevisions: [],
      message: 'create users',
      isHead: true,
      isBase: true,
    })
    expect(dirname(first.path)).toBe(versions)
    expect(first.path).toMatch(/-aaa111_create_users\.ts$/)
    expect(existsSync(first.path)).toBe(true)

    const second = await revision({ config, message: 'add email' })
    expect(second.revision.downRevisions).toEqual(['aaa111'])
    expect(second.revision.revision).toMatch(/^[0-9a-f]{12}$/)
    expect(files()).toHaveLength(2)
  })

  it('refuses a second root without --head when heads are several, naming them', async () => {
    await revision({ config, message: 'a', revId: 'aaa111' })
    await revision({ config, message: 'b', revId: 'bbb222', head: 'base', branchLabels: 'other' })
    const error = await revision({ config, message: 'c' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationCreationError)
    expect(codeOf(error)).toBe('MULTIPLE_HEADS')
    expect((error as Error).message).toContain('aaa111')
    expect((error as Error).message).toContain('bbb222')
    expect((error as MigrationError).hint).toMatch(/--head/)
    expect(files()).toHaveLength(2)
  })

  it('builds on a named head: label@head, a prefix', async () => {
    await revision({ config, message: 'a', revId: 'aaa111', branchLabels: ['main'] })
    await revision({ config, message: 'b', revId: 'bbb222', head: 'base', branchLabels: 'side' })
    const onMain = await revision({ config, message: 'a2', head: 'main@head', revId: 'aaa222' })
    expect(onMain.revision.downRevisions).toEqual(['aaa111'])
    expect(onMain.revision.labels).toContain('main')
    const onSide = await revision({ config, message: 'b2', head: 'bbb' })
    expect(onSide.revision.downRevisions).toEqual(['bbb222'])
  })

  it('needs splice to branch from a revision that is not a head', async () => {
    await revision({ config, message: 'a', revId: 'aaa111' })
    await revision({ config, message: 'b', revId: 'bbb222' })
    const error = await revision({ config, message: 'c', head: 'aaa111' }).catch((e) => e)
    expect(codeOf(error)).toBe('NOT_A_HEAD')
    expect((error as MigrationError).hint).toContain('--splice')
    const branch = await revision({ config, message: 'c', head: 'aaa111', splice: true })
    expect(branch.revision.downRevisions).toEqual(['aaa111'])
    expect(files()).toHaveLength(3)
  })

  it('records dependencies: labels stay labels, prefixes become full ids', async () => {
    await revision({ config, message: 'a', revId: 'aaa111', branchLabels: 'accounts' })
    await revision({ config, message: 'b', revId: 'bbb222', head: 'base', branchLabels: 'shop' })
    const created = await revision({
      config,
      message: 'c',
      head: 'shop@head',
      dependsOn: ['accounts', 'aaa'],
    })
    expect(created.revision.dependsOn).toEqual(['accounts', 'aaa111'])
    expect(created.revision.resolvedDependsOn).toEqual(['aaa111'])
  })

  it('refuses an unknown dependency before writing anything', async () => {
    await revision({ config, message: 'a', revId: 'aaa111' })
    const error = await revision({ config, message: 'b', dependsOn: 'zzz' }).catch((e) => e)
    expect(error).toBeInstanceOf(MigrationNotFoundError)
    expect(files()).toHaveLength(1)
  })

  it('checks --rev-id: reserved characters, an id that exists', async () => {
    await revision({ config, message: 'a', revId: 'aaa111' })
    await expect(revision({ config, message: 'b', revId: 'bad@id' })).rejects.toBeInstanceOf(
      InvalidRevisionIdError,
    )
    const error = await revision({ config, message: 'b', revId: 'aaa111' }).catch((e) => e)
    expect(codeOf(error)).toBe('REVISION_EXISTS')
    expect((error as Error).message).toContain('aaa111')
    expect(files()).toHaveLength(1)
  })

  it('refuses a branch label that is already declared, before writing', async () => {
    await revision({ config, message: 'a', revId: 'aaa111', branchLabels: 'main' })
    const error = await revision({
      config,
      message: 'b',
      head: 'base',
      branchLabels: 'main',
    }).catch((e) => e)
    expect(codeOf(error)).toBe('BRANCH_LABEL_EXISTS')
    expect((error as Error).message).toContain('aaa111')
    expect(files()).toHaveLength(1)
  })

  it('refuses a label the identifier grammar cannot express, before writing', async () => {
    await expect(
      revision({ config, message: 'a', branchLabels: 'bad@label' }),
    ).rejects.toBeInstanceOf(MigrationError)
    expect(files()).toHaveLength(0)
  })

  it('passes -x values to the template', async () => {
    const template = join(project.root, 'migrations', 'script.ts.tmpl')
    writeFileSync(
      template,
      [
        '/**',
        ' * ${message}',
        ' * Author: ${x.author}',
        ' */',
        "export const revision = '${revision}'",
        'export const downRevision = ${downRevision}',
        'export const branchLabels = ${branchLabels}',
        'export const dependsOn = ${dependsOn}',
        '',
      ].join('\n'),
    )
    const created = await revision({ config, message: 'a', x: { author: 'ada' } })
    const { readFileSync } = await import('node:fs')
    expect(readFileSync(created.path, 'utf8')).toContain('Author: ada')
  })

  describe('with several version paths', () => {
    let second: string
    beforeEach(() => {
      second = join(project.root, 'other')
      mkdirSync(second)
      config = configFor(project.root, { versionPaths: [versions, second] })
    })

    it('asks for --version-path when starting from base', async () => {
      const error = await revision({ config, message: 'a' }).catch((e) => e)
      expect(codeOf(error)).toBe('VERSION_PATH_REQUIRED')
      expect((error as MigrationError).hint).toContain('--version-path')
    })

    it('writes where --version-path says, then follows the parent', async () => {
      const root = await revision({
        config,
        message: 'a',
        versionPath: 'other',
        cwd: project.root,
      })
      expect(dirname(root.path)).toBe(second)
      const child = await revision({ config, message: 'b' })
      expect(dirname(child.path)).toBe(second)
    })

    it('refuses a folder that is not a configured version path', async () => {
      const error = await revision({
        config,
        message: 'a',
        versionPath: 'nowhere',
        cwd: project.root,
      }).catch((e) => e)
      expect(codeOf(error)).toBe('UNKNOWN_VERSION_PATH')
    })
  })
})
