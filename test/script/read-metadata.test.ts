import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { RevisionFileError } from '../../src/errors.js'
import { readRevisionFile, readRevisionMeta } from '../../src/script/read-metadata.js'

const PATH = 'versions/x.ts'

function read(source: string) {
  return readRevisionMeta(source, PATH)
}

function errorOf(source: string): RevisionFileError {
  try {
    read(source)
  } catch (error) {
    if (error instanceof RevisionFileError) return error
    throw error
  }
  throw new Error('expected a RevisionFileError')
}

const STANDARD = `/**
 * Add users table
 *
 * Revision ID: 3f2a9c1b7d4e
 * Revises: 1a2b3c4d5e6f
 * Create Date: 2026-11-26T10:30:00Z
 */
import type { MigrationContext } from 'stratum'

export const revision = '3f2a9c1b7d4e'
export const downRevision: string | string[] | null = '1a2b3c4d5e6f'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade({ op }: MigrationContext): Promise<void> {
  await op.createTable('users', (t) => t.id())
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.dropTable('users')
}
`

describe('readRevisionMeta', () => {
  it('reads the standard revision file', () => {
    expect(read(STANDARD)).toEqual({
      revision: '3f2a9c1b7d4e',
      downRevisions: ['1a2b3c4d5e6f'],
      branchLabels: [],
      dependsOn: [],
      message: 'Add users table',
      path: PATH,
    })
  })

  it.each([
    ["export const revision = 'r1'", 'r1'],
    ['export const revision = "r1"', 'r1'],
    ["export const revision: string = 'r1'", 'r1'],
    ["export const revision = 'r1' as const", 'r1'],
    ["export let revision = 'r1';", 'r1'],
    ["export var revision = 'r1'", 'r1'],
    ['export const revision = `r1`', 'r1'],
    ["export const revision = 'r\\u0031\\x32'", 'r12'],
    ["export const revision = 'it\\'s'", "it's"],
    ['export const revision = "caf\\u{e9}"', 'café'],
  ])('reads the revision from %s', (line, expected) => {
    expect(read(`${line}\nexport const downRevision = null\n`).revision).toBe(expected)
  })

  it.each([
    ['null', []],
    ['undefined', []],
    ["'a1'", ['a1']],
    ["['a1', 'b2']", ['a1', 'b2']],
    ["['a1', 'b2',]", ['a1', 'b2']],
    ["[\n  'a1',\n  'b2',\n]", ['a1', 'b2']],
    ["['a1', 'b2'] as const", ['a1', 'b2']],
    ['[]', []],
    ['["a1", `b2`]', ['a1', 'b2']],
  ])('reads downRevision = %s', (value, expected) => {
    const meta = read(`export const revision = 'r'\nexport const downRevision = ${value}\n`)
    expect(meta.downRevisions).toEqual(expected)
  })

  it('reads branchLabels and dependsOn in every form, and defaults them to []', () => {
    const base = "export const revision = 'r'\nexport const downRevision = null\n"
    expect(read(base)).toMatchObject({ branchLabels: [], dependsOn: [] })
    const meta = read(
      `${base}export const branchLabels: string[] | null = 'users'\n` +
        "export const dependsOn: readonly string[] = ['a1', 'billing'] as const;\n",
    )
    expect(meta).toMatchObject({ branchLabels: ['users'], dependsOn: ['a1', 'billing'] })
    expect(
      read(`${base}export const branchLabels = ['x', 'y']\nexport const dependsOn = null`),
    ).toMatchObject({ branchLabels: ['x', 'y'], dependsOn: [] })
  })

  it('reads several declarators in one statement', () => {
    const meta = read("export const revision = 'r', downRevision = ['a', 'b'];")
    expect(meta).toMatchObject({ revision: 'r', downRevisions: ['a', 'b'] })
  })

  it('reads JavaScript files', () => {
    const source = `// @ts-check
/** Seed the admin user */
import { something } from './helpers.js'

export const revision = 'abc123'
export const downRevision = 'def456'
export const transactional = false

export async function upgrade({ op }) {
  await op.execute("INSERT INTO users (name) VALUES ('admin')")
}
export async function downgrade({ op }) {
  await op.execute('DELETE FROM users')
}
`
    expect(read(source)).toMatchObject({
      revision: 'abc123',
      downRevisions: ['def456'],
      message: 'Seed the admin user',
    })
  })

  it('accepts CRLF line ends and a BOM', () => {
    const source = `\uFEFF${STANDARD.replaceAll('\n', '\r\n')}`
    expect(read(source)).toMatchObject({
      revision: '3f2a9c1b7d4e',
      downRevisions: ['1a2b3c4d5e6f'],
      message: 'Add users table',
    })
  })

  it('ignores fake exports inside comments, strings, templates and regexes', () => {
    const source = `/** Tricky */
// export const revision = 'comment'
/* export const revision = 'block'
   export const downRevision = 'block' */
const text = "export const revision = 'string'"
const other = 'export const downRevision = "x" \\' still a string'
const tpl = \`export const revision = '\${'nested' + \`inner \${1 + 2} \`}' \${{ a: 1 }.a}\`
const re = /export const revision = '[}]'/g
const division = 10 / 2 / 1
function f() {
  return /'/.test(text)
}
export default { revision: 'object' }
export function helper() {
  const revision = 'local'
  return revision
}
export const revision = 'real'
export const downRevision = null
`
    expect(read(source)).toMatchObject({ revision: 'real', downRevisions: [], message: 'Tricky' })
  })

  it('ignores metadata-like declarations that are not at module level', () => {
    const source = `export const revision = 'r'
export const downRevision = null
declare module 'x' {
  export const revision: string
}
namespace N {
  export const dependsOn = ['nope']
}
`
    expect(read(source)).toMatchObject({ revision: 'r', dependsOn: [] })
  })

  it('does not choke on other exports, classes, imports and type syntax', () => {
    const source = `#!/usr/bin/env node
import * as path from 'node:path'
import type { MigrationContext } from 'stratum'
export type Row = { id: number; name: string }
export interface Thing { a: Array<string> }
export enum Color { Red, Green }
export class Helper<T extends object = {}> {
  private x = 1
  method(): Promise<void> { return Promise.resolve() }
}
export * from './other.js'
export { path }
export const transactional = false
export const revision: string = 'r'
export const downRevision: string | string[] | null = ['a', 'b']
export const config = { nested: { revision: 'no' } }, count = 2
export const arrow = (a: number): number => a / 2
`
    expect(read(source)).toMatchObject({ revision: 'r', downRevisions: ['a', 'b'] })
  })

  describe('the message', () => {
    const body = "\nexport const revision = 'r'\nexport const downRevision = null\n"

    it.each([
      ['/**\n * Add users\n */', 'Add users'],
      ['/** Add users */', 'Add users'],
      ['/**\n *\n *   Add users  \n * more\n */', 'Add users'],
      ['#!/usr/bin/env node\n\n/**\n * With shebang\n */', 'With shebang'],
      ['// license header\n/* not a doc comment */\n/** After comments */', 'After comments'],
      ['/**\n * Quote \'single\' and "double"\n */', 'Quote \'single\' and "double"'],
      ['/**\n * Unicode: café 数据库 🚀\n */', 'Unicode: café 数据库 🚀'],
      ['/**\n * Ends a *\\/ comment\n */', 'Ends a */ comment'],
      ['/**\n *\n * Revision ID: r\n */', ''],
      ['/* plain block */', ''],
      ['', ''],
    ])('reads %j', (header, expected) => {
      expect(read(header + body).message).toBe(expected)
    })

    it('is empty when code comes before the doc comment', () => {
      expect(read(`const x = 1\n/** Late */${body}`).message).toBe('')
    })
  })

  describe('errors', () => {
    const revisionLine = "export const revision = 'r'\n"

    it.each([
      [
        "export const revision = 'r'\n\nexport const downRevision = PARENT\n",
        3,
        'downRevision must be null, a string literal or an array of string literals (Stratum reads revision metadata without running the file)',
      ],
      [
        "export const revision = 'a' + 'b'\nexport const downRevision = null",
        1,
        'revision must be a string literal',
      ],
      [
        `${revisionLine}export const downRevision = \`\${'a'}\``,
        2,
        'downRevision must be null, a string literal',
      ],
      [
        'export const revision = makeId()\nexport const downRevision = null',
        1,
        'revision must be a string literal',
      ],
      [`${revisionLine}\nexport const downRevision = ['a', b]`, 3, 'downRevision must be null'],
      [`${revisionLine}export const downRevision = ['a' 'b']`, 2, 'downRevision must be null'],
      [`${revisionLine}export const downRevision = null\n  + 'x'`, 3, 'downRevision must be null'],
      [`${revisionLine}export const downRevision = 'a'.trim()`, 2, 'downRevision must be null'],
      [`${revisionLine}export const downRevision = 'a' as string`, 2, 'downRevision must be null'],
      [`${revisionLine}export let downRevision: string\n\nexport {}`, 2, 'downRevision must be'],
      [
        `${revisionLine}export const downRevision = null\nexport const branchLabels = [1]`,
        3,
        'branchLabels must be null, a string literal or an array of string literals',
      ],
      [
        `${revisionLine}export const downRevision = null\nexport const dependsOn = {}`,
        3,
        'dependsOn must be null',
      ],
      [
        `${revisionLine}\n\nexport const revision = 'again'\nexport const downRevision = null`,
        4,
        'revision is declared twice (first on line 1)',
      ],
      [
        `${revisionLine}export const downRevision = null\nexport const downRevision = null`,
        3,
        'downRevision is declared twice (first on line 2)',
      ],
      [
        "export const revision = ''\nexport const downRevision = null",
        1,
        'revision must not be empty',
      ],
      [
        `${revisionLine}export const downRevision = ['a', '']`,
        2,
        'downRevision contains an empty string',
      ],
      [
        `${revisionLine}export const downRevision = null\nexport const branchLabels = ''`,
        3,
        'branchLabels contains an empty string',
      ],
      [
        `${revisionLine}const s = 'open\nexport const downRevision = null`,
        2,
        'unterminated string',
      ],
      [`${revisionLine}/* open\n\nexport const downRevision = null`, 2, 'unterminated comment'],
      [`${revisionLine}\nconst t = \`open\nexport const a = 1`, 3, 'unterminated template literal'],
      ["export const revision = 'bad\\u12'\nexport const downRevision = null", 1, 'malformed'],
    ])('%j fails on line %i', (source, line, problem) => {
      const error = errorOf(source)
      expect(error.line).toBe(line)
      expect(error.path).toBe(PATH)
      expect(error.message).toContain(`${PATH}:${line}: ${problem}`)
      expect(error.code).toBe('REVISION_FILE_INVALID')
    })

    it('reports a missing revision', () => {
      const error = errorOf('export const downRevision = null\n')
      expect(error.line).toBeUndefined()
      expect(error.message).toMatch(/^versions\/x\.ts: no `export const revision/)
    })

    it('reports a missing downRevision, suggesting null for a root', () => {
      const error = errorOf("export const revision = 'r'\n")
      expect(error.message).toContain('downRevision')
      expect(error.message).toContain('use null for a root revision')
    })
  })
})

describe('readRevisionFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'stratum-read-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('reads a file with a BOM and CRLF line ends', () => {
    const path = join(folder, 'a.ts')
    writeFileSync(path, `\uFEFF${STANDARD.replaceAll('\n', '\r\n')}`)
    expect(readRevisionFile(path)).toMatchObject({ revision: '3f2a9c1b7d4e', path })
  })

  it('names a file it cannot read', () => {
    const path = join(folder, 'missing.ts')
    expect(() => readRevisionFile(path)).toThrow(RevisionFileError)
    expect(() => readRevisionFile(path)).toThrow(/missing\.ts: cannot read the file \(ENOENT\)/)
  })
})
