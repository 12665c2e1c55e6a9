/**
 * A small lexer for the SQL PostgreSQL prints in its catalog (defaults, checks, index
 * expressions) and for the same fragments written by hand in models. It knows
 * PostgreSQL's rules for strings, quoted names, numbers and operators; it does not
 * know the grammar (see expression-parser.ts).
 */

export type TokenKind = 'word' | 'name' | 'string' | 'number' | 'operator' | 'punct'

export interface Token {
  readonly kind: TokenKind
  /**
   * `word`: the lower-cased keyword or identifier; `name`: a double-quoted identifier's
   * name; `string`: the string's value (escape-string and bit-string literals keep
   * their prefix and raw text); `number`, `operator`, `punct`: the text.
   */
  readonly value: string
  /** Offsets in the source, for slicing the original text back out. */
  readonly start: number
  readonly end: number
  /** A string kept as written (`E'a\\n'`, `B'101'`, `X'1F'`): its value is that raw text. */
  readonly raw?: boolean
}

/** Thrown for text the lexer or the parser does not understand; callers fall back. */
export class SqlSyntaxError extends Error {}

const OPERATOR_CHARS = '+-*/<>=~!@#%^&|`?'
const SPECIAL_OPERATOR_CHARS = /[~!@#%^&|`?]/
const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/

/** The end of a `'...'` body starting at `index` (just after the quote), and its value. */
function readQuoted(sql: string, index: number, quote: string): { value: string; end: number } {
  let value = ''
  let at = index
  while (at < sql.length) {
    if (sql[at] === quote && sql[at + 1] === quote) {
      value += quote
      at += 2
    } else if (sql[at] === quote) {
      return { value, end: at + 1 }
    } else {
      value += sql[at++]
    }
  }
  throw new SqlSyntaxError(`unterminated ${quote} quote`)
}

/** An escape string `E'...'`: backslash escapes its quote too. Returns the raw text. */
function readEscapeString(sql: string, index: number): number {
  let at = index
  while (at < sql.length) {
    if (sql[at] === '\\') at += 2
    else if (sql[at] === "'" && sql[at + 1] === "'") at += 2
    else if (sql[at] === "'") return at + 1
    else at++
  }
  throw new SqlSyntaxError('unterminated escape string')
}

/** An operator starting at `index`, cut the way PostgreSQL's lexer cuts it. */
function readOperator(sql: string, index: number): string {
  let end = index
  while (end < sql.length && OPERATOR_CHARS.includes(sql[end] as string)) {
    if (end > index && (sql.startsWith('--', end) || sql.startsWith('/*', end))) break
    end++
  }
  let text = sql.slice(index, end)
  // `a>-1` is `>` then `-1`: a multi-character operator may only end in + or - when
  // it also contains one of the special characters.
  while (text.length > 1 && /[+-]$/.test(text) && !SPECIAL_OPERATOR_CHARS.test(text)) {
    text = text.slice(0, -1)
  }
  return text
}

/**
 * Splits SQL into tokens, skipping whitespace and comments.
 *
 * @example
 * tokenize("a > '-1'::integer").map((t) => t.value) // ['a', '>', '-1', '::', 'integer']
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let index = 0
  const push = (kind: TokenKind, value: string, end: number, raw = false) => {
    tokens.push(raw ? { kind, value, start: index, end, raw } : { kind, value, start: index, end })
    index = end
  }
  while (index < sql.length) {
    const char = sql[index] as string
    const next = sql[index + 1]
    if (/\s/.test(char)) {
      index++
    } else if (char === '-' && next === '-') {
      const newline = sql.indexOf('\n', index)
      index = newline < 0 ? sql.length : newline + 1
    } else if (char === '/' && next === '*') {
      const close = sql.indexOf('*/', index + 2)
      if (close < 0) throw new SqlSyntaxError('unterminated comment')
      index = close + 2
    } else if (char === "'") {
      const { value, end } = readQuoted(sql, index + 1, "'")
      push('string', value, end)
    } else if (/[eEbBxX]/.test(char) && next === "'") {
      const end = /[eE]/.test(char)
        ? readEscapeString(sql, index + 2)
        : readQuoted(sql, index + 2, "'").end
      push('string', `${char.toUpperCase()}${sql.slice(index + 1, end)}`, end, true)
    } else if (char === '"') {
      const { value, end } = readQuoted(sql, index + 1, '"')
      push('name', value, end)
    } else if (char === '$' && /[A-Za-z_$]/.test(next ?? '')) {
      const tag = /^\$[A-Za-z_0-9]*\$/.exec(sql.slice(index))
      if (!tag) throw new SqlSyntaxError('unexpected $')
      const close = sql.indexOf(tag[0], index + tag[0].length)
      if (close < 0) throw new SqlSyntaxError('unterminated dollar quote')
      const value = sql.slice(index + tag[0].length, close)
      push('string', value, close + tag[0].length)
    } else if (/\d/.test(char) || (char === '.' && /\d/.test(next ?? ''))) {
      const match = NUMBER.exec(sql.slice(index)) as RegExpExecArray
      push('number', match[0], index + match[0].length)
    } else if (WORD_START.test(char)) {
      let end = index + 1
      while (end < sql.length && WORD_PART.test(sql[end] as string)) end++
      push('word', sql.slice(index, end).toLowerCase(), end)
    } else if (char === ':' && next === ':') {
      push('punct', '::', index + 2)
    } else if ('()[],;.:'.includes(char)) {
      push('punct', char, index + 1)
    } else if (OPERATOR_CHARS.includes(char)) {
      const text = readOperator(sql, index)
      push('operator', text, index + text.length)
    } else {
      throw new SqlSyntaxError(`unexpected character ${char}`)
    }
  }
  return tokens
}
