/**
 * `stratum drift`: what changed in a live database behind the migrations' back. The live
 * schema is compared with the schema its revisions should have produced: the snapshot of its
 * version-table rows (`snapshots: true` and the file exists), or else the schema left by
 * replaying every revision up to those rows on a scratch database (see `scratch-session.ts`:
 * PGlite for PostgreSQL, SQLite in memory, a throwaway database on the MySQL server). Reads
 * only; never offers to change the database.
 */
import { type Change, compareSchemas } from '../autogenerate/index.js'
import type { ResolvedConfig } from '../config/types.js'
import type { DatabaseContext } from './database-context.js'
import { moveOnline } from './run-online.js'
import { openScratch } from './scratch-session.js'
import { type LiveSchema, readLiveSchema, readSnapshot, snapshotPath } from './snapshots.js'
import { currentDetails } from './status.js'

/** Options of {@link driftOf}. */
export interface DriftOptions {
  /** The scratch server for a replay, replacing the automatic choice (as `verify --scratch-url`). */
  readonly scratchUrl?: string | undefined
}

/** What `drift` found. */
export interface DriftReport {
  /** True when the live schema differs from the expected one. */
  readonly drift: boolean
  /** The database's version-table rows, sorted (`[]` at base). */
  readonly revisions: readonly string[]
  /** Where the expected schema came from. */
  readonly source: 'snapshot' | 'replay'
  /** The snapshot file read (`source: 'snapshot'`), or the scratch database (`'replay'`). */
  readonly from: string
  /**
   * Each difference as autogenerate words it, from the expected schema to the live one:
   * `column users.nickname added` is a column the live database has and the revisions do not.
   */
  readonly differences: readonly Change[]
}

/**
 * Compares the live database (the context's connection) with the schema expected at its
 * current revisions. Throws when the database's revisions are unknown to the graph, or when
 * the replay fails (the scratch database is dropped either way).
 *
 * @example
 * const report = await driftOf(context, config)
 * for (const difference of report.differences) console.log(difference.detail)
 */
export async function driftOf(
  context: DatabaseContext,
  config: ResolvedConfig,
  options: DriftOptions = {},
): Promise<DriftReport> {
  const { connection, tables } = context
  const { rows } = await currentDetails(context)
  const live = await readLiveSchema({ config, connection, tables })
  const snapshot =
    config.snapshots && rows.length > 0 ? await readSnapshot(config, rows) : undefined
  const expected =
    snapshot === undefined
      ? await replay(context, config, rows, options)
      : {
          from: snapshotPath(config, rows),
          schema: { schema: snapshot.schema, defaultSchema: snapshot.defaultSchema },
        }
  const result = await compareSchemas({
    target: live.schema,
    current: expected.schema.schema,
    dialect: connection.dialect,
    ...(live.defaultSchema === undefined ? {} : { defaultSchema: live.defaultSchema }),
  })
  return {
    drift: result.changes.length > 0,
    revisions: rows,
    source: snapshot === undefined ? 'replay' : 'snapshot',
    from: expected.from,
    differences: result.changes,
  }
}

/** The schema of a scratch database upgraded to `rows`, one row (head) at a time. */
async function replay(
  context: DatabaseContext,
  config: ResolvedConfig,
  rows: readonly string[],
  options: DriftOptions,
): Promise<{ from: string; schema: LiveSchema }> {
  const scratch = await openScratch(config, {
    scratchUrl: options.scratchUrl,
    x: context.x,
    loaded: { graph: context.graph, checksums: context.checksums ?? new Map() },
  })
  try {
    const target = scratch.context
    // Stratum's own tables first, as on the live database.
    await moveOnline(target, 'upgrade', 'base')
    for (const row of rows) await moveOnline(target, 'upgrade', row)
    const schema = await readLiveSchema({
      config,
      connection: target.connection,
      tables: target.tables,
    })
    return { from: scratch.description, schema }
  } finally {
    await scratch.close()
  }
}
