import type { ResolvedConfig } from '../config/types.js'
import { MigrationCreationError, MultipleHeadsError } from '../errors.js'
import { type RevisionGraph, resolveRevisions } from '../revision/index.js'
import {
  type CreatedRevision,
  createRevision,
  type RevisionContent,
  resolveDependsOn,
} from './create-revision.js'
import { loadGraph } from './load-graph.js'

/** Options of {@link revision}. */
export interface RevisionOptions {
  readonly config: ResolvedConfig
  /** The message (`-m`): the first line of the doc comment and the file name's slug. */
  readonly message?: string | undefined
  /**
   * The parent(s), any identifier: `head` (the default), `base` for a new root, `label@head`,
   * an id or prefix, `heads`...
   */
  readonly head?: string | undefined
  /** Allow a parent that is not a head: start a new branch from it. */
  readonly splice?: boolean | undefined
  /** Branch labels the new revision declares. */
  readonly branchLabels?: string | readonly string[] | undefined
  /** Revisions or branch labels the new revision depends on (prefixes become full ids). */
  readonly dependsOn?: string | readonly string[] | undefined
  /** Use this id instead of a generated one. */
  readonly revId?: string | undefined
  /** The version folder to write into; needed with several version paths and a new root. */
  readonly versionPath?: string | undefined
  /** `-x` values, passed to the template. */
  readonly x?: Readonly<Record<string, string>> | undefined
  /** The working directory `versionPath` is resolved against (default `process.cwd()`). */
  readonly cwd?: string | undefined
  /** The creation date (default now). */
  readonly date?: Date | undefined
  /**
   * The bodies of `upgrade` and `downgrade` (and extra imports), or a function giving them,
   * called after every check passed and just before the file is written. Default: the
   * template's placeholder comments.
   */
  readonly bodies?: RevisionContent | (() => Promise<RevisionContent>) | undefined
}

/**
 * Write a new revision file on top of a head (Alembic's `revision` command).
 *
 * @example
 * const { revision: rev, path } = await revision({ config, message: 'add users' })
 * const root = await revision({ config, message: 'audit', head: 'base', branchLabels: 'audit' })
 */
export async function revision(options: RevisionOptions): Promise<CreatedRevision> {
  const loaded = await loadGraph(options.config)
  const { graph } = loaded
  const head = options.head ?? 'head'
  const parents = [...new Set(resolveParents(graph, head))]
  if (!options.splice) {
    for (const id of parents) {
      if (!graph.get(id).isHead) {
        throw new MigrationCreationError(
          'NOT_A_HEAD',
          `Revision ${id} is not a head; a new revision goes on top of a head`,
          { hint: `Pass --splice to start a new branch from ${id}.` },
        )
      }
    }
  }
  return createRevision({
    config: options.config,
    loaded,
    parents,
    message: options.message,
    revId: options.revId,
    branchLabels: list(options.branchLabels),
    dependsOn: resolveDependsOn(graph, list(options.dependsOn)),
    versionPath: options.versionPath,
    cwd: options.cwd,
    x: options.x,
    date: options.date,
    bodies: options.bodies,
  })
}

function resolveParents(graph: RevisionGraph, head: string): readonly string[] {
  try {
    return resolveRevisions(graph, head)
  } catch (error) {
    if (error instanceof MultipleHeadsError && head === 'head') {
      throw new MigrationCreationError(
        'MULTIPLE_HEADS',
        `Multiple heads are present (${error.heads.join(', ')}); choose the parent of the new revision`,
        {
          hint: "Pass --head REV (e.g. '<label>@head'), or merge them first with 'stratum merge heads -m MESSAGE'.",
          cause: error,
        },
      )
    }
    throw error
  }
}

function list(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : [...value]
}
