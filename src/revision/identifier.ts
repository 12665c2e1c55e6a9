/**
 * The syntax of revision identifiers and ranges, without looking anything up:
 * `[branch@]symbol[+N|-N]` and `[lower]:[upper]`.
 */
import { UsageError } from '../errors.js'

/** An identifier split into its parts. */
export interface ParsedIdentifier {
  /** The identifier as written. */
  readonly text: string
  /** What came before the first `@`: a branch label or a revision naming a lineage. */
  readonly branch: string | undefined
  /** `head`, `heads`, `base`, `current`, an id, a prefix or a label; `''` for a bare `+N`/`-N`. */
  readonly symbol: string
  /** The signed relative step, e.g. `-2` for `head-2`. */
  readonly relative: number | undefined
  /** The step as written, e.g. `-2`. */
  readonly relativeText: string | undefined
}

/**
 * Splits an identifier into branch, symbol and relative step; throws `UsageError` for
 * text that cannot be an identifier.
 *
 * @example
 * parseIdentifier('shoppingcart@head-1')
 * // { branch: 'shoppingcart', symbol: 'head', relative: -1, relativeText: '-1', ... }
 */
export function parseIdentifier(text: string): ParsedIdentifier {
  if (text.trim() === '') throw new UsageError('Empty revision identifier')
  if (/\s|:/.test(text)) {
    throw new UsageError(`'${text}' is not a revision identifier (it contains whitespace or ':')`)
  }
  const at = text.indexOf('@')
  const branch = at === -1 ? undefined : text.slice(0, at)
  const rest = at === -1 ? text : text.slice(at + 1)
  if (branch === '') throw new UsageError(`Missing branch name before '@' in '${text}'`)
  if (at !== -1 && rest === '') {
    throw new UsageError(`Missing revision after '@' in '${text}' (e.g. '${branch}@head')`)
  }
  if (rest.includes('@')) throw new UsageError(`'${text}' has more than one '@'`)

  const sign = rest.search(/[+-]/)
  if (sign === -1) {
    return { text, branch, symbol: rest, relative: undefined, relativeText: undefined }
  }
  const symbol = rest.slice(0, sign)
  const relativeText = rest.slice(sign)
  if (!/^[+-]\d+$/.test(relativeText)) {
    throw new UsageError(
      `Invalid relative step '${relativeText}' in '${text}'; expected +N or -N, e.g. 'head-1'`,
    )
  }
  const relative = Number.parseInt(relativeText, 10)
  if (symbol === '' && relative === 0) {
    throw new UsageError(`Relative step '${text}' must move at least one revision`)
  }
  return { text, branch, symbol, relative, relativeText }
}

/**
 * Splits a range `A:B`; either side may be empty (`:B`, `A:`, `:`). Throws `UsageError`
 * when there is not exactly one `:`.
 *
 * @example
 * parseRange('ae10:head') // { lower: 'ae10', upper: 'head' }
 * parseRange(':head') // { lower: undefined, upper: 'head' }
 */
export function parseRange(text: string): { lower: string | undefined; upper: string | undefined } {
  const parts = text.split(':')
  if (parts.length !== 2) {
    throw new UsageError(`Revision range '${text}' must have the form A:B, A: or :B`)
  }
  const [lower, upper] = parts.map((part) => part.trim()) as [string, string]
  return { lower: lower === '' ? undefined : lower, upper: upper === '' ? undefined : upper }
}
