/**
 * The names pulled models use in TypeScript: an exported const per table and enum type
 * (`invoiceLine`), a key per column (`unitPrice`, with the SQL name kept as the column's
 * name where it differs), and a file per table or schema (`invoice_line.ts`). Names are
 * valid identifiers, never a word the file imports or JavaScript reserves, and unique
 * where they must be (file names without regard to case, for case-insensitive disks).
 */

/** Words that cannot name a const: JavaScript's reserved words and the DSL's functions. */
const RESERVED = new Set([
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null package private protected public return static super switch this throw true try typeof var void while with yield await implements interface arguments eval undefined NaN Infinity'.split(
    ' ',
  ),
  ...'bigint bigserial blob boolean bytes char checkConstraint date defineTable double enumType foreignKey index integer interval json jsonb nativeType numeric primaryKey real schema serial smallint sqlExpr text time timestamp timestamptz unique uuid varchar t'.split(
    ' ',
  ),
])

/** The words of a SQL name: split at non-alphanumerics and at case changes (`InvoiceLine`). */
function words(name: string): string[] {
  return name
    .split(/[^\p{L}\p{N}]+/u)
    .flatMap((part) => part.split(/(?<=[\p{Ll}\p{N}])(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/u))
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase())
}

/**
 * A SQL name in camelCase, as a valid identifier (`_` before a leading digit).
 *
 * @example
 * camelName('invoice_line') // 'invoiceLine'
 * camelName('InvoiceLineId') // 'invoiceLineId'
 */
export function camelName(name: string, fallback = 'item'): string {
  const parts = words(name)
  if (parts.length === 0) return fallback
  const joined = parts
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('')
  return /^\p{N}/u.test(joined) ? `_${joined}` : joined
}

/**
 * A SQL name as a file name: lower-case words joined by `_`.
 *
 * @example
 * fileName('InvoiceLine') // 'invoice_line'
 */
export function fileName(name: string, fallback = 'table'): string {
  const parts = words(name)
  return parts.length === 0 ? fallback : parts.join('_')
}

/**
 * Hands out unique names: the wanted one, else with `2`, `3`... appended. `fold` decides
 * which names count as equal (file names compare without case).
 *
 * @example
 * const names = new UniqueNames()
 * names.take('album') // 'album'
 * names.take('album') // 'album2'
 */
export class UniqueNames {
  readonly #taken = new Set<string>()
  readonly #fold: (name: string) => string
  readonly #identifiers: boolean

  /**
   * `fold`: which names count as equal; `taken`: names already used; `files`: names of
   * files, which may be words JavaScript reserves.
   */
  constructor(
    options: {
      readonly fold?: (name: string) => string
      readonly taken?: Iterable<string>
      readonly files?: boolean
    } = {},
  ) {
    this.#fold = options.fold ?? ((name) => name)
    this.#identifiers = options.files !== true
    for (const name of options.taken ?? []) this.#taken.add(this.#fold(name))
  }

  /** The first free name of `wanted`, `wanted2`, `wanted3`...; reserved words get `suffix`. */
  take(wanted: string, suffix = ''): string {
    const base = this.#identifiers && RESERVED.has(wanted) ? `${wanted}${suffix || '_'}` : wanted
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`
      if (!this.#taken.has(this.#fold(name))) {
        this.#taken.add(this.#fold(name))
        return name
      }
    }
  }
}
