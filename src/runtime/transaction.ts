/**
 * Transactions during a run, in as few round trips as the dialect allows. With batched
 * statements (`capabilities.batchedStatements`, and an `offlineTransaction` to spell BEGIN
 * and COMMIT), a recorded revision is one round trip: BEGIN, its statements, its
 * version-table changes, its history row and COMMIT, sent together.
 */
import type { CompiledStep, DialectConnection, SqlStep } from '../dialects/dialect.js'

/** Whether a step is SQL (not a procedure). */
export function isSql(step: CompiledStep): step is SqlStep {
  return 'sql' in step
}

/** The open transaction of a run, if any. */
export class TransactionState {
  readonly #connection: DialectConnection
  #open = false
  /** Called after a round trip succeeded (the connection is alive). */
  readonly #touch: () => void

  constructor(connection: DialectConnection, touch: () => void) {
    this.#connection = connection
    this.#touch = touch
  }

  /** Whether a transaction is open. */
  get open(): boolean {
    return this.#open
  }

  #batching(): { begin: string; commit: string } | undefined {
    const { dialect } = this.#connection
    return dialect.capabilities.batchedStatements ? dialect.offlineTransaction : undefined
  }

  /** Whether `steps` can go in one batch: all SQL without parameters, and a dialect that batches. */
  canBatch(steps: readonly CompiledStep[]): boolean {
    if (this.#batching() === undefined) return false
    return steps.every((step) => isSql(step) && (step.parameters?.length ?? 0) === 0)
  }

  /**
   * Sends `statements` inside a transaction, opening one if none is open; with `commit`,
   * commits it too. One round trip when the dialect batches.
   */
  async send(statements: readonly string[], options: { commit: boolean }): Promise<void> {
    const batching = this.#batching()
    const opening = !this.#open
    // Open from here on: a failure below leaves a transaction for `rollback` to end.
    this.#open = true
    if (batching !== undefined) {
      const batch = [
        ...(opening ? [batching.begin] : []),
        ...statements,
        ...(options.commit ? [batching.commit] : []),
      ]
      await this.#connection.executeBatch(batch)
    } else {
      if (opening) await this.#connection.begin()
      for (const sql of statements) await this.#connection.query(sql)
      if (options.commit) await this.#connection.commit()
    }
    if (options.commit) this.#open = false
    this.#touch()
  }

  /** Commits the open transaction, sending `statements` first; without one, just sends them. */
  async commit(statements: readonly string[] = []): Promise<void> {
    if (this.#open) {
      await this.send(statements, { commit: true })
      return
    }
    for (const sql of statements) await this.#connection.query(sql)
    if (statements.length > 0) this.#touch()
  }

  /** Rolls the open transaction back (errors ignored: the connection may be gone). */
  async rollback(): Promise<void> {
    if (!this.#open) return
    this.#open = false
    await this.#connection.rollback().catch(() => {})
  }
}
