/**
 * A cache of what reading the revision files found — each file's metadata and checksum —
 * so that a command on a project of thousands of revisions reads one JSON file and stats
 * the files instead of reading and parsing every one of them.
 *
 * It lives in `node_modules/.cache/stratum/` (the nearest `node_modules` folder above the
 * first version path, where jiti and other tools keep their caches too): never committed,
 * nothing to add to `.gitignore`. Without a `node_modules` folder nothing is cached.
 *
 * An entry is used only while the file's size, modification time and change time are
 * the ones it was read with; anything else reads the file again. A file changed less
 * than {@link RACY_MS} before the cache is written is not stored: a second edit within
 * the same clock tick, of the same size, could not be told apart (git's "racy" entries).
 * A missing, unreadable, corrupt or foreign cache is ignored, and so is a failed write
 * (a read-only folder): the cache can only make reading faster, never change its result.
 */
import { createHash } from 'node:crypto'
import type { Stats } from 'node:fs'
import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'
import type { RevisionMeta } from '../revision/meta.js'

/**
 * Bump when what a cache entry means changes: the metadata reader's output, the checksum,
 * or the layout below. A cache written by another format (or Stratum version) is ignored.
 */
const FORMAT = 1

/** How close to the write a file's change time may be and still be stored (ms). */
export const RACY_MS = 2_000

/** `[size, mtimeMs, ctimeMs, checksum, revision, downRevisions, branchLabels, dependsOn, message]` */
type Entry = [number, number, number, string, string, string[], string[], string[], string]

interface CacheFile {
  readonly format: string
  readonly files: Record<string, unknown>
}

/** What the cache knows about a file whose stat is unchanged. */
export interface CachedRevision {
  readonly meta: RevisionMeta
  readonly checksum: string
}

/**
 * The cache of one set of version paths. `open` never throws; `save` never throws.
 *
 * @example
 * const cache = RevisionCache.open(cacheFileFor(['/app/migrations/versions'], false))
 * const stat = statSync(path)
 * const hit = cache.get(path, stat) ?? parse(path)
 * cache.save()
 */
export class RevisionCache {
  readonly file: string | undefined
  readonly #root: string
  readonly #format: string
  readonly #loaded: Record<string, unknown>
  // No prototype: keys are file paths.
  readonly #next: Record<string, Entry> = Object.create(null)
  readonly #loadedCount: number
  #reused = 0
  #added = 0

  private constructor(file: string | undefined, format: string, loaded: Record<string, unknown>) {
    this.file = file
    // Keys are relative to the folder that holds node_modules (the project, usually):
    // shorter, and the same wherever the project is checked out.
    const modules = file?.lastIndexOf(`${sep}node_modules${sep}`) ?? -1
    this.#root =
      file === undefined ? '' : modules === -1 ? dirname(file) + sep : file.slice(0, modules + 1)
    this.#format = format
    this.#loaded = loaded
    this.#loadedCount = Object.keys(loaded).length
  }

  /**
   * Reads the cache file (`undefined`: no cache, every lookup misses and `save` does nothing).
   *
   * @example
   * const cache = RevisionCache.open('/app/node_modules/.cache/stratum/revisions-1f2e.json')
   */
  static open(file: string | undefined): RevisionCache {
    const format = `${FORMAT}:${toolVersion()}`
    if (file === undefined) return new RevisionCache(undefined, format, {})
    let loaded: Record<string, unknown> = {}
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<CacheFile> | null
      const files = parsed?.files
      if (parsed?.format === format && typeof files === 'object' && files !== null) loaded = files
    } catch {
      // No cache yet, or one that cannot be read or parsed: start empty.
    }
    return new RevisionCache(file, format, loaded)
  }

  /**
   * The cached metadata and checksum of `path`, when its stat is the one they were read
   * with; `undefined` otherwise (read the file, then `set`). A hit is kept for `save`.
   *
   * @example
   * cache.get('/app/migrations/versions/a1.ts', statSync('/app/migrations/versions/a1.ts'))
   */
  get(path: string, stat: Stats): CachedRevision | undefined {
    const key = this.#key(path)
    const entry = Object.hasOwn(this.#loaded, key) ? this.#loaded[key] : undefined
    if (!isEntry(entry)) return undefined
    if (entry[0] !== stat.size || entry[1] !== stat.mtimeMs || entry[2] !== stat.ctimeMs) {
      return undefined
    }
    this.#next[key] = entry
    this.#reused++
    return {
      meta: {
        revision: entry[4],
        downRevisions: entry[5],
        branchLabels: entry[6],
        dependsOn: entry[7],
        message: entry[8],
        path,
      },
      checksum: entry[3],
    }
  }

  /**
   * Records what reading `path` found, with the stat taken before it was read.
   *
   * @example
   * cache.set(path, stat, { meta, checksum })
   */
  set(path: string, stat: Stats, found: CachedRevision): void {
    if (this.file === undefined) return
    // Racy: a later edit of the same size could keep this very stat.
    if (Math.max(stat.mtimeMs, stat.ctimeMs) > Date.now() - RACY_MS) return
    const { meta, checksum } = found
    this.#next[this.#key(path)] = [
      stat.size,
      stat.mtimeMs,
      stat.ctimeMs,
      checksum,
      meta.revision,
      [...meta.downRevisions],
      [...meta.branchLabels],
      [...meta.dependsOn],
      meta.message,
    ]
    this.#added++
  }

  /**
   * Writes the entries used or set since `open` (files no longer listed drop out), when
   * they differ from what was read. Atomic (a temporary file, then a rename), so another
   * process never reads half a cache; a failure leaves the cache as it was.
   *
   * @example
   * cache.save()
   */
  save(): void {
    const file = this.file
    if (file === undefined) return
    if (this.#added === 0 && this.#reused === this.#loadedCount) return
    const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`
    try {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(temporary, JSON.stringify({ format: this.#format, files: this.#next }))
      renameSync(temporary, file)
    } catch {
      try {
        unlinkSync(temporary)
      } catch {
        // Never written.
      }
    }
  }

  #key(path: string): string {
    return path.startsWith(this.#root) ? path.slice(this.#root.length) : path
  }
}

/**
 * Where the cache of these version paths lives: `node_modules/.cache/stratum/` in the
 * nearest folder above the first version path that has a `node_modules` folder, in a file
 * named after the version paths; `undefined` when there is none.
 *
 * @example
 * cacheFileFor(['/app/migrations/versions'], false)
 * // '/app/node_modules/.cache/stratum/revisions-5d41402abc4b2a76.json'
 */
export function cacheFileFor(
  versionPaths: readonly string[],
  recursive: boolean,
): string | undefined {
  const first = versionPaths[0]
  if (first === undefined) return undefined
  const folders = versionPaths.map((path) => resolve(path))
  const name = createHash('sha256')
    .update(JSON.stringify([folders, recursive]))
    .digest('hex')
    .slice(0, 16)
  let folder = folders[0]!
  for (;;) {
    const modules = join(folder, 'node_modules')
    if (statSync(modules, { throwIfNoEntry: false })?.isDirectory()) {
      return join(modules, '.cache', 'stratum', `revisions-${name}.json`)
    }
    const parent = dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}

function isEntry(value: unknown): value is Entry {
  return (
    Array.isArray(value) &&
    value.length === 9 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    typeof value[2] === 'number' &&
    typeof value[3] === 'string' &&
    typeof value[4] === 'string' &&
    isStrings(value[5]) &&
    isStrings(value[6]) &&
    isStrings(value[7]) &&
    typeof value[8] === 'string'
  )
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string')
}

let version: string | undefined

/** Stratum's version: a cache written by another version is not trusted. */
function toolVersion(): string {
  if (version === undefined) {
    try {
      const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
      version = String((JSON.parse(text) as { version?: unknown }).version)
    } catch {
      version = 'unknown'
    }
  }
  return version
}
