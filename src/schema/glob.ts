/**
 * A small glob matcher (Node 20 has no `fs.glob`): `*` (any characters but `/`), `?` (one
 * of them), `**` (any number of folders), `{a,b}` (alternatives, nested allowed) and `\`
 * to escape one of these characters. Other characters match themselves. When walking the
 * file system, `**` does not enter `node_modules`, folders whose name starts with a dot,
 * or symbolic links to folders (which could loop).
 */
import type { Dirent } from 'node:fs'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'

const MAGIC = /[*?{}]/

/** Paths use `/` here; Windows paths are converted (there `\` cannot be an escape). */
function slashes(pattern: string): string {
  return process.platform === 'win32' ? pattern.replaceAll('\\', '/') : pattern
}

/** Whether `pattern` has glob syntax (else it is a plain path). */
export function hasGlobSyntax(pattern: string): boolean {
  return MAGIC.test(slashes(pattern).replace(/\\./g, ''))
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0
  for (let at = open; at < pattern.length; at++) {
    const char = pattern[at]
    if (char === '\\') at++
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return at
  }
  return -1
}

/** Splits the inside of `{...}` at its top-level commas. */
function alternatives(inside: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let at = 0; at < inside.length; at++) {
    const char = inside[at]
    if (char === '\\') at++
    else if (char === '{') depth++
    else if (char === '}') depth--
    else if (char === ',' && depth === 0) {
      parts.push(inside.slice(start, at))
      start = at + 1
    }
  }
  parts.push(inside.slice(start))
  return parts
}

/**
 * Expands `{a,b}` alternatives into separate patterns (nested braces too). A brace
 * pair without a comma is kept as it is.
 *
 * @example
 * expandBraces('models/{users,billing/*}.ts') // ['models/users.ts', 'models/billing/*.ts']
 */
export function expandBraces(pattern: string): string[] {
  for (let open = 0; open < pattern.length; open++) {
    const char = pattern[open]
    if (char === '\\') {
      open++
      continue
    }
    if (char !== '{') continue
    const close = closingBrace(pattern, open)
    if (close === -1) return [pattern]
    const options = alternatives(pattern.slice(open + 1, close))
    if (options.length < 2) continue
    const before = pattern.slice(0, open)
    const after = pattern.slice(close + 1)
    return options.flatMap((option) => expandBraces(before + option + after))
  }
  return [pattern]
}

/** The regular expression source of one path segment without `**` or braces. */
function segmentSource(segment: string): string {
  let source = ''
  for (let at = 0; at < segment.length; at++) {
    const char = segment[at] ?? ''
    if (char === '\\' && at + 1 < segment.length) {
      source += escapeChar(segment[++at] ?? '')
    } else if (char === '*') source += '[^/]*'
    else if (char === '?') source += '[^/]'
    else source += escapeChar(char)
  }
  return source
}

function escapeChar(char: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(char) ? `\\${char}` : char
}

/** The regular expression source of a whole brace-free pattern. */
function patternSource(pattern: string): string {
  const segments = pattern.split('/')
  return segments
    .map((segment, position) => {
      const last = position === segments.length - 1
      if (segment === '**') return last ? '.*' : '(?:[^/]*/)*'
      return segmentSource(segment) + (last ? '' : '/')
    })
    .join('')
}

/**
 * A regular expression matching whole strings against a glob: file paths, or table names
 * (`audit_*`, `{tmp,scratch}_*`).
 *
 * @example
 * globToRegExp('/app/models/**\/*.ts').test('/app/models/billing/invoices.ts') // true
 * globToRegExp('audit_*').test('audit_log')                                      // true
 */
export function globToRegExp(pattern: string): RegExp {
  const sources = expandBraces(slashes(pattern)).map(patternSource)
  return new RegExp(`^(?:${sources.join('|')})$`)
}

/** Removes the escapes of a segment that has no glob syntax left. */
function withoutEscapes(segment: string): string {
  return segment.replace(/\\(.)/g, '$1')
}

async function entries(dir: string): Promise<Dirent[]> {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

async function kind(path: string, entry?: Dirent): Promise<'file' | 'dir' | 'link' | undefined> {
  if (entry?.isFile()) return 'file'
  if (entry?.isDirectory()) return 'dir'
  const stats = await stat(path).catch(() => undefined)
  if (stats === undefined) return undefined
  if (entry?.isSymbolicLink() && stats.isDirectory()) return 'link'
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'dir' : undefined
}

function walkable(entry: Dirent): boolean {
  return entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules'
}

/** Adds to `found` the files under `dir` that match `segments` from `index` on. */
async function walk(options: {
  readonly dir: string
  readonly segments: readonly string[]
  readonly index: number
  readonly found: Set<string>
}): Promise<void> {
  const { dir, segments, index, found } = options
  const segment = segments[index]
  if (segment === undefined) return
  const last = index === segments.length - 1
  if (segment === '**') {
    const list = await entries(dir)
    if (last) {
      for (const entry of list) {
        if ((await kind(join(dir, entry.name), entry)) === 'file') found.add(join(dir, entry.name))
      }
    } else {
      await walk({ ...options, index: index + 1 })
    }
    for (const entry of list.filter(walkable)) {
      await walk({ ...options, dir: join(dir, entry.name) })
    }
    return
  }
  const candidates = hasGlobSyntax(segment)
    ? (await entries(dir)).filter((entry) =>
        new RegExp(`^${segmentSource(segment)}$`).test(entry.name),
      )
    : [undefined]
  for (const entry of candidates) {
    const path = join(dir, entry?.name ?? withoutEscapes(segment))
    const type = await kind(path, entry)
    if (last && type === 'file') found.add(path)
    else if (!last && (type === 'dir' || type === 'link')) {
      await walk({ ...options, dir: path, index: index + 1 })
    }
  }
}

/**
 * The files matching an absolute glob, sorted. A pattern without glob syntax gives its
 * path when that is a file, else nothing.
 *
 * @example
 * await expandGlob('/app/models/**\/*.ts') // ['/app/models/billing/invoices.ts', '/app/models/users.ts']
 */
export async function expandGlob(pattern: string): Promise<string[]> {
  const found = new Set<string>()
  for (const expanded of expandBraces(slashes(pattern))) {
    const segments = expanded.split('/')
    const first = segments.findIndex(hasGlobSyntax)
    if (first === -1) {
      const path = withoutEscapes(expanded)
      if ((await kind(path)) === 'file') found.add(path)
      continue
    }
    const root = segments.slice(0, first).map(unescape).join('/') || '/'
    await walk({ dir: root, segments: segments.slice(first), index: 0, found })
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}
