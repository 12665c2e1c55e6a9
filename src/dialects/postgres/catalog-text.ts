/**
 * Small readers for text the catalog hands back: array values from drivers that do not
 * parse them, expressions tidied for display, and the key items of `pg_get_indexdef`.
 */
import { SqlSyntaxError, type Token, tokenize } from './sql-tokens.js'

/**
 * A `text[]` value as a string array: drivers usually parse it, but a driver with its
 * array parsing switched off hands back the literal (`{a,"b c"}`).
 *
 * @example
 * textArray('{a,"b c"}') // ['a', 'b c']
 */
export function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String)
  if (typeof value !== 'string' || value === '{}') return []
  const items: string[] = []
  const pattern = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g
  for (const match of value.slice(1, -1).matchAll(pattern)) {
    items.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''))
  }
  return items
}

/** Whether tokens[from..to] is one parenthesised group. */
function wrapped(tokens: readonly Token[], from: number, to: number): boolean {
  if (tokens[from]?.value !== '(' || tokens[to]?.value !== ')') return false
  let depth = 0
  for (let index = from; index <= to; index++) {
    const token = tokens[index]
    if (token?.kind === 'punct' && token.value === '(') depth++
    else if (token?.kind === 'punct' && token.value === ')') depth--
    if (depth === 0 && index < to) return false
  }
  return true
}

/** Runs of whitespace outside quotes collapsed to one space. */
function collapseSpaces(sql: string, tokens: readonly Token[]): string {
  return tokens
    .map((token, index) => {
      const previous = tokens[index - 1]
      const gap = previous && token.start > previous.end ? ' ' : ''
      return `${gap}${sql.slice(token.start, token.end)}`
    })
    .join('')
}

/**
 * A catalog expression as a model would write it: the parentheses PostgreSQL wraps
 * around a whole check or predicate removed, and its line breaks and indentation
 * (`CASE` prints on several lines) collapsed.
 *
 * @example
 * tidyExpression('(price > (0)::numeric)') // 'price > (0)::numeric'
 */
export function tidyExpression(sql: string): string {
  let tokens: Token[]
  try {
    tokens = tokenize(sql)
  } catch (error) {
    if (error instanceof SqlSyntaxError) return sql.trim()
    throw error
  }
  if (tokens.length > 2 && wrapped(tokens, 0, tokens.length - 1)) tokens = tokens.slice(1, -1)
  return collapseSpaces(sql, tokens)
}

/**
 * The key items of an index definition (`pg_get_indexdef`), as written there: `email`,
 * `a DESC`, `data jsonb_path_ops`, `lower(email)`, `(a + b)` (the extra parentheses
 * PostgreSQL puts around an expression item removed). INCLUDE columns are not keys.
 *
 * @example
 * indexItems('CREATE INDEX i ON public.t USING btree (a DESC, ((a + b)))') // ['a DESC', '(a + b)']
 */
export function indexItems(definition: string): string[] {
  const tokens = tokenize(definition)
  const using = tokens.findIndex((token) => token.kind === 'word' && token.value === 'using')
  const open = using + 2
  if (using < 0 || tokens[open]?.value !== '(') {
    throw new SqlSyntaxError(`unexpected index definition: ${definition}`)
  }
  const items: string[] = []
  let depth = 0
  let first = open + 1
  for (let index = open + 1; index < tokens.length; index++) {
    const token = tokens[index] as Token
    if (token.kind === 'punct' && token.value === '(') depth++
    const closing = token.kind === 'punct' && token.value === ')'
    if (
      (closing && depth === 0) ||
      (token.value === ',' && token.kind === 'punct' && depth === 0)
    ) {
      const last = index - 1
      const part = wrapped(tokens, first, last) && tokens[first + 1]?.value === '(' ? 1 : 0
      items.push(collapseSpaces(definition, tokens.slice(first + part, last - part + 1)))
      first = index + 1
      if (closing) break
    } else if (closing) depth--
  }
  return items
}
