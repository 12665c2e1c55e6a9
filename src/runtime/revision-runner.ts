/**
 * Runs one revision on the connection, in one of two ways:
 *
 * - **transactional** (PostgreSQL, SQLite, PGlite, unless the mode is `none` or the revision
 *   says `transactional = false`): its statements, the version-table change and its history
 *   row commit together, or nothing of it stays.
 * - **tracked** (MySQL/MariaDB, whose DDL commits as it goes; mode `none`; non-transactional
 *   revisions): a history row marked `running` is written first and its `statements_done`
 *   advanced after every statement, so a failure or a kill leaves an exact record
 *   ("2 of 4 statements ran") that stops the next run until someone resolves it.
 *
 * With `beforeRevision` / `afterRevision` hooks, a transactional revision opens its
 * transaction, calls `beforeRevision`, sends its batch, calls `afterRevision`, then commits
 * (three round trips instead of one); a hook that throws rolls the revision back. A tracked
 * revision calls `beforeRevision` after its `running` row (a throw records it `failed`, nothing
 * ran) and `afterRevision` once it is recorded `applied` (a throw stops the run; it stays
 * applied). Without revision hooks nothing changes.
 */
import type { CompiledStep, DialectConnection, ProcedureStep } from '../dialects/dialect.js'
import { MigrationError, VersionTableConflictError } from '../errors.js'
import type { OperationSink } from '../operations/index.js'
import { applyVersionChanges, type MigrationStep } from '../revision/index.js'
import { compileQueryWith, makeContext } from './contexts.js'
import {
  guardedHistoryInsertSql,
  type HistoryRecord,
  insertHistorySql,
  type RunIdentity,
  updateHistorySql,
} from './history-table.js'
import type { RevisionFacts, RunHooks } from './hooks.js'
import type { Direction, TransactionMode } from './report.js'
import type { MigrationFunction, RevisionModule } from './revision-module.js'
import type { StateTables } from './tables.js'
import { isSql, TransactionState } from './transaction.js'
import { readVersionRows, versionChangeSql, writeVersionChanges } from './version-table.js'

/** What the runner needs for every revision of a run. */
export interface RunnerOptions {
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly mode: TransactionMode
  readonly direction: Direction
  readonly x: Readonly<Record<string, string>>
  readonly identity: RunIdentity
  /** Masks secrets in error text stored in the history table. */
  readonly mask: (text: string) => string
  /** The first free history id. */
  readonly firstHistoryId: number
  /** The version rows before the run. */
  readonly rows: readonly string[]
  /** Set only when `beforeRevision` or `afterRevision` is. */
  readonly hooks?: RunHooks | undefined
  /** Told of each statement as it is sent; undefined when nobody listens (see `statementEmitter`). */
  readonly onStatement?: ((step: CompiledStep, revision: string) => void) | undefined
}

/** One revision to run: its plan step, its module, and its recorded steps (undefined: run live). */
export interface RevisionJob {
  readonly step: MigrationStep
  readonly module: RevisionModule
  readonly fn: MigrationFunction
  readonly recorded: readonly CompiledStep[] | undefined
}

/**
 * A revision failed; says how far it got when it ran outside a transaction. `applied`: it
 * ran and was recorded, and its `afterRevision` hook failed.
 */
export class RevisionRunError extends Error {
  constructor(
    readonly original: unknown,
    readonly progress: { readonly done: number; readonly total: number | undefined } | undefined,
    readonly applied = false,
  ) {
    super('revision failed')
  }
}

function factsOf(job: RevisionJob): RevisionFacts {
  return { revision: job.step.revision, message: job.module.message, path: job.module.path }
}

const MAX_ERROR_TEXT = 4000

function errorText(error: unknown, mask: (text: string) => string): string {
  const message = error instanceof Error ? error.message : String(error)
  return mask(message).slice(0, MAX_ERROR_TEXT)
}

/**
 * The error for a statement that cannot run in a transaction, found in a transactional revision.
 *
 * @example
 * throw nonTransactionalError('ae10', 'CREATE INDEX CONCURRENTLY ...')
 */
export function nonTransactionalError(revision: string, sql: string): MigrationError {
  const shown = sql.length > 80 ? `${sql.slice(0, 77)}...` : sql
  return new MigrationError(
    'NON_TRANSACTIONAL_STATEMENT',
    `Revision ${revision} runs a statement that cannot run inside a transaction (${shown}), but the revision runs in one`,
    {
      hint: 'Add `export const transactional = false` to the revision (and keep such statements in a revision of their own).',
    },
  )
}

/** The error for a version table that did not end up as the plan said. */
function conflictAfter(revision: string, expected: readonly string[]): VersionTableConflictError {
  const rows = expected.length === 0 ? 'no rows' : expected.join(', ')
  return new VersionTableConflictError(
    `Version table conflict: after revision ${revision} it should hold exactly ${rows}, but something else changed it (another process, or the revision itself)`,
    [...expected],
  )
}

/** Whether a step is a SQLite table rebuild that needs foreign keys off. */
function needsForeignKeysOff(step: CompiledStep): step is ProcedureStep {
  return !isSql(step) && step.needsForeignKeysOff === true
}

/**
 * Runs the revisions of a plan one at a time and keeps the transaction state between them.
 *
 * @example
 * const runner = new RevisionRunner(options)
 * for (const job of jobs) await runner.run(job)
 * await runner.finish()
 */
export class RevisionRunner {
  readonly #o: RunnerOptions
  readonly #tx: TransactionState
  #nextId: number
  #lastActivity = performance.now()
  /** Revisions applied inside the open transaction (mode `all`), not yet committed. */
  #uncommitted: string[] = []
  /** The version rows as this run has left them, and as last committed. */
  #rows: readonly string[]
  #committedRows: readonly string[]
  /**
   * A batched revision's history row gets its finish time and duration from an UPDATE that
   * travels with the next round trip (it cannot know them when it is sent).
   */
  #durationUpdate: string | undefined

  constructor(options: RunnerOptions) {
    this.#o = options
    this.#nextId = options.firstHistoryId
    this.#rows = options.rows
    this.#committedRows = options.rows
    this.#tx = new TransactionState(options.connection, () => {
      this.#lastActivity = performance.now()
    })
  }

  /** Milliseconds since the connection last answered. */
  get idleMs(): number {
    return performance.now() - this.#lastActivity
  }

  /** Whether `job` will run inside a transaction. */
  inTransaction(job: RevisionJob): boolean {
    return (
      this.#o.mode !== 'none' &&
      job.module.transactional &&
      this.#o.connection.dialect.capabilities.transactionalDdl
    )
  }

  /**
   * Runs one revision. Returns the revisions committed by this call (in mode `all`, none
   * until `finish`, except around a revision that must run on its own).
   */
  async run(job: RevisionJob): Promise<readonly string[]> {
    if (this.inTransaction(job)) return this.#transactional(job)
    const committed = await this.#commitOpen()
    await this.#flushDuration()
    await this.#tracked(job)
    return [...committed, job.step.revision]
  }

  /** Commits the open transaction (mode `all`); returns the revisions it committed. */
  async finish(): Promise<readonly string[]> {
    const committed = await this.#commitOpen()
    await this.#flushDuration()
    return committed
  }

  /** Rolls back the open transaction; returns the revisions that were undone. */
  async abort(): Promise<readonly string[]> {
    const undone = this.#uncommitted
    this.#uncommitted = []
    await this.#tx.rollback()
    this.#rows = this.#committedRows
    return undone
  }

  #takeDuration(): string[] {
    const update = this.#durationUpdate
    this.#durationUpdate = undefined
    return update === undefined ? [] : [update]
  }

  async #flushDuration(): Promise<void> {
    for (const sql of this.#takeDuration()) await this.#o.connection.query(sql)
  }

  async #commitOpen(): Promise<readonly string[]> {
    if (!this.#tx.open) return []
    await this.#tx.commit(this.#takeDuration())
    this.#committedRows = this.#rows
    const committed = this.#uncommitted
    this.#uncommitted = []
    return committed
  }

  #history(job: RevisionJob, fields: Omit<HistoryRecord, 'revision' | 'direction'>): HistoryRecord {
    return {
      revision: job.step.revision,
      direction: this.#o.direction,
      checksum: job.module.checksum,
      host: this.#o.identity.host,
      osUser: this.#o.identity.osUser,
      toolVersion: this.#o.identity.toolVersion,
      ...fields,
    }
  }

  async #execute(step: CompiledStep, revision: string): Promise<void> {
    const { connection } = this.#o
    this.#o.onStatement?.(step, revision)
    if (isSql(step)) await connection.query(step.sql, step.parameters)
    else await step.run(connection)
    this.#lastActivity = performance.now()
  }

  /** Runs the revision's function live, each operation compiled and executed as it is called. */
  async #runLive(job: RevisionJob, each: (step: CompiledStep) => Promise<void>): Promise<void> {
    const { connection } = this.#o
    const sink: OperationSink = async (operation) => {
      for (const step of connection.dialect.compile(operation)) await each(step)
    }
    const context = makeContext(
      {
        dialect: connection.dialect,
        revision: job.step.revision,
        direction: this.#o.direction,
        x: this.#o.x,
      },
      {
        sink,
        compileQuery: compileQueryWith(() => connection.kysely),
        db: () => connection.kysely,
        isOffline: false,
      },
    )
    await job.fn(context)
  }

  async #transactional(job: RevisionJob): Promise<readonly string[]> {
    const { connection, tables, mode } = this.#o
    const { dialect } = connection
    const recorded = job.recorded
    const foreignKeysOff = recorded?.some(needsForeignKeysOff) ?? false
    const alone = mode === 'per-revision' || foreignKeysOff
    const committed = alone ? await this.#commitOpen() : []
    const after = applyVersionChanges(this.#rows, job.step.versionChanges)
    const id = this.#nextId++
    const startedAt = new Date()
    const start = performance.now()
    const leading = this.#takeDuration()
    const { hooks } = this.#o
    const db = () => connection.kysely
    // With hooks the transaction opens first and commits after `afterRevision`.
    const first = hooks === undefined ? leading : []
    const commit = alone && hooks === undefined
    let restoreForeignKeys = false
    try {
      if (foreignKeysOff) restoreForeignKeys = await this.#foreignKeys(false)
      if (hooks !== undefined) {
        if (!this.#tx.open || leading.length > 0) await this.#tx.send(leading, { commit: false })
        await hooks.beforeRevision(factsOf(job), db)
      }
      if (recorded !== undefined && this.#tx.canBatch(recorded)) {
        const history = this.#history(job, {
          id,
          startedAt,
          outcome: 'applied',
          statementsTotal: recorded.length,
        })
        const onStatement = this.#o.onStatement
        if (onStatement) for (const step of recorded) onStatement(step, job.step.revision)
        await this.#tx.send(
          [
            ...first,
            ...recorded.filter(isSql).map((step) => step.sql),
            ...job.step.versionChanges.map((c) => versionChangeSql(dialect, tables.version, c)),
            guardedHistoryInsertSql(dialect, tables, history, after),
          ],
          { commit },
        )
        this.#durationUpdate = updateHistorySql(dialect, tables.history, id, {
          finishedAt: new Date(),
          durationMs: Math.round(performance.now() - start),
        })
      } else {
        await this.#tx.send(first, { commit: false })
        if (recorded !== undefined) {
          for (const step of recorded) await this.#execute(step, job.step.revision)
        } else {
          await this.#runLive(job, async (step) => {
            if (isSql(step) && step.transactional === false) {
              throw nonTransactionalError(job.step.revision, step.sql)
            }
            await this.#execute(step, job.step.revision)
          })
        }
        await writeVersionChanges(connection, tables.version, job.step.versionChanges)
        const history = this.#history(job, {
          id,
          startedAt,
          finishedAt: new Date(),
          durationMs: Math.round(performance.now() - start),
          outcome: 'applied',
          ...(recorded === undefined ? {} : { statementsTotal: recorded.length }),
        })
        await this.#tx.send([insertHistorySql(dialect, tables.history, history)], { commit })
      }
      if (hooks !== undefined) {
        await hooks.afterRevision(factsOf(job), db, { kept: false })
        if (alone) await this.#tx.commit()
      }
      this.#rows = after
      if (alone) {
        this.#committedRows = after
        return [...committed, job.step.revision]
      }
      this.#uncommitted.push(job.step.revision)
      return committed
    } catch (error) {
      await this.#tx.rollback()
      // The previous revision's duration went down with this transaction: send it again.
      for (const sql of leading) await connection.query(sql).catch(() => {})
      const cause = this.#guardFailed(error)
        ? conflictAfter(job.step.revision, after)
        : await this.#diagnose(error)
      await this.#failed(job, { startedAt, start, error: cause })
      throw new RevisionRunError(cause, undefined)
    } finally {
      if (restoreForeignKeys) await this.#foreignKeys(true).catch(() => {})
    }
  }

  /**
   * Whether a batch failed on its history row's guard: the only NULL Stratum ever writes
   * into a NOT NULL column of the history table (the drivers name the table and the NULL).
   */
  #guardFailed(error: unknown): boolean {
    const message = error instanceof Error ? error.message : String(error)
    return /null/i.test(message) && message.includes(this.#o.tables.history.table)
  }

  /**
   * After a rollback the version table must be as last committed; if it is not, someone
   * changed it behind the lock's back, and that is the error to report (a batched
   * revision's guard fails with a NOT NULL violation that would not say so).
   */
  async #diagnose(error: unknown): Promise<unknown> {
    const { connection, tables } = this.#o
    try {
      const rows = (await readVersionRows(connection, tables.version)) ?? []
      const expected = [...this.#committedRows].sort()
      if (rows.join('\n') !== expected.join('\n')) {
        const shown = (list: readonly string[]) => (list.length === 0 ? 'none' : list.join(', '))
        return new VersionTableConflictError(
          `Version table conflict: expected rows ${shown(expected)}, found ${shown(rows)}`,
          rows,
        )
      }
    } catch {
      // Reading failed too (the connection is gone): the original error says more.
    }
    return error
  }

  /** Sets SQLite's foreign key enforcement; returns whether it was on before (and changed). */
  async #foreignKeys(on: boolean): Promise<boolean> {
    const { connection } = this.#o
    if (!on) {
      const { rows } = await connection.query('PRAGMA foreign_keys')
      if (Number(rows[0]?.foreign_keys ?? 0) !== 1) return false
    }
    await connection.query(`PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`)
    return true
  }

  /** Writes the history row of a transactional revision that failed (best effort). */
  async #failed(
    job: RevisionJob,
    details: { startedAt: Date; start: number; error: unknown },
  ): Promise<void> {
    const { connection, tables, mask } = this.#o
    const record = this.#history(job, {
      id: this.#nextId++,
      startedAt: details.startedAt,
      finishedAt: new Date(),
      durationMs: Math.round(performance.now() - details.start),
      outcome: 'failed',
      error: errorText(details.error, mask),
      statementsDone: 0,
    })
    await connection
      .query(insertHistorySql(connection.dialect, tables.history, record))
      .catch(() => {})
  }

  async #tracked(job: RevisionJob): Promise<void> {
    const { connection, tables, mode } = this.#o
    const { dialect } = connection
    const history = tables.history
    const id = this.#nextId++
    const total = job.recorded?.length
    const startedAt = new Date()
    const start = performance.now()
    const after = applyVersionChanges(this.#rows, job.step.versionChanges)
    const running = this.#history(job, {
      id,
      startedAt,
      outcome: 'running',
      statementsDone: 0,
      ...(total === undefined ? {} : { statementsTotal: total }),
    })
    await connection.query(insertHistorySql(dialect, history, running))
    const { hooks } = this.#o
    const db = () => connection.kysely
    let done = 0
    const each = async (step: CompiledStep) => {
      await this.#execute(step, job.step.revision)
      done++
      await connection.query(updateHistorySql(dialect, history, id, { statementsDone: done }))
    }
    try {
      await hooks?.beforeRevision(factsOf(job), db)
      if (job.recorded !== undefined) for (const step of job.recorded) await each(step)
      else await this.#runLive(job, each)
      const transaction = mode !== 'none'
      if (transaction) await connection.begin()
      try {
        await writeVersionChanges(connection, tables.version, job.step.versionChanges)
        await connection.query(
          updateHistorySql(dialect, history, id, {
            outcome: 'applied',
            finishedAt: new Date(),
            durationMs: Math.round(performance.now() - start),
            statementsDone: done,
          }),
        )
        if (transaction) await connection.commit()
      } catch (error) {
        if (transaction) await connection.rollback().catch(() => {})
        throw error
      }
      this.#rows = after
      this.#committedRows = after
      this.#lastActivity = performance.now()
    } catch (error) {
      const outcome = done === 0 ? 'failed' : 'partial'
      await connection
        .query(
          updateHistorySql(dialect, history, id, {
            outcome,
            finishedAt: new Date(),
            durationMs: Math.round(performance.now() - start),
            statementsDone: done,
            error: errorText(error, this.#o.mask),
          }),
        )
        .catch(() => {})
      throw new RevisionRunError(error, done === 0 ? undefined : { done, total })
    }
    try {
      await hooks?.afterRevision(factsOf(job), db, { kept: true })
    } catch (error) {
      throw new RevisionRunError(error, undefined, true)
    }
  }
}
