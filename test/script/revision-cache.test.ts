/**
 * The cache of what reading revision files found: used only while a file's stat is
 * unchanged, never trusted over an edit, and never able to break reading (corrupt,
 * foreign or unwritable caches are ignored).
 */
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { RevisionFileError } from '../../src/errors.js'
import { checksumOf } from '../../src/script/checksum.js'
import { cacheFileFor, RACY_MS, RevisionCache } from '../../src/script/revision-cache.js'
import { readRevisions, scanRevisions } from '../../src/script/script-directory.js'

function source(revision: string, down: string | null, message = `Revision ${revision}`): string {
  const parent = down === null ? 'null' : `'${down}'`
  return `/** ${message} */\nexport const revision = '${revision}'\nexport const downRevision = ${parent}\n`
}

// d.ts goes in the last test (so it is old enough to be cached, like the others).
const FILES: Record<string, string> = {
  'a.ts': source('a', null),
  'b.ts': source('b', 'a'),
  'c.ts': source('c', 'b'),
  'd.ts': source('d', 'c'),
}
const KEYS = Object.keys(FILES).map((name) => `migrations/versions/${name}`)

let root: string
let project: string
let versions: string
let cacheFile: string
const options = () => ({ versionPaths: [versions], recursive: false, cache: true })

/** The cache file's entries, by key (the path relative to the project). */
function entries(): Record<string, unknown[]> {
  return (JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, unknown[]> }).files
}

/** Rewrites the cached message of `name` (entries keep the file's stat), to see hits. */
function doctorMessage(name: string, message: string): void {
  const text = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
    files: Record<string, unknown[]>
  }
  text.files[`migrations/versions/${name}`]![8] = message
  writeFileSync(cacheFile, JSON.stringify(text))
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stratum-cache-'))
  project = join(root, 'app')
  versions = join(project, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  mkdirSync(join(project, 'node_modules'))
  for (const [name, text] of Object.entries(FILES)) writeFileSync(join(versions, name), text)
  cacheFile = cacheFileFor([versions], false)!
  // Files changed within RACY_MS of a cache write are not stored: let these age.
  await sleep(RACY_MS + 100)
})

afterAll(() => rmSync(root, { recursive: true, force: true }))

beforeEach(() => rmSync(join(project, 'node_modules', '.cache'), { recursive: true, force: true }))

describe('revision cache', () => {
  it('lives in the nearest node_modules/.cache/stratum, named after the version paths', () => {
    expect(dirname(cacheFile)).toBe(join(project, 'node_modules', '.cache', 'stratum'))
    expect(
      cacheFileFor([join(versions, '.'), join(project, 'migrations', 'versions')], false),
    ).toBe(cacheFileFor([versions, versions], false))
    expect(cacheFileFor([versions], true)).not.toBe(cacheFile)
    expect(cacheFileFor([join(project, 'migrations')], false)).not.toBe(cacheFile)
    expect(cacheFileFor([join(root, 'elsewhere')], false)).toBeUndefined()
    expect(cacheFileFor([], false)).toBeUndefined()
  })

  it('reads the same as without a cache, then answers from the cache', () => {
    const plain = readRevisions({ versionPaths: [versions], recursive: false })
    const first = scanRevisions(options())
    expect(first.metas).toEqual(plain)
    expect(first.checksums.get(join(versions, 'b.ts'))).toBe(checksumOf(FILES['b.ts']!))
    expect(Object.keys(entries()).sort()).toEqual(KEYS)
    doctorMessage('b.ts', 'from the cache')
    const second = scanRevisions(options())
    expect(second.metas[1]).toEqual({ ...plain[1], message: 'from the cache' })
    expect(second.checksums).toEqual(first.checksums)
    // Without `cache` nothing is read from it.
    expect(readRevisions({ versionPaths: [versions], recursive: false })[1]!.message).toBe(
      'Revision b',
    )
  })

  it('does not write the cache again when nothing changed', () => {
    scanRevisions(options())
    const written = statSync(cacheFile).mtimeMs
    scanRevisions(options())
    expect(statSync(cacheFile).mtimeMs).toBe(written)
  })

  it('reads a file again after an edit of the same size, and does not store it while racy', () => {
    const path = join(versions, 'c.ts')
    try {
      scanRevisions(options())
      doctorMessage('c.ts', 'stale')
      const edited = source('c', 'a', 'Revision C')
      expect(edited.length).toBe(FILES['c.ts']!.length)
      writeFileSync(path, edited)
      const { metas, checksums } = scanRevisions(options())
      expect(metas[2]).toMatchObject({ revision: 'c', downRevisions: ['a'], message: 'Revision C' })
      expect(checksums.get(path)).toBe(checksumOf(edited))
      // Changed just now: a second edit in the same clock tick could keep this stat.
      expect(entries()['migrations/versions/c.ts']).toBeUndefined()
      expect(entries()['migrations/versions/a.ts']).toBeDefined()
    } finally {
      writeFileSync(path, FILES['c.ts']!)
    }
  })

  it('ignores a corrupt, foreign or malformed cache and replaces it', () => {
    const plain = readRevisions({ versionPaths: [versions], recursive: false })
    scanRevisions(options())
    const stored = Object.keys(entries()).sort()
    const junk = [
      '{"format": "1:0.1.0", "files": {"migrations/versions/a.ts": [1, 2',
      '\u0000\u0001 not json',
      'null',
      '[]',
      JSON.stringify({ format: 'another', files: {} }),
    ]
    for (const text of junk) {
      writeFileSync(cacheFile, text)
      expect(scanRevisions(options()).metas).toEqual(plain)
      expect(Object.keys(entries()).sort()).toEqual(stored)
    }
    // Entries of the wrong shape are misses, whatever their stat says.
    const valid = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
      files: Record<string, unknown[]>
    }
    const key = 'migrations/versions/a.ts'
    const [size, mtime, ctime] = valid.files[key]!
    valid.files[key] = [size, mtime, ctime, 'x', 42, 'not a list', [], [], 'm']
    writeFileSync(cacheFile, JSON.stringify(valid))
    expect(scanRevisions(options()).metas).toEqual(plain)
  })

  it('works in a read-only folder, and leaves no temporary file behind', () => {
    const plain = readRevisions({ versionPaths: [versions], recursive: false })
    const folder = dirname(cacheFile)
    mkdirSync(folder, { recursive: true })
    chmodSync(folder, 0o555)
    try {
      expect(scanRevisions(options()).metas).toEqual(plain)
      expect(scanRevisions(options()).metas).toEqual(plain)
    } finally {
      chmodSync(folder, 0o755)
    }
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
    // Root may write anyway: a folder where the cache file should be cannot be replaced
    // by anyone.
    rmSync(folder, { recursive: true, force: true })
    mkdirSync(cacheFile, { recursive: true })
    expect(scanRevisions(options()).metas).toEqual(plain)
    expect(statSync(cacheFile).isDirectory()).toBe(true)
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('never caches a malformed file', () => {
    const bad = join(versions, 'e.ts')
    writeFileSync(bad, "export const revision = 'e'\nexport const downRevision = E\n")
    try {
      expect(() => scanRevisions(options())).toThrow(RevisionFileError)
      expect(() => scanRevisions(options())).toThrow(`${bad}:2: downRevision must be null`)
    } finally {
      rmSync(bad, { force: true })
    }
    expect(scanRevisions(options()).metas).toHaveLength(4)
  })

  it.skipIf(cacheFileFor([tmpdir()], false) !== undefined)(
    'without node_modules reads every file and writes nothing',
    () => {
      const bare = mkdtempSync(join(tmpdir(), 'stratum-nocache-'))
      try {
        writeFileSync(join(bare, 'a.ts'), source('a', null))
        const scan = scanRevisions({ versionPaths: [bare], recursive: false, cache: true })
        expect(scan.metas.map((meta) => meta.revision)).toEqual(['a'])
        expect(readdirSync(bare)).toEqual(['a.ts'])
      } finally {
        rmSync(bare, { recursive: true, force: true })
      }
    },
  )

  it('RevisionCache without a file caches nothing', () => {
    const cache = RevisionCache.open(undefined)
    const path = join(versions, 'a.ts')
    const stat = statSync(path)
    cache.set(path, stat, { meta: readRevisions(options())[0]!, checksum: 'x' })
    expect(cache.get(path, stat)).toBeUndefined()
    cache.save()
  })

  // Last: it deletes d.ts.
  it('drops a deleted file from the cache and reads an added one', () => {
    scanRevisions(options())
    expect(entries()['migrations/versions/d.ts']).toBeDefined()
    rmSync(join(versions, 'd.ts'))
    const added = join(versions, 'e.ts')
    writeFileSync(added, source('e', 'c'))
    const { metas, checksums } = scanRevisions(options())
    expect(metas.map((meta) => meta.revision)).toEqual(['a', 'b', 'c', 'e'])
    expect(checksums.has(join(versions, 'd.ts'))).toBe(false)
    expect(checksums.get(added)).toBe(checksumOf(source('e', 'c')))
    expect(entries()['migrations/versions/d.ts']).toBeUndefined()
    rmSync(added)
    expect(scanRevisions(options()).metas.map((meta) => meta.revision)).toEqual(['a', 'b', 'c'])
  })
})
