/**
 * One revision's round trip on the scratch database (Liquibase's update-testing-rollback):
 * upgrade to it, snapshot, downgrade exactly it, compare with the snapshot taken before the
 * upgrade, upgrade again. The upgrade again catches what snapshots cannot see (a view, a
 * function or a sequence the downgrade left behind makes the upgrade fail the second time).
 */
import { MigrationError } from '../errors.js'
import { planDowngrade, type Revision, type RevisionGraph } from '../revision/index.js'
import { stratumErrorInfo } from './mask-error.js'
import type { RunReport } from './report.js'
import { moveOnline } from './run-online.js'
import { roundTripDifferences } from './schema-diff-text.js'
import type { ScratchSession, ScratchSnapshot } from './scratch-session.js'
import type { RevisionVerification, VerifyError, VerifyStatus } from './verify-report.js'
import { readVersionRows } from './version-table.js'

/** A round trip's result, and the snapshot the next revision starts from. */
export interface RoundTrip {
  readonly result: RevisionVerification
  /** The schema now (after the upgrade again, or after the upgrade when the trip stopped there). */
  readonly next: ScratchSnapshot | undefined
}

/**
 * Runs the round trip of `revision`, whose parents and dependencies are applied and whose
 * schema before the upgrade is `before`. Never throws for a revision's own failure: it is
 * the result's `status` and `error`. Throws `VERIFY_INTERRUPTED` between steps once `signal`
 * is aborted.
 *
 * @example
 * const { result, next } = await roundTrip(scratch, graph.get('3f2a9c1b7d4e'), before, signal)
 * result.status // 'restored'
 */
export async function roundTrip(
  scratch: ScratchSession,
  revision: Revision,
  before: ScratchSnapshot,
  signal?: AbortSignal | undefined,
): Promise<RoundTrip> {
  const { context } = scratch
  const id = revision.revision
  const base = { revision: id, message: revision.message, path: revision.path }
  const ended = (
    status: VerifyStatus,
    times: { upgradeMs: number; downgradeMs: number | null },
    error?: unknown,
  ): RevisionVerification => ({
    ...base,
    status,
    ...times,
    restored: status === 'restored',
    differences: [],
    ...(error === undefined ? {} : { error: errorInfo(error, context.mask) }),
  })

  const upgrade = await run(() => moveOnline(context, 'upgrade', id), id)
  if (upgrade.error !== undefined) {
    const result = ended(
      'upgrade failed',
      { upgradeMs: upgrade.ms, downgradeMs: null },
      upgrade.error,
    )
    return { result, next: undefined }
  }
  const upgradeMs = upgrade.ms
  const upgraded = await scratch.snapshot()

  stopIfAborted(signal, `after the upgrade of ${id}`)
  const rows = (await readVersionRows(context.connection, context.tables.version)) ?? []
  const target = downgradeTarget(context.graph, id, rows)
  const downgrade = await run(() => moveOnline(context, 'downgrade', target), id)
  if (downgrade.error !== undefined) {
    const irreversible = stratumErrorInfo(downgrade.error)?.code === 'IRREVERSIBLE'
    const status = irreversible ? 'irreversible' : 'downgrade failed'
    const downgradeMs = irreversible ? null : downgrade.ms
    return { result: ended(status, { upgradeMs, downgradeMs }, downgrade.error), next: upgraded }
  }
  const times = { upgradeMs, downgradeMs: downgrade.ms }
  const restored = await scratch.snapshot()
  const differences = await roundTripDifferences(
    id,
    { before: before.schema, upgraded: upgraded.schema, restored: restored.schema },
    { dialect: scratch.dialect, defaultSchema: before.defaultSchema },
  )
  if (differences.length > 0) {
    return { result: { ...ended('not restored', times), differences }, next: restored }
  }

  stopIfAborted(signal, `after the downgrade of ${id}`)
  const again = await run(() => moveOnline(context, 'upgrade', id), id)
  if (again.error !== undefined) {
    return { result: ended('reupgrade failed', times, again.error), next: undefined }
  }
  return { result: ended('restored', times), next: await scratch.snapshot() }
}

/**
 * Throws `MigrationError` `VERIFY_INTERRUPTED` once `signal` is aborted; `where` says when.
 *
 * @example
 * stopIfAborted(signal, 'at revision 3f2a9c1b7d4e')
 */
export function stopIfAborted(signal: AbortSignal | undefined, where: string): void {
  if (signal?.aborted !== true) return
  throw new MigrationError('VERIFY_INTERRUPTED', `verify was interrupted ${where}`, {
    hint: 'The scratch database is dropped; nothing else was touched.',
  })
}

/**
 * A downgrade target that unapplies exactly `id` and nothing else, whatever else is
 * applied on other branches: `id@parent` (or `id@base` for a root), checked by planning.
 *
 * @example
 * downgradeTarget(graph, 'c3', ['b2', 'c3']) // 'c3@a1'
 */
export function downgradeTarget(graph: RevisionGraph, id: string, rows: readonly string[]): string {
  const parents = graph.get(id).downRevisions
  const candidates = parents.length === 0 ? [`${id}@base`] : parents.map((p) => `${id}@${p}`)
  for (const target of candidates) {
    if (unappliesOnly(graph, rows, target, id)) return target
  }
  throw new MigrationError(
    'VERIFY_UNSUPPORTED',
    `Cannot downgrade revision ${id} alone: every downgrade to its parents also undoes other revisions`,
    { hint: 'Verify a range that ends below it (--range).' },
  )
}

function unappliesOnly(
  graph: RevisionGraph,
  rows: readonly string[],
  target: string,
  id: string,
): boolean {
  try {
    const plan = planDowngrade(graph, rows, target)
    return plan.length === 1 && plan[0]?.revision === id
  } catch {
    return false // Not a valid target from these rows: try the next parent.
  }
}

/** Runs one move; its duration is the revision's own step (or the wall time if it never ran). */
async function run(
  move: () => Promise<RunReport>,
  id: string,
): Promise<{ ms: number; error?: unknown }> {
  const start = performance.now()
  try {
    const report = await move()
    return { ms: stepMs(report, id) ?? since(start) }
  } catch (error) {
    const report = (error as { report?: RunReport }).report
    return { ms: (report && stepMs(report, id)) ?? since(start), error }
  }
}

function stepMs(report: RunReport, id: string): number | undefined {
  const step = report.steps.find((s) => s.revision === id)
  return step === undefined ? undefined : tenths(step.durationMs)
}

const since = (start: number) => tenths(performance.now() - start)
const tenths = (ms: number) => Math.round(ms * 10) / 10

function errorInfo(error: unknown, mask: (text: string) => string): VerifyError {
  const info = stratumErrorInfo(error)
  const message = mask(error instanceof Error ? error.message : String(error))
  const hint = info?.hint === undefined ? undefined : mask(info.hint)
  return { code: info?.code ?? 'INTERNAL', message, ...(hint === undefined ? {} : { hint }) }
}
