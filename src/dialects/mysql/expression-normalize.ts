/**
 * Rewrites a parsed expression the way MariaDB rewrites a CHECK clause before storing
 * it (and then some more), so that what a user writes, what MariaDB prints and what
 * MySQL 8 prints reach one tree:
 *
 * - `NOT` is pushed down: `NOT (a > 1)` → `a <= 1`, De Morgan over AND/OR,
 *   `NOT col` → `col = 0`, `NOT (a IN (..))` → `a NOT IN (..)` (MariaDB does this);
 * - a bare column operand of AND/OR/XOR becomes `col <> 0` (MariaDB does this);
 * - `x IN (v)` → `x = v`; `TRUE`/`FALSE` → `1`/`0`; `!=` → `<>`; `RLIKE` → `REGEXP`;
 *   `%` → `MOD`; `SOUNDS LIKE` → `soundex() = soundex()`; `isnull(x)` → `x IS NULL`;
 * - hex literals that spell printable text become strings (MariaDB prints `0x41` as
 *   `'A'`), numbers lose leading zeros, a minus sign folds into a number literal;
 * - function synonyms get one name (`now()` = `current_timestamp()`, `length` =
 *   `octet_length`, `lcase` = `lower`...), and CAST loses its character set, which
 *   MariaDB adds from the connection (`cast(a as char charset utf8mb3)`).
 */
import type { Expr } from './expression-tree.js'

const NEGATED: Readonly<Record<string, string>> = {
  '=': '<>',
  '<>': '=',
  '<': '>=',
  '>=': '<',
  '>': '<=',
  '<=': '>',
}

const SYNONYMS: Readonly<Record<string, string>> = {
  now: 'current_timestamp',
  localtime: 'current_timestamp',
  localtimestamp: 'current_timestamp',
  current_date: 'curdate',
  current_time: 'curtime',
  length: 'octet_length',
  character_length: 'char_length',
  lcase: 'lower',
  ucase: 'upper',
  substr: 'substring',
  mid: 'substring',
  pow: 'power',
  ceiling: 'ceil',
  schema: 'database',
}

/** Text a hex literal spells, when it is valid UTF-8 without control characters. */
function printable(bytes: Buffer): string | undefined {
  const text = bytes.toString('utf8')
  if (!Buffer.from(text, 'utf8').equals(bytes)) return undefined
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting exactly those
  return bytes.length > 0 && !/[\u0000-\u001f\u007f\ufffd]/.test(text) ? text : undefined
}

/** `007` → `7`, `.5` → `0.5`, `1.` → `1`, `1E3` → `1e3`. */
export function normalizeNumber(text: string): string {
  let number = text
    .toLowerCase()
    .replace(/^\./, '0.')
    .replace(/\.(?=e|$)/, '')
  number = number.replace(/^0+(?=\d)/, '')
  return number
}

/** A CAST target without the character set the server adds (`binary` stays binary). */
function castType(type: string): string {
  const binary = /^char(\(\d+\))? (charset|character set) binary$/.exec(type)
  if (binary) return `binary${binary[1] ?? ''}`
  return type.replace(/ (charset|character set) \w+/g, '').replace(/^integer$/, 'signed')
}

/** An AND/OR/XOR node with nested nodes of the same operator spliced in. */
function logic(op: 'and' | 'or' | 'xor', args: readonly Expr[]): Expr {
  const flat: Expr[] = []
  for (const arg of args) {
    if (arg.t === 'logic' && arg.op === op) flat.push(...arg.args)
    else flat.push(arg.t === 'column' ? { t: 'binary', op: '<>', left: arg, right: zero } : arg)
  }
  return { t: 'logic', op, args: flat }
}

const zero: Expr = { t: 'number', text: '0' }

/** The negation of a normalised expression, pushed down as far as MariaDB pushes it. */
function negate(expr: Expr): Expr {
  switch (expr.t) {
    case 'binary': {
      const op = NEGATED[expr.op]
      return op === undefined ? { t: 'not', arg: expr } : { ...expr, op }
    }
    case 'logic':
      if (expr.op === 'xor') return { t: 'not', arg: expr }
      return logic(expr.op === 'and' ? 'or' : 'and', expr.args.map(negate))
    case 'column':
      return { t: 'binary', op: '=', left: expr, right: zero }
    case 'in':
    case 'between':
    case 'is':
      return { ...expr, not: !expr.not }
    case 'like':
      return expr.op === 'like' ? { ...expr, not: !expr.not } : { t: 'not', arg: expr }
    case 'not':
      return expr.arg
    default:
      return { t: 'not', arg: expr }
  }
}

function call(name: string, args: readonly Expr[]): Expr {
  const canonical = SYNONYMS[name] ?? name
  if (canonical === 'isnull' && args.length === 1) {
    return { t: 'is', arg: args[0] as Expr, not: false, what: 'null' }
  }
  return { t: 'call', name: canonical, args }
}

/**
 * The canonical form of a parsed expression (see the module comment for the rules).
 *
 * @example
 * normalize(parseExpression('NOT (a > 1)')) // the tree of `a <= 1`
 */
export function normalize(expr: Expr): Expr {
  switch (expr.t) {
    case 'bool':
      return { t: 'number', text: expr.value ? '1' : '0' }
    case 'number':
      return { t: 'number', text: normalizeNumber(expr.text) }
    case 'bytes': {
      const text = printable(expr.value)
      return text === undefined ? expr : { t: 'string', value: text }
    }
    case 'call':
      return call(expr.name, expr.args.map(normalize))
    case 'cast':
      return { t: 'cast', arg: normalize(expr.arg), type: castType(expr.type) }
    case 'unary': {
      const arg = normalize(expr.arg)
      if (expr.op === '-' && arg.t === 'number') {
        const text = arg.text.startsWith('-') ? arg.text.slice(1) : `-${arg.text}`
        return { t: 'number', text: text === '-0' ? '0' : text }
      }
      return { t: 'unary', op: expr.op, arg }
    }
    case 'not':
      return negate(normalize(expr.arg))
    case 'binary':
      return {
        t: 'binary',
        op: expr.op === '!=' ? '<>' : expr.op,
        left: normalize(expr.left),
        right: normalize(expr.right),
      }
    case 'logic':
      return logic(expr.op, expr.args.map(normalize))
    case 'is':
      return { ...expr, arg: normalize(expr.arg) }
    case 'in': {
      const list = expr.list.map(normalize)
      const arg = normalize(expr.arg)
      if (list.length === 1) {
        return { t: 'binary', op: expr.not ? '<>' : '=', left: arg, right: list[0] as Expr }
      }
      return { t: 'in', arg, not: expr.not, list }
    }
    case 'between':
      return {
        ...expr,
        arg: normalize(expr.arg),
        low: normalize(expr.low),
        high: normalize(expr.high),
      }
    case 'like': {
      const like: Expr = {
        ...expr,
        not: expr.op === 'like' && expr.not,
        arg: normalize(expr.arg),
        pattern: normalize(expr.pattern),
        ...(expr.escape === undefined ? {} : { escape: normalize(expr.escape) }),
      }
      return expr.op === 'regexp' && expr.not ? { t: 'not', arg: like } : like
    }
    case 'case':
      return {
        t: 'case',
        whens: expr.whens.map(([when, then]) => [normalize(when), normalize(then)] as const),
        ...(expr.operand === undefined ? {} : { operand: normalize(expr.operand) }),
        ...(expr.otherwise === undefined ? {} : { otherwise: normalize(expr.otherwise) }),
      }
    case 'row':
      return { t: 'row', items: expr.items.map(normalize) }
    case 'interval':
      return { ...expr, arg: normalize(expr.arg) }
    case 'collate':
      return { ...expr, arg: normalize(expr.arg) }
    default:
      return expr
  }
}
