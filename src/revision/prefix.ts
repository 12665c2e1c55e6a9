/**
 * The half-open range `[start, end)` of `sortedIds` that starts with `prefix`, found by
 * binary search.
 *
 * @example
 * prefixRange(['a1', 'ab', 'b'], 'a') // [0, 2]
 */
export function prefixRange(sortedIds: readonly string[], prefix: string): [number, number] {
  const start = lowerBound(sortedIds, prefix)
  let end = start
  // Ids sharing a prefix are contiguous in sorted order.
  while (end < sortedIds.length && sortedIds[end]!.startsWith(prefix)) end++
  return [start, end]
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle]! < value) low = middle + 1
    else high = middle
  }
  return low
}
