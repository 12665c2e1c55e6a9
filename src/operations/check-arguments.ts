import { didYouMean } from '../config/did-you-mean.js'
import { InvalidOperationError } from '../errors.js'
import { isPlainObject } from './freeze.js'
import type { ReferentialAction, SqlExpression } from './types.js'

const ACTIONS: readonly ReferentialAction[] = [
  'cascade',
  'restrict',
  'no action',
  'set null',
  'set default',
]

/** A short, safe rendering of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return value === '' ? 'an empty string' : JSON.stringify(value)
  if (typeof value === 'object') return 'an object'
  return `${typeof value} ${String(value)}`
}

/**
 * Checks the arguments of one `op` method. Every failure is an `InvalidOperationError`
 * (code `INVALID_OPERATION`) naming the method and the argument.
 *
 * @example
 * const check = new ArgumentChecker('dropTable')
 * const table = check.name('table', 'users')
 */
export class ArgumentChecker {
  constructor(readonly method: string) {}

  /** Throws `op.<method>(): <argument> <problem>`. */
  fail(argument: string, problem: string, hint?: string): never {
    throw new InvalidOperationError(this.method, argument, problem, { hint })
  }

  /** A non-empty string. */
  name(argument: string, value: unknown): string {
    if (typeof value !== 'string') this.fail(argument, `must be a string (got ${describe(value)})`)
    if (value.trim() === '') this.fail(argument, 'must not be empty')
    return value
  }

  optionalName(argument: string, value: unknown): string | undefined {
    return value === undefined ? undefined : this.name(argument, value)
  }

  optionalString(argument: string, value: unknown): string | undefined {
    if (value === undefined || typeof value === 'string') return value
    return this.fail(argument, `must be a string (got ${describe(value)})`)
  }

  /** A string, or `null` to remove (comments). */
  optionalComment(argument: string, value: unknown): string | null | undefined {
    if (value === undefined || value === null || typeof value === 'string') return value
    return this.fail(argument, `must be a string or null (got ${describe(value)})`)
  }

  optionalBoolean(argument: string, value: unknown): boolean | undefined {
    if (value === undefined || typeof value === 'boolean') return value
    return this.fail(argument, `must be true or false (got ${describe(value)})`)
  }

  /** A non-empty list of distinct non-empty strings. */
  names(argument: string, value: unknown, what = 'column'): readonly string[] {
    if (!Array.isArray(value)) {
      this.fail(argument, `must be a list of ${what} names (got ${describe(value)})`)
    }
    if (value.length === 0) this.fail(argument, `is empty; name at least one ${what}`)
    const seen = new Set<string>()
    value.forEach((item, index) => {
      const name = this.name(`${argument}[${index}]`, item)
      if (seen.has(name)) this.fail(argument, `names ${what} '${name}' twice`)
      seen.add(name)
    })
    return value
  }

  /** A raw SQL expression given as text (checks, `where`, `using`). */
  sqlText(argument: string, value: unknown): string {
    if (typeof value !== 'string') {
      this.fail(argument, `must be a SQL expression string (got ${describe(value)})`)
    }
    if (value.trim() === '') this.fail(argument, 'must not be empty')
    return value
  }

  /** `{ sql: '...' }`. */
  isSqlExpression(value: unknown): value is SqlExpression {
    return isPlainObject(value) && 'sql' in value
  }

  sqlExpression(argument: string, value: unknown): SqlExpression {
    if (!isPlainObject(value))
      this.fail(argument, `must be { sql: '...' } (got ${describe(value)})`)
    this.keys(argument, value, ['sql'])
    this.sqlText(`${argument}.sql`, value.sql)
    return value as unknown as SqlExpression
  }

  optionalAction(argument: string, value: unknown): ReferentialAction | undefined {
    if (value === undefined) return undefined
    if (typeof value === 'string' && (ACTIONS as readonly string[]).includes(value)) {
      return value as ReferentialAction
    }
    const lower = typeof value === 'string' ? value.toLowerCase().trim() : ''
    const hint = (ACTIONS as readonly string[]).includes(lower) ? `Write '${lower}'.` : undefined
    return this.fail(
      argument,
      `must be one of ${ACTIONS.map((action) => `'${action}'`).join(', ')} (got ${describe(value)})`,
      hint,
    )
  }

  /**
   * An options object (or undefined) with only the `allowed` keys; an unknown key is
   * named, with the closest allowed key as a hint.
   */
  options(argument: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
    if (value === undefined) return {}
    if (!isPlainObject(value)) this.fail(argument, `must be an object (got ${describe(value)})`)
    this.keys(argument, value, allowed)
    return value
  }

  /** Rejects keys of `value` not in `allowed`. */
  keys(argument: string, value: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (allowed.includes(key)) continue
      const guess = didYouMean(key, allowed)
      this.fail(
        argument,
        `has an unknown field '${key}'`,
        guess ? `Did you mean '${guess}'?` : `Known fields: ${allowed.join(', ')}.`,
      )
    }
  }

  /** A plain object (a spec), with only the `allowed` keys. */
  object(argument: string, value: unknown, allowed: readonly string[]): Record<string, unknown> {
    if (!isPlainObject(value)) this.fail(argument, `must be an object (got ${describe(value)})`)
    this.keys(argument, value, allowed)
    return value
  }

  /** A list (possibly empty) of plain objects. */
  list(argument: string, value: unknown): readonly unknown[] {
    if (value === undefined) return []
    if (!Array.isArray(value)) this.fail(argument, `must be a list (got ${describe(value)})`)
    return value
  }
}
