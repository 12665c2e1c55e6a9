/**
 * A deep copy of plain data, frozen: arrays and plain objects are copied and frozen,
 * properties whose value is `undefined` are left out, and anything else (a `Date`, a
 * `Buffer`, a class instance) is kept as it is. The caller's objects are never frozen.
 *
 * @example
 * const op = frozenCopy({ kind: 'dropTable', table: 'users', schema: undefined })
 * // { kind: 'dropTable', table: 'users' }, and Object.isFrozen(op) === true
 */
export function frozenCopy<T>(value: T): T {
  if (Array.isArray(value)) return Object.freeze(value.map((item) => frozenCopy(item))) as T
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) copy[key] = frozenCopy(item)
    }
    return Object.freeze(copy) as T
  }
  return value
}

/** True for `{...}` literals and `Object.create(null)` objects. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
