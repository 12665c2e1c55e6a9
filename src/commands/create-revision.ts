import { readFileSync } from 'node:fs'
import { dirname, join, normalize, relative, resolve } from 'node:path'
import type { ResolvedConfig } from '../config/types.js'
import {
  InvalidRevisionIdError,
  MigrationCreationError,
  MigrationNotFoundError,
} from '../errors.js'
import { nameProblem, type Revision, RevisionGraph, resolveRevision } from '../revision/index.js'
import type { RevisionMeta } from '../revision/meta.js'
import {
  checkRevisionId,
  newRevisionId,
  readRevisionMeta,
  writeRevisionFile,
} from '../script/index.js'
import { type PostWriteResult, runPostWrite } from '../script/post-write.js'
import type { LoadedGraph } from './load-graph.js'

/** A revision file just written, and the revision as the new graph sees it. */
export interface CreatedRevision {
  readonly revision: Revision
  /** Absolute path of the new file. */
  readonly path: string
  /** What each of the config's `postWrite` commands printed (`[]` without any). */
  readonly postWrite: readonly PostWriteResult[]
}

/** The parts of a revision file the template leaves open (`${upgrades}`, `${downgrades}`, `${imports}`). */
export interface RevisionContent {
  /** The body of `upgrade`; default: the template's placeholder comment. */
  readonly upgrades?: string | undefined
  /** The body of `downgrade`; default: the template's placeholder comment. */
  readonly downgrades?: string | undefined
  /** Extra import lines; default none. */
  readonly imports?: string | undefined
}

/** What {@link createRevision} writes. */
export interface CreateRevisionOptions {
  readonly config: ResolvedConfig
  readonly loaded: LoadedGraph
  /** Parents (full ids, already checked); empty for a new root. */
  readonly parents: readonly string[]
  readonly message?: string | undefined
  readonly revId?: string | undefined
  readonly branchLabels?: readonly string[] | undefined
  /** Dependencies, already resolved by {@link resolveDependsOn}. */
  readonly dependsOn?: readonly string[] | undefined
  /** The version folder to write into (see {@link chooseVersionPath}); default chosen here. */
  readonly versionPath?: string | undefined
  readonly cwd?: string | undefined
  readonly x?: Readonly<Record<string, string>> | undefined
  readonly date?: Date | undefined
  /**
   * The bodies, or a function giving them that runs once every check has passed, just
   * before the file is written (autogenerate compares the database then).
   */
  readonly bodies?: RevisionContent | (() => Promise<RevisionContent>) | undefined
}

/**
 * The shared core of `revision` and `merge` (Alembic's `generate_revision`): check the new id
 * and labels against the graph before anything is written, render the template into the
 * chosen version folder, run the config's `postWrite` commands on it (a failing one throws
 * `PostWriteError`; the file stays), read it back and return the revision from the new graph.
 */
export async function createRevision(options: CreateRevisionOptions): Promise<CreatedRevision> {
  const { config, loaded } = options
  const { graph, metas } = loaded
  const id = options.revId ?? freshId(graph)
  if (options.revId !== undefined) checkNewId(graph, options.revId)
  const branchLabels = unique(options.branchLabels ?? [])
  checkNewLabels(graph, branchLabels)
  const dependsOn = [...(options.dependsOn ?? [])]
  const message = options.message ?? 'empty message'
  const directory = chooseVersionPath({
    config,
    graph,
    parents: options.parents,
    requested: options.versionPath,
    cwd: options.cwd ?? process.cwd(),
  })
  // Build the graph with the new revision in memory first, so that no invalid file is written.
  const planned: RevisionMeta = {
    revision: id,
    downRevisions: [...options.parents],
    branchLabels,
    dependsOn,
    message,
    path: '',
  }
  RevisionGraph.build([...metas, planned])
  const bodies =
    typeof options.bodies === 'function' ? await options.bodies() : (options.bodies ?? {})

  const written = writeRevisionFile({
    directory,
    templatePath: join(config.migrations, 'script.ts.tmpl'),
    fileTemplate: config.fileTemplate,
    truncateSlugLength: config.truncateSlugLength,
    revision: id,
    message,
    downRevisions: [...options.parents],
    branchLabels,
    dependsOn,
    date: options.date,
    x: { ...options.x },
    ...definedContent(bodies),
  })
  const postWrite = await runPostWrite({
    commands: config.postWrite,
    path: written.path,
    cwd: config.rootDir,
  })
  // writeRevisionFile checked that the file reads back as planned; read it for its message
  // (as the postWrite commands left it).
  const meta =
    postWrite.length === 0
      ? readRevisionMeta(written.source, written.path)
      : readAfterPostWrite(written.path, id)
  const next = RevisionGraph.build([...metas, meta])
  return { revision: next.get(id), path: written.path, postWrite }
}

/** The new file's metadata after the `postWrite` commands ran: still the same revision. */
function readAfterPostWrite(path: string, id: string): RevisionMeta {
  const broken = (problem: string, cause?: unknown) =>
    new MigrationCreationError(
      'POST_WRITE_INVALID',
      `the revision file was written: ${path}; after the postWrite commands ${problem}`,
      { cause, hint: 'Check what the postWrite commands do to the file.' },
    )
  let meta: RevisionMeta
  try {
    meta = readRevisionMeta(readFileSync(path, 'utf8'), path)
  } catch (error) {
    throw broken(`it no longer reads: ${(error as Error).message}`, error)
  }
  if (meta.revision !== id) throw broken(`it declares revision '${meta.revision}', not '${id}'`)
  return meta
}

/**
 * Dependencies as a new revision records them: branch labels stay labels, prefixes and other
 * identifiers become full ids (as Alembic does).
 *
 * @example
 * resolveDependsOn(graph, ['ae10', 'accounts']) // ['ae1027a6acf', 'accounts']
 */
export function resolveDependsOn(graph: RevisionGraph, identifiers: readonly string[]): string[] {
  return unique(
    identifiers.map((dep) => {
      if (graph.labelOwner(dep) !== undefined) return dep
      const id = resolveRevision(graph, dep)
      if (id === null) {
        throw new MigrationNotFoundError(dep, `Dependency '${dep}' names no revision`)
      }
      return id
    }),
  )
}

/**
 * The version folder a new revision goes into: `requested` when it is one of the configured
 * version paths; otherwise the only version path; otherwise the folder of the first parent's
 * file. Starting a new root with several version paths needs an explicit choice.
 */
export function chooseVersionPath(options: {
  readonly config: ResolvedConfig
  readonly graph: RevisionGraph
  readonly parents: readonly string[]
  readonly requested?: string | undefined
  readonly cwd: string
}): string {
  const { config, requested } = options
  const known = config.versionPaths.map((path) => normalize(resolve(path)))
  if (requested !== undefined) {
    const candidates = [resolve(options.cwd, requested), resolve(config.rootDir, requested)]
    const match = candidates.map(normalize).find((path) => known.includes(path))
    if (match === undefined) {
      throw new MigrationCreationError(
        'UNKNOWN_VERSION_PATH',
        `'${requested}' is not one of the configured version paths (${known.join(', ')})`,
        { hint: 'Pass one of them to --version-path, or add the folder to versionPaths.' },
      )
    }
    return match
  }
  if (known.length === 1) return known[0]!
  for (const parent of options.parents) {
    const path = options.graph.get(parent).path
    if (!path) continue
    const folder = normalize(dirname(path))
    if (known.includes(folder)) return folder
    const owner = known.find((root) => !relative(root, folder).startsWith('..'))
    if (owner !== undefined) return config.recursiveVersionPaths ? folder : owner
  }
  throw new MigrationCreationError(
    'VERSION_PATH_REQUIRED',
    `Several version paths are configured (${known.join(', ')}); choose one for the new revision`,
    { hint: 'Pass --version-path DIR.' },
  )
}

/** The bodies that are set (the writer's options leave unset ones out). */
function definedContent(bodies: RevisionContent): {
  upgrades?: string
  downgrades?: string
  imports?: string
} {
  return {
    ...(bodies.upgrades === undefined ? {} : { upgrades: bodies.upgrades }),
    ...(bodies.downgrades === undefined ? {} : { downgrades: bodies.downgrades }),
    ...(bodies.imports === undefined ? {} : { imports: bodies.imports }),
  }
}

function freshId(graph: RevisionGraph): string {
  for (;;) {
    const id = newRevisionId()
    if (!graph.has(id)) return id
  }
}

function checkNewId(graph: RevisionGraph, id: string): void {
  checkRevisionId(id)
  if (graph.has(id)) {
    const existing = graph.get(id)
    const where = existing.path ? ` (${existing.path})` : ''
    throw new MigrationCreationError(
      'REVISION_EXISTS',
      `Revision id '${id}' already exists${where}`,
      { hint: 'Choose another --rev-id, or leave it out for a generated one.' },
    )
  }
}

function checkNewLabels(graph: RevisionGraph, labels: readonly string[]): void {
  for (const label of labels) {
    const problem = nameProblem(label)
    if (problem !== undefined) {
      throw new InvalidRevisionIdError(label, `Branch label '${label}' ${problem}`)
    }
    const owner = graph.labelOwner(label)
    if (owner !== undefined) {
      throw new MigrationCreationError(
        'BRANCH_LABEL_EXISTS',
        `Branch label '${label}' is already declared by revision ${owner}`,
        { hint: 'Choose another label; a label can be declared by one revision only.' },
      )
    }
    if (graph.has(label)) {
      throw new MigrationCreationError(
        'BRANCH_LABEL_EXISTS',
        `Branch label '${label}' is already a revision id`,
        { hint: 'Choose another label.' },
      )
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
