/**
 * The tokens of one revision file, in typed arrays reused from file to file: loading a
 * thousand revisions would otherwise allocate a few hundred thousand token objects (and grow
 * the heap by megabytes) only to drop them again.
 */
import { Tokenizer, type TokenKind } from '../script/tokenizer.js'

export const NAME = 1
export const STRING = 2
export const TEMPLATE = 3
export const NUMBER = 4
export const PUNCT = 6
const KINDS: Readonly<Record<TokenKind, number>> = {
  eof: 0,
  name: NAME,
  string: STRING,
  template: TEMPLATE,
  number: NUMBER,
  regex: 5,
  punct: PUNCT,
}

const scratch = {
  capacity: 0,
  kinds: new Uint8Array(0),
  starts: new Int32Array(0),
  ends: new Int32Array(0),
  depths: new Int32Array(0),
}

function growScratch(): void {
  const capacity = Math.max(1024, scratch.capacity * 2)
  const kinds = new Uint8Array(capacity)
  const starts = new Int32Array(capacity)
  const ends = new Int32Array(capacity)
  const depths = new Int32Array(capacity)
  kinds.set(scratch.kinds)
  starts.set(scratch.starts)
  ends.set(scratch.ends)
  depths.set(scratch.depths)
  Object.assign(scratch, { capacity, kinds, starts, ends, depths })
}

/**
 * The tokens of `source`: kind, offsets and bracket depth by index. Valid until the next
 * `TokenList` is made (the arrays are shared).
 *
 * @example
 * const tokens = new TokenList("export const revision = 'a1'", 'a1.ts')
 * tokens.is(0, 'export') // true
 */
export class TokenList {
  readonly length: number
  readonly #kinds: Uint8Array
  readonly #starts: Int32Array
  readonly #ends: Int32Array
  readonly #depths: Int32Array

  constructor(
    readonly source: string,
    path: string,
  ) {
    const tokenizer = new Tokenizer(source, path)
    let count = 0
    while (tokenizer.next() !== 'eof') {
      if (count === scratch.capacity) growScratch()
      scratch.kinds[count] = KINDS[tokenizer.kind]
      scratch.starts[count] = tokenizer.start
      scratch.ends[count] = tokenizer.end
      scratch.depths[count] = tokenizer.depth
      count++
    }
    this.length = count
    this.#kinds = scratch.kinds
    this.#starts = scratch.starts
    this.#ends = scratch.ends
    this.#depths = scratch.depths
  }

  /** The kind code of token `i` (0 past either end). */
  kind(i: number): number {
    return i >= 0 && i < this.length ? this.#kinds[i]! : 0
  }

  /** Offset of token `i`'s first character. */
  start(i: number): number {
    return this.#starts[i]!
  }

  /** Offset just past token `i`. */
  end(i: number): number {
    return this.#ends[i]!
  }

  /** Bracket depth before token `i` (-1 past either end). */
  depth(i: number): number {
    return i >= 0 && i < this.length ? this.#depths[i]! : -1
  }

  /** The source text of token `i` ('' past either end). */
  text(i: number): string {
    return i >= 0 && i < this.length ? this.source.slice(this.#starts[i], this.#ends[i]) : ''
  }

  /** Whether token `i` is the name or punctuator `text` (never a string literal). */
  is(i: number, text: string): boolean {
    const kind = this.kind(i)
    if (kind !== NAME && kind !== PUNCT) return false
    const start = this.#starts[i]!
    return this.#ends[i]! - start === text.length && this.source.startsWith(text, start)
  }
}
