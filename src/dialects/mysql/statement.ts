/**
 * Statements that hold a plain quoted string (a COMMENT, an ENUM value) in a position
 * where MySQL's grammar accepts nothing else, so the hex form of `stringLiteral`
 * cannot be used there.
 */
import { MigrationError } from '../../errors.js'
import type { SqlStep } from '../dialect.js'

/** Writes text as a plain quoted string for one `sql_mode` (see `modeIndependent`). */
export type PlainString = (text: string) => string

/** Characters outside the Basic Multilingual Plane (emoji...): a surrogate pair in UTF-16. */
export const hasSupplementary = (text: string) => /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)

function checkPlain(text: string): void {
  if (text.includes('\0')) {
    throw new MigrationError(
      'INVALID_LITERAL',
      'A MySQL comment or ENUM value cannot contain a NUL character',
    )
  }
  // The catalog keeps comments and ENUM definitions in utf8mb3: MariaDB stores such
  // characters as '?', and no later ALTER could restate the column faithfully.
  if (hasSupplementary(text)) {
    throw new MigrationError(
      'INVALID_LITERAL',
      `MySQL comments and ENUM values cannot hold characters outside the Basic Multilingual Plane (such as emoji): '${text}'`,
      { hint: 'The catalog stores them as utf8mb3; keep such text in table data.' },
    )
  }
}

/** A plain string for the default `sql_mode`, where backslash escapes. */
export const backslashEscaping: PlainString = (text) => {
  checkPlain(text)
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

/** A plain string for `NO_BACKSLASH_ESCAPES`, where a backslash is itself. */
export const noBackslashEscapes: PlainString = (text) => {
  checkPlain(text)
  return `'${text.replace(/'/g, "''")}'`
}

/** The plain-string writer for a session whose `sql_mode` is `sqlMode`. */
export function plainStringFor(sqlMode: string): PlainString {
  return /(^|,)NO_BACKSLASH_ESCAPES(,|$)/i.test(sqlMode) ? noBackslashEscapes : backslashEscaping
}

const hex = (text: string) => `_utf8mb4 X'${Buffer.from(text, 'utf8').toString('hex')}'`

/**
 * Builds a statement so that it means the same under every `sql_mode`. Usually the
 * plain strings in it hold no backslash and the statement is returned as is; when one
 * does, the two spellings differ and the statement runs as a prepared statement
 * chosen by the session's mode (four statements that work online and in a script).
 *
 * @example
 * modeIndependent((plain) => `ALTER TABLE \`t\` COMMENT = ${plain('no backslash')}`)
 * // [{ sql: "ALTER TABLE `t` COMMENT = 'no backslash'" }]
 */
export function modeIndependent(build: (plain: PlainString) => string): SqlStep[] {
  const escaped = build(backslashEscaping)
  const unescaped = build(noBackslashEscapes)
  if (escaped === unescaped) return [{ sql: escaped }]
  // The first line, so a printed script still says what the hex holds.
  const summary = (escaped.split(/[\r\n]/)[0] ?? '').slice(0, 80)
  return [
    {
      sql: `-- ${summary} ... (holds a backslash in a plain string: prepared per sql_mode)\nSET @stratum_statement = IF(@@SESSION.sql_mode LIKE '%NO_BACKSLASH_ESCAPES%', ${hex(unescaped)}, ${hex(escaped)})`,
    },
    { sql: 'PREPARE stratum_statement FROM @stratum_statement' },
    { sql: 'EXECUTE stratum_statement' },
    { sql: 'DEALLOCATE PREPARE stratum_statement' },
  ]
}
