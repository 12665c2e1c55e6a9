/**
 * Offline scripts have no parameters: `op.execute(sql, [values])` and Kysely `sql`
 * templates get their values written in as literals. Placeholders are PostgreSQL's `$1`
 * or the `?` of MySQL and SQLite; quoted text, quoted identifiers, comments and
 * PostgreSQL dollar-quoted strings are skipped.
 */
import { MigrationError } from '../errors.js'

type Span = readonly [start: number, end: number, index: number]

function skipQuoted(sql: string, start: number, quote: string): number {
  let i = start + 1
  while (i < sql.length) {
    if (sql[i] === '\\' && quote !== '"') {
      i += 2
      continue
    }
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) {
        i += 2
        continue
      }
      return i + 1
    }
    i++
  }
  return sql.length
}

/** The placeholders of `sql` outside literals and comments: `$n` (1-based) or `?` (in order). */
function placeholders(sql: string): Span[] {
  const dollar: Span[] = []
  const question: Span[] = []
  let i = 0
  while (i < sql.length) {
    const c = sql[i]!
    if (c === "'" || c === '"' || c === '`') {
      i = skipQuoted(sql, i, c)
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end === -1 ? sql.length : end
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2)
      i = end === -1 ? sql.length : end + 2
    } else if (c === '$') {
      const number = /^\$(\d+)/.exec(sql.slice(i, i + 12))
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))
      if (number) {
        dollar.push([i, i + number[0].length, Number(number[1]) - 1])
        i += number[0].length
      } else if (tag) {
        const end = sql.indexOf(tag[0], i + tag[0].length)
        i = end === -1 ? sql.length : end + tag[0].length
      } else {
        i++
      }
    } else if (c === '?') {
      question.push([i, i + 1, question.length])
      i++
    } else {
      i++
    }
  }
  return dollar.length > 0 ? dollar : question
}

/**
 * `sql` with its placeholders replaced by `literal(value)`. Throws a MigrationError
 * (code `OFFLINE_PARAMETERS`) when placeholders and values do not match.
 *
 * @example
 * inlineParameters('DELETE FROM t WHERE id = $1', [3], literal) // 'DELETE FROM t WHERE id = 3'
 * inlineParameters("UPDATE t SET a = ? WHERE b = '?'", ['x'], literal) // "UPDATE t SET a = 'x' WHERE b = '?'"
 */
export function inlineParameters(
  sql: string,
  parameters: readonly unknown[],
  literal: (value: unknown) => string,
): string {
  if (parameters.length === 0) return sql
  const spans = placeholders(sql)
  const used = new Set(spans.map(([, , index]) => index))
  const missing = spans.find(([, , index]) => index >= parameters.length)
  if (missing !== undefined || used.size !== parameters.length) {
    throw new MigrationError(
      'OFFLINE_PARAMETERS',
      `Cannot write the parameters of a statement into an offline script: it has ${used.size} placeholders for ${parameters.length} values (${sql.length > 60 ? `${sql.slice(0, 57)}...` : sql})`,
    )
  }
  let result = ''
  let last = 0
  for (const [start, end, index] of spans) {
    result += sql.slice(last, start) + literal(parameters[index])
    last = end
  }
  return result + sql.slice(last)
}
