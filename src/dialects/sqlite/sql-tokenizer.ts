/**
 * A small SQL tokenizer for the parts of SQLite's schema text Stratum reads back:
 * `CREATE TABLE` statements (to rebuild a table), and index, trigger and view SQL (to
 * see which columns and tables they name). It knows SQLite's quoting rules and skips
 * comments; it does not parse expressions.
 */
import { MigrationError } from '../../errors.js'

export type TokenType = 'word' | 'identifier' | 'string' | 'blob' | 'number' | 'variable' | 'punct'

export interface Token {
  readonly type: TokenType
  /** The source text of the token. */
  readonly text: string
  /**
   * For `word` and `identifier` tokens, the name it denotes (quotes removed, doubled
   * quotes undone); for other tokens, the text.
   */
  readonly value: string
  /** Offset of the first character in the source. */
  readonly start: number
  /** Offset just past the last character. */
  readonly end: number
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/
const DIGIT = /[0-9]/

/**
 * Splits SQL into tokens, skipping white space and comments.
 *
 * @example
 * tokenize('CREATE TABLE "a""b" (x)').map((t) => t.value) // ['CREATE', 'TABLE', 'a"b', '(', 'x', ')']
 */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const push = (type: TokenType, end: number, value?: string) => {
    const text = sql.slice(i, end)
    tokens.push({ type, text, value: value ?? text, start: i, end })
    i = end
  }
  while (i < sql.length) {
    const c = sql[i] as string
    const next = sql[i + 1]
    if (/\s/.test(c)) {
      i++
    } else if (c === '-' && next === '-') {
      const newline = sql.indexOf('\n', i)
      i = newline === -1 ? sql.length : newline + 1
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2)
      i = close === -1 ? sql.length : close + 2
    } else if (c === "'") {
      push('string', quotedEnd(sql, i, "'"))
    } else if ((c === 'x' || c === 'X') && next === "'") {
      const end = quotedEnd(sql, i + 1, "'")
      push('blob', end)
    } else if (c === '"' || c === '`') {
      const end = quotedEnd(sql, i, c)
      push('identifier', end, sql.slice(i + 1, end - 1).replaceAll(c + c, c))
    } else if (c === '[') {
      const close = sql.indexOf(']', i)
      if (close === -1) throw unterminated(sql, i)
      push('identifier', close + 1, sql.slice(i + 1, close))
    } else if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      push('number', numberEnd(sql, i))
    } else if (WORD_START.test(c)) {
      let end = i + 1
      while (end < sql.length && WORD_PART.test(sql[end] as string)) end++
      push('word', end)
    } else if (c === '?' || c === ':' || c === '@' || c === '$') {
      let end = i + 1
      while (end < sql.length && WORD_PART.test(sql[end] as string)) end++
      push('variable', end)
    } else {
      const two = sql.slice(i, i + 2)
      push(
        'punct',
        i + (['<=', '>=', '<>', '!=', '==', '||', '<<', '>>', '->'].includes(two) ? 2 : 1),
      )
    }
  }
  return tokens
}

function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1
  for (;;) {
    const close = sql.indexOf(quote, i)
    if (close === -1) throw unterminated(sql, start)
    if (sql[close + 1] !== quote) return close + 1
    i = close + 2
  }
}

function numberEnd(sql: string, start: number): number {
  const match = /^(0[xX][0-9A-Fa-f_]+|[0-9_]*\.?[0-9_]+(?:[eE][+-]?[0-9_]+)?|[0-9_]+\.)/.exec(
    sql.slice(start),
  )
  return start + (match ? match[0].length : 1)
}

function unterminated(sql: string, at: number): MigrationError {
  return new MigrationError(
    'SQL_PARSE_ERROR',
    `Cannot read SQL: unterminated quote at offset ${at} in ${JSON.stringify(sql.slice(0, 80))}`,
  )
}

/** Whether `token` is the unquoted keyword `keyword` (case-insensitive). */
export function isKeyword(token: Token | undefined, keyword: string): boolean {
  return token?.type === 'word' && token.value.toUpperCase() === keyword
}

/** Whether `token` names `name` (a word or quoted identifier, compared as SQLite does: ASCII case-insensitively). */
export function namesIdentifier(token: Token | undefined, name: string): boolean {
  if (!token || (token.type !== 'word' && token.type !== 'identifier' && token.type !== 'string')) {
    return false
  }
  return sameName(token.value, name)
}

/** SQLite compares identifiers case-insensitively for ASCII letters only. */
export function sameName(a: string, b: string): boolean {
  return asciiLower(a) === asciiLower(b)
}

/** Lower-cases ASCII letters only, as SQLite's identifier comparison does. */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
}

/** The index of the `)` that closes the `(` at `open`. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]?.type === 'punct' ? tokens[i]?.text : undefined
    if (text === '(') depth++
    else if (text === ')' && --depth === 0) return i
  }
  throw new MigrationError('SQL_PARSE_ERROR', 'Cannot read SQL: unbalanced parentheses')
}

/**
 * The token ranges `[first, last]` of the comma-separated items between the `(` at
 * `open` and the `)` at `close` (commas inside nested parentheses do not split).
 *
 * @example
 * listItems(tokenize('(a, f(b, c))'), 0, 9) // [[1, 1], [3, 8]]
 */
export function listItems(
  tokens: readonly Token[],
  open: number,
  close: number,
): [number, number][] {
  const items: [number, number][] = []
  let depth = 0
  let start = open + 1
  for (let i = open + 1; i < close; i++) {
    const text = tokens[i]?.type === 'punct' ? tokens[i]?.text : undefined
    if (text === '(') depth++
    else if (text === ')') depth--
    else if (text === ',' && depth === 0) {
      items.push([start, i - 1])
      start = i + 1
    }
  }
  items.push([start, close - 1])
  return items
}

/** Whether any name-like token in `tokens` names `name`. */
export function mentions(tokens: readonly Token[], name: string): boolean {
  return tokens.some((token) => token.type !== 'string' && namesIdentifier(token, name))
}
