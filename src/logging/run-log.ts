/**
 * What a run writes to the log: its start (target, masked URL, environment, database), one
 * line per revision (direction, id, message, duration, outcome; the statements at level
 * `debug`), waits for the lock, and its end (count, total duration, or the masked error).
 * `stamp` and `repair` log what they changed.
 */
import type { LockHolder } from '../dialects/dialect.js'
import { MigrationDowngradeError, MigrationError, MigrationUpgradeError } from '../errors.js'
import type { MigratorEvents, RevisionEndEvent } from '../runtime/events.js'
import type { RepairResult } from '../runtime/repair.js'
import type { RunReport } from '../runtime/report.js'
import type { StampResult } from '../runtime/stamp.js'
import type { Logger } from './logger.js'

/** What emits the run's events: a `Migrator`. */
export interface RunEvents {
  on<E extends keyof MigratorEvents>(
    event: E,
    listener: (event: MigratorEvents[E]) => void,
  ): () => void
}

/** The run being logged. */
export interface RunLogStart {
  readonly command: 'upgrade' | 'downgrade' | 'stamp' | 'repair'
  /** The target as given (`head`, `-1`; stamp's targets joined by spaces). */
  readonly target?: string
  /** The database URL (masked before it is written). */
  readonly url?: string | undefined
}

/**
 * Logs one run. `attach` writes the start line and follows the events; then exactly one of
 * `finished`, `stamped`, `repaired` or `failed` writes the end.
 *
 * @example
 * const log = new RunLog(logger, { command: 'upgrade', target: 'head', url })
 * const detach = log.attach(migrator)
 * try {
 *   log.finished(await migrator.upgrade('head'))
 * } catch (error) {
 *   log.failed(error)
 *   throw error
 * } finally {
 *   detach()
 * }
 */
export class RunLog {
  readonly #logger: Logger
  readonly #start: RunLogStart
  readonly #started = performance.now()
  /** Statements of the revisions running, by revision (collected at level `debug` only). */
  readonly #statements = new Map<string, string[]>()
  /** Revisions whose line was written. */
  readonly #logged = new Set<string>()
  /** Failed revisions seen in events, written once the run's error says why. */
  readonly #failed = new Map<string, RevisionEndEvent>()

  constructor(logger: Logger, start: RunLogStart) {
    this.#logger = logger
    this.#start = start
  }

  /** Writes the start line and follows `events`; returns the function that stops following. */
  attach(events: RunEvents): () => void {
    const { command, target, url } = this.#start
    this.#logger.info({ event: 'run:start', command, target, url })
    const offs = [
      events.on('revision:end', (event) => this.#revisionEnd(event)),
      events.on('lock:wait', ({ holder }) => {
        this.#logger.warn({ event: 'lock:wait', command, detail: holderWords(holder) })
      }),
    ]
    if (this.#logger.enabled('debug')) {
      offs.push(
        events.on('statement', ({ revision, kind, text }) => {
          const list = this.#statements.get(revision) ?? []
          list.push(kind === 'sql' ? text : `-- ${text}`)
          this.#statements.set(revision, list)
        }),
      )
    }
    return () => {
      for (const off of offs) off()
    }
  }

  /** The end of an `upgrade` or `downgrade` that succeeded. */
  finished(report: RunReport): void {
    this.#rolledBack(report)
    const count = report.steps.filter((step) => step.status === 'applied').length
    this.#end('info', { outcome: 'applied', count, current: report.current })
  }

  /** The end of a `stamp`: the version rows before and after. */
  stamped(result: StampResult, options: { readonly purge?: boolean } = {}): void {
    const purge = options.purge === true ? 'purge' : undefined
    this.#logger.info({
      event: 'stamp',
      command: 'stamp',
      target: this.#start.target,
      from: result.previous,
      to: result.current,
      detail:
        [purge, ...result.closedPartials.map((r) => `closed the partial run of ${r}`)]
          .filter((part) => part !== undefined)
          .join('; ') || undefined,
    })
    this.#end('info', { outcome: 'applied', current: result.current })
  }

  /** The end of a `repair`: each accepted checksum, the resolved revision. */
  repaired(result: RepairResult): void {
    for (const file of result.checksums) {
      const accepted = file.actual !== undefined
      this.#logger.log(accepted ? 'info' : 'warn', {
        event: 'repair',
        command: 'repair',
        revision: file.revision,
        outcome: accepted ? 'accepted' : 'missing',
        from: file.recorded,
        to: file.actual,
        path: file.path,
      })
    }
    const resolved = result.resolved
    if (resolved !== undefined) {
      this.#logger.info({
        event: 'repair',
        command: 'repair',
        revision: resolved.revision,
        outcome: `resolved as ${resolved.as}`,
      })
    }
    this.#end('info', { outcome: 'applied', current: result.current })
  }

  /** The end of a run that threw: the failed revision with the error, then the run's end. */
  failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error)
    const code = error instanceof MigrationError ? error.code : undefined
    const report =
      error instanceof MigrationUpgradeError || error instanceof MigrationDowngradeError
        ? error.report
        : undefined
    for (const step of report?.steps ?? []) {
      if (step.status !== 'failed' || this.#logged.has(step.revision)) continue
      this.#revision('error', {
        direction: report?.direction,
        revision: step.revision,
        message: step.message,
        outcome: 'failed',
        durationMs: step.durationMs,
        error: message,
        code,
      })
    }
    // A failure the report does not carry (a lost connection after the event).
    for (const event of this.#failed.values()) {
      if (this.#logged.has(event.revision)) continue
      this.#revision('error', { ...recordOf(event), outcome: 'failed', error: message, code })
    }
    if (report !== undefined) this.#rolledBack(report)
    const moves = this.#start.command === 'upgrade' || this.#start.command === 'downgrade'
    const count = moves
      ? (report?.steps.filter((step) => step.status === 'applied').length ?? 0)
      : undefined
    this.#end('error', { outcome: 'failed', count, current: report?.current, error: message, code })
  }

  #revisionEnd(event: RevisionEndEvent): void {
    if (event.status === 'failed') {
      this.#failed.set(event.revision, event)
      return
    }
    this.#revision('info', { ...recordOf(event), outcome: 'applied' })
  }

  #revision(
    level: 'info' | 'warn' | 'error',
    record: Omit<Parameters<Logger['log']>[1], 'event'> & { revision: string },
  ): void {
    const statements = this.#statements.get(record.revision)
    this.#statements.delete(record.revision)
    this.#logged.add(record.revision)
    this.#logger.log(level, { event: 'revision', ...record, statements })
  }

  /** In transaction mode `all`, revisions that ran but went down with the run. */
  #rolledBack(report: RunReport): void {
    for (const step of report.steps) {
      if (step.status !== 'rolled back') continue
      this.#logger.warn({
        event: 'revision',
        direction: report.direction,
        revision: step.revision,
        message: step.message,
        outcome: 'rolled back',
      })
    }
  }

  #end(level: 'info' | 'error', record: Omit<Parameters<Logger['log']>[1], 'event'>): void {
    const { command, target } = this.#start
    const durationMs = Math.round(performance.now() - this.#started)
    this.#logger.log(level, { event: 'run:end', command, target, ...record, durationMs })
  }
}

function recordOf(event: RevisionEndEvent) {
  return {
    direction: event.direction,
    revision: event.revision,
    message: event.message,
    durationMs: event.durationMs,
  }
}

/** A lock holder in a few words: `pid 4242 on host web-1 (user deploy)`. */
function holderWords(holder: LockHolder | undefined): string | undefined {
  if (holder === undefined) return undefined
  const parts: string[] = []
  if (holder.pid !== undefined) parts.push(`pid ${holder.pid}`)
  if (holder.host) parts.push(`on host ${holder.host}`)
  if (holder.user) parts.push(`(user ${holder.user})`)
  return parts.length === 0 ? undefined : parts.join(' ')
}
