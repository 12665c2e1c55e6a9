const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
}

/**
 * A single-quoted TypeScript string literal for `value`, escaping quotes, backslashes,
 * line breaks and control characters.
 *
 * @example
 * stringLiteral("it's") // "'it\\'s'"
 */
export function stringLiteral(value: string): string {
  const body = value.replace(/[\\'\n\r\t\u2028\u2029]|\p{Cc}/gu, (char) => {
    return ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return `'${body}'`
}

/**
 * A TypeScript literal for a list of strings: `null` when empty, `'a'` for one when
 * `single` is set, `['a', 'b']` otherwise.
 *
 * @example
 * stringListLiteral(['a1', 'b2']) // "['a1', 'b2']"
 * stringListLiteral([]) // 'null'
 */
export function stringListLiteral(
  values: readonly string[],
  options: { single?: boolean } = {},
): string {
  if (values.length === 0) return 'null'
  if (values.length === 1 && options.single) return stringLiteral(values[0] as string)
  return `[${values.map(stringLiteral).join(', ')}]`
}
