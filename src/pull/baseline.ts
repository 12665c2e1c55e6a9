/**
 * `baseline`: the first revision of a project adopting a database that already exists.
 * Its upgrade builds the current schema from nothing (autogenerate's comparison of the
 * database with an empty one, plus the SQL of what the DSL cannot express); its
 * downgrade drops it all. Only on an empty revision graph: on top of revisions, a
 * "baseline" would repeat them (Alembic users make it the root, too).
 */
import { type ComparisonResult, compareSchemas } from '../autogenerate/index.js'
import type { CreatedRevision, RevisionContent } from '../commands/create-revision.js'
import { loadGraph } from '../commands/load-graph.js'
import type { ResolvedConfig } from '../config/types.js'
import type { DialectConnection, UnmodelledObject } from '../dialects/dialect.js'
import { MigrationCreationError } from '../errors.js'
import type { StampResult } from '../runtime/stamp.js'
import type { StateTables } from '../runtime/tables.js'
import { readDatabase } from './read-database.js'
import { renderBaselineBodies } from './render-baseline.js'

/** Options of `Migrator.baseline`. */
export interface BaselineOptions {
  /** The message (`-m`). Default `baseline`. */
  readonly message?: string | undefined
  /** Use this revision id instead of a generated one. */
  readonly revId?: string | undefined
  /** The version folder to write into (with several version paths). */
  readonly versionPath?: string | undefined
  /** Mark the database as already at the new revision (`stamp`), without running it. */
  readonly stamp?: boolean | undefined
}

/** The baseline written. */
export interface WrittenBaseline extends CreatedRevision {
  /** The comparison with an empty database: what the upgrade creates. */
  readonly comparison: ComparisonResult
  /** What the DSL cannot express: created with `op.execute` when `create` is set. */
  readonly unmodelled: readonly UnmodelledObject[]
  /** Those the revision cannot recreate (no SQL from the catalog): a built database lacks them. */
  readonly notRecreated: readonly UnmodelledObject[]
}

/** What `Migrator.baseline` returns: the revision written, and the stamp when asked for. */
export interface BaselineResult extends WrittenBaseline {
  /** With `stamp: true`: what stamping the database at the new revision did. */
  readonly stamped?: StampResult
}

const EMPTY = { tables: [], enums: [], schemas: [] }

/** Refuses a graph that has revisions already. */
async function requireEmptyGraph(config: ResolvedConfig): Promise<void> {
  const { graph } = await loadGraph(config)
  if (graph.size === 0) return
  const heads = graph.heads()
  throw new MigrationCreationError(
    'BASELINE_NOT_FIRST',
    `A baseline must be the first revision, and the migrations folder has ${graph.size === 1 ? '1 revision' : `${graph.size} revisions`} already (head${heads.length === 1 ? '' : 's'}: ${heads.join(', ')})`,
    {
      hint: "Write changes on top of them with 'stratum revision --autogenerate'; to start over, move the revision files out of the versions folder first.",
    },
  )
}

/**
 * Reads the database and writes the baseline revision through `write` (which gets the
 * bodies). Throws `MigrationCreationError` `BASELINE_NOT_FIRST` when the graph has
 * revisions, `BASELINE_NOTHING` when the database has nothing to create; nothing is
 * written then.
 *
 * @example
 * const written = await writeBaseline({ config, connection, tables, write: (bodies) =>
 *   revision({ config, message: 'baseline', head: 'base', bodies }) })
 */
export async function writeBaseline(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly write: (bodies: RevisionContent) => Promise<CreatedRevision>
}): Promise<WrittenBaseline> {
  await requireEmptyGraph(input.config)
  const read = await readDatabase(input)
  const recreated = read.unmodelled.filter((item) => item.create !== undefined)
  if (read.schema.tables.length === 0 && read.schema.enums.length === 0 && recreated.length === 0) {
    throw new MigrationCreationError('BASELINE_NOTHING', 'The database has no tables to baseline', {
      hint: "Check the database URL; for a new database, write the first revision with 'stratum revision'.",
    })
  }
  const comparison = await compareSchemas({
    target: read.schema,
    current: EMPTY,
    dialect: input.connection.dialect,
    skipTable: read.skipTable,
    ...(read.defaultSchema === undefined ? {} : { defaultSchema: read.defaultSchema }),
  })
  const created = await input.write(renderBaselineBodies(comparison, read.unmodelled))
  return {
    ...created,
    comparison,
    unmodelled: read.unmodelled,
    notRecreated: read.unmodelled.filter(
      (item) => item.create === undefined || item.drop === undefined,
    ),
  }
}
