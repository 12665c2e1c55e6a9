/**
 * Orders tables so that each comes after the tables its foreign keys reference.
 * Iterative (Kahn's algorithm with a heap), so a 500-table chain costs nothing and
 * never recurses. A cycle is broken at its first table by name: that table is placed
 * early, and the references it makes to tables not yet placed are reported as
 * deferred (their foreign keys are added afterwards with `createForeignKey`).
 * A table referencing itself is no cycle: `CREATE TABLE` can hold such a key.
 */

export interface OrderedItem<T> {
  readonly item: T
  /** Keys this item references that are placed after it (cycle-closing references). */
  readonly deferred: ReadonlySet<string>
}

/** A binary min-heap of indexes. */
class IndexHeap {
  readonly #items: number[] = []

  get size(): number {
    return this.#items.length
  }

  push(value: number): void {
    const items = this.#items
    items.push(value)
    let i = items.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if ((items[parent] as number) <= value) break
      items[i] = items[parent] as number
      i = parent
    }
    items[i] = value
  }

  pop(): number {
    const items = this.#items
    const top = items[0] as number
    const last = items.pop() as number
    if (items.length > 0) {
      let i = 0
      for (;;) {
        const left = 2 * i + 1
        if (left >= items.length) break
        const right = left + 1
        const child =
          right < items.length && (items[right] as number) < (items[left] as number) ? right : left
        if ((items[child] as number) >= last) break
        items[i] = items[child] as number
        i = child
      }
      items[i] = last
    }
    return top
  }
}

/**
 * `items` in dependency order: referenced items first, otherwise in the given order.
 *
 * @example
 * orderByDependencies(tables, (t) => t.name, (t) => t.foreignKeys.map((fk) => fk.referencedTable))
 */
export function orderByDependencies<T>(
  items: readonly T[],
  key: (item: T) => string,
  references: (item: T) => readonly string[],
): OrderedItem<T>[] {
  const index = new Map<string, number>()
  items.forEach((item, i) => {
    index.set(key(item), i)
  })
  const dependencies = items.map((item, i) => {
    const found = new Set<number>()
    for (const reference of references(item)) {
      const target = index.get(reference)
      if (target !== undefined && target !== i) found.add(target)
    }
    return found
  })
  const dependents: number[][] = items.map(() => [])
  const waiting = dependencies.map((set) => set.size)
  dependencies.forEach((set, i) => {
    for (const dependency of set) dependents[dependency]?.push(i)
  })
  const placed = new Array<boolean>(items.length).fill(false)
  const ready = new IndexHeap()
  waiting.forEach((count, i) => {
    if (count === 0) ready.push(i)
  })
  const out: OrderedItem<T>[] = []
  let scan = 0
  while (out.length < items.length) {
    let next: number
    if (ready.size > 0) {
      next = ready.pop()
    } else {
      while (placed[scan]) scan++
      next = scan
    }
    if (placed[next]) continue
    placed[next] = true
    const deferred = new Set<string>()
    for (const dependency of dependencies[next] ?? []) {
      if (!placed[dependency]) deferred.add(key(items[dependency] as T))
    }
    out.push({ item: items[next] as T, deferred })
    for (const dependent of dependents[next] ?? []) {
      waiting[dependent] = (waiting[dependent] ?? 0) - 1
      if (waiting[dependent] === 0 && !placed[dependent]) ready.push(dependent)
    }
  }
  return out
}
