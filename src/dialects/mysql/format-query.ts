/**
 * Inlining `?` parameters into SQL text, as mysql2 does on the client, but with
 * Stratum's literals: they mean the same whatever the session's `sql_mode` (mysql2's
 * own escaping writes `\\` and breaks under NO_BACKSLASH_ESCAPES), and online runs
 * inline exactly what offline scripts print.
 */
import { literal } from './quote.js'

/** Where the quoted string or comment starting at `start` ends, or -1 when none starts there. */
function skip(sql: string, start: number): number {
  const char = sql[start]
  if (char === "'" || char === '"' || char === '`') {
    for (let index = start + 1; index < sql.length; index += 1) {
      const current = sql[index]
      if (current === '\\' && char !== '`') index += 1
      else if (current === char) {
        if (sql[index + 1] !== char) return index + 1
        index += 1
      }
    }
    return sql.length
  }
  const next = sql[start + 1]
  const lineComment =
    char === '#' || (char === '-' && next === '-' && /\s/.test(sql[start + 2] ?? ' '))
  if (lineComment) {
    const end = sql.indexOf('\n', start)
    return end === -1 ? sql.length : end + 1
  }
  if (char === '/' && next === '*' && sql[start + 2] !== '!') {
    const end = sql.indexOf('*/', start + 2)
    return end === -1 ? sql.length : end + 2
  }
  return -1
}

/**
 * Replaces each `?` outside strings, quoted names and comments with the next value's
 * literal (see `literal`: objects and arrays become JSON text). Placeholders beyond the
 * values are left as they are, as mysql2 leaves them.
 *
 * @example
 * formatQuery('SELECT * FROM t WHERE a = ? AND b = ?', ['x\\y', 2])
 * // "SELECT * FROM t WHERE a = _utf8mb4 X'785c79' AND b = 2"
 */
export function formatQuery(sql: string, values: unknown): string {
  if (values === undefined) return sql
  const list: readonly unknown[] = Array.isArray(values) ? values : [values]
  let result = ''
  let from = 0
  let next = 0
  for (let index = 0; index < sql.length && next < list.length; index += 1) {
    const end = skip(sql, index)
    if (end !== -1) {
      index = end - 1
    } else if (sql[index] === '?') {
      result += sql.slice(from, index) + literal(list[next])
      next += 1
      from = index + 1
    }
  }
  return result + sql.slice(from)
}
