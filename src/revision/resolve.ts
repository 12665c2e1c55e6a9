/**
 * The identifier grammar: turns `head`, `heads`, `base`, ids, prefixes, labels,
 * `label@head`, `rev@heads`, relative steps (`-1`, `head-2`, `label@+1`) and `current`
 * into full revision ids, and `A:B` ranges into the revisions between them.
 */
import { MultipleHeadsError, RevisionResolutionError } from '../errors.js'
import type { Revision, RevisionGraph } from './graph.js'
import { type ParsedIdentifier, parseIdentifier, parseRange } from './identifier.js'
import { type Branch, branchRevision, checkRows, lookupRevision } from './lookup.js'
import { ancestorsOf, descendantsOf, lineageOf, sortByPosition } from './traverse.js'
import { walk } from './walk.js'

export { parseRange } from './identifier.js'

/** What identifiers may be resolved against besides the graph. */
export interface ResolveOptions {
  /** The database's version-table rows; needed by `current`, `+N`, `-N`, `label@+N`... */
  readonly current?: readonly string[] | undefined
}

/** A resolved identifier, with what the planners need to know about how it was written. */
export interface ResolvedTarget {
  /** Full ids; empty for base. */
  readonly revisions: readonly string[]
  /** The branch named by `X@...`, if any. */
  readonly branch: Branch | undefined
  /** Set for a step relative to the current rows (`+1`, `label@-2`): its direction. */
  readonly relativeToCurrent: 'up' | 'down' | undefined
}

/**
 * Resolves one identifier to full revision ids; `[]` means base.
 *
 * @example
 * resolveRevisions(graph, 'heads') // ['ae1027a6acf', '27c6a30d7c24']
 * resolveRevisions(graph, 'shoppingcart@head-1')
 * resolveRevisions(graph, '-1', { current: ['ae1027a6acf'] }) // ['1975ea83b712']
 */
export function resolveRevisions(
  graph: RevisionGraph,
  identifier: string,
  options: ResolveOptions = {},
): readonly string[] {
  return resolveTarget(graph, identifier, options).revisions
}

/**
 * Resolves an identifier that must name one revision (or base, returned as `null`);
 * throws `MultipleHeadsError` when it names several.
 *
 * @example
 * resolveRevision(graph, 'head') // '3f2a9c1b7d4e'
 * resolveRevision(graph, 'base') // null
 */
export function resolveRevision(
  graph: RevisionGraph,
  identifier: string,
  options: ResolveOptions = {},
): string | null {
  const revisions = resolveRevisions(graph, identifier, options)
  if (revisions.length > 1) throw new MultipleHeadsError(revisions, identifier)
  return revisions[0] ?? null
}

/**
 * Resolves an identifier and reports the branch and relative direction it was written with.
 *
 * @example
 * resolveTarget(graph, 'shoppingcart@base').branch?.revision // the label's revision
 */
export function resolveTarget(
  graph: RevisionGraph,
  identifier: string,
  options: ResolveOptions = {},
): ResolvedTarget {
  const parsed = parseIdentifier(identifier)
  const branch = parsed.branch === undefined ? undefined : makeBranch(graph, parsed.branch)
  if (parsed.relative === undefined) {
    return {
      revisions: resolveSymbol(graph, parsed, branch, options),
      branch,
      relativeToCurrent: undefined,
    }
  }
  if (parsed.symbol === '') {
    const rows = currentRows(graph, identifier, options)
    const end =
      parsed.relative > 0
        ? walkUpFromCurrent(graph, { parsed, branch, rows })
        : walkDownFromCurrent(graph, { parsed, branch, rows })
    return {
      revisions: end === null ? [] : [end],
      branch,
      relativeToCurrent: parsed.relative > 0 ? 'up' : 'down',
    }
  }
  const start = resolveSymbol(graph, parsed, branch, options)
  if (start.length > 1) throw new MultipleHeadsError(start, parsed.symbol)
  const end = walk(graph, {
    from: start[0] ?? null,
    steps: parsed.relative,
    lineage: branch?.lineage,
    identifier,
    relativeText: parsed.relativeText!,
  })
  return { revisions: end === null ? [] : [end], branch, relativeToCurrent: undefined }
}

/**
 * The revisions of a range, newest first, as `history -r A:B` lists them: the ancestors
 * of B (through parents and dependencies) that descend from A, both ends included. A
 * missing lower end is base, a missing upper end is `heads`. Throws
 * `RevisionResolutionError` when A is not an ancestor of B.
 *
 * @example
 * historyRange(graph, 'ae10:head').map((r) => r.revision)
 * historyRange(graph, 'current:', { current: rows })
 */
export function historyRange(
  graph: RevisionGraph,
  range: string,
  options: ResolveOptions = {},
): readonly Revision[] {
  const { lower, upper } = parseRange(range)
  const top = upper === undefined ? graph.realHeads() : resolveRevisions(graph, upper, options)
  const bottom = lower === undefined ? [] : resolveRevisions(graph, lower, options)
  const selected = ancestorsOf(graph, top)
  for (const id of bottom) {
    if (!selected.has(id)) {
      throw new RevisionResolutionError(
        `Revision ${id} is not an ancestor of ${top.length === 0 ? 'base' : top.join(', ')} (range '${range}')`,
      )
    }
  }
  if (bottom.length > 0) {
    const above = descendantsOf(graph, bottom, { dependencies: false })
    for (const id of selected) if (!above.has(id)) selected.delete(id)
  }
  return sortByPosition(graph, selected, 'desc').map((id) => graph.get(id))
}

function makeBranch(graph: RevisionGraph, name: string): Branch {
  const revision = branchRevision(graph, name)
  return { name, revision, lineage: lineageOf(graph, revision) }
}

function currentRows(
  graph: RevisionGraph,
  identifier: string,
  options: ResolveOptions,
): readonly string[] {
  if (options.current === undefined) {
    throw new RevisionResolutionError(
      `'${identifier}' is relative to the database's current revisions, which are not known here`,
      { hint: 'Give an absolute revision, or run the command against a database.' },
    )
  }
  return checkRows(graph, options.current)
}

function resolveSymbol(
  graph: RevisionGraph,
  parsed: ParsedIdentifier,
  branch: Branch | undefined,
  options: ResolveOptions,
): readonly string[] {
  const onBranch = (ids: readonly string[]) =>
    branch === undefined ? ids : ids.filter((id) => branch.lineage.has(id))
  switch (parsed.symbol) {
    case 'base':
      return []
    case 'heads':
      return branch === undefined ? graph.realHeads() : onBranch(graph.heads())
    case 'head': {
      const heads = onBranch(graph.heads())
      if (heads.length > 1) {
        throw new MultipleHeadsError(heads, branch === undefined ? 'head' : `${branch.name}@head`)
      }
      return heads
    }
    case 'current':
      return onBranch(currentRows(graph, parsed.text, options))
    default:
      return [lookupRevision(graph, parsed.symbol, branch)]
  }
}

interface FromCurrent {
  readonly parsed: ParsedIdentifier
  readonly branch: Branch | undefined
  readonly rows: readonly string[]
}

/** `+N` / `label@+N`: up from the one current revision on the branch (or base). */
function walkUpFromCurrent(graph: RevisionGraph, { parsed, branch, rows }: FromCurrent) {
  let start = rows
  if (branch !== undefined) {
    start = rows.filter((id) => branch.lineage.has(id))
    if (start.length === 0) {
      // The branch has no row of its own: start from the tips of what is applied on it,
      // e.g. the branch point it grows from.
      const applied = [...ancestorsOf(graph, rows)].filter((id) => branch.lineage.has(id))
      const below = new Set(applied.flatMap((id) => graph.requires(id)))
      start = applied.filter((id) => !below.has(id)).sort()
    }
  }
  if (start.length > 1) {
    throw new RevisionResolutionError(
      `Ambiguous upgrade from multiple current revisions (${start.join(', ')}) for '${parsed.text}'`,
      { hint: "Name a branch ('<label>@+N') or a revision ('<rev>+N')." },
    )
  }
  return walk(graph, {
    from: start[0] ?? null,
    steps: parsed.relative!,
    lineage: branch?.lineage,
    identifier: parsed.text,
    relativeText: parsed.relativeText!,
  })
}

/** `-N` / `label@-N`: down from the one current revision (on the branch). */
function walkDownFromCurrent(graph: RevisionGraph, { parsed, branch, rows }: FromCurrent) {
  let start = rows
  if (branch !== undefined) {
    start = rows.filter((id) => branch.lineage.has(id))
    if (start.length === 0) {
      // Rows elsewhere may imply revisions on this branch through dependencies: take the
      // topmost applied revision of each line and keep those on the branch.
      const applied = ancestorsOf(graph, rows)
      start = [...applied]
        .filter((id) => branch.lineage.has(id))
        .filter((id) => !graph.get(id).children.some((child) => applied.has(child)))
        .sort()
    }
    if (start.length === 0) {
      throw new RevisionResolutionError(
        `Relative revision ${parsed.relativeText} didn't produce ${-parsed.relative!} migrations: nothing on branch '${branch.name}' is applied`,
      )
    }
  } else if (rows.length === 0) {
    throw new RevisionResolutionError(
      `Relative revision ${parsed.relativeText} didn't produce ${-parsed.relative!} migrations: the database is at base`,
    )
  }
  if (start.length > 1) {
    throw new RevisionResolutionError(
      `'${parsed.text}' is ambiguous: the database is at several revisions (${start.join(', ')})`,
      { hint: "Name where to step down from: '<rev>-N' or '<label>@-N'." },
    )
  }
  return walk(graph, {
    from: start[0]!,
    steps: parsed.relative!,
    identifier: parsed.text,
    relativeText: parsed.relativeText!,
  })
}
