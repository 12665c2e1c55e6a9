/**
 * Finding revisions by name: exact ids, branch labels, unique prefixes, and the
 * database's current rows.
 */
import {
  AmbiguousRevisionError,
  MigrationNotFoundError,
  RevisionResolutionError,
} from '../errors.js'
import type { RevisionGraph } from './graph.js'
import { RESERVED_NAMES } from './names.js'

/** A branch named by `X@...`: the revision whose lineage it is, and the set of that lineage. */
export interface Branch {
  /** The name as written before `@`. */
  readonly name: string
  /** The revision that declared the label, or the revision `X` names. */
  readonly revision: string
  /** Ancestors, descendants and the revision itself, through parent links. */
  readonly lineage: ReadonlySet<string>
}

/**
 * The revision `X` stands for in `X@...`: the owner of label `X`, else the revision with id
 * or unique prefix `X`.
 *
 * @example
 * branchRevision(graph, 'shoppingcart') // '27c6a30d7c24', the revision declaring the label
 */
export function branchRevision(graph: RevisionGraph, name: string): string {
  if (RESERVED_NAMES.has(name)) {
    throw new MigrationNotFoundError(name, `'${name}' cannot name a branch`, {
      hint: "Write '<label>@head' or '<revision>@head'.",
    })
  }
  const owner = graph.labelOwner(name)
  if (owner !== undefined) return owner
  if (graph.has(name)) return name
  const candidates = graph.matchPrefix(name)
  if (candidates.length > 1) throw new AmbiguousRevisionError(name, candidates)
  if (candidates.length === 0) {
    throw new MigrationNotFoundError(name, `No such branch or revision '${name}'`)
  }
  return candidates[0]!
}

/**
 * The revision a name denotes (exact id, then label, then unique prefix), optionally
 * required to lie on `branch`'s lineage.
 *
 * @example
 * lookupRevision(graph, 'ae10') // 'ae1027a6acf'
 */
export function lookupRevision(graph: RevisionGraph, name: string, branch?: Branch): string {
  let id: string | undefined
  if (graph.has(name)) id = name
  else id = graph.labelOwner(name)
  if (id === undefined) {
    const all = graph.matchPrefix(name)
    const candidates = branch === undefined ? all : all.filter((c) => branch.lineage.has(c))
    if (candidates.length > 1) throw new AmbiguousRevisionError(name, candidates)
    if (candidates.length === 1) return candidates[0]!
    if (all.length === 0) throw new MigrationNotFoundError(name)
    id = all.length === 1 ? all[0]! : name
  }
  if (branch !== undefined && !branch.lineage.has(id)) {
    throw new RevisionResolutionError(
      `Revision '${id}' is not a member of branch '${branch.name}'`,
      {
        hint: `Revisions on '${branch.name}' are the ancestors and descendants of '${branch.revision}'.`,
      },
    )
  }
  return id
}

/**
 * The version-table rows, checked against the graph and without repeats. Throws
 * `MigrationNotFoundError` for a row no revision file declares.
 *
 * @example
 * checkRows(graph, ['ae1027a6acf']) // ['ae1027a6acf']
 */
export function checkRows(graph: RevisionGraph, rows: readonly string[]): readonly string[] {
  for (const row of rows) {
    if (!graph.has(row)) {
      throw new MigrationNotFoundError(
        row,
        `The database is at revision '${row}', which no revision file declares`,
        { hint: "Restore the missing file, or reset the version table with 'stamp --purge'." },
      )
    }
  }
  return [...new Set(rows)]
}
