/**
 * An online run of a plan, under the migration lock. Each revision is first loaded and
 * recorded — its function runs once with an `op` that only compiles — so that errors found
 * by looking stop it before any of its statements run: a file that does not load, an
 * irreversible revision (no `downgrade`, or one that throws `IrreversibleMigrationError`),
 * a statement that cannot run in a transaction inside a transactional revision, a bad `op`
 * argument, an operation the dialect cannot do. The recorded statements are what then runs
 * (in one round trip where the dialect batches); the function is not called again.
 *
 * A downgrade records every revision before the first runs, so an irreversible revision
 * stops it before anything runs. An upgrade records each revision while the previous one
 * runs on the server, so that preparing a thousand revisions does not delay the first
 * statement; a revision that fails to prepare stops the run there (in mode `all`, the whole
 * run rolls back).
 *
 * A revision that reads the database (`db`) cannot be recorded: the recording stops at its
 * first use of `db` (code before it runs twice) and the revision runs live, each operation
 * compiled and executed as it is called; the same checks then happen as it runs (on
 * PostgreSQL and SQLite its transaction rolls back).
 */
import type { DialectConnection } from '../dialects/dialect.js'
import {
  ConnectionError,
  MigrationDowngradeError,
  MigrationError,
  MigrationUpgradeError,
} from '../errors.js'
import type { CompileQuery } from '../operations/index.js'
import { applyVersionChanges, type MigrationStep, type RevisionGraph } from '../revision/index.js'
import { compileQueryWith, recordSteps } from './contexts.js'
import { type MigratorEventEmitter, type RevisionStartEvent, statementEmitter } from './events.js'
import type { RunIdentity } from './history-table.js'
import type { RunHooks } from './hooks.js'
import { maskError, stratumErrorInfo } from './mask-error.js'
import type { Direction, RunReport, StepStatus, TransactionMode } from './report.js'
import { loadRevisionModule, type RevisionModule } from './revision-module.js'
import {
  nonTransactionalError,
  type RevisionJob,
  RevisionRunError,
  RevisionRunner,
} from './revision-runner.js'
import type { StateTables } from './tables.js'
import { isSql } from './transaction.js'

/** Everything an online run needs. */
export interface OnlineRunOptions {
  readonly connection: DialectConnection
  readonly graph: RevisionGraph
  readonly tables: StateTables
  readonly mode: TransactionMode
  readonly direction: Direction
  /** The target as the user wrote it (for the report). */
  readonly target: string
  readonly x: Readonly<Record<string, string>>
  readonly events: MigratorEventEmitter
  readonly mask: (text: string) => string
  readonly identity: RunIdentity
  /** The version rows before the run. */
  readonly rows: readonly string[]
  /** The first free history id. */
  readonly firstHistoryId: number
  /** The run's hooks; the runner calls the revision hooks around each revision. */
  readonly hooks?: RunHooks | undefined
}

/** A connection that answered this recently counts as alive without asking again. */
const ALIVE_WITHIN_MS = 1000

class Run {
  readonly statuses: StepStatus[]
  readonly durations: number[]

  constructor(
    readonly options: OnlineRunOptions,
    readonly plan: readonly MigrationStep[],
  ) {
    this.statuses = plan.map(() => 'not run')
    this.durations = plan.map(() => 0)
  }

  report(): RunReport {
    const { graph, direction, target, rows } = this.options
    let current = rows
    this.plan.forEach((step, index) => {
      if (this.statuses[index] === 'applied') {
        current = applyVersionChanges(current, step.versionChanges)
      }
    })
    return {
      direction,
      target,
      steps: this.plan.map((step, index) => {
        const revision = graph.get(step.revision)
        return {
          revision: step.revision,
          message: revision.message,
          path: revision.path,
          status: this.statuses[index]!,
          durationMs: this.durations[index]!,
        }
      }),
      current: [...current].sort(),
    }
  }

  /**
   * The direction's error for a failure at `index`, carrying the report. The hint is the
   * cause's own, else `hint`; `overrideHint` wins over both.
   */
  fail(
    index: number,
    error: unknown,
    summary: string,
    hints: { hint?: string; overrideHint?: string } = {},
  ): MigrationError {
    const { direction, mask } = this.options
    const step = this.plan[index]!
    const revision = this.options.graph.get(step.revision)
    const cause = maskError(error, mask)
    const reason = cause instanceof Error ? cause.message : String(cause)
    const ErrorClass = direction === 'upgrade' ? MigrationUpgradeError : MigrationDowngradeError
    const info = stratumErrorInfo(cause)
    const code = info?.code ?? 'REVISION_FAILED'
    const ownHint = info?.hint
    const hint = hints.overrideHint ?? ownHint ?? hints.hint
    const title = direction === 'upgrade' ? 'Upgrade' : 'Downgrade'
    const what = revision.message ? ` (${revision.message})` : ''
    return new ErrorClass(
      code,
      `${title} failed at revision ${step.revision}${what}${summary ? ` ${summary}` : ''}: ${reason}`,
      { cause, hint, revision: step.revision, report: this.report() },
    )
  }
}

/** Why a revision could not be prepared (nothing of it ran). */
class PrepareFailure extends Error {
  constructor(
    readonly original: unknown,
    readonly hint?: string,
  ) {
    super('revision could not be prepared')
  }
}

/** Loads and records the revision at `index`; throws a `PrepareFailure` (nothing of it ran). */
async function prepareOne(
  run: Run,
  runner: RevisionRunner,
  index: number,
  compileQuery: CompileQuery,
): Promise<RevisionJob> {
  const { graph, direction, connection, x } = run.options
  const step = run.plan[index]!
  const early = (error: unknown, hint?: string) => new PrepareFailure(error, hint)
  let module: RevisionModule
  try {
    module = await loadRevisionModule(graph.get(step.revision))
  } catch (error) {
    throw early(error)
  }
  const fn = direction === 'upgrade' ? module.upgrade : module.downgrade
  if (fn === undefined) {
    const error = new MigrationError(
      'IRREVERSIBLE',
      'it exports no downgrade function, so it cannot be undone',
    )
    throw early(error, 'Nothing was run. Downgrade to a revision above it, or add a downgrade.')
  }
  let recorded: RevisionJob['recorded']
  try {
    recorded = await recordSteps(fn, {
      base: { dialect: connection.dialect, revision: step.revision, direction, x },
      compileQuery,
    })
  } catch (error) {
    // IrreversibleMigrationError included: a downgrade that throws it stops the run here.
    throw early(error)
  }
  const job: RevisionJob = { step, module, fn, recorded }
  const unsafe = recorded?.find((s) => isSql(s) && s.transactional === false)
  if (unsafe !== undefined && isSql(unsafe) && runner.inTransaction(job)) {
    throw early(nonTransactionalError(step.revision, unsafe.sql))
  }
  return job
}

/**
 * The jobs of a run, in order. A downgrade prepares every revision before the first runs
 * (so an irreversible one stops it before anything runs); an upgrade prepares each revision
 * while the one before it runs on the server (preparing a thousand revisions costs a few
 * hundred milliseconds of CPU that would otherwise delay the first statement).
 */
class JobQueue {
  readonly #jobs: Promise<RevisionJob>[] = []
  readonly #prepare: (index: number) => Promise<RevisionJob>

  constructor(run: Run, runner: RevisionRunner) {
    const compileQuery = compileQueryWith(() => run.options.connection.kysely)
    this.#prepare = (index) => prepareOne(run, runner, index, compileQuery)
  }

  /** Forgets a job that has run (a long run need not hold every recorded statement). */
  release(index: number): void {
    delete this.#jobs[index]
  }

  /** The job at `index` (prepared now if it was not). */
  get(index: number): Promise<RevisionJob> {
    this.#jobs[index] ??= this.#prepare(index)
    return this.#jobs[index]
  }

  /**
   * Starts preparing the job at `index` after the current round trip has been sent
   * (`setImmediate` runs once the pending microtasks — which send it — are done).
   */
  prefetch(index: number, count: number): void {
    if (index >= count || this.#jobs[index] !== undefined) return
    const job = new Promise<RevisionJob>((resolve, reject) => {
      setImmediate(() => this.#prepare(index).then(resolve, reject))
    })
    job.catch(() => {}) // Reported when awaited.
    this.#jobs[index] = job
  }
}

/**
 * Runs a plan online (the caller holds the lock, has checked the state and created the
 * tables). Returns the report; a failure throws `MigrationUpgradeError` /
 * `MigrationDowngradeError` naming the revision, with the report and the original error
 * (secrets masked) as `cause`.
 *
 * @example
 * const report = await runPlan(options, planUpgrade(graph, rows, 'head'))
 */
export async function runPlan(
  options: OnlineRunOptions,
  plan: readonly MigrationStep[],
): Promise<RunReport> {
  const run = new Run(options, plan)
  const runner = new RevisionRunner({
    connection: options.connection,
    tables: options.tables,
    mode: options.mode,
    direction: options.direction,
    x: options.x,
    identity: options.identity,
    mask: options.mask,
    firstHistoryId: options.firstHistoryId,
    rows: options.rows,
    // Only with revision hooks does the runner leave room for them (extra round trips).
    hooks: options.hooks?.revisionHooks ? options.hooks : undefined,
    onStatement: statementEmitter(options.events, options.direction),
  })
  const jobs = new JobQueue(run, runner)
  const positions = new Map(plan.map((step, index) => [step.revision, index]))
  const mark = (revisions: readonly string[], status: StepStatus) => {
    for (const revision of revisions) {
      const index = positions.get(revision)
      if (index !== undefined) run.statuses[index] = status
    }
  }
  const applied = (revisions: readonly string[]) => mark(revisions, 'applied')
  const unprepared = async (index: number, error: unknown): Promise<MigrationError> => {
    mark(await runner.abort(), 'rolled back')
    run.statuses[index] = 'failed'
    if (!(error instanceof PrepareFailure)) return run.fail(index, error, '')
    const summary = run.statuses.includes('applied') ? 'before it ran' : 'before anything ran'
    return run.fail(index, error.original, summary, { hint: error.hint ?? 'Nothing of it ran.' })
  }
  if (options.direction === 'downgrade') {
    // Every revision first: an irreversible one must stop the downgrade before anything runs.
    for (let index = 0; index < plan.length; index++) {
      await jobs.get(index).catch(async (error: unknown) => {
        throw await unprepared(index, error)
      })
    }
  }
  for (let index = 0; index < plan.length; index++) {
    const job = await jobs.get(index).catch(async (error: unknown) => {
      throw await unprepared(index, error)
    })
    const event: RevisionStartEvent = {
      revision: job.step.revision,
      message: job.module.message,
      path: job.module.path,
      direction: options.direction,
      from: job.step.from,
      to: job.step.to,
      index: index + 1,
      total: plan.length,
    }
    const start = performance.now()
    try {
      if (runner.idleMs > ALIVE_WITHIN_MS && !(await options.connection.isAlive())) {
        throw new ConnectionError(
          'CONNECTION_LOST',
          'the database connection was lost (and with it the migration lock)',
          { hint: 'Nothing of this revision ran; run the command again.' },
        )
      }
      options.events.emit('revision:start', event)
      const running = runner.run(job)
      jobs.prefetch(index + 1, plan.length)
      applied(await running)
      jobs.release(index)
      // In mode `all` a revision ran but commits with the run: report it as applied unless rolled back.
      if (run.statuses[index] === 'not run') run.statuses[index] = 'applied'
      run.durations[index] = Math.round(performance.now() - start)
      options.events.emit('revision:end', {
        ...event,
        status: 'applied',
        durationMs: run.durations[index]!,
      })
    } catch (error) {
      run.durations[index] = Math.round(performance.now() - start)
      mark(await runner.abort(), 'rolled back')
      // An afterRevision hook may fail after its revision committed (outside a transaction).
      const kept = error instanceof RevisionRunError && error.applied
      run.statuses[index] = kept ? 'applied' : 'failed'
      options.events.emit('revision:end', {
        ...event,
        status: kept ? 'applied' : 'failed',
        durationMs: run.durations[index]!,
      })
      throw failure(run, index, error)
    }
  }
  try {
    applied(await runner.finish())
  } catch (error) {
    mark(await runner.abort(), 'rolled back')
    throw run.fail(Math.max(0, plan.length - 1), error, 'while committing')
  }
  return run.report()
}

function failure(run: Run, index: number, error: unknown): MigrationError {
  if (!(error instanceof RevisionRunError)) return run.fail(index, error, '')
  const { original, progress } = error
  if (error.applied) return run.fail(index, original, 'after it was applied')
  if (progress === undefined) {
    const rows = run.report().current
    const at = rows.length === 0 ? 'base' : rows.join(', ')
    return run.fail(index, original, '', {
      hint: `Nothing of this revision was kept; the database is at ${at}. Fix the revision and run again.`,
    })
  }
  const of = progress.total === undefined ? '' : ` of ${progress.total}`
  return run.fail(index, original, `after ${progress.done}${of} statements`, {
    overrideHint:
      "The statements that ran stay applied: finish or undo them by hand, then run 'stratum repair --resolve applied' or '--resolve rolled-back'.",
  })
}
