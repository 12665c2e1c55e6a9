import { MigrationCreationError } from '../errors.js'
import { slugify } from './slug.js'

/** The default `fileTemplate`: `20261126_1030-3f2a9c1b7d4e_add_users_table`. */
export const DEFAULT_FILE_TEMPLATE = '{year}{month}{day}_{hour}{minute}-{rev}_{slug}'

/** The tokens a `fileTemplate` may use. */
export const FILE_TEMPLATE_TOKENS: readonly string[] = [
  'rev',
  'slug',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
]

/** Options of {@link revisionFileName}. */
export interface RevisionFileNameOptions {
  /** The `fileTemplate`, without extension. */
  template: string
  revision: string
  message: string
  /** Creation time; its UTC fields fill the date tokens. */
  date: Date
  truncateSlugLength: number
  /** Default `.ts`. */
  extension?: string
}

// Separators would put the file outside its version folder; the others are not
// allowed in Windows file names, and a team's repository must check out everywhere.
const UNSAFE = /[/\\<>:"|?*\p{Cc}]/u

/**
 * The file name of a new revision: `template` with its `{token}`s filled in (dates in
 * UTC, zero-padded), plus the extension.
 *
 * @example
 * revisionFileName({
 *   template: DEFAULT_FILE_TEMPLATE,
 *   revision: '3f2a9c1b7d4e',
 *   message: 'Add users table',
 *   date: new Date('2026-11-26T10:30:00Z'),
 *   truncateSlugLength: 40,
 * }) // '20261126_1030-3f2a9c1b7d4e_add_users_table.ts'
 */
export function revisionFileName(options: RevisionFileNameOptions): string {
  const { template, date } = options
  const extension = options.extension ?? '.ts'
  if (!/^\.[A-Za-z0-9]+$/.test(extension)) {
    throw invalid(`the file extension must look like '.ts', got '${extension}'`)
  }
  if (UNSAFE.test(template)) {
    throw invalid(
      `fileTemplate '${template}' must not contain path separators or any of < > : " | ? *` +
        ' (revision files live directly in a version path)',
    )
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) {
    throw invalid(`fileTemplate '${template}' has an unmatched brace`)
  }
  if (Number.isNaN(date.getTime())) throw invalid('the creation date is not a valid date')
  const values: Record<string, string> = {
    rev: options.revision,
    slug: slugify(options.message, options.truncateSlugLength),
    year: String(date.getUTCFullYear()).padStart(4, '0'),
    month: pad(date.getUTCMonth() + 1),
    day: pad(date.getUTCDate()),
    hour: pad(date.getUTCHours()),
    minute: pad(date.getUTCMinutes()),
    second: pad(date.getUTCSeconds()),
  }
  const base = template.replace(/\{([^{}]*)\}/g, (_match, token: string) => {
    const value = Object.hasOwn(values, token) ? values[token] : undefined
    if (value === undefined) {
      throw invalid(
        `fileTemplate '${template}' has an unknown token {${token}}; ` +
          `known: ${FILE_TEMPLATE_TOKENS.map((name) => `{${name}}`).join(' ')}`,
      )
    }
    return value
  })
  if (base === '' || base.startsWith('.')) {
    throw invalid(`fileTemplate '${template}' gives the file name '${base}${extension}'`, {
      hint: 'Include {rev} in fileTemplate so every revision gets a distinct, visible name.',
    })
  }
  if (UNSAFE.test(base)) {
    throw invalid(`the revision file name '${base}${extension}' contains a path separator`)
  }
  return base + extension
}

function pad(n: number): string {
  return String(n).padStart(2, '0')
}

function invalid(message: string, options: { hint?: string } = {}): MigrationCreationError {
  return new MigrationCreationError('INVALID_FILE_TEMPLATE', message, options)
}
