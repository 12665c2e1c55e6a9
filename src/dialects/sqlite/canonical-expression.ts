/**
 * Canonical text of SQLite expressions (CHECK constraints, partial-index predicates,
 * index expressions, SQL defaults), so that spellings SQLite treats alike compare
 * equal. SQLite keeps the text of a schema exactly as written, so two equivalent
 * definitions differ only in spelling: white space, comments, letter case of keywords
 * and names (both case-insensitive in SQLite), quotes around names, `<>` for `!=`,
 * `==` for `=`, and parentheses around the whole expression.
 */
import { asciiLower, closingParen, type Token, tokenize } from './sql-tokenizer.js'

/** Words after which `(` opens a list or subquery rather than a function's arguments. */
const OPERATOR_WORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'like',
  'glob',
  'regexp',
  'match',
  'between',
  'case',
  'when',
  'then',
  'else',
  'exists',
  'as',
  'escape',
  'where',
  'select',
  'from',
  'on',
  'using',
])

const SIMPLE_NAME = /^[a-z_][a-z0-9_$]*$/

/**
 * The canonical text of an expression: tokens re-joined with single spaces, names and
 * keywords in lower case and without quotes where SQLite needs none, string literals
 * untouched, outer parentheses removed. Text that does not tokenize (an unterminated
 * quote) is only trimmed and its white space collapsed.
 *
 * @example
 * canonicalExpression('("Price">0)') === canonicalExpression('price > 0') // true: 'price > 0'
 * canonicalExpression("Status <> 'A'")                                   // "status != 'A'"
 */
export function canonicalExpression(sql: string): string {
  let tokens: Token[]
  try {
    tokens = stripOuterParens(tokenize(sql))
  } catch {
    return sql.trim().replace(/\s+/g, ' ')
  }
  return renderTokens(tokens)
}

/**
 * `tokens` without parentheses that enclose all of them, however deeply nested.
 *
 * @example
 * stripOuterParens(tokenize('((a) + 1)')).map((t) => t.text).join(' ') // '( a ) + 1'
 */
export function stripOuterParens(tokens: readonly Token[]): Token[] {
  let list = [...tokens]
  while (
    list.length >= 2 &&
    list[0]?.type === 'punct' &&
    list[0].text === '(' &&
    closingParen(list, 0) === list.length - 1
  ) {
    list = list.slice(1, -1)
  }
  return list
}

function renderTokens(tokens: readonly Token[]): string {
  let text = ''
  tokens.forEach((token, i) => {
    const previous = tokens[i - 1]
    if (previous !== undefined && spaceBetween(previous, token, isSign(previous, tokens[i - 2]))) {
      text += ' '
    }
    text += tokenText(token)
  })
  return text
}

function tokenText(token: Token): string {
  switch (token.type) {
    case 'word':
      return asciiLower(token.value)
    case 'identifier': {
      const name = asciiLower(token.value)
      return SIMPLE_NAME.test(name) ? name : `"${name.replaceAll('"', '""')}"`
    }
    case 'number':
    case 'blob':
      return token.text.toLowerCase()
    case 'punct':
      if (token.text === '<>') return '!='
      if (token.text === '==') return '='
      return token.text
    default:
      return token.text
  }
}

function isPunct(token: Token | undefined, ...texts: string[]): boolean {
  return token?.type === 'punct' && texts.includes(token.text)
}

/** Whether a `+` or `-` is a sign (nothing before it that it could subtract from). */
function isSign(token: Token, before: Token | undefined): boolean {
  if (!isPunct(token, '-', '+')) return false
  if (before === undefined) return true
  if (before.type === 'word') return OPERATOR_WORDS.has(asciiLower(before.value))
  return before.type === 'punct' && !isPunct(before, ')')
}

/** Spacing depends only on the tokens, never on the original spacing. */
function spaceBetween(previous: Token, token: Token, previousIsSign: boolean): boolean {
  if (isPunct(token, ',', ')', '.') || isPunct(previous, '(', '.') || previousIsSign) return false
  if (isPunct(token, '(')) {
    const isFunction =
      previous.type === 'identifier' ||
      (previous.type === 'word' && !OPERATOR_WORDS.has(asciiLower(previous.value)))
    return !isFunction
  }
  return true
}
