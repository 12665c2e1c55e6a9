import type { TableTarget } from '../../operations/types.js'

/** A glob (`*`, `?`, `[abc]`) as an anchored regular expression. */
function globPattern(glob: string): RegExp {
  let source = ''
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i] as string
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else if (char === '[') {
      const end = glob.indexOf(']', i + 2)
      if (end < 0) {
        source += '\\['
        continue
      }
      const body = glob.slice(i + 1, end).replace(/\\/g, '\\\\')
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`
      i = end
    } else source += char.replace(/[.+^${}()|\\/]/g, '\\$&')
  }
  return new RegExp(`^${source}$`)
}

/**
 * The `skipTable` of a comparison: Stratum's own tables (the version and history
 * tables) and the `exclude` globs. A glob with a dot matches `schema.table`, one
 * without matches the table name in any schema.
 *
 * @example
 * const skipTable = createTableFilter({
 *   exclude: ['tmp_*', 'audit.*'],
 *   ownTables: [{ table: 'stratum_version' }, { table: 'stratum_history' }],
 * })
 * skipTable('tmp_import', undefined) // true
 */
export function createTableFilter(options: {
  readonly exclude?: readonly string[]
  readonly ownTables?: readonly TableTarget[]
  /** The connection's default schema: an own table named in it matches an unqualified one. */
  readonly defaultSchema?: string
}): (table: string, schema: string | undefined) => boolean {
  const patterns = (options.exclude ?? []).map((glob) => ({
    qualified: glob.includes('.'),
    pattern: globPattern(glob),
  }))
  const own = options.ownTables ?? []
  const inSchema = (wanted: string | undefined, schema: string | undefined) =>
    (wanted ?? options.defaultSchema) === (schema ?? options.defaultSchema)
  return (table, schema) => {
    if (own.some((target) => target.table === table && inSchema(target.schema, schema))) {
      return true
    }
    const qualified = `${schema ?? options.defaultSchema ?? ''}.${table}`
    return patterns.some(({ qualified: dotted, pattern }) =>
      pattern.test(dotted ? qualified : table),
    )
  }
}
