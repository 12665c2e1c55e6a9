/**
 * The events a `Migrator` emits while it runs, so a CLI can print one progress line per
 * revision and say whom it is waiting for.
 */

import type { BackupResult } from '../backup/create-backup.js'
import type { CompiledStep, LockHolder } from '../dialects/dialect.js'
import type { Direction } from './report.js'

/** Emitted before a revision runs. */
export interface RevisionStartEvent {
  readonly revision: string
  readonly message: string
  readonly path: string
  readonly direction: Direction
  /**
   * What the step moves from: upgrading, the revision's parents (`[]` for a root);
   * downgrading, the revision itself.
   */
  readonly from: readonly string[]
  /** What the step moves to: upgrading, the revision; downgrading, its parents. */
  readonly to: readonly string[]
  /** 1-based position in the run. */
  readonly index: number
  /** Revisions in the run. */
  readonly total: number
}

/**
 * Emitted after a revision ran or failed. In transaction mode `all`, `applied` means it ran;
 * it commits with the run (the run's report says `rolled back` if a later revision failed).
 */
export interface RevisionEndEvent extends RevisionStartEvent {
  readonly status: 'applied' | 'failed'
  readonly durationMs: number
}

/** Emitted when the migration lock is taken by someone else and the run waits for it. */
export interface LockWaitEvent {
  /** Who holds it, where the database can tell. */
  readonly holder: LockHolder | undefined
}

/**
 * Emitted as a revision sends each statement (a batched revision sends them all at once).
 * Computed only while someone listens, so an unobserved run pays nothing for it.
 */
export interface StatementEvent {
  readonly revision: string
  readonly direction: Direction
  /** `sql`, or `procedure` for a step that runs several statements of its own (SQLite's table rebuild). */
  readonly kind: 'sql' | 'procedure'
  /** The SQL text (parameters not included), or what the procedure does (`rebuild table users`). */
  readonly text: string
}

/** Event names and their payloads. */
export interface MigratorEvents {
  'revision:start': RevisionStartEvent
  'revision:end': RevisionEndEvent
  'lock:wait': LockWaitEvent
  statement: StatementEvent
  /** A dump was written (`upgrade` with `backup.beforeUpgrade`, or `backup`). */
  backup: BackupResult
}

/** A listener of one event. */
export type Listener<E extends keyof MigratorEvents> = (event: MigratorEvents[E]) => void

/**
 * A small typed event emitter. Listeners run synchronously in registration order; an error
 * a listener throws is ignored, so a broken progress printer cannot stop a migration.
 *
 * @example
 * const events = new MigratorEventEmitter()
 * const off = events.on('revision:end', (e) => console.log(e.revision, e.durationMs))
 * off()
 */
export class MigratorEventEmitter {
  readonly #listeners = new Map<keyof MigratorEvents, Set<(event: never) => void>>()

  /** Adds a listener; returns a function that removes it. */
  on<E extends keyof MigratorEvents>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event)
    if (set === undefined) {
      set = new Set()
      this.#listeners.set(event, set)
    }
    set.add(listener as (event: never) => void)
    return () => this.off(event, listener)
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof MigratorEvents>(event: E, listener: Listener<E>): void {
    this.#listeners.get(event)?.delete(listener as (event: never) => void)
  }

  /** Whether `event` has a listener (callers skip building payloads nobody reads). */
  listens(event: keyof MigratorEvents): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0
  }

  /** Calls every listener of `event` with `payload`. */
  emit<E extends keyof MigratorEvents>(event: E, payload: MigratorEvents[E]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        ;(listener as Listener<E>)(payload)
      } catch {
        // A listener must not break the run (see the class comment).
      }
    }
  }
}

/**
 * A callback that emits `statement` for a revision's steps, or undefined when nobody listens
 * (checked once per run: the runner then skips the call entirely).
 *
 * @example
 * const onStatement = statementEmitter(events, 'upgrade')
 * onStatement?.({ sql: 'CREATE TABLE t (id integer)' }, 'ae10')
 */
export function statementEmitter(
  events: MigratorEventEmitter,
  direction: Direction,
): ((step: CompiledStep, revision: string) => void) | undefined {
  if (!events.listens('statement')) return undefined
  return (step, revision) => {
    const procedure = !('sql' in step)
    events.emit('statement', {
      revision,
      direction,
      kind: procedure ? 'procedure' : 'sql',
      text: procedure ? step.description : step.sql,
    })
  }
}
