/**
 * Dump file names: `<database>_<UTC time>[-<n>]_<revision>[.schema]<extension>`, e.g.
 * `shop_20261126T230501Z_3f2a9c1b7d4e.sql`. The revision is the database's current one when
 * the dump was taken (`base` when empty, several heads joined by `+`). Every part is
 * reduced to characters that are safe in a file name on every system, and the name reads
 * back with {@link parseDumpFileName}, which is how retention recognises its own files.
 */
import { basename, extname, resolve } from 'node:path'
import type { DatabaseUrl } from '../config/url.js'

/** The parts of a dump's file name. */
export interface DumpName {
  /** The database part (see {@link databaseLabel}). */
  readonly database: string
  /** When the dump was taken, to the second. */
  readonly takenAt: Date
  /** 1 for the first dump of that second; 2, 3... for later ones. */
  readonly sequence: number
  /** The revision part: `base`, an id, or ids joined by `+`. */
  readonly revision: string
  readonly schemaOnly: boolean
  /** The dialect's extension, dot included (`.sql`, `.db`, `.tar.gz`). */
  readonly extension: string
}

/** The most revision ids a name lists before it says how many more there are. */
const MAX_LISTED_REVISIONS = 4

const PATTERN =
  /^(?<database>.+)_(?<stamp>\d{8}T\d{6}Z)(?:-(?<sequence>[1-9]\d*))?_(?<revision>[A-Za-z0-9_+]+)(?<schema>\.schema)?(?<extension>(?:\.[A-Za-z0-9]+)+)$/

/** `text` with every character outside `[A-Za-z0-9._-]` replaced by `-`. */
function safe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '-')
}

/** A path's last part without its extension (`data/app.db` gives `app`). */
function fileStem(path: string): string {
  const name = basename(resolve(path))
  const extension = extname(name)
  return extension === '' ? name : name.slice(0, -extension.length)
}

/**
 * The database part of a dump's name: the database of a server URL (or its user when the
 * URL names none), the file or folder name of a SQLite or PGlite URL without its extension.
 *
 * @example
 * databaseLabel(parseUrl('postgres://app@db/shop')) // 'shop'
 * databaseLabel(parseUrl('sqlite:data/app.db'))    // 'app'
 */
export function databaseLabel(url: DatabaseUrl): string {
  const file = url.path === undefined || url.path === ':memory:' ? undefined : fileStem(url.path)
  const name = url.database ?? file ?? url.user ?? 'database'
  const label = safe(name).replace(/^[.-]+/, '')
  return label === '' ? 'database' : label
}

/**
 * The revision part of a dump's name: `base` for none, else the sorted ids joined by `+`
 * (after four, `+N-more`), each reduced to `[A-Za-z0-9_]`.
 *
 * @example
 * revisionLabel([])               // 'base'
 * revisionLabel(['b2c3', 'a1b2']) // 'a1b2+b2c3'
 */
export function revisionLabel(revisions: readonly string[]): string {
  if (revisions.length === 0) return 'base'
  const ids = [...revisions].sort().map((id) => id.replace(/[^A-Za-z0-9_]/g, '_'))
  const listed = ids.slice(0, MAX_LISTED_REVISIONS)
  const more = ids.length - listed.length
  return more > 0 ? `${listed.join('+')}+${more}_more` : listed.join('+')
}

/** `20261126T230501Z` for a date. */
function stamp(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

/**
 * The file name of a dump.
 *
 * @example
 * dumpFileName({ database: 'shop', takenAt: new Date('2026-11-26T23:05:01Z'), sequence: 1,
 *   revision: '3f2a9c1b7d4e', schemaOnly: false, extension: '.sql' })
 * // 'shop_20261126T230501Z_3f2a9c1b7d4e.sql'
 */
export function dumpFileName(name: DumpName): string {
  const sequence = name.sequence > 1 ? `-${name.sequence}` : ''
  const schema = name.schemaOnly ? '.schema' : ''
  return `${name.database}_${stamp(name.takenAt)}${sequence}_${name.revision}${schema}${name.extension}`
}

/**
 * The parts of a dump's file name, or undefined for a name Stratum did not write (its
 * checksum file, a `.partial`, anything else in the folder).
 *
 * @example
 * parseDumpFileName('shop_20261126T230501Z-2_base.schema.sql')
 * // { database: 'shop', takenAt: 2026-11-26T23:05:01Z, sequence: 2, revision: 'base',
 * //   schemaOnly: true, extension: '.sql' }
 */
export function parseDumpFileName(fileName: string): DumpName | undefined {
  const groups = PATTERN.exec(fileName)?.groups
  if (groups === undefined) return undefined
  const extension = groups.extension ?? ''
  if (/\.(sha256|partial)$/.test(extension)) return undefined
  const text = groups.stamp ?? ''
  const iso = `${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(9, 11)}:${text.slice(11, 13)}:${text.slice(13, 15)}Z`
  const takenAt = new Date(iso)
  if (Number.isNaN(takenAt.getTime())) return undefined
  return {
    database: groups.database ?? '',
    takenAt,
    sequence: groups.sequence === undefined ? 1 : Number(groups.sequence),
    revision: groups.revision ?? '',
    schemaOnly: groups.schema !== undefined,
    extension,
  }
}

/**
 * The revisions a name's revision part lists (`[]` for `base`; a `+N_more` tail is left out).
 *
 * @example
 * revisionsOf('a1b2+b2c3') // ['a1b2', 'b2c3']
 */
export function revisionsOf(label: string): string[] {
  if (label === 'base') return []
  return label.split('+').filter((part) => !/^\d+_more$/.test(part))
}
