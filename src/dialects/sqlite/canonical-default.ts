/**
 * Column defaults for autogenerate on SQLite: the default text SQLite keeps
 * (`pragma_table_xinfo.dflt_value`) read back as a `DefaultValue`, and one canonical
 * spelling per default.
 *
 * Two defaults are equal when they put the same value in the column. SQLite converts a
 * value by the column's affinity when it stores it, so on an INTEGER, REAL or NUMERIC
 * column the default `'0'` stores the number 0, and on a TEXT column the default `0`
 * stores the text '0': the canonical form follows the affinity of the column's type.
 * `TRUE`/`FALSE` are 1 and 0, `NULL` is no default, `datetime('now')` is
 * `CURRENT_TIMESTAMP`, and parentheses around the whole default do not count.
 */
import type { ColumnType, DefaultValue } from '../../operations/types.js'
import { canonicalExpression, stripOuterParens } from './canonical-expression.js'
import { type Affinity, affinityOf, canonicalType, declaredTypeOf } from './canonical-type.js'
import { isKeyword, type Token, tokenize } from './sql-tokenizer.js'

/** A default as the value it stores, or an expression SQLite evaluates per row. */
type Reading =
  | { readonly kind: 'null' }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'sql'; readonly text: string }

const CURRENT = /^CURRENT_(TIMESTAMP|DATE|TIME)$/i

/** `datetime('now')` and friends are the same values as the CURRENT_* keywords. */
const NOW_FUNCTIONS: Readonly<Record<string, string>> = {
  "datetime('now')": 'CURRENT_TIMESTAMP',
  "date('now')": 'CURRENT_DATE',
  "time('now')": 'CURRENT_TIME',
}

const NUMERIC_TEXT = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/

/**
 * The canonical SQL of a default for a column of `type`, or undefined for no default
 * (and for a NULL default, which is the same thing).
 *
 * @example
 * canonicalDefault(0, 'integer') === canonicalDefault('0', 'integer')  // true: '0'
 * canonicalDefault(0, 'text')                                         // "'0'"
 * canonicalDefault({ sql: "(datetime('now'))" }, 'timestamp')         // 'CURRENT_TIMESTAMP'
 * canonicalDefault(true, 'boolean')                                   // '1'
 */
export function canonicalDefault(
  value: DefaultValue | undefined,
  type: ColumnType,
): string | undefined {
  if (value === undefined) return undefined
  const reading = typeof value === 'object' && value !== null ? readSql(value.sql) : readJs(value)
  const affinity = affinityOf(declaredTypeOf(type))
  switch (reading.kind) {
    case 'null':
      return undefined
    case 'sql':
      return reading.text
    case 'number':
      return numberAs(reading.text, affinity)
    case 'string':
      if (affinity !== 'TEXT' && affinity !== 'BLOB' && NUMERIC_TEXT.test(reading.value)) {
        return numberAs(reading.value.trim(), affinity)
      }
      return quote(reading.value)
  }
}

/**
 * A default as SQLite's catalog keeps it (`dflt_value`, or null) read back as a
 * `DefaultValue` for a column of `type`: quoted text as a string, numbers as numbers,
 * 1/0/TRUE/FALSE as booleans on a boolean column, `CURRENT_*` in upper case, anything
 * else as `{ sql }` without outer parentheses; NULL and no default as undefined.
 *
 * @example
 * defaultFromCatalog("'it''s'", 'text')        // "it's"
 * defaultFromCatalog('1', 'boolean')           // true
 * defaultFromCatalog("datetime('now')", 'timestamp') // { sql: "datetime('now')" }
 */
export function defaultFromCatalog(
  text: string | null | undefined,
  type: ColumnType,
): DefaultValue | undefined {
  if (text === null || text === undefined) return undefined
  const reading = readSql(text)
  const boolean = canonicalType(type) === 'BOOLEAN'
  switch (reading.kind) {
    case 'null':
      return undefined
    case 'string':
      return reading.value
    case 'number': {
      const number = Number(reading.text)
      if (boolean && (number === 0 || number === 1)) return number === 1
      const exact = Number.isSafeInteger(number) || !/^[-+]?\d+$/.test(reading.text)
      return Number.isFinite(number) && exact ? number : { sql: reading.text }
    }
    case 'sql': {
      const sql = sqlWithoutOuterParens(text)
      return { sql: CURRENT.test(sql) ? sql.toUpperCase() : sql }
    }
  }
}

function readJs(value: string | number | boolean | null): Reading {
  if (value === null) return { kind: 'null' }
  if (typeof value === 'boolean') return { kind: 'number', text: value ? '1' : '0' }
  if (typeof value === 'number') return { kind: 'number', text: String(value) }
  return { kind: 'string', value }
}

/** Reads a default written as SQL: a literal, a `CURRENT_*` keyword, or an expression. */
function readSql(sql: string): Reading {
  let tokens: Token[]
  try {
    tokens = stripOuterParens(tokenize(sql))
  } catch {
    return { kind: 'sql', text: canonicalExpression(sql) }
  }
  const [first, second] = tokens
  if (tokens.length === 1 && first) {
    if (first.type === 'string') return { kind: 'string', value: unquote(first.text) }
    // SQLite reads a double-quoted name in a DEFAULT as text.
    if (first.type === 'identifier') return { kind: 'string', value: first.value }
    if (first.type === 'number') return { kind: 'number', text: first.text }
    if (isKeyword(first, 'NULL')) return { kind: 'null' }
    if (isKeyword(first, 'TRUE')) return { kind: 'number', text: '1' }
    if (isKeyword(first, 'FALSE')) return { kind: 'number', text: '0' }
    if (first.type === 'word' && CURRENT.test(first.value)) {
      return { kind: 'sql', text: first.value.toUpperCase() }
    }
  }
  if (tokens.length === 2 && (first?.text === '-' || first?.text === '+')) {
    if (second?.type === 'number') return { kind: 'number', text: first.text + second.text }
  }
  const text = canonicalExpression(sql)
  return { kind: 'sql', text: NOW_FUNCTIONS[text] ?? text }
}

/** A number literal's canonical text as the value a column of `affinity` stores. */
function numberAs(text: string, affinity: Affinity): string {
  const negative = text.startsWith('-')
  const digits = text.replace(/^[-+]/, '')
  if (/^\d+$/.test(digits) || /^0x[0-9a-f]+$/i.test(digits)) {
    const value = ((negative ? -1n : 1n) * BigInt(digits)).toString()
    if (affinity === 'TEXT') return quote(value)
    return affinity === 'REAL' ? `${value}.0` : value
  }
  const number = (negative ? -1 : 1) * Number(digits)
  // INTEGER and NUMERIC columns store a real without a fractional part as an integer;
  // REAL and BLOB columns keep the real; TEXT columns store its text.
  if (affinity === 'TEXT') return quote(realText(number))
  if (Number.isSafeInteger(number) && (affinity === 'INTEGER' || affinity === 'NUMERIC')) {
    return String(number)
  }
  return realText(number)
}

/** A real as SQLite prints it: `1.0`, not `1`. */
function realText(number: number): string {
  return Number.isInteger(number) && Math.abs(number) < 1e15 ? number.toFixed(1) : String(number)
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`
}

function unquote(text: string): string {
  return text.slice(1, -1).replaceAll("''", "'")
}

function sqlWithoutOuterParens(sql: string): string {
  let text = sql.trim()
  try {
    const tokens = tokenize(text)
    const inner = stripOuterParens(tokens)
    if (inner.length < tokens.length && inner.length > 0) {
      text = text.slice(inner[0]?.start, inner[inner.length - 1]?.end).trim()
    }
  } catch {
    // Not tokenizable: keep the text as SQLite printed it.
  }
  return text
}
