import { randomBytes } from 'node:crypto'
import { InvalidRevisionIdError } from '../errors.js'

const RESERVED = new Set(['head', 'heads', 'base', 'current'])

// `@ - + :` belong to the identifier grammar; quotes and path separators would break
// the generated file or its name.
const FORBIDDEN: readonly string[] = ['@', '-', '+', ':', '/', '\\', "'", '"', '`']

/**
 * A new random revision id: 12 lowercase hex characters (48 random bits, like the
 * tail of the uuid4 Alembic uses).
 *
 * @example
 * newRevisionId() // '3f2a9c1b7d4e'
 */
export function newRevisionId(): string {
  return randomBytes(6).toString('hex')
}

/**
 * Throws `InvalidRevisionIdError` when `id` cannot serve as a revision id: empty,
 * containing `@ - + :`, whitespace, a path separator or a quote, or one of the
 * reserved words `head`, `heads`, `base`, `current`.
 *
 * @example
 * checkRevisionId('3f2a9c1b7d4e') // fine
 * checkRevisionId('head') // throws InvalidRevisionIdError
 */
export function checkRevisionId(id: string): void {
  if (id === '') throw new InvalidRevisionIdError(id, 'A revision id must not be empty')
  if (RESERVED.has(id)) {
    throw new InvalidRevisionIdError(id, `'${id}' is a reserved word and cannot be a revision id`)
  }
  const bad = FORBIDDEN.find((char) => id.includes(char))
  if (bad !== undefined) {
    throw new InvalidRevisionIdError(id, `Revision id '${id}' must not contain '${bad}'`)
  }
  if (/[\s\p{Cc}]/u.test(id)) {
    throw new InvalidRevisionIdError(
      id,
      `Revision id ${JSON.stringify(id)} must not contain whitespace or control characters`,
    )
  }
}
