/**
 * Canonical text of MySQL/MariaDB expressions (check clauses, expression defaults), so
 * that a model's `price > 0 AND qty != 0`, MariaDB's `` `price` > 0 and `qty` <> 0 ``
 * and MySQL 8's ``((`price` > 0) and (`qty` <> 0))`` compare equal.
 *
 * The expression is parsed, rewritten as MariaDB rewrites it (expression-normalize.ts)
 * and printed with the fewest parentheses, lowercase keywords and function names,
 * lowercase backticked identifiers (MySQL column names are case-insensitive), and
 * strings without character set introducers. What the parser does not cover falls back
 * to a token-level form (same case and quoting rules, spacing and outer parentheses
 * ignored), so equal text still compares equal.
 *
 * Known limits: MariaDB also rewrites some things this does not follow (`NOT (a XOR
 * b)`, a bare function result in AND/OR), and MySQL 8 prints JSON `->` as
 * `json_extract`; such checks may show as changed.
 */

import { normalize, normalizeNumber } from './expression-normalize.js'
import { parseExpression } from './expression-parser.js'
import { type Token, tokenize } from './expression-tokens.js'
import { type Expr, PRECEDENCE } from './expression-tree.js'

/** `'text'` with quotes doubled and backslashes escaped (default sql_mode). */
export const canonicalString = (value: string) =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`

const identifier = (name: string) => `\`${name.replace(/`/g, '``')}\``

function precedence(expr: Expr): number {
  switch (expr.t) {
    case 'logic':
      return PRECEDENCE[expr.op] as number
    case 'not':
      return PRECEDENCE.not as number
    case 'between':
      return PRECEDENCE.between as number
    case 'is':
    case 'in':
    case 'like':
      return PRECEDENCE.compare as number
    case 'binary':
      return PRECEDENCE[expr.op] ?? (PRECEDENCE.compare as number)
    case 'unary':
      return PRECEDENCE.unary as number
    case 'collate':
      return PRECEDENCE.collate as number
    case 'number':
      // `-1` printed as the operand of `-` or `^` must keep its parentheses.
      return expr.text.startsWith('-') ? (PRECEDENCE.unary as number) : (PRECEDENCE.atom as number)
    default:
      return PRECEDENCE.atom as number
  }
}

/** `expr`, parenthesised when it binds looser than `minimum`. */
function operand(expr: Expr, minimum: number): string {
  const text = print(expr)
  return precedence(expr) < minimum ? `(${text})` : text
}

const not = (negated: boolean) => (negated ? 'not ' : '')

function print(expr: Expr): string {
  const own = precedence(expr)
  switch (expr.t) {
    case 'string':
      return canonicalString(expr.value)
    case 'bytes':
      return `0x${expr.value.toString('hex')}`
    case 'number':
      return expr.text
    case 'null':
      return 'null'
    case 'bool':
      return expr.value ? '1' : '0'
    case 'column':
      return expr.parts.map(identifier).join('.')
    case 'variable':
      return expr.text
    case 'call':
      return `${expr.name}(${expr.args.map(print).join(',')})`
    case 'cast':
      return `cast(${print(expr.arg)} as ${expr.type})`
    case 'unary':
      return `${expr.op}${operand(expr.arg, own)}`
    case 'not':
      return `not ${operand(expr.arg, PRECEDENCE.atom as number)}`
    case 'binary':
      return `${operand(expr.left, own)} ${expr.op} ${operand(expr.right, own + 1)}`
    case 'logic':
      return expr.args.map((arg) => operand(arg, own + 1)).join(` ${expr.op} `)
    case 'is':
      return `${operand(expr.arg, own)} is ${not(expr.not)}${expr.what}`
    case 'in':
      return `${operand(expr.arg, own)} ${not(expr.not)}in (${expr.list.map(print).join(',')})`
    case 'between': {
      const bound = (value: Expr) => operand(value, (PRECEDENCE.compare as number) + 1)
      const range = `${bound(expr.low)} and ${bound(expr.high)}`
      return `${operand(expr.arg, own + 1)} ${not(expr.not)}between ${range}`
    }
    case 'like': {
      const pattern = operand(expr.pattern, own + 1)
      const escapeClause =
        expr.escape === undefined ? '' : ` escape ${operand(expr.escape, own + 1)}`
      return `${operand(expr.arg, own)} ${not(expr.not)}${expr.op} ${pattern}${escapeClause}`
    }
    case 'case': {
      const head = expr.operand === undefined ? 'case' : `case ${print(expr.operand)}`
      const whens = expr.whens.map(([when, then]) => ` when ${print(when)} then ${print(then)}`)
      const otherwise = expr.otherwise === undefined ? '' : ` else ${print(expr.otherwise)}`
      return `${head}${whens.join('')}${otherwise} end`
    }
    case 'row':
      return `(${expr.items.map(print).join(',')})`
    case 'interval':
      return `interval ${operand(expr.arg, own)} ${expr.unit}`
    case 'collate':
      return `${operand(expr.arg, own)} collate ${expr.collation}`
  }
}

const OPERATOR_SPELLING: Readonly<Record<string, string>> = {
  '!=': '<>',
  '&&': 'and',
  '||': 'or',
  '%': 'mod',
}

function tokenText(token: Token): string {
  switch (token.kind) {
    case 'string':
      return canonicalString(token.value)
    case 'bytes':
      return `0x${token.value.toString('hex')}`
    case 'number':
      return normalizeNumber(token.text)
    case 'word':
      return token.lower === 'rlike' ? 'regexp' : token.lower
    case 'quoted':
      return token.name.toLowerCase()
    case 'op':
      return OPERATOR_SPELLING[token.text] ?? token.text
    case 'variable':
      return token.text
  }
}

/** Token-level canonical text: for expressions the parser does not cover. */
function fallback(sql: string): string {
  let texts: string[]
  try {
    texts = tokenize(sql).map(tokenText)
  } catch {
    return sql.trim().replace(/\s+/g, ' ')
  }
  // Drop parentheses around the whole expression, as often as they wrap it.
  for (;;) {
    if (texts[0] !== '(' || texts[texts.length - 1] !== ')') break
    let depth = 0
    let closesAtEnd = true
    for (let index = 0; index < texts.length - 1; index += 1) {
      if (texts[index] === '(') depth += 1
      if (texts[index] === ')') depth -= 1
      if (depth === 0) {
        closesAtEnd = false
        break
      }
    }
    if (!closesAtEnd) break
    texts = texts.slice(1, -1)
  }
  return texts.join(' ')
}

/**
 * The parsed and normalised tree of an expression, or undefined when the parser does
 * not cover it.
 */
export function canonicalTree(sql: string): Expr | undefined {
  try {
    return normalize(parseExpression(sql))
  } catch (error) {
    if (error instanceof SyntaxError) return undefined
    throw error
  }
}

/**
 * The canonical text of a check or default expression (see the module comment).
 *
 * @example
 * canonicalExpression('price > 0 AND qty != 0')               // '`price` > 0 and `qty` <> 0'
 * canonicalExpression('((`price` > 0) and (`qty` <> 0))')     // '`price` > 0 and `qty` <> 0'
 * canonicalExpression("NOT (status IN ('a')) OR flag")        // "`status` <> 'a' or `flag` <> 0"
 */
export function canonicalExpression(sql: string): string {
  const tree = canonicalTree(sql)
  return tree === undefined ? fallback(sql) : print(tree)
}

/** Prints a normalised tree (for canonical defaults, which normalise literals first). */
export const printCanonical = print
