/**
 * Loading a revision file to run it: its `upgrade` and `downgrade` functions and its
 * `transactional` flag. Reading the graph never comes here; only runs do.
 */
import { readFileSync } from 'node:fs'
import { RevisionFileError } from '../errors.js'
import type { RevisionMeta } from '../revision/meta.js'
import { importModule, stratumApi } from '../script/load-module.js'
import { checksumOf } from './checksums.js'
import type { MigrationContext } from './context.js'
import { evaluateFast } from './fast-module.js'

/** A revision's `upgrade` or `downgrade`. */
export type MigrationFunction = (context: MigrationContext) => Promise<void> | void

/** A loaded revision file. */
export interface RevisionModule {
  readonly revision: string
  readonly path: string
  readonly message: string
  readonly upgrade: MigrationFunction
  /** Undefined when the file exports no `downgrade`: the revision is irreversible. */
  readonly downgrade: MigrationFunction | undefined
  /** False when the file says `export const transactional = false`. */
  readonly transactional: boolean
  /** The checksum of the file's text as loaded (see `checksumOf`). */
  readonly checksum: string
}

function problem(meta: RevisionMeta, text: string, cause?: unknown): RevisionFileError {
  return new RevisionFileError(meta.path, undefined, text, cause === undefined ? {} : { cause })
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.trim().replace(/\s*\n\s*/g, ' ')
}

/**
 * Loads the revision file of `meta` and checks its exports: an async `upgrade` function
 * (required), `downgrade` (optional: without it the revision is irreversible) and
 * `transactional` (a boolean, default `true`). The common shape of a revision file loads
 * without a transpiler (see `fast-module.ts`); anything else goes through jiti. Throws a
 * `RevisionFileError` naming the file.
 *
 * @example
 * const module = await loadRevisionModule(graph.get('3f2a9c1b7d4e'))
 * await module.upgrade(context)
 */
export async function loadRevisionModule(meta: RevisionMeta): Promise<RevisionModule> {
  let source: string
  try {
    // Synchronous on purpose: a thousand small files read faster without the thread pool.
    source = readFileSync(meta.path, 'utf8')
  } catch (error) {
    throw problem(meta, `cannot be read: ${oneLine(error)}`, error)
  }
  let namespace: Record<string, unknown> | undefined
  try {
    namespace =
      (await evaluateFast(source, meta.path, stratumApi)) ??
      (await importModule(meta.path, { fresh: true }))
  } catch (error) {
    throw problem(meta, `loading failed: ${oneLine(error)}`, error)
  }
  const { upgrade, downgrade, transactional } = namespace
  if (typeof upgrade !== 'function') {
    throw problem(meta, "does not export an async function 'upgrade'")
  }
  if (downgrade !== undefined && downgrade !== null && typeof downgrade !== 'function') {
    throw problem(meta, "exports 'downgrade', but it is not a function")
  }
  if (transactional !== undefined && typeof transactional !== 'boolean') {
    throw problem(meta, "exports 'transactional', but it is not true or false")
  }
  return Object.freeze({
    revision: meta.revision,
    path: meta.path,
    message: meta.message,
    upgrade: upgrade as MigrationFunction,
    downgrade: typeof downgrade === 'function' ? (downgrade as MigrationFunction) : undefined,
    transactional: transactional !== false,
    checksum: checksumOf(source),
  })
}

/**
 * Loads several revision files, in order (the first that fails throws).
 *
 * @example
 * const modules = await loadRevisionModules(plan.map((step) => graph.get(step.revision)))
 */
export async function loadRevisionModules(
  metas: readonly RevisionMeta[],
): Promise<RevisionModule[]> {
  const result: RevisionModule[] = []
  for (const meta of metas) result.push(await loadRevisionModule(meta))
  return result
}
