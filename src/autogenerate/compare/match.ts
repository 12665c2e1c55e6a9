/**
 * Pairs the constraints of two sides: by name where both sides name one, otherwise
 * by what they do (their signature), since a database names what the models leave
 * unnamed (`users_email_key`, `orders_ibfk_1`).
 */

export interface Matched<T> {
  /** Equal on both sides. */
  readonly same: readonly (readonly [T, T])[]
  /** Same name, different definition: dropped and created again. */
  readonly changed: readonly (readonly [T, T])[]
  /** In the models only. */
  readonly added: readonly T[]
  /** In the database only. */
  readonly dropped: readonly T[]
}

/**
 * @example
 * matchByNameOrSignature(target.uniques, current.uniques, (u) => u.columns.join(','))
 */
export function matchByNameOrSignature<T extends { readonly name?: string }>(
  target: readonly T[],
  current: readonly T[],
  signature: (item: T) => string,
): Matched<T> {
  const same: [T, T][] = []
  const changed: [T, T][] = []
  const left = new Set(target)
  const right = new Set(current)
  const byName = new Map<string, T>()
  for (const item of current) if (item.name !== undefined) byName.set(item.name, item)
  for (const item of target) {
    const other = item.name === undefined ? undefined : byName.get(item.name)
    if (!other || !right.has(other)) continue
    left.delete(item)
    right.delete(other)
    if (signature(item) === signature(other)) same.push([item, other])
    else changed.push([item, other])
  }
  const bySignature = new Map<string, T[]>()
  for (const item of right) {
    const key = signature(item)
    bySignature.set(key, [...(bySignature.get(key) ?? []), item])
  }
  for (const item of [...left]) {
    const candidates = bySignature.get(signature(item)) ?? []
    // Two different names on both sides mean two different constraints.
    const other = candidates.find(
      (candidate) =>
        right.has(candidate) && (item.name === undefined || candidate.name === undefined),
    )
    if (!other) continue
    left.delete(item)
    right.delete(other)
    same.push([item, other])
  }
  return {
    same,
    changed,
    added: target.filter((item) => left.has(item)),
    dropped: current.filter((item) => right.has(item)),
  }
}
