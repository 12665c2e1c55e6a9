import { MigrationCreationError } from '../errors.js'

// Python's `\w` on str: Unicode letters, digits and numbers, and `_`.
const WORD = /[\p{L}\p{N}_]+/gu

/** Alembic's default `truncate_slug_length`. */
export const DEFAULT_TRUNCATE_SLUG_LENGTH = 40

/**
 * The file-name slug of a revision message, by Alembic's rules: the runs of word
 * characters joined with `_` and lower-cased; a slug longer than `truncateSlugLength`
 * (counted in code points) is cut to that length, then back to its last `_`, and ends
 * with `_`. An empty message gives ''.
 *
 * @example
 * slugify('Add users table!') // 'add_users_table'
 * slugify('add a column to the accounts table for billing', 20) // 'add_a_column_to_the_'
 */
export function slugify(
  message: string,
  truncateSlugLength: number = DEFAULT_TRUNCATE_SLUG_LENGTH,
): string {
  if (!Number.isInteger(truncateSlugLength) || truncateSlugLength < 1) {
    throw new MigrationCreationError(
      'INVALID_SLUG_LENGTH',
      `truncateSlugLength must be a positive integer, got ${truncateSlugLength}`,
    )
  }
  const slug = (message.match(WORD) ?? []).join('_').toLowerCase()
  // Python counts code points, not UTF-16 units.
  const chars = Array.from(slug)
  if (chars.length <= truncateSlugLength) return slug
  const cut = chars.slice(0, truncateSlugLength).join('')
  const underscore = cut.lastIndexOf('_')
  return `${underscore < 0 ? cut : cut.slice(0, underscore)}_`
}
