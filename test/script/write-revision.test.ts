import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { InvalidRevisionIdError, MigrationCreationError } from '../../src/errors.js'
import { DEFAULT_FILE_TEMPLATE } from '../../src/script/file-name.js'
import { readRevisionFile } from '../../src/script/read-metadata.js'
import { DEFAULT_TEMPLATE } from '../../src/script/template.js'
import { type WriteRevisionOptions, writeRevisionFile } from '../../src/script/write-revision.js'

describe('writeRevisionFile', () => {
  let root: string
  let options: WriteRevisionOptions

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'stratum-write-'))
    const templatePath = join(root, 'script.ts.tmpl')
    writeFileSync(templatePath, DEFAULT_TEMPLATE)
    options = {
      directory: root,
      templatePath,
      fileTemplate: DEFAULT_FILE_TEMPLATE,
      truncateSlugLength: 40,
      revision: '3f2a9c1b7d4e',
      message: 'Add users table',
      downRevisions: ['1a2b3c4d5e6f'],
      branchLabels: ['users'],
      dependsOn: [],
      date: new Date('2026-11-26T10:30:00Z'),
    }
  })

  afterEach(() => rmSync(root, { recursive: true, force: true }))

  it('writes the rendered template under its file name', () => {
    const { path, source } = writeRevisionFile(options)
    expect(path).toBe(join(root, '20261126_1030-3f2a9c1b7d4e_add_users_table.ts'))
    expect(readFileSync(path, 'utf8')).toBe(source)
    expect(readRevisionFile(path)).toEqual({
      revision: '3f2a9c1b7d4e',
      downRevisions: ['1a2b3c4d5e6f'],
      branchLabels: ['users'],
      dependsOn: [],
      message: 'Add users table',
      path,
    })
  })

  it('passes -x values, bodies and imports to the template', () => {
    const templatePath = join(root, 'script.mts.tmpl')
    writeFileSync(
      templatePath,
      DEFAULT_TEMPLATE.replace(`\${imports}`, `\${imports}\n// \${x.who}`),
    )
    const { path, source } = writeRevisionFile({
      ...options,
      templatePath,
      x: { who: 'ci' },
      imports: "import { sql } from 'stratum'",
      upgrades: 'await op.execute(sql`SELECT 1`)',
      downgrades: '// nothing',
    })
    expect(path.endsWith('.mts')).toBe(true)
    expect(source).toContain("import { sql } from 'stratum'\n// ci\n")
    expect(source).toContain('  await op.execute(sql`SELECT 1`)\n')
  })

  it('refuses to overwrite an existing file', () => {
    const { path } = writeRevisionFile(options)
    writeFileSync(path, 'hand edits')
    let caught: unknown
    try {
      writeRevisionFile(options)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MigrationCreationError)
    expect((caught as MigrationCreationError).code).toBe('REVISION_FILE_EXISTS')
    expect((caught as Error).message).toContain(path)
    expect(readFileSync(path, 'utf8')).toBe('hand edits')
  })

  it('names a missing template and suggests stratum init', () => {
    const templatePath = join(root, 'missing.ts.tmpl')
    let caught: unknown
    try {
      writeRevisionFile({ ...options, templatePath })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MigrationCreationError)
    expect((caught as MigrationCreationError).code).toBe('TEMPLATE_MISSING')
    expect((caught as Error).message).toContain(templatePath)
    expect((caught as MigrationCreationError).hint).toContain('stratum init')
  })

  it('rejects a template that loses the metadata, writing nothing', () => {
    writeFileSync(
      options.templatePath,
      DEFAULT_TEMPLATE.replace(/^export const branchLabels.*\n/m, ''),
    )
    expect(() => writeRevisionFile(options)).toThrow(
      /renders branchLabels as \[\] instead of \["users"\]/,
    )
    writeFileSync(options.templatePath, `export const revision = '\${revision}'\n`)
    expect(() => writeRevisionFile(options)).toThrow(
      /script\.ts\.tmpl renders a file Stratum cannot read: no `export const downRevision/,
    )
    expect(readdirSync(root).filter((name) => name.endsWith('.ts'))).toEqual([])
  })

  it('rejects an invalid revision id and a missing directory', () => {
    expect(() => writeRevisionFile({ ...options, revision: 'head' })).toThrow(
      InvalidRevisionIdError,
    )
    expect(() => writeRevisionFile({ ...options, directory: join(root, 'nope') })).toThrow(
      /Version path .*nope does not exist/,
    )
  })
})
