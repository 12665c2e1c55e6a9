import type { Revision } from '../revision/index.js'
import type { Colors } from './output.js'

/** What a one-line revision entry shows. */
export interface RevisionLineOptions {
  readonly colors: Colors
  /** Start with `parents -> ` (and the dependencies in parentheses). */
  readonly parents?: boolean
  /** `(head)` / `(effective head)`. */
  readonly headMarkers?: boolean
  /** `(branchpoint)` / `(mergepoint)`. */
  readonly treeMarkers?: boolean
  /** End with `, message`. */
  readonly message?: boolean
  /** The database's current revisions: those get `(current)` (`history --indicate-current`). */
  readonly current?: ReadonlySet<string> | undefined
}

/**
 * One revision on one line, in Alembic's familiar shape:
 * `ae1027a6acf -> 27c6a30d7c24 (shoppingcart) (head), add a column`.
 *
 * @example
 * formatRevisionLine(rev, { colors, parents: true, headMarkers: true, treeMarkers: true, message: true })
 */
export function formatRevisionLine(rev: Revision, options: RevisionLineOptions): string {
  const c = options.colors
  let text = c.yellow(rev.revision)
  if (options.parents) {
    const deps = rev.dependsOn.length > 0 ? ` (${rev.dependsOn.join(', ')})` : ''
    text = `${formatParents(rev, c)}${deps} -> ${text}`
  }
  if (rev.labels.length > 0) text += ` ${c.cyan(`(${rev.labels.join(', ')})`)}`
  const markers: string[] = []
  if (options.headMarkers) markers.push(...headMarkers(rev))
  if (options.current?.has(rev.revision)) markers.push('(current)')
  if (options.treeMarkers) markers.push(...treeMarkers(rev))
  if (markers.length > 0) text += ` ${c.green(markers.join(' '))}`
  if (options.message && rev.message !== '') text += `, ${rev.message}`
  return text
}

/**
 * Alembic's verbose block for `show` and `history --verbose`: `Rev:`, `Parent:` or `Merges:`,
 * `Depends on:`, `Branches into:`, `Branch names:`, `Path:`, then the message indented.
 * `current: true` adds `(current)` to the markers (`history --verbose --indicate-current`).
 *
 * @example
 * formatRevisionBlock(rev, { colors, path: 'migrations/versions/x.ts' })
 */
export function formatRevisionBlock(
  rev: Revision,
  options: { readonly colors: Colors; readonly path: string; readonly current?: boolean },
): string {
  const c = options.colors
  const markers = [...headMarkers(rev), ...treeMarkers(rev)]
  if (options.current) markers.push('(current)')
  const lines = [
    `Rev: ${c.yellow(rev.revision)}${markers.length > 0 ? ` ${c.green(markers.join(' '))}` : ''}`,
  ]
  lines.push(`${rev.isMergePoint ? 'Merges' : 'Parent'}: ${formatParents(rev, c)}`)
  if (rev.dependsOn.length > 0) lines.push(`Depends on: ${rev.dependsOn.join(', ')}`)
  if (rev.isBranchPoint) lines.push(`Branches into: ${rev.children.join(', ')}`)
  if (rev.labels.length > 0) lines.push(`Branch names: ${c.cyan(rev.labels.join(', '))}`)
  lines.push(`Path: ${options.path}`)
  if (rev.message !== '') lines.push('', ...rev.message.split('\n').map((line) => `    ${line}`))
  return lines.join('\n')
}

/** The machine-readable shape of a revision (`--json`); `path` as given (absolute). */
export interface RevisionJson {
  revision: string
  downRevisions: string[]
  branchLabels: string[]
  dependsOn: string[]
  resolvedDependsOn: string[]
  message: string
  path: string
  labels: string[]
  children: string[]
  dependents: string[]
  isHead: boolean
  isRealHead: boolean
  isBase: boolean
  isBranchPoint: boolean
  isMergePoint: boolean
}

/**
 * The `--json` object of a revision.
 *
 * @example
 * out.printJson(revisions.map(revisionToJson))
 */
export function revisionToJson(rev: Revision): RevisionJson {
  return {
    revision: rev.revision,
    downRevisions: [...rev.downRevisions],
    branchLabels: [...rev.branchLabels],
    dependsOn: [...rev.dependsOn],
    resolvedDependsOn: [...rev.resolvedDependsOn],
    message: rev.message,
    path: rev.path,
    labels: [...rev.labels],
    children: [...rev.children],
    dependents: [...rev.dependents],
    isHead: rev.isHead,
    isRealHead: rev.isRealHead,
    isBase: rev.isBase,
    isBranchPoint: rev.isBranchPoint,
    isMergePoint: rev.isMergePoint,
  }
}

function formatParents(rev: Revision, c: Colors): string {
  return rev.downRevisions.length === 0 ? c.dim('<base>') : rev.downRevisions.join(', ')
}

/** `(head)` for a real head; `(effective head)` for a versioned head something depends on. */
function headMarkers(rev: Revision): string[] {
  if (rev.isRealHead) return ['(head)']
  if (rev.isHead) return ['(effective head)']
  return []
}

function treeMarkers(rev: Revision): string[] {
  const markers: string[] = []
  if (rev.isBranchPoint) markers.push('(branchpoint)')
  if (rev.isMergePoint) markers.push('(mergepoint)')
  return markers
}
