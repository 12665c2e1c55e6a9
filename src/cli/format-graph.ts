import type { Revision } from '../revision/index.js'

/**
 * `history --graph`: a lane column on the left of each line, in the style of
 * `git log --graph` (`*` the revision, `|` a line passing by, `\` a merge point's extra
 * parent, `/` a branch joining its branch point). Revisions must come newest first
 * (children before parents); only parent links are drawn, not `dependsOn`.
 *
 * @example
 * graphLines(revisions, (rev) => rev.revision)
 * // ['*   d4', '|\\', '| * c3', '* | b2', '|/', '* a1']
 */
export function graphLines(
  revisions: readonly Revision[],
  label: (rev: Revision) => string,
): string[] {
  // Each lane holds the id of the revision it leads to next (null: a free lane).
  const lanes: (string | null)[] = []
  const lines: string[] = []
  // Parents outside the list (a history range) get no lane: nothing would ever end it.
  const shown = new Set(revisions.map((rev) => rev.revision))
  for (const rev of revisions) {
    const waiting = lanes.flatMap((id, index) => (id === rev.revision ? [index] : []))
    let column = waiting[0]
    if (column === undefined) {
      column = freeLane(lanes, -1)
      lanes[column] = rev.revision
    }
    const joining = waiting.slice(1)
    if (joining.length > 0) {
      lines.push(joinLine(lanes, column, joining))
      for (const index of joining) lanes[index] = null
      trimLanes(lanes)
    }
    const cells = lanes.map((id, index) => (index === column ? '*' : id === null ? ' ' : '|'))
    lines.push(`${cells.join(' ')} ${label(rev)}`)
    const [first, ...extra] = rev.downRevisions.filter((id) => shown.has(id))
    lanes[column] = first ?? null
    const added = extra.map((parent) => {
      const index = freeLane(lanes, column)
      lanes[index] = parent
      return index
    })
    if (added.length > 0) lines.push(forkLine(lanes, column, added))
    trimLanes(lanes)
  }
  return lines
}

function trimLanes(lanes: (string | null)[]): void {
  while (lanes.length > 0 && lanes.at(-1) === null) lanes.pop()
}

/** The first free lane right of `after`, or a new one at the end. */
function freeLane(lanes: (string | null)[], after: number): number {
  const index = lanes.findIndex((id, i) => i > after && id === null)
  if (index !== -1) return index
  lanes.push(null)
  return lanes.length - 1
}

/** Lanes `joining` end in `column`: `|/`, or `|_|/` when they cross other lanes. */
function joinLine(lanes: readonly (string | null)[], column: number, joining: number[]): string {
  const chars = laneChars(lanes)
  const last = Math.max(...joining)
  for (let at = 2 * column + 1; at < 2 * last; at += 1) if (chars[at] === ' ') chars[at] = '_'
  for (const index of joining) {
    // A lane that ends here still carries the line of a lane joining from further right.
    chars[2 * index] = index === last ? ' ' : '_'
    chars[2 * index - 1] = '/'
  }
  return chars.join('').trimEnd()
}

/** New lanes `added` start from `column`: `|\`, or `|_|\` when they cross other lanes. */
function forkLine(lanes: readonly (string | null)[], column: number, added: number[]): string {
  const chars = laneChars(lanes)
  const last = Math.max(...added)
  for (const index of added) chars[2 * index] = index === last ? ' ' : '_'
  for (let at = 2 * column + 1; at < 2 * last; at += 1) if (chars[at] === ' ') chars[at] = '_'
  for (const index of added) chars[2 * index - 1] = '\\'
  return chars.join('').trimEnd()
}

function laneChars(lanes: readonly (string | null)[]): string[] {
  return lanes.flatMap((id, index) => [...(index > 0 ? [' '] : []), id === null ? ' ' : '|'])
}
