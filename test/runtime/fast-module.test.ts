import { describe, expect, it } from 'vitest'
import { eraseTypes } from '../../src/runtime/erase-types.js'
import { evaluateFast } from '../../src/runtime/fast-module.js'
import { revisionSource } from '../support/project.js'

const noStratum = async () => ({})

/** The function `name` of an evaluated namespace (fails the test when it is missing). */
function exported<F>(namespace: Record<string, unknown> | undefined, name: string): F {
  const value = namespace?.[name]
  if (typeof value !== 'function') throw new Error(`no function ${name}`)
  return value as F
}

describe('eraseTypes', () => {
  it('erases the template shape and keeps lines and columns', () => {
    const source = revisionSource({ id: 'a1', down: 'z9', dependsOn: ['q'] })
    const erased = eraseTypes(source, 'a1.ts')
    expect(erased?.exports).toEqual([
      'revision',
      'downRevision',
      'branchLabels',
      'dependsOn',
      'upgrade',
      'downgrade',
    ])
    const code = erased?.code.replace(/^"use strict";/, '') ?? ''
    expect(code.split('\n').slice(0, source.split('\n').length - 1)).toHaveLength(
      source.split('\n').length - 1,
    )
    const original = source.split('\n')
    const line = original.findIndex((l) => l.includes('await op.createTable'))
    expect(code.split('\n')[line]).toBe(original[line])
    expect(code).not.toMatch(/MigrationContext|Promise<void>|string\[\]/)
  })

  it('evaluates to the module exports', async () => {
    const source = revisionSource({ id: 'a1', transactional: false })
    const namespace = await evaluateFast(source, '/x/a1.ts', noStratum)
    expect(namespace?.revision).toBe('a1')
    expect(namespace?.transactional).toBe(false)
    expect(typeof namespace?.upgrade).toBe('function')
  })

  it('binds value imports from stratum to the running Stratum', async () => {
    const source = [
      "import { MigrationError as E, type Foo } from 'stratum'",
      'export async function upgrade(): Promise<void> { throw new E("X", "boom") }',
    ].join('\n')
    class MigrationError extends Error {
      constructor(
        readonly code: string,
        message: string,
      ) {
        super(message)
      }
    }
    const namespace = await evaluateFast(source, '/x/a.ts', async () => ({ MigrationError }))
    await expect(exported<() => Promise<void>>(namespace, 'upgrade')()).rejects.toBeInstanceOf(
      MigrationError,
    )
    // A name Stratum does not export goes to the full loader.
    expect(await evaluateFast(source, '/x/a.ts', noStratum)).toBeUndefined()
  })

  it.each([
    ['a generic call', 'const rows = await db.selectFrom<Row>("t")'],
    ['as', 'const x = y as string'],
    ['satisfies', 'const x = {} satisfies object'],
    ['a non-null assertion', 'const x = y!.z'],
    ['a type alias', 'type Row = { id: number }'],
    ['an interface', 'interface Row { id: number }'],
    ['an enum', 'enum Color { Red }'],
    ['a namespace', 'namespace N { }'],
    ['a value import', "import { sql } from 'kysely'"],
    ['a default import', "import kysely from 'kysely'"],
    ['a side-effect import', "import './setup.js'"],
    ['a dynamic import', "const m = await import('./x.js')"],
    ['import.meta', 'const u = import.meta.url'],
    ['require', "const fs = require('fs')"],
    ['an export list', 'const a = 1\nexport { a }'],
    ['a default export', 'export default {}'],
    ['an object type annotation', 'export const x: { a: number } = { a: 1 }'],
    ['a function type annotation', 'export const f: (a: number) => void = () => {}'],
    ['a top-level comma', 'export const a = 1, b = 2'],
    ['a top-level return', 'return 1'],
    ['a decorator', '@dec class A {}'],
    ['an export let', 'export let a = 1'],
    ['a parameter property', 'class A { constructor(private a) {} }'],
  ])('leaves %s to the full loader', (_what, code) => {
    expect(eraseTypes(code, 'x.ts')).toBeUndefined()
  })

  it.each([
    ['an annotation inside a body', 'export async function upgrade() { const x: number = 1 }'],
    [
      'an arrow parameter annotation',
      'export async function upgrade() { [1].map((n: number) => n) }',
    ],
  ])('lets V8 reject %s (then the full loader runs)', async (_what, code) => {
    expect(eraseTypes(code, 'x.ts')).toBeDefined()
    expect(await evaluateFast(code, 'x.ts', noStratum)).toBeUndefined()
  })

  it('keeps plain JavaScript, comparisons and inequality as they are', async () => {
    const code = [
      'export const transactional = false',
      'export async function upgrade({ op }) {',
      '  if (1 != 2 && !false && 3 > 2) await op.execute("SELECT \'<a> as b!\'")',
      '  const re = /a<b/',
      '}',
    ].join('\n')
    const namespace = await evaluateFast(code, 'x.mjs', noStratum)
    const calls: string[] = []
    await exported<(c: unknown) => Promise<void>>(
      namespace,
      'upgrade',
    )({
      op: { execute: async (sql: string) => calls.push(sql) },
    })
    expect(calls).toEqual(["SELECT '<a> as b!'"])
  })

  it('erases optional parameters and generic return types', async () => {
    const code = [
      "import type { MigrationContext } from 'stratum';",
      "import { type Kysely } from 'stratum'",
      'export const labels: readonly string[] | null = null',
      'export async function upgrade(ctx?: MigrationContext, n: number = 2): Promise<Array<string>> {',
      '  return [String(n)]',
      '}',
    ].join('\n')
    const namespace = await evaluateFast(code, 'x.ts', noStratum)
    expect(await exported<() => Promise<string[]>>(namespace, 'upgrade')()).toEqual(['2'])
  })
})
