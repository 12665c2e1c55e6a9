import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MigrationError, RevisionFileError } from '../../src/errors.js'
import { listRevisionFiles, readRevisions } from '../../src/script/script-directory.js'

function revisionSource(revision: string, down: string | null): string {
  const parent = down === null ? 'null' : `'${down}'`
  return `/** Revision ${revision} */\nexport const revision = '${revision}'\nexport const downRevision = ${parent}\n`
}

describe('script directory', () => {
  let root: string
  let versions: string

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'stratum-scripts-'))
    versions = join(root, 'versions')
    mkdirSync(join(versions, 'sub', 'deeper'), { recursive: true })
    mkdirSync(join(versions, 'node_modules'))
    mkdirSync(join(versions, '.hidden'))
    mkdirSync(join(versions, '__pycache__'))
    const files: Record<string, string> = {
      'b.ts': revisionSource('b', 'a'),
      'a.ts': revisionSource('a', null),
      'c.mts': revisionSource('c', 'b'),
      'd.cts': revisionSource('d', 'c'),
      'e.js': revisionSource('e', 'd'),
      'f.mjs': revisionSource('f', 'e'),
      'g.cjs': revisionSource('g', 'f'),
      'types.d.ts': 'export declare const x: string\n',
      'types.d.mts': 'export declare const x: string\n',
      '.#a.ts': 'junk',
      '.eslintrc.js': 'junk',
      'notes.md': 'junk',
      'a.ts~': 'junk',
      'script.ts.tmpl': 'junk',
      'sub/h.ts': revisionSource('h', 'g'),
      'sub/deeper/i.ts': revisionSource('i', 'h'),
      'node_modules/x.js': 'junk',
      '.hidden/x.ts': 'junk',
      '__pycache__/x.ts': 'junk',
    }
    for (const [name, content] of Object.entries(files))
      writeFileSync(join(versions, name), content)
    symlinkSync(join(versions, 'a.ts'), join(versions, 'link.ts'))
    symlinkSync(versions, join(versions, 'sub', 'loop'))
  })

  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('lists revision files of the top folder, sorted, without junk', () => {
    const files = listRevisionFiles({ versionPaths: [versions], recursive: false })
    const names = ['a.ts', 'b.ts', 'c.mts', 'd.cts', 'e.js', 'f.mjs', 'g.cjs']
    expect(files).toEqual(names.map((name) => join(versions, name)))
  })

  it('lists a file reached through a link once', () => {
    const linked = mkdtempSync(join(tmpdir(), 'stratum-linked-'))
    try {
      writeFileSync(join(linked, 'only.ts'), revisionSource('only', null))
      symlinkSync(join(versions, 'b.ts'), join(linked, 'b-link.ts'))
      const files = listRevisionFiles({ versionPaths: [linked], recursive: false })
      expect(files).toEqual([join(linked, 'b-link.ts'), join(linked, 'only.ts')])
    } finally {
      rmSync(linked, { recursive: true, force: true })
    }
  })

  it('includes sub-folders when recursive, without looping through links', () => {
    const files = listRevisionFiles({ versionPaths: [versions], recursive: true })
    expect(files).toContain(join(versions, 'sub', 'h.ts'))
    expect(files).toContain(join(versions, 'sub', 'deeper', 'i.ts'))
    expect(
      files.filter((file) => file.includes('node_modules') || file.includes('.hidden')),
    ).toEqual([])
    expect(files.some((file) => file.includes('__pycache__'))).toBe(false)
    expect(files).toHaveLength(9)
  })

  it('merges several version paths and lists a repeated one once', () => {
    const files = listRevisionFiles({
      versionPaths: [join(versions, 'sub'), versions, versions],
      recursive: false,
    })
    expect(files).toHaveLength(8)
    expect(files).toContain(join(versions, 'sub', 'h.ts'))
  })

  it('fails clearly on a missing version path', () => {
    const missing = join(root, 'nope')
    let caught: unknown
    try {
      listRevisionFiles({ versionPaths: [versions, missing], recursive: false })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MigrationError)
    const error = caught as MigrationError
    expect(error.code).toBe('VERSION_PATH_MISSING')
    expect(error.message).toContain(missing)
    expect(error.hint).toContain('stratum init')
    expect(error.hint).toContain('versionPaths')
  })

  it('fails on a version path that is a file', () => {
    expect(() =>
      listRevisionFiles({ versionPaths: [join(versions, 'a.ts')], recursive: false }),
    ).toThrow(/is not a folder/)
  })

  it('reads every revision', () => {
    const metas = readRevisions({ versionPaths: [versions], recursive: true })
    expect(metas.map((meta) => meta.revision)).toEqual([
      'a',
      'b',
      'c',
      'd',
      'e',
      'f',
      'g',
      'i',
      'h',
    ])
    expect(metas[1]).toEqual({
      revision: 'b',
      downRevisions: ['a'],
      branchLabels: [],
      dependsOn: [],
      message: 'Revision b',
      path: join(versions, 'b.ts'),
    })
  })

  it('throws the error of a malformed file', () => {
    const bad = mkdtempSync(join(tmpdir(), 'stratum-bad-'))
    try {
      writeFileSync(join(bad, 'a.ts'), revisionSource('a', null))
      writeFileSync(
        join(bad, 'b.ts'),
        "export const revision = 'b'\nexport const downRevision = A\n",
      )
      expect(() => readRevisions({ versionPaths: [bad], recursive: false })).toThrow(
        RevisionFileError,
      )
      expect(() => readRevisions({ versionPaths: [bad], recursive: false })).toThrow(
        `${join(bad, 'b.ts')}:2: downRevision must be null`,
      )
    } finally {
      rmSync(bad, { recursive: true, force: true })
    }
  })
})
