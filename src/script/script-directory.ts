import { type Dirent, readdirSync, realpathSync, type Stats, statSync } from 'node:fs'
import { resolve, sep } from 'node:path'
import { MigrationError } from '../errors.js'
import type { RevisionMeta } from '../revision/meta.js'
import { checksumOf } from './checksum.js'
import { readRevisionMeta, readRevisionSource } from './read-metadata.js'
import { type CachedRevision, cacheFileFor, RevisionCache } from './revision-cache.js'

/** Where revision files live. */
export interface ScriptDirectoryOptions {
  /** Folders holding revision files (absolute, or relative to the working directory). */
  versionPaths: readonly string[]
  /** Also read sub-folders of the version paths. */
  recursive: boolean
  /**
   * Keep what was read in `node_modules/.cache/stratum/` (when there is a `node_modules`
   * folder above the first version path) and reuse it for files that did not change (see
   * `revision-cache.ts`). Default `false`: every file is read.
   */
  cache?: boolean
}

/** What reading the revision files found. */
export interface RevisionScan {
  /** The metadata of every revision file, in the order of `listRevisionFiles`. */
  readonly metas: RevisionMeta[]
  /** The checksum (`checksumOf`) of each file, by path: of the text the metadata came from. */
  readonly checksums: ReadonlyMap<string, string>
}

const REVISION_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/
const DECLARATION_FILE = /\.d\.(?:ts|mts|cts)$/
// Folders that never hold revisions, even with recursive version paths.
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '__pycache__'])

/**
 * The revision files of the version paths, as sorted absolute paths: `.ts`, `.mts`,
 * `.cts`, `.js`, `.mjs` and `.cjs` files, without declaration files (`.d.ts`) and
 * dot-files; sub-folders only when `recursive`. A version path that does not exist is
 * a `MigrationError` with code `VERSION_PATH_MISSING`.
 *
 * @example
 * listRevisionFiles({ versionPaths: ['/app/migrations/versions'], recursive: false })
 * // ['/app/migrations/versions/20261126_1030-3f2a9c1b7d4e_add_users_table.ts', ...]
 */
export function listRevisionFiles(options: ScriptDirectoryOptions): string[] {
  const walk: Walk = { recursive: options.recursive, files: new Map(), folders: new Set() }
  for (const versionPath of options.versionPaths) {
    const folder = resolve(versionPath)
    const entries = readFolder(folder, true)
    const real = realpathSync(folder)
    if (walk.folders.has(real)) continue
    walk.folders.add(real)
    collect({ folder, real, entries }, walk)
  }
  return [...walk.files.values()].sort(byCodeUnit)
}

/**
 * Reads the metadata of every revision file of the version paths, statically (no
 * revision module runs). Throws the `RevisionFileError` of the first malformed file.
 *
 * @example
 * const metas = readRevisions({ versionPaths: config.versionPaths, recursive: false })
 */
export function readRevisions(options: ScriptDirectoryOptions): RevisionMeta[] {
  return scanRevisions(options).metas
}

/**
 * Reads the metadata and checksum of every revision file of the version paths, statically
 * (no revision module runs), from the cache for files whose stat did not change when
 * `cache` is set. Throws the `RevisionFileError` of the first malformed file.
 *
 * @example
 * const { metas, checksums } = scanRevisions({ versionPaths: config.versionPaths, recursive: false, cache: true })
 */
export function scanRevisions(options: ScriptDirectoryOptions): RevisionScan {
  const files = listRevisionFiles(options)
  const cache = RevisionCache.open(
    options.cache === true ? cacheFileFor(options.versionPaths, options.recursive) : undefined,
  )
  const metas: RevisionMeta[] = []
  const checksums = new Map<string, string>()
  for (const path of files) {
    // The stat comes before the read: a file changed in between is stored with the old
    // stat, so the next run reads it again.
    const stat = cache.file === undefined ? undefined : statOf(path)
    let found = stat === undefined ? undefined : cache.get(path, stat)
    if (found === undefined) {
      found = readRevision(path)
      if (stat !== undefined) cache.set(path, stat, found)
    }
    metas.push(found.meta)
    checksums.set(path, found.checksum)
  }
  cache.save()
  return { metas, checksums }
}

/** The file's stat; `undefined` when it cannot be taken (reading it then says why). */
function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false })
  } catch {
    return undefined
  }
}

function readRevision(path: string): CachedRevision {
  const source = readRevisionSource(path)
  return { meta: readRevisionMeta(source, path), checksum: checksumOf(source) }
}

interface Walk {
  readonly recursive: boolean
  /** Revision files by real path: a file reached twice (through a link) counts once. */
  readonly files: Map<string, string>
  /** Real paths of the folders read, so a symbolic link cannot loop. */
  readonly folders: Set<string>
}

interface Folder {
  readonly folder: string
  /** The folder's real path. */
  readonly real: string
  readonly entries: Dirent[]
}

function collect({ folder, real, entries }: Folder, walk: Walk): void {
  for (const entry of entries) {
    const name = entry.name
    if (name.startsWith('.')) continue
    const path = child(folder, name)
    let isFile = entry.isFile()
    let isFolder = entry.isDirectory()
    const isLink = entry.isSymbolicLink()
    if (isLink) {
      const target = statSync(path, { throwIfNoEntry: false })
      isFile = target?.isFile() ?? false
      isFolder = target?.isDirectory() ?? false
    }
    if (isFile) {
      if (!REVISION_FILE.test(name) || DECLARATION_FILE.test(name)) continue
      const key = isLink ? realpathSync(path) : child(real, name)
      const known = walk.files.get(key)
      if (known === undefined || path < known) walk.files.set(key, path)
    } else if (isFolder && walk.recursive && !SKIPPED_FOLDERS.has(name)) {
      const realSub = isLink ? realpathSync(path) : child(real, name)
      if (walk.folders.has(realSub)) continue
      walk.folders.add(realSub)
      collect({ folder: path, real: realSub, entries: readFolder(path, false) }, walk)
    }
  }
}

function readFolder(folder: string, isVersionPath: boolean): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (isVersionPath && (code === 'ENOENT' || code === 'ENOTDIR')) {
      const problem = code === 'ENOENT' ? 'does not exist' : 'is not a folder'
      throw new MigrationError('VERSION_PATH_MISSING', `Version path ${folder} ${problem}`, {
        hint: "Run 'stratum init' to create the migrations folder, or fix versionPaths in stratum.config.ts.",
        cause: error,
      })
    }
    throw new MigrationError('VERSION_PATH_UNREADABLE', `Cannot read folder ${folder} (${code})`, {
      cause: error,
    })
  }
}

// Folders here are already resolved, so plain concatenation is enough (and path.join,
// which normalizes, is measurably slower over thousands of files).
function child(folder: string, name: string): string {
  return folder.endsWith(sep) ? folder + name : folder + sep + name
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
