/**
 * `stratum verify`: every revision's downgrade must give back the schema its upgrade
 * started from. On a scratch database (see `scratch-session.ts`), in upgrade order (the
 * whole graph, branches included, or a range), each revision makes a round trip (see
 * `verify-round-trip.ts`); verify stops at the first failure. Irreversible revisions are
 * skipped and reported, or fail with `strict`.
 */
import { loadGraph } from '../commands/index.js'
import { MigrationError } from '../errors.js'
import { ancestorsOf, historyRange, type Revision, type RevisionGraph } from '../revision/index.js'
import { moveOnline } from './run-online.js'
import { openScratch, type ScratchSession } from './scratch-session.js'
import type {
  RevisionVerification,
  VerifyOptions,
  VerifyProgress,
  VerifyReport,
} from './verify-report.js'
import { roundTrip, stopIfAborted } from './verify-round-trip.js'

export type {
  RevisionVerification,
  SchemaDifference,
  VerifyError,
  VerifyOptions,
  VerifyProgress,
  VerifyReport,
  VerifyStatus,
} from './verify-report.js'

/**
 * Checks that every revision's downgrade restores the schema, on a throwaway database: PGlite
 * in memory for a PostgreSQL project (the project's server is never contacted), SQLite in
 * memory, or a new database on the project's MySQL/MariaDB server (dropped at the end, also
 * after a failure or an abort). Never touches the project's database. Resolves with the
 * report (`ok: false` naming the first failing revision); throws only when verify itself
 * cannot run (no scratch database, bad range, unreadable revisions, `signal` aborted).
 *
 * @example
 * import { loadConfig, verify } from 'stratum'
 *
 * const report = await verify({ config: await loadConfig() })
 * if (!report.ok) {
 *   for (const difference of report.failed?.differences ?? []) console.error(difference.text)
 *   process.exitCode = 1
 * }
 */
export async function verify(options: VerifyOptions): Promise<VerifyReport> {
  const { config } = options
  const loaded = await loadGraph(config)
  const order = revisionsToVerify(loaded.graph, options.range)
  stopIfAborted(options.signal, 'before it started')
  const scratch = await openScratch(config, {
    scratchUrl: options.scratchUrl,
    x: options.x,
    loaded,
  })
  let report: VerifyReport
  try {
    report = await verifyOn(scratch, order, options)
  } catch (error) {
    await scratch.close().catch(() => {})
    throw error
  }
  await closeScratch(scratch)
  return report
}

/** The revisions to check, in upgrade order: the whole graph, or the range `A:B`. */
function revisionsToVerify(graph: RevisionGraph, range: string | undefined): readonly Revision[] {
  if (range === undefined) return graph.revisions()
  return [...historyRange(graph, range)].reverse()
}

async function verifyOn(
  scratch: ScratchSession,
  order: readonly Revision[],
  options: VerifyOptions,
): Promise<VerifyReport> {
  const emit = emitter(options.onProgress)
  const { context } = scratch
  const { graph } = context
  emit({ kind: 'scratch', description: scratch.description })
  // Stratum's own tables first, so that every snapshot is taken with them in place.
  await moveOnline(context, 'upgrade', 'base')
  let before = await scratch.snapshot()
  const applied = new Set<string>()
  const results: RevisionVerification[] = []
  const finish = (failed: RevisionVerification | undefined): VerifyReport => ({
    ok: failed === undefined,
    scratch: scratch.description,
    revisions: results,
    failed,
    notRun: order.slice(results.length).map((revision) => revision.revision),
  })
  for (const [index, revision] of order.entries()) {
    stopIfAborted(options.signal, `at revision ${revision.revision}`)
    const missing = [...ancestorsOf(graph, [revision.revision], { inclusive: false })].filter(
      (id) => !applied.has(id),
    )
    if (missing.length > 0) {
      // Below a range: applied without being checked, then the snapshot is retaken.
      emit({ kind: 'prepare', revisions: missing })
      for (const id of graph.requires(revision.revision)) await moveOnline(context, 'upgrade', id)
      for (const id of missing) applied.add(id)
      before = await scratch.snapshot()
    }
    emit({ kind: 'start', ...revisionEvent(revision), index: index + 1, total: order.length })
    const { result, next } = await roundTrip(scratch, revision, before, options.signal)
    applied.add(revision.revision)
    results.push(result)
    emit({ kind: 'end', result })
    const failed =
      result.status !== 'restored' && (result.status !== 'irreversible' || options.strict === true)
    if (failed || next === undefined) return finish(result)
    before = next
  }
  return finish(undefined)
}

function revisionEvent(revision: Revision) {
  return { revision: revision.revision, message: revision.message }
}

/** Drops the scratch database; a failure says which database is left behind. */
async function closeScratch(scratch: ScratchSession): Promise<void> {
  try {
    await scratch.close()
  } catch (error) {
    throw new MigrationError(
      'SCRATCH_DROP_FAILED',
      `verify finished, but its scratch database (${scratch.description}) could not be dropped: ${scratch.context.mask(error instanceof Error ? error.message : String(error))}`,
      { cause: error, hint: 'Drop it by hand.' },
    )
  }
}

/** Calls the progress listener; a listener that throws cannot stop the verification. */
function emitter(listener: ((event: VerifyProgress) => void) | undefined) {
  return (event: VerifyProgress) => {
    try {
      listener?.(event)
    } catch {
      // Ignored, as the Migrator's event listeners are.
    }
  }
}
