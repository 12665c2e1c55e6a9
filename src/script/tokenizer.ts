import { RevisionFileError } from '../errors.js'
import { decodeLiteral } from './decode-literal.js'

/** What kind of token the tokenizer stopped on. */
export type TokenKind = 'eof' | 'name' | 'string' | 'template' | 'number' | 'regex' | 'punct'

// After these words a `/` starts a regular expression, not a division.
const KEYWORDS_BEFORE_EXPRESSION = new Set([
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

const LF = 10
const CR = 13
const SLASH = 47
const STAR = 42
const BACKSLASH = 92
const BACKTICK = 96

function isNameChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 95 || // _
    c === 36 || // $
    (c >= 128 && !isWideSpace(c))
  )
}

function isWideSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

/** The 1-based line of `offset` in `source` (LF, CRLF and lone CR end a line). */
export function lineAt(source: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset; i++) {
    const c = source.charCodeAt(i)
    if (c === LF || (c === CR && source.charCodeAt(i + 1) !== LF)) line++
  }
  return line
}

/**
 * A small JavaScript/TypeScript tokenizer, just precise enough to find module-level
 * statements: it skips comments, strings, template literals (with nested `${}`) and
 * regular expressions, and tracks bracket depth. It never builds a syntax tree.
 *
 * @example
 * const t = new Tokenizer("export const revision = 'a1'", 'x.ts')
 * while (t.next() !== 'eof') console.log(t.kind, t.text())
 */
export class Tokenizer {
  /** The kind of the current token. */
  kind: TokenKind = 'eof'
  /** Offset of the current token's first character. */
  start = 0
  /** Offset just past the current token. */
  end = 0
  /** Bracket depth (`(`, `[`, `{`, `${`) before the current token: 0 at module level. */
  depth = 0
  /** Whether a line break separates the current token from the previous one. */
  newlineBefore = false
  /** For a `template` token: whether it ends with `${` (a substitution follows). */
  opensSubstitution = false

  private pos = 0
  private nesting = 0
  private readonly templateDepths: number[] = []
  private regexAllowed = true
  private previousWasName = false
  private nameStart = 0
  private nameEnd = 0

  constructor(
    readonly source: string,
    readonly path: string,
  ) {
    if (source.charCodeAt(0) === 0xfeff) this.pos = 1
    if (source.startsWith('#!', this.pos)) {
      while (this.pos < source.length && !this.isLineEnd(source.charCodeAt(this.pos))) this.pos++
    }
  }

  /** The source text of the current token. */
  text(): string {
    return this.source.slice(this.start, this.end)
  }

  /** The 1-based line of the current token. */
  line(): number {
    return lineAt(this.source, this.start)
  }

  /** Whether the current token is the punctuator `p`. */
  is(p: string): boolean {
    return (
      this.kind === 'punct' &&
      this.end - this.start === p.length &&
      this.source.startsWith(p, this.start)
    )
  }

  /** Whether the current token is the identifier or keyword `word`. */
  isName(word: string): boolean {
    return (
      this.kind === 'name' &&
      this.end - this.start === word.length &&
      this.source.startsWith(word, this.start)
    )
  }

  /** Whether the current token is a template literal without substitutions. */
  isPlainTemplate(): boolean {
    return (
      this.kind === 'template' &&
      this.source.charCodeAt(this.start) === BACKTICK &&
      !this.opensSubstitution
    )
  }

  /** The value of the current `string` token or plain template literal, escapes decoded. */
  stringValue(): string {
    const value = decodeLiteral(this.source, this.start + 1, this.end - 1)
    if (value === undefined) throw this.error('malformed escape sequence in string')
    return value
  }

  /** An error pointing at `offset` (default: the current token). */
  error(problem: string, offset = this.start): RevisionFileError {
    return new RevisionFileError(this.path, lineAt(this.source, offset), problem)
  }

  /** Moves to the next token and returns its kind. */
  next(): TokenKind {
    this.skipTrivia()
    const s = this.source
    const start = this.pos
    this.start = start
    this.depth = this.nesting
    this.opensSubstitution = false
    const wasName = this.previousWasName
    this.previousWasName = false
    if (start >= s.length) {
      this.end = start
      this.kind = 'eof'
      return this.kind
    }
    const c = s.charCodeAt(start)
    if (isNameChar(c) && !(c >= 48 && c <= 57)) {
      let i = start + 1
      while (i < s.length && isNameChar(s.charCodeAt(i))) i++
      this.finish('name', i, false)
      this.previousWasName = true
      this.nameStart = start
      this.nameEnd = i
    } else if (c >= 48 && c <= 57) {
      this.finish('number', this.scanNumber(start), false)
    } else if (c === 39 || c === 34) {
      this.finish('string', this.scanString(start, c), false)
    } else if (c === BACKTICK) {
      this.finish('template', this.scanTemplate(start + 1), false)
    } else if (c === SLASH && this.slashStartsRegex(wasName)) {
      const end = this.scanRegex(start)
      if (end < 0) this.punct(start, 1)
      else this.finish('regex', end, false)
    } else if (c === 46 && isDigit(s.charCodeAt(start + 1))) {
      this.finish('number', this.scanNumber(start), false)
    } else {
      this.scanPunct(start, c)
    }
    return this.kind
  }

  private finish(kind: TokenKind, end: number, regexAllowed: boolean): void {
    this.kind = kind
    this.end = end
    this.pos = end
    this.regexAllowed = regexAllowed
  }

  private punct(start: number, length: number): void {
    this.finish('punct', start + length, true)
  }

  private scanPunct(start: number, c: number): void {
    const s = this.source
    if (c === 40 || c === 91 || c === 123) {
      // ( [ {
      this.nesting++
      this.punct(start, 1)
    } else if (c === 125) {
      // } may close a template substitution: the template then continues.
      const top = this.templateDepths[this.templateDepths.length - 1]
      if (top !== undefined && top === this.nesting - 1) {
        this.templateDepths.pop()
        this.nesting--
        this.finish('template', this.scanTemplate(start + 1), false)
        return
      }
      this.nesting = Math.max(0, this.nesting - 1)
      this.punct(start, 1)
    } else if (c === 41 || c === 93) {
      // ) ]
      this.nesting = Math.max(0, this.nesting - 1)
      this.finish('punct', start + 1, false)
    } else if (c === 61 && s.charCodeAt(start + 1) === 62) {
      this.punct(start, 2) // =>
    } else {
      this.punct(start, 1)
    }
  }

  private slashStartsRegex(afterName: boolean): boolean {
    if (!this.regexAllowed && !afterName) return false
    if (!afterName) return true
    // The previous token was a name: only a keyword such as `return` allows a regex.
    return KEYWORDS_BEFORE_EXPRESSION.has(this.source.slice(this.nameStart, this.nameEnd))
  }

  private isLineEnd(c: number): boolean {
    return c === LF || c === CR || c === 0x2028 || c === 0x2029
  }

  private skipTrivia(): void {
    const s = this.source
    let i = this.pos
    let newline = false
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (c === 32 || c === 9 || c === 11 || c === 12) {
        i++
      } else if (c === LF || c === CR) {
        newline = true
        i++
      } else if (c === SLASH) {
        const d = s.charCodeAt(i + 1)
        if (d === SLASH) {
          i += 2
          while (i < s.length && !this.isLineEnd(s.charCodeAt(i))) i++
        } else if (d === STAR) {
          const close = s.indexOf('*/', i + 2)
          if (close < 0) throw this.error('unterminated comment', i)
          for (let k = i + 2; k < close; k++) {
            if (this.isLineEnd(s.charCodeAt(k))) {
              newline = true
              break
            }
          }
          i = close + 2
        } else {
          break
        }
      } else if (c >= 128 && isWideSpace(c)) {
        if (c === 0x2028 || c === 0x2029) newline = true
        i++
      } else {
        break
      }
    }
    this.pos = i
    this.newlineBefore = newline
  }

  private scanNumber(start: number): number {
    const s = this.source
    let i = start + 1
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (isNameChar(c) || c === 46) i++
      else break
    }
    return i
  }

  private scanString(start: number, quote: number): number {
    const s = this.source
    let i = start + 1
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (c === quote) return i + 1
      if (c === BACKSLASH) {
        i += s.charCodeAt(i + 1) === CR && s.charCodeAt(i + 2) === LF ? 3 : 2
      } else if (c === LF || c === CR) {
        break
      } else {
        i++
      }
    }
    throw this.error('unterminated string', start)
  }

  /** Scans template characters from `from` to the closing backtick or a `${`. */
  private scanTemplate(from: number): number {
    const s = this.source
    let i = from
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (c === BACKTICK) return i + 1
      if (c === BACKSLASH) {
        i += 2
      } else if (c === 36 && s.charCodeAt(i + 1) === 123) {
        this.templateDepths.push(this.nesting)
        this.nesting++
        this.opensSubstitution = true
        return i + 2
      } else {
        i++
      }
    }
    throw this.error('unterminated template literal', from - 1)
  }

  /** Scans a regular expression literal; -1 when it is not one (a division after all). */
  private scanRegex(start: number): number {
    const s = this.source
    let i = start + 1
    let inClass = false
    while (i < s.length) {
      const c = s.charCodeAt(i)
      if (this.isLineEnd(c)) return -1
      if (c === BACKSLASH) {
        i += 2
        continue
      }
      if (c === 91) inClass = true
      else if (c === 93) inClass = false
      else if (c === SLASH && !inClass) {
        i++
        while (i < s.length && isNameChar(s.charCodeAt(i))) i++
        return i
      }
      i++
    }
    return -1
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}
