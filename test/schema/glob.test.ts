import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expandBraces, expandGlob, globToRegExp, hasGlobSyntax } from '../../src/schema/index.js'

describe('expandBraces', () => {
  it('expands alternatives, nested ones too', () => {
    expect(expandBraces('a/{b,c}/d')).toEqual(['a/b/d', 'a/c/d'])
    expect(expandBraces('{a,b{c,d}}.ts')).toEqual(['a.ts', 'bc.ts', 'bd.ts'])
    expect(expandBraces('{x,y}-{1,2}')).toEqual(['x-1', 'x-2', 'y-1', 'y-2'])
  })

  it('keeps braces without a comma, unclosed braces and escaped ones', () => {
    expect(expandBraces('a{b}c')).toEqual(['a{b}c'])
    expect(expandBraces('a{b,c')).toEqual(['a{b,c'])
    expect(expandBraces('a\\{b,c}')).toEqual(['a\\{b,c}'])
  })
})

describe('globToRegExp', () => {
  const cases: [string, string, boolean][] = [
    ['*.ts', 'users.ts', true],
    ['*.ts', 'dir/users.ts', false],
    ['?.ts', 'a.ts', true],
    ['?.ts', 'ab.ts', false],
    ['/app/**/*.ts', '/app/users.ts', true],
    ['/app/**/*.ts', '/app/a/b/c.ts', true],
    ['/app/**/*.ts', '/other/a.ts', false],
    ['/app/**', '/app/a/b', true],
    ['/app/{models,schema}/*.ts', '/app/schema/x.ts', true],
    ['/app/{models,schema}/*.ts', '/app/other/x.ts', false],
    ['audit_*', 'audit_log', true],
    ['audit_*', 'my_audit_log', false],
    ['a.b', 'axb', false],
    ['a+(b)', 'a+(b)', true],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
  ]
  it.each(cases)('%s against %s is %s', (pattern, text, expected) => {
    expect(globToRegExp(pattern).test(text)).toBe(expected)
  })

  it('tells globs from plain paths', () => {
    expect(hasGlobSyntax('/app/models/*.ts')).toBe(true)
    expect(hasGlobSyntax('/app/{a,b}.ts')).toBe(true)
    expect(hasGlobSyntax('/app/models/users.ts')).toBe(false)
    expect(hasGlobSyntax('/app/models/a\\*.ts')).toBe(false)
  })
})

describe('expandGlob', () => {
  let root: string
  const files = [
    'models/users.ts',
    'models/posts.ts',
    'models/billing/invoices.ts',
    'models/billing/deep/er/payments.mts',
    'models/.hidden/secret.ts',
    'models/node_modules/lib/index.ts',
    'models/notes.md',
    'other/x.ts',
  ]

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'stratum-glob-'))
    for (const file of files) {
      await mkdir(dirname(join(root, file)), { recursive: true })
      await writeFile(join(root, file), '')
    }
    await symlink(join(root, 'other'), join(root, 'models', 'linked'))
  })
  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const relative = async (pattern: string) =>
    (await expandGlob(join(root, pattern))).map((file) => file.slice(root.length + 1))

  it('matches * in one folder', async () => {
    expect(await relative('models/*.ts')).toEqual(['models/posts.ts', 'models/users.ts'])
  })

  it('matches ** across folders, skipping dot folders, node_modules and linked folders', async () => {
    expect(await relative('models/**/*.ts')).toEqual([
      'models/billing/invoices.ts',
      'models/posts.ts',
      'models/users.ts',
    ])
    expect(await relative('models/**')).toEqual([
      'models/billing/deep/er/payments.mts',
      'models/billing/invoices.ts',
      'models/notes.md',
      'models/posts.ts',
      'models/users.ts',
    ])
  })

  it('matches braces, ? and globs in the middle of a path', async () => {
    expect(await relative('models/{users,posts}.ts')).toEqual([
      'models/posts.ts',
      'models/users.ts',
    ])
    expect(await relative('*/billing/*.?s')).toEqual(['models/billing/invoices.ts'])
    expect(await relative('models/*/x.ts')).toEqual(['models/linked/x.ts'])
    expect(await relative('models/**/*.{ts,mts}')).toHaveLength(4)
  })

  it('returns a plain path when it is a file, else nothing', async () => {
    expect(await relative('models/users.ts')).toEqual(['models/users.ts'])
    expect(await relative('models/missing.ts')).toEqual([])
    expect(await relative('models')).toEqual([])
    expect(await relative('missing/**/*.ts')).toEqual([])
  })
})
