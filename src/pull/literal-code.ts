/** Literals of pulled model code: numbers and `sqlExpr` templates. */
import { numberLiteral } from '../autogenerate/render/literal.js'

/**
 * A `sqlExpr` tagged template whose text is exactly `sql`: backslashes, backticks and `${`
 * escaped, so the template's cooked text is the SQL again.
 *
 * @example
 * sqlExprCode('now()') // 'sqlExpr`now()`'
 * sqlExprCode('`Quantity` > 0') // 'sqlExpr`\\`Quantity\\` > 0`'
 */
export function sqlExprCode(sql: string): string {
  const body = sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${')
  return `sqlExpr\`${body}\``
}

/**
 * A number literal (`-0`, `NaN` and the infinities included).
 *
 * @example
 * numberCode(0.99) // '0.99'
 */
export function numberCode(value: number): string {
  return numberLiteral(value)
}
