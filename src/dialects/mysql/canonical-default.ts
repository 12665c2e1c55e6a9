/**
 * Canonical column defaults, so that a model's default and what either server's
 * catalog says about it compare equal:
 *
 * - the column's type decides what a literal means: on numeric and boolean columns
 *   `0`, `'0'`, `false` and `0.00` are one value (`1.50` = `1.5`, `1e3` = `1000`); on
 *   string columns a number is its text (`0` = `'0'`); date and time literals are
 *   written out in full at the column's precision (`'2020-01-01'` on `datetime(6)` =
 *   `'2020-01-01 00:00:00.000000'`, which MariaDB prints);
 * - a NULL default is no default (MariaDB prints `NULL` for a nullable column without one);
 * - `CURRENT_TIMESTAMP`, `now()`, `current_timestamp()` and `LOCALTIMESTAMP` are one
 *   function, with the column's precision where the compiler adds it;
 * - `{ sql: "'x'" }` is the literal `'x'`; other expressions go through
 *   `canonicalExpression` (MariaDB prints `(1 + 2)`, MySQL 8 `_utf8mb4'a'`).
 */
import type { ColumnType, DefaultValue } from '../../operations/types.js'
import {
  canonicalExpression,
  canonicalString,
  canonicalTree,
  printCanonical,
} from './canonical-expression.js'
import { canonicalType } from './canonical-type.js'
import type { Expr } from './expression-tree.js'

/** What a column's type makes of a literal default. */
export type TypeFamily = 'boolean' | 'number' | 'datetime' | 'date' | 'time' | 'text'

/** The family of a canonical type, and its fractional-second precision for temporal types. */
export function typeFamily(canonical: string): { family: TypeFamily; precision: number } {
  if (canonical === 'tinyint(1)') return { family: 'boolean', precision: 0 }
  if (/^(tinyint|smallint|mediumint|int|bigint|decimal|float|double|real|year)\b/.test(canonical)) {
    return { family: 'number', precision: 0 }
  }
  const temporal = /^(datetime|timestamp|time|date)(?:\((\d)\))?/.exec(canonical)
  if (temporal) {
    const kind = temporal[1] === 'timestamp' ? 'datetime' : (temporal[1] as TypeFamily)
    return { family: kind, precision: Number(temporal[2] ?? 0) }
  }
  return { family: 'text', precision: 0 }
}

const DECIMAL = /^\s*([-+]?)(\d*)(?:\.(\d*))?\s*$/
const SCIENTIFIC = /^\s*[-+]?(\d+\.?\d*|\.\d+)e[-+]?\d+\s*$/i

/**
 * A number's canonical text, exact for decimals of any length (`007.50` → `7.5`,
 * `-0` → `0`); numbers with an exponent go through a double (`1e3` → `1000`).
 * Undefined when the text is not a number.
 */
export function canonicalNumber(text: string): string | undefined {
  if (SCIENTIFIC.test(text)) return String(Number(text))
  const match = DECIMAL.exec(text)
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '') || '0'
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  const digits = fraction === '' ? whole : `${whole}.${fraction}`
  return match[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2})(?:\.(\d+))?)?$/
const TIME = /^(-?\d{1,3}:\d{2}:\d{2})(?:\.(\d+))?$/

const fraction = (digits: string | undefined, precision: number) =>
  precision === 0 ? '' : `.${(digits ?? '').padEnd(precision, '0').slice(0, precision)}`

/** A date or time literal written out in full, as MariaDB prints it; other text unchanged. */
function temporalText(text: string, family: TypeFamily, precision: number): string {
  if (family === 'datetime') {
    const match = DATETIME.exec(text.trim())
    if (match) return `${match[1]} ${match[2] ?? '00:00:00'}${fraction(match[3], precision)}`
  }
  if (family === 'time') {
    const match = TIME.exec(text.trim())
    if (match) return `${(match[1] as string).padStart(8, '0')}${fraction(match[2], precision)}`
  }
  return text
}

/** A literal default (already decoded) in canonical form for a column of the given family. */
function canonicalLiteral(
  value: string | number | boolean,
  type: { family: TypeFamily; precision: number },
): string {
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value)
  switch (type.family) {
    case 'boolean':
    case 'number':
      return canonicalNumber(text) ?? canonicalString(text)
    case 'datetime':
    case 'date':
    case 'time':
      return canonicalString(temporalText(text, type.family, type.precision))
    default:
      return canonicalString(text)
  }
}

/** A literal in a parsed `{ sql }` default, as a value; undefined when it is not one. */
function literalOf(tree: Expr): string | number | undefined {
  if (tree.t === 'string') return tree.value
  if (tree.t === 'number') return tree.text
  return undefined
}

/** `current_timestamp(n)`: the function with the precision it really has on this column. */
function nowFunction(tree: Expr, precision: number): string | undefined {
  if (tree.t !== 'call' || tree.name !== 'current_timestamp') return undefined
  const [argument] = tree.args
  if (tree.args.length > 1 || (argument !== undefined && argument.t !== 'number')) return undefined
  const digits = argument === undefined ? precision : Number(argument.text)
  return digits === 0 ? 'current_timestamp()' : `current_timestamp(${digits})`
}

/**
 * The canonical SQL of a default on a column of `type`, or undefined for no default
 * (see the module comment).
 *
 * @example
 * canonicalDefault(false, 'boolean') === canonicalDefault({ sql: '0' }, 'tinyint(1)')
 * canonicalDefault({ sql: 'now()' }, 'timestamp')  // 'current_timestamp(6)'
 * canonicalDefault(null, 'text')                   // undefined
 */
export function canonicalDefault(
  value: DefaultValue | undefined,
  type: ColumnType,
): string | undefined {
  if (value === undefined || value === null) return undefined
  const family = typeFamily(canonicalType(type))
  if (typeof value !== 'object') return canonicalLiteral(value, family)
  const tree = canonicalTree(value.sql)
  if (tree === undefined) return canonicalExpression(value.sql)
  if (tree.t === 'null') return undefined
  const literal = literalOf(tree)
  if (literal !== undefined) return canonicalLiteral(literal, family)
  // The compiler gives a bare CURRENT_TIMESTAMP the precision of a datetime(n) column.
  const precision = family.family === 'datetime' ? family.precision : 0
  return nowFunction(tree, precision) ?? printCanonical(tree)
}
