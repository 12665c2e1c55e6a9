/**
 * Schema snapshots (`snapshots: true`): after each successful online upgrade or downgrade,
 * `<migrations>/snapshots/<revision>.json` holds the normalised schema the database has at
 * its version-table rows. Several heads give one file named by the sorted ids joined with
 * `+` (`a1b2+c3d4.json`): that schema holds both branches, so it belongs to neither alone.
 * At base nothing is written. The JSON has sorted keys and two-space indents, so a change of
 * schema is a small diff in git; files are written to a temporary name and renamed.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { ResolvedConfig } from '../config/types.js'
import type { DialectConnection } from '../dialects/dialect.js'
import { MigrationError } from '../errors.js'
import type { SchemaModel } from '../schema/model.js'
import { readDatabaseSchema } from './compare-models.js'
import type { StateTables } from './tables.js'

/** The content of one snapshot file. */
export interface SchemaSnapshot {
  /** The file format's version: 1. */
  readonly format: 1
  /** The version-table rows the schema belongs to, sorted. */
  readonly revisions: readonly string[]
  /** The dialect that read it (`postgres`, `mysql`, `sqlite`). */
  readonly dialect: string
  /** The connection's default schema (`public`), where the dialect has schemas. */
  readonly defaultSchema?: string
  /** Every table but Stratum's own and the `exclude` globs; on PostgreSQL every user schema. */
  readonly schema: SchemaModel
}

/** A live schema as snapshots and drift read it. */
export interface LiveSchema {
  readonly schema: SchemaModel
  readonly defaultSchema: string | undefined
}

/**
 * The file name (without folder) of the snapshot for `revisions`: the sorted ids joined with `+`.
 *
 * @example
 * snapshotName(['c3d4', 'a1b2']) // 'a1b2+c3d4.json'
 */
export function snapshotName(revisions: readonly string[]): string {
  return `${[...revisions].sort().join('+')}.json`
}

/**
 * The absolute path of the snapshot for `revisions`.
 *
 * @example
 * snapshotPath(config, ['a1b2']) // '/app/migrations/snapshots/a1b2.json'
 */
export function snapshotPath(config: ResolvedConfig, revisions: readonly string[]): string {
  return join(config.migrations, 'snapshots', snapshotName(revisions))
}

/**
 * JSON with every object's keys sorted (arrays keep their order: the normalised schema's
 * arrays are already in a deterministic order), two-space indents and a final newline.
 *
 * @example
 * stableJson({ b: 1, a: [2, 1] }) // '{\n  "a": [\n    2,\n    1\n  ],\n  "b": 1\n}\n'
 */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return Object.fromEntries(entries.map(([key, item]) => [key, sortKeys(item)]))
}

/**
 * Reads a database's whole schema as snapshots hold it: every table but Stratum's own and
 * the `exclude` globs; on PostgreSQL every schema but the system's.
 *
 * @example
 * const { schema, defaultSchema } = await readLiveSchema({ config, connection, tables })
 */
export async function readLiveSchema(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
}): Promise<LiveSchema> {
  const { connection } = input
  const schemas = await connection.dialect.introspection?.userSchemas?.(connection)
  const read = await readDatabaseSchema({ ...input, schemas })
  return { schema: read.current, defaultSchema: read.defaultSchema }
}

/**
 * Writes the snapshot of the database at `revisions` (nothing at base) and returns its path.
 * Atomic: a temporary file in the same folder, then a rename.
 *
 * @example
 * await writeSnapshot({ config, connection, tables, revisions: report.current })
 */
export async function writeSnapshot(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly revisions: readonly string[]
}): Promise<string | undefined> {
  const { revisions } = input
  if (revisions.length === 0) return undefined
  const live = await readLiveSchema(input)
  const snapshot: SchemaSnapshot = {
    format: 1,
    revisions: [...revisions].sort(),
    dialect: input.connection.dialect.name,
    ...(live.defaultSchema === undefined ? {} : { defaultSchema: live.defaultSchema }),
    schema: live.schema,
  }
  const path = snapshotPath(input.config, revisions)
  const folder = join(input.config.migrations, 'snapshots')
  const temporary = join(folder, `.${snapshotName(revisions)}.${randomBytes(4).toString('hex')}`)
  try {
    await mkdir(folder, { recursive: true })
    await writeFile(temporary, stableJson(snapshot))
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {})
    throw new MigrationError(
      'SNAPSHOT_WRITE_FAILED',
      `The run succeeded, but the snapshot ${path} could not be written: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, hint: 'Fix the folder, then run the same upgrade again to write it.' },
    )
  }
  return path
}

/**
 * The snapshot for `revisions`, or undefined when there is no such file. A file that is not
 * a snapshot is a `MigrationError` `SNAPSHOT_INVALID` naming it.
 *
 * @example
 * const snapshot = await readSnapshot(config, graph.heads())
 */
export async function readSnapshot(
  config: ResolvedConfig,
  revisions: readonly string[],
): Promise<SchemaSnapshot | undefined> {
  const path = snapshotPath(config, revisions)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const shown = relative(config.rootDir, path)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw invalid(shown, `not JSON (${(error as Error).message})`, error)
  }
  if (!isSnapshot(parsed)) throw invalid(shown, 'not a Stratum schema snapshot (format 1)')
  return parsed
}

/**
 * The snapshot of the graph's heads, for `--offline`; a `MigrationError` `SNAPSHOT_MISSING`
 * when there is none (or the graph has no revisions).
 *
 * @example
 * const snapshot = await requireSnapshot(config, graph.heads())
 */
export async function requireSnapshot(
  config: ResolvedConfig,
  heads: readonly string[],
): Promise<SchemaSnapshot> {
  const snapshot = heads.length === 0 ? undefined : await readSnapshot(config, heads)
  if (snapshot !== undefined) return snapshot
  const head = heads.length === 0 ? 'base' : [...heads].sort().join('+')
  throw new MigrationError(
    'SNAPSHOT_MISSING',
    `no snapshot for head ${head}: run an upgrade with snapshots: true, or drop --offline`,
    {
      hint: `--offline reads ${relative(config.rootDir, snapshotPath(config, heads.length === 0 ? ['base'] : heads))}.`,
    },
  )
}

function isSnapshot(value: unknown): value is SchemaSnapshot {
  if (value === null || typeof value !== 'object') return false
  const record = value as Record<string, unknown>
  const schema = record.schema as Record<string, unknown> | null | undefined
  return (
    record.format === 1 &&
    Array.isArray(record.revisions) &&
    typeof record.dialect === 'string' &&
    schema !== null &&
    typeof schema === 'object' &&
    Array.isArray(schema.tables) &&
    Array.isArray(schema.enums) &&
    Array.isArray(schema.schemas)
  )
}

function invalid(path: string, problem: string, cause?: unknown): MigrationError {
  return new MigrationError('SNAPSHOT_INVALID', `${path} is ${problem}`, {
    cause,
    hint: 'Delete it and run an upgrade with snapshots: true to write it again.',
  })
}
