/** JavaScript literals for rendered revision code. */

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
  '\v': '\\v',
  '\0': '\\u0000',
}

/**
 * Escaped: quotes, backslashes, control and invisible format characters (bidirectional
 * overrides, zero-width spaces: what a reviewer could not see), line and paragraph
 * separators, and lone surrogates (which UTF-8 files cannot hold). Other Unicode stays
 * readable as it is.
 */
const SPECIAL = /[\\\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|\p{Cs}/gu

/** Printable ASCII but for `'` and `\`: nothing to escape, single quotes. */
const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/

function hex(char: string): string {
  const code = char.codePointAt(0) ?? 0
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/**
 * A string literal that evaluates to exactly `value`: single-quoted, or double-quoted
 * when that needs fewer escapes (as Biome and Prettier write it).
 *
 * @example
 * stringLiteral('a\nb') // "'a\\nb'"
 * stringLiteral("it's") // the text "it's", in double quotes
 */
export function stringLiteral(value: string): string {
  if (PLAIN.test(value)) return `'${value}'`
  const singles = value.split("'").length - 1
  const doubles = value.split('"').length - 1
  const quote = singles > doubles ? '"' : "'"
  const body = value
    .replace(SPECIAL, (char) => ESCAPES[char] ?? hex(char))
    .replaceAll(quote, `\\${quote}`)
  return `${quote}${body}${quote}`
}

/** A number literal (`-0`, `NaN` and the infinities included). */
export function numberLiteral(value: number): string {
  if (Object.is(value, -0)) return '-0'
  if (Number.isNaN(value)) return 'Number.NaN'
  if (value === Number.POSITIVE_INFINITY) return 'Number.POSITIVE_INFINITY'
  if (value === Number.NEGATIVE_INFINITY) return 'Number.NEGATIVE_INFINITY'
  return String(value).replace('e+', 'e')
}

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u

/**
 * An object key: bare when it is an identifier, quoted otherwise; `__proto__` is
 * computed, since a literal `__proto__:` would set the prototype instead.
 *
 * @example
 * propertyKey('name') // 'name'
 * propertyKey('first name') // "'first name'"
 */
export function propertyKey(key: string): string {
  if (key === '__proto__') return `[${stringLiteral(key)}]`
  return IDENTIFIER.test(key) ? key : stringLiteral(key)
}
