/**
 * Reading MySQL's own quoted strings back: the catalog writes ENUM values and
 * (MariaDB) column defaults as `'...'` with `''` and backslash escapes, whatever the
 * session's `sql_mode`.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\x1a',
  '%': '\\%',
  _: '\\_',
}

/**
 * Decodes the quoted string starting at `start` (which must be a `'`); returns the
 * value and the index just past the closing quote, or undefined when unterminated.
 *
 * @example
 * decodeQuoted("'it''s a\\\\b'", 0) // { value: "it's a\\b", end: 13 }
 */
export function decodeQuoted(
  text: string,
  start: number,
): { value: string; end: number } | undefined {
  if (text[start] !== "'") return undefined
  let value = ''
  let index = start + 1
  while (index < text.length) {
    const char = text[index] as string
    if (char === '\\' && index + 1 < text.length) {
      const next = text[index + 1] as string
      value += ESCAPES[next] ?? next
      index += 2
    } else if (char === "'") {
      if (text[index + 1] === "'") {
        value += "'"
        index += 2
      } else {
        return { value, end: index + 1 }
      }
    } else {
      value += char
      index += 1
    }
  }
  return undefined
}

/**
 * The values of a catalog `enum('a','b')` or `set(...)` type, or undefined for any
 * other type.
 *
 * @example
 * enumValues("enum('a','it''s')") // { keyword: 'enum', values: ['a', "it's"], rest: '' }
 */
export function enumValues(
  columnType: string,
): { keyword: string; values: string[]; rest: string } | undefined {
  const head = /^(enum|set)\(/i.exec(columnType)
  if (!head) return undefined
  const values: string[] = []
  let index = head[0].length
  for (;;) {
    const decoded = decodeQuoted(columnType, index)
    if (!decoded) return undefined
    values.push(decoded.value)
    index = decoded.end
    if (columnType[index] === ',') {
      index += 1
      continue
    }
    if (columnType[index] !== ')') return undefined
    return { keyword: head[1] as string, values, rest: columnType.slice(index + 1) }
  }
}
