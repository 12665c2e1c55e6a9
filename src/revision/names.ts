/**
 * Which strings may be revision ids and branch labels. The identifier grammar gives
 * `@`, `-`, `+` and `:` a meaning (`label@head-1`, `A:B`), and `head`, `heads`, `base` and
 * `current` are symbols, so names may contain none of them.
 */

/** Words the identifier grammar reserves; no revision id or branch label may be one. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['head', 'heads', 'base', 'current'])

const RESERVED_CHARACTERS = ['@', '-', '+', ':'] as const

/**
 * Says what is wrong with a revision id or branch label, or returns `undefined` when it is
 * usable.
 *
 * @example
 * nameProblem('ae10-b') // "contains '-'"
 * nameProblem('ae10b') // undefined
 */
export function nameProblem(name: string): string | undefined {
  if (name.length === 0) return 'is empty'
  if (RESERVED_NAMES.has(name)) return 'is a reserved word (head, heads, base, current)'
  const found = RESERVED_CHARACTERS.filter((character) => name.includes(character))
  if (found.length > 0) return `contains ${found.map((c) => `'${c}'`).join(', ')}`
  if (/\s/.test(name)) return 'contains whitespace'
  return undefined
}
