/** Keys, display names and the names autogenerate gives unnamed constraints. */

/** The map key of a table (or enum) in a schema; undefined is the default schema. */
export function tableKey(name: string, schema: string | undefined): string {
  return `${schema ?? ''}\u0000${name}`
}

/** `schema.table` or `table`, for messages. */
export function displayName(name: string, schema: string | undefined): string {
  return schema === undefined ? name : `${schema}.${name}`
}

/** FNV-1a, as 8 hex digits: a stable suffix for shortened names. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

/** Cuts `text` to at most `max` UTF-8 bytes without splitting a character. */
function cut(text: string, max: number): string {
  let out = ''
  for (const char of text) {
    if (byteLength(out + char) > max) break
    out += char
  }
  return out
}

/**
 * A name for a constraint the models leave unnamed, in PostgreSQL's style
 * (`orders_user_id_fkey`), made to fit the dialect's identifier length (the middle is
 * replaced by a hash) and not to clash with `taken`, to which it is added.
 *
 * @example
 * constraintName({ parts: ['orders', 'user_id'], suffix: 'fkey', maxLength: 63, taken: new Set() })
 * // 'orders_user_id_fkey'
 */
export function constraintName(options: {
  readonly parts: readonly string[]
  readonly suffix: string
  readonly maxLength: number
  readonly taken: Set<string>
}): string {
  const { parts, suffix, maxLength, taken } = options
  const base = parts.join('_')
  for (let n = 1; ; n++) {
    const ending = n === 1 ? `_${suffix}` : `_${suffix}${n}`
    let name = base + ending
    if (byteLength(name) > maxLength) {
      const tail = `_${shortHash(base)}${ending}`
      name = cut(base, maxLength - byteLength(tail)) + tail
    }
    if (!taken.has(name)) {
      taken.add(name)
      return name
    }
  }
}

/**
 * The constraint and index names of one table while it is compared. Names of what is
 * dropped are released (drops run before creates, so a new key may reuse its old
 * name), and steps that need a generated name wait (`later`) until every drop has
 * been seen.
 */
export class TableNames {
  readonly #taken: Set<string>
  readonly #released = new Set<string>()
  readonly #pending: (() => void)[] = []
  readonly #maxLength: number

  constructor(taken: Iterable<string>, maxLength: number) {
    this.#taken = new Set(taken)
    this.#maxLength = maxLength
  }

  /** A name that is dropped before anything is created. */
  release(name: string | undefined): void {
    if (name !== undefined) this.#released.add(name)
  }

  /** Runs `step` once every drop of the table has released its name. */
  later(step: () => void): void {
    this.#pending.push(step)
  }

  /** Runs the waiting steps. */
  flush(): void {
    for (const step of this.#pending.splice(0)) step()
  }

  /** A fresh name such as `orders_user_id_fkey` (see `constraintName`). */
  generate(parts: readonly string[], suffix: string): string {
    for (const name of this.#released) this.#taken.delete(name)
    this.#released.clear()
    return constraintName({ parts, suffix, maxLength: this.#maxLength, taken: this.#taken })
  }
}
