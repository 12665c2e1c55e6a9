/**
 * Edit distance between two strings (optimal string alignment: insertions,
 * deletions, substitutions and swaps of neighbours each cost 1).
 *
 * @example
 * editDistance('versionPath', 'versionPaths') // 1
 * editDistance('modles', 'models')            // 1
 */
export function editDistance(a: string, b: string): number {
  // rows[i][j] = distance between the first i characters of a and the first j of b
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1)
      }
      row[j] = best
    }
  }
  return at(a.length, b.length)
}

/** Lower case without separators, so `version_table` and `VersionTable` compare equal. */
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.\s]/g, '')
}

/**
 * The candidate `name` was most likely meant to be, or undefined when none is
 * close. `aliases` maps other spellings (another tool's names) to candidates.
 *
 * @example
 * didYouMean('versionPath', ['versionPaths', 'versionTable']) // 'versionPaths'
 * didYouMean('version_table', ['versionTable'])               // 'versionTable'
 * didYouMean('colour', ['url'])                               // undefined
 */
export function didYouMean(
  name: string,
  candidates: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const key = normalise(name)
  for (const [alias, target] of Object.entries(aliases)) {
    if (normalise(alias) === key) return target
  }
  const exact = candidates.find((candidate) => normalise(candidate) === key)
  if (exact !== undefined) return exact
  let best: string | undefined
  let bestDistance = Math.max(1, Math.floor(key.length / 3))
  for (const candidate of candidates) {
    const distance = editDistance(key, normalise(candidate))
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = candidate
      bestDistance = distance
    }
  }
  return best
}
