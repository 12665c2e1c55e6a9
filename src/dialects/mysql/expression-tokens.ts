/**
 * A tokenizer for MySQL/MariaDB expressions (check clauses, expression defaults), for
 * canonicalising them. It reads what the servers print and what users write: quoted
 * and bare identifiers, single- and double-quoted strings (double quotes are strings
 * without ANSI_QUOTES), character set introducers, hex and bit literals, numbers,
 * operators and comments.
 */

export type Token =
  /** A string literal, decoded; the introducer (`_utf8mb4`, `N`) is dropped. */
  | { readonly kind: 'string'; readonly value: string }
  /** Hex and bit literals (`X'41'`, `0x41`, `b'101'`, `0b101`), as bytes. */
  | { readonly kind: 'bytes'; readonly value: Buffer }
  | { readonly kind: 'number'; readonly text: string }
  /** A bare word: a keyword, a function name or an identifier; `lower` is lowercased. */
  | { readonly kind: 'word'; readonly text: string; readonly lower: string }
  /** A backtick-quoted identifier, unquoted. */
  | { readonly kind: 'quoted'; readonly name: string }
  /** An operator or punctuation: `(`, `)`, `,`, `.`, `<=>`, `>=`... */
  | { readonly kind: 'op'; readonly text: string }
  /** `@name` or `@@name`. */
  | { readonly kind: 'variable'; readonly text: string }

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
}

const OPERATORS = [
  '<=>',
  '->>',
  '<=',
  '>=',
  '<>',
  '!=',
  '<<',
  '>>',
  '&&',
  '||',
  ':=',
  '->',
  ...'=<>+-*/%^&|~!(),.',
]

const WORD = /[\p{L}\p{N}_$]/u
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/i

/** The quoted text starting at `start`, `'...'` or `"..."`, with doubling and backslash escapes. */
function readString(text: string, start: number): { value: string; end: number } {
  const quote = text[start] as string
  let value = ''
  let index = start + 1
  while (index < text.length) {
    const char = text[index] as string
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string
      // MySQL keeps the backslash of \% and \_ (they matter to LIKE).
      value += next === '%' || next === '_' ? `\\${next}` : (ESCAPES[next] ?? next)
      index += 2
    } else if (char === quote) {
      if (text[index + 1] !== quote) return { value, end: index + 1 }
      value += quote
      index += 2
    } else {
      value += char
      index += 1
    }
  }
  throw new SyntaxError(`unterminated string at ${start}`)
}

function readQuotedIdentifier(text: string, start: number): { name: string; end: number } {
  let name = ''
  let index = start + 1
  while (index < text.length) {
    const char = text[index] as string
    if (char === '`') {
      if (text[index + 1] !== '`') return { name, end: index + 1 }
      name += '`'
      index += 2
    } else {
      name += char
      index += 1
    }
  }
  throw new SyntaxError(`unterminated identifier at ${start}`)
}

function bitsToBytes(bits: string): Buffer {
  const padded = bits.padStart(Math.max(8, Math.ceil(bits.length / 8) * 8), '0')
  const bytes: number[] = []
  for (let index = 0; index < padded.length; index += 8) {
    bytes.push(Number.parseInt(padded.slice(index, index + 8), 2))
  }
  return Buffer.from(bytes)
}

const hexBytes = (hex: string) => Buffer.from(hex.length % 2 === 1 ? `0${hex}` : hex, 'hex')

/** Skips whitespace and comments from `index`; returns the next meaningful index. */
function skipSpace(text: string, start: number): number {
  let index = start
  for (;;) {
    while (index < text.length && /\s/.test(text[index] as string)) index += 1
    if (text.startsWith('/*', index)) {
      const end = text.indexOf('*/', index + 2)
      index = end === -1 ? text.length : end + 2
    } else if (text[index] === '#' || /^--(\s|$)/.test(text.slice(index, index + 3))) {
      const end = text.indexOf('\n', index)
      index = end === -1 ? text.length : end + 1
    } else {
      return index
    }
  }
}

/** A literal glued to a one-letter prefix: `X'..'`, `B'..'`, `N'..'`. */
function prefixed(text: string, index: number): { token: Token; end: number } | undefined {
  const prefix = (text[index] as string).toLowerCase()
  if (text[index + 1] !== "'" || !'xbn'.includes(prefix)) return undefined
  const { value, end } = readString(text, index + 1)
  if (prefix === 'n') return { token: { kind: 'string', value }, end }
  const valid = prefix === 'x' ? /^[0-9a-f]*$/i : /^[01]*$/
  if (!valid.test(value)) throw new SyntaxError(`invalid ${prefix} literal at ${index}`)
  const bytes = prefix === 'x' ? hexBytes(value) : bitsToBytes(value)
  return { token: { kind: 'bytes', value: bytes }, end }
}

/**
 * Splits an expression into tokens. Throws SyntaxError on an unterminated string or
 * identifier and on characters it does not know.
 *
 * @example
 * tokenize("`a` <> _utf8mb4'x'") // [quoted a, op <>, string x]
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  let index = skipSpace(text, 0)
  while (index < text.length) {
    const char = text[index] as string
    const glued = prefixed(text, index)
    if (glued) {
      tokens.push(glued.token)
      index = glued.end
    } else if (char === "'" || char === '"') {
      const { value, end } = readString(text, index)
      tokens.push({ kind: 'string', value })
      index = end
    } else if (char === '`') {
      const { name, end } = readQuotedIdentifier(text, index)
      tokens.push({ kind: 'quoted', name })
      index = end
    } else if (/^0x[0-9a-f]+(?![\p{L}\p{N}_$])/iu.test(text.slice(index))) {
      const hex = /^0x([0-9a-f]+)/i.exec(text.slice(index))?.[1] as string
      tokens.push({ kind: 'bytes', value: hexBytes(hex) })
      index += 2 + hex.length
    } else if (/^0b[01]+(?![\p{L}\p{N}_$])/u.test(text.slice(index))) {
      const bits = /^0b([01]+)/.exec(text.slice(index))?.[1] as string
      tokens.push({ kind: 'bytes', value: bitsToBytes(bits) })
      index += 2 + bits.length
    } else if (NUMBER.test(text.slice(index)) && !/^\.[\p{L}_$]/u.test(text.slice(index))) {
      const number = NUMBER.exec(text.slice(index))?.[0] as string
      tokens.push({ kind: 'number', text: number })
      index += number.length
    } else if (char === '@') {
      const variable = /^@@?[\p{L}\p{N}_$.]+/u.exec(text.slice(index))?.[0] ?? '@'
      tokens.push({ kind: 'variable', text: variable.toLowerCase() })
      index += variable.length
    } else if (WORD.test(char)) {
      let end = index
      while (end < text.length && WORD.test(text[end] as string)) end += 1
      const word = text.slice(index, end)
      const next = skipSpace(text, end)
      // A character set introducer (`_utf8mb4'x'`, `_binary X'..'`) says nothing the
      // canonical form keeps: MySQL 8 prints one before every string, MariaDB does not.
      if (/^_[a-z0-9]+$/i.test(word) && /^['"]|^x'/i.test(text.slice(next, next + 2))) {
        index = next
        continue
      }
      tokens.push({ kind: 'word', text: word, lower: word.toLowerCase() })
      index = end
    } else {
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index))
      if (!operator) throw new SyntaxError(`unexpected '${char}' at ${index}`)
      tokens.push({ kind: 'op', text: operator })
      index += operator.length
    }
    index = skipSpace(text, index)
  }
  return tokens
}
