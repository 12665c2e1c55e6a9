/**
 * Type erasure for the fast path of loading revision files (see `fast-module.ts`). Transpiling a small TypeScript file with jiti
 * (Babel) or the TypeScript compiler costs about 4 ms, which is 4 s for 1,000 revisions:
 * more than applying them. Revision files mostly have one shape (the template's): type-only
 * imports, annotated `export const`s and `export async function upgrade(...): Promise<void>`.
 *
 * `eraseTypes` erases the type annotations of exactly those module-level forms (replacing
 * them with spaces, so lines and columns stay put), turns the exports into assignments and
 * compiles the result with `vm.compileFunction` under the file's own name. Everything else
 * must already be plain JavaScript. Whenever a file holds anything this path does not
 * understand — a value import, a `<` (possibly a generic), `as`, `satisfies`, a postfix
 * `!`, a TypeScript declaration keyword, `require`, `import.meta`, a top-level comma or
 * `return` — or when V8 rejects the result, it returns `undefined` and the caller falls back
 * to jiti. The rule is conservative on purpose: a file is either read exactly as TypeScript
 * reads it, or left to the full transpiler.
 */
import { NAME, NUMBER, PUNCT, STRING, TEMPLATE, TokenList } from './token-list.js'

/** A value imported from `'stratum'`: `import { imported as local } from 'stratum'`. */
export interface StratumBinding {
  readonly imported: string
  readonly local: string
}

/** The plain JavaScript a revision file becomes, the names it exports, and what it takes from Stratum. */
export interface ErasedModule {
  readonly code: string
  readonly exports: readonly string[]
  /** Values imported from `'stratum'`; the code reads them from its `__stratum` parameter. */
  readonly stratumImports: readonly StratumBinding[]
}

/** The module specifier that means the running Stratum. */
const STRATUM = 'stratum'

// Words that start TypeScript-only syntax when followed by a name or a brace.
const TS_DECLARATION_WORDS = new Set([
  'type',
  'interface',
  'namespace',
  'module',
  'declare',
  'abstract',
  'enum',
  'private',
  'public',
  'protected',
  'readonly',
  'override',
  'implements',
])
// Words whose meaning differs between a module and the function this path compiles to.
const MODULE_WORDS = new Set([
  'import',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'arguments',
  'as',
  'satisfies',
  '__stratum',
])
// After these a `!` is the prefix operator, never TypeScript's non-null assertion.
const PREFIX_CONTEXT_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
])

class Unsupported extends Error {}

function unsupported(): never {
  throw new Unsupported()
}

/** Erases type syntax in one pass over the tokens; throws `Unsupported` to give up. */
class Eraser {
  readonly erased: [number, number][] = []
  readonly exports: string[] = []
  readonly stratumImports: StratumBinding[] = []
  #i = 0

  constructor(readonly t: TokenList) {}

  run(): void {
    const t = this.t
    while (this.#i < t.length) {
      const i = this.#i
      const atStatement = t.depth(i) === 0 && !t.is(i - 1, '.')
      if (atStatement && t.is(i, 'import')) this.#import()
      else if (atStatement && t.is(i, 'export')) this.#export()
      else {
        this.#check(i)
        this.#i++
      }
    }
  }

  /** Whether the token `offset` ahead is `text`. */
  #at(text: string, offset = 0): boolean {
    return this.t.is(this.#i + offset, text)
  }

  #expect(text: string): number {
    if (!this.#at(text)) unsupported()
    return this.#i++
  }

  #name(): number {
    if (this.t.kind(this.#i) !== NAME) unsupported()
    return this.#i++
  }

  /** Rejects tokens that may be TypeScript, or mean something else inside a function. */
  #check(i: number): void {
    const t = this.t
    const kind = t.kind(i)
    if (kind === NAME) {
      if (t.is(i - 1, '.')) return
      const text = t.text(i)
      if (MODULE_WORDS.has(text)) unsupported()
      if (t.depth(i) === 0 && text === 'return') unsupported()
      if (TS_DECLARATION_WORDS.has(text) && (t.kind(i + 1) === NAME || t.is(i + 1, '{'))) {
        unsupported()
      }
    } else if (kind === PUNCT) {
      if (t.is(i, '<') || t.is(i, '@')) unsupported()
      if (t.depth(i) === 0 && t.is(i, ',')) unsupported()
      // `!` right before `=` is `!=` / `!==`; anywhere else after a value it is TypeScript's non-null.
      if (t.is(i, '!') && i > 0 && !(t.is(i + 1, '=') && t.start(i + 1) === t.end(i))) {
        const before = t.kind(i - 1)
        const postfix =
          (before === NAME && !PREFIX_CONTEXT_WORDS.has(t.text(i - 1))) ||
          before === NUMBER ||
          before === STRING ||
          before === TEMPLATE ||
          t.is(i - 1, ')') ||
          t.is(i - 1, ']')
        if (postfix) unsupported()
      }
    }
  }

  #erase(from: number, to: number): void {
    if (to > from) this.erased.push([from, to])
  }

  /** Erases `: Type` starting at the current `:`. */
  #annotation(): void {
    const colon = this.#expect(':')
    this.#type()
    this.#erase(this.t.start(colon), this.t.end(this.#i - 1))
  }

  /**
   * `import type ... from '...'` and `import { type A, type B } from '...'` are erased;
   * `import { a, b as c, type D } from 'stratum'` too, its values bound from `__stratum`.
   */
  #import(): void {
    const t = this.t
    const start = this.#expect('import')
    const second = this.#i + 1
    const typeOnly =
      this.#at('type') &&
      (t.kind(second) === NAME || t.is(second, '{') || t.is(second, '*')) &&
      !t.is(second, 'from')
    const values: StratumBinding[] = []
    if (typeOnly) {
      this.#i++
      while (this.#i < t.length && !this.#at('from')) this.#i++
    } else if (this.#at('{')) {
      this.#i++
      // `import {} from 'x'` runs x for its side effects: not something to erase.
      if (this.#at('}')) unsupported()
      while (!this.#at('}')) {
        if (this.#at('type') && t.kind(this.#i + 1) === NAME && !this.#at('as', 1)) {
          this.#i += 2
          if (this.#at('as')) this.#i += 2
        } else {
          const imported = t.text(this.#name())
          let local = imported
          if (this.#at('as')) {
            this.#i++
            local = t.text(this.#name())
          }
          values.push({ imported, local })
        }
        if (this.#at(',')) this.#i++
        else if (!this.#at('}')) unsupported()
      }
      this.#expect('}')
    } else {
      unsupported()
    }
    this.#expect('from')
    const specifier = this.#i
    if (t.kind(specifier) !== STRING) unsupported()
    // Value imports are understood from Stratum only; anything else needs the real loader.
    if (values.length > 0 && t.text(specifier).slice(1, -1) !== STRATUM) unsupported()
    this.stratumImports.push(...values)
    this.#i++
    let end = t.end(specifier)
    if (this.#at(';')) end = t.end(this.#i++)
    this.#erase(t.start(start), end)
  }

  /** `export const NAME[: T] =` and `export [async] function NAME(params)[: T] {`. */
  #export(): void {
    const t = this.t
    const keyword = this.#expect('export')
    this.#erase(t.start(keyword), t.end(keyword))
    if (this.#at('const')) {
      this.#i++
      const name = this.#name()
      if (this.#at(':')) this.#annotation()
      if (!this.#at('=')) unsupported()
      this.exports.push(t.text(name))
      return
    }
    if (this.#at('async')) this.#i++
    this.#expect('function')
    if (this.#at('*')) unsupported()
    const name = this.#name()
    this.#parameters()
    if (this.#at(':')) this.#annotation()
    if (!this.#at('{')) unsupported()
    this.exports.push(t.text(name))
  }

  /** `( param, ... )` where a param is `[...]pattern[?][: T][= default]`. */
  #parameters(): void {
    const t = this.t
    const depth = t.depth(this.#expect('(')) + 1
    while (!this.#at(')')) {
      if (this.#at('.')) {
        this.#expect('.')
        this.#expect('.')
        this.#expect('.')
      }
      if (t.kind(this.#i) === NAME) {
        this.#check(this.#i)
        this.#i++
      } else if (this.#at('{') || this.#at('[')) {
        this.#skipBalanced()
      } else {
        unsupported()
      }
      if (this.#at('?')) {
        this.#erase(t.start(this.#i), t.end(this.#i))
        this.#i++
      }
      if (this.#at(':')) this.#annotation()
      if (this.#at('=')) {
        this.#i++
        while (
          this.#i < t.length &&
          !(t.depth(this.#i) === depth && (this.#at(',') || this.#at(')')))
        ) {
          this.#check(this.#i)
          this.#i++
        }
      }
      if (this.#at(',')) this.#i++
      else if (!this.#at(')')) unsupported()
    }
    this.#i++
  }

  /** Skips a `{...}` or `[...]` destructuring pattern, checking what is inside. */
  #skipBalanced(): void {
    const t = this.t
    const depth = t.depth(this.#i) + 1
    this.#i++
    while (this.#i < t.length) {
      if (t.depth(this.#i) === depth && (this.#at('}') || this.#at(']'))) {
        this.#i++
        return
      }
      this.#check(this.#i)
      this.#i++
    }
    unsupported()
  }

  /** A type: unions and intersections of names (`a.b`), literals, `T[]`, `G<A, B>`, `readonly T`, `(T)`. */
  #type(): void {
    if (this.#at('|') || this.#at('&')) this.#i++
    this.#member()
    while (this.#at('|') || this.#at('&')) {
      this.#i++
      this.#member()
    }
  }

  #member(): void {
    const t = this.t
    if (this.#at('readonly') && t.kind(this.#i + 1) === NAME) this.#i++
    const kind = t.kind(this.#i)
    if (kind === STRING || kind === NUMBER) {
      this.#i++
    } else if (this.#at('(')) {
      this.#i++
      this.#type()
      this.#expect(')')
    } else if (kind === NAME) {
      this.#i++
      while (this.#at('.') && t.kind(this.#i + 1) === NAME) this.#i += 2
      if (this.#at('<')) {
        this.#i++
        this.#type()
        while (this.#at(',')) {
          this.#i++
          this.#type()
        }
        this.#expect('>')
      }
    } else {
      unsupported()
    }
    while (this.#at('[') && this.#at(']', 1)) this.#i += 2
  }
}

/** `text` with every character but line breaks turned into a space (lines and columns stay put). */
function blank(text: string): string {
  if (!/[\r\n]/.test(text)) return ' '.repeat(text.length)
  return text.replace(/[^\r\n]+/g, (run) => ' '.repeat(run.length))
}

/**
 * Erases the type syntax of a revision file of the usual shape; `undefined` when the file
 * needs the full transpiler.
 *
 * @example
 * eraseTypes("export const revision: string = 'a1'", 'a1.ts')
 * // { code: '"use strict";       const revision         = \'a1\'\n;exports.revision = revision;', exports: ['revision'] }
 */
export function eraseTypes(source: string, path: string): ErasedModule | undefined {
  let tokens: TokenList
  try {
    tokens = new TokenList(source, path)
  } catch {
    return undefined
  }
  const eraser = new Eraser(tokens)
  try {
    eraser.run()
  } catch (error) {
    if (error instanceof Unsupported) return undefined
    throw error
  }
  let text = source
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`
  if (text.startsWith('#!')) {
    const end = text.search(/[\r\n]/)
    text = ' '.repeat(end === -1 ? text.length : end) + (end === -1 ? '' : text.slice(end))
  }
  const parts: string[] = []
  let last = 0
  for (const range of eraser.erased) {
    const from = range[0]
    const to = range[1]
    parts.push(text.slice(last, from), blank(text.slice(from, to)))
    last = to
  }
  parts.push(text.slice(last))
  const assignments = eraser.exports.map((name) => `exports.${name} = ${name};`).join('')
  const bindings = eraser.stratumImports.map(({ imported, local }) =>
    imported === local ? local : `${imported}: ${local}`,
  )
  const prelude = bindings.length === 0 ? '' : `const { ${bindings.join(', ')} } = __stratum;`
  return {
    code: `"use strict";${prelude}${parts.join('')}\n;${assignments}`,
    exports: eraser.exports,
    stratumImports: eraser.stratumImports,
  }
}
