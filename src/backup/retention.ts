/**
 * Retention: after a dump, only the newest `keep` dumps of that database (and of that kind,
 * full or schema-only) stay. Only files whose names Stratum writes are considered, so
 * nothing else in the folder is ever deleted; each dump goes with its checksum file.
 */
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { checksumPathOf } from './checksum.js'
import { type DumpName, parseDumpFileName } from './file-name.js'

/** What {@link pruneDumps} did. */
export interface PruneResult {
  /** The dumps deleted (absolute paths), oldest first. */
  readonly deleted: readonly string[]
  /** Dumps that should have gone but could not be deleted, with the reason. */
  readonly failed: readonly { readonly path: string; readonly reason: string }[]
}

/** Newest first: by time, then by the sequence number within one second. */
function newestFirst(a: DumpName, b: DumpName): number {
  return b.takenAt.getTime() - a.takenAt.getTime() || b.sequence - a.sequence
}

/**
 * The dumps in `folder` of `database` and kind (`schemaOnly`), newest first.
 *
 * @example
 * const dumps = await listDumps({ folder: '/app/migrations/dumps', database: 'shop', schemaOnly: false })
 */
export async function listDumps(options: {
  readonly folder: string
  readonly database: string
  readonly schemaOnly: boolean
}): Promise<{ readonly path: string; readonly name: DumpName }[]> {
  const found: { path: string; name: DumpName }[] = []
  for (const entry of await readdir(options.folder, { withFileTypes: true })) {
    if (!entry.isFile()) continue
    const name = parseDumpFileName(entry.name)
    if (name === undefined || name.database !== options.database) continue
    if (name.schemaOnly !== options.schemaOnly) continue
    found.push({ path: join(options.folder, entry.name), name })
  }
  return found.sort((a, b) => newestFirst(a.name, b.name))
}

/**
 * Deletes all but the newest `keep` dumps of `database` of one kind, with their checksum
 * files; `keep` undefined keeps everything. A file that cannot be deleted is reported, not
 * thrown: the new dump is complete either way.
 *
 * @example
 * const { deleted } = await pruneDumps({ folder, database: 'shop', schemaOnly: false, keep: 10 })
 */
export async function pruneDumps(options: {
  readonly folder: string
  readonly database: string
  readonly schemaOnly: boolean
  readonly keep: number | undefined
}): Promise<PruneResult> {
  if (options.keep === undefined) return { deleted: [], failed: [] }
  const dumps = await listDumps(options)
  const deleted: string[] = []
  const failed: { path: string; reason: string }[] = []
  for (const { path } of dumps.slice(options.keep).reverse()) {
    try {
      await rm(path)
      await rm(checksumPathOf(path), { force: true })
      deleted.push(path)
    } catch (error) {
      failed.push({ path, reason: (error as NodeJS.ErrnoException).code ?? String(error) })
    }
  }
  return { deleted, failed }
}
