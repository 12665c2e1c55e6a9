/** `COMMENT ON` statements: PostgreSQL keeps comments outside the table definition. */
import type { TableTarget } from '../../operations/types.js'
import type { SqlStep } from '../dialect.js'
import { step } from './compile-common.js'
import { quoteIdentifier, quoteString, quoteTable } from './quote.js'

function commentText(comment: string | null): string {
  return comment === null ? 'NULL' : quoteString(comment)
}

/**
 * `COMMENT ON TABLE ... IS ...`; `null` removes the comment.
 *
 * @example
 * tableComment({ table: 'users' }, 'People') // COMMENT ON TABLE "users" IS 'People'
 */
export function tableComment(target: TableTarget, comment: string | null): SqlStep {
  return step(`COMMENT ON TABLE ${quoteTable(target)} IS ${commentText(comment)}`)
}

/**
 * `COMMENT ON COLUMN ... IS ...`; `null` removes the comment.
 *
 * @example
 * columnComment({ table: 'users' }, 'email', null) // COMMENT ON COLUMN "users"."email" IS NULL
 */
export function columnComment(
  target: TableTarget,
  column: string,
  comment: string | null,
): SqlStep {
  return step(
    `COMMENT ON COLUMN ${quoteTable(target)}.${quoteIdentifier(column)} IS ${commentText(comment)}`,
  )
}
