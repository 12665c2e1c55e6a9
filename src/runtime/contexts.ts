/**
 * The `MigrationContext`s revisions run with: recording (compile every operation, touch
 * nothing), live (compile and execute as called), and offline (compile and print).
 */
import type { Kysely } from 'kysely'
import type { CompiledStep, Dialect } from '../dialects/dialect.js'
import { MigrationError } from '../errors.js'
import type { CompileQuery, OperationSink } from '../operations/index.js'
import { Operations } from '../operations/index.js'
import type { MigrationContext } from './context.js'
import type { Direction } from './report.js'
import type { MigrationFunction } from './revision-module.js'

/** What every context of one revision shares. */
export interface ContextBase {
  readonly dialect: Dialect
  readonly revision: string
  readonly direction: Direction
  readonly x: Readonly<Record<string, string>>
}

/** `db`'s type: revisions query tables Stratum knows nothing about. */
// biome-ignore lint/suspicious/noExplicitAny: the contract's type (MigrationContext.db).
type AnyKysely = Kysely<any>

/**
 * Compiles Kysely `sql` templates given to `op.execute` with a Kysely instance of the
 * dialect, obtained on first use (so revisions without templates never touch Kysely).
 */
export function compileQueryWith(kysely: () => AnyKysely): CompileQuery {
  let instance: AnyKysely | undefined
  return (query) => {
    instance ??= kysely()
    return query.compile(instance as never)
  }
}

/**
 * A stand-in for `db` that throws `error()` on any use: offline, and in the recording pass.
 */
export function unusableDatabase(error: () => unknown): AnyKysely {
  const fail = (): never => {
    throw error()
  }
  return new Proxy(
    {},
    { get: fail, has: fail, set: fail, apply: fail, ownKeys: fail, getPrototypeOf: fail },
  ) as AnyKysely
}

/**
 * Builds a context around an operation sink. `db` is called on the first read of
 * `context.db`, so a revision that never uses it never builds a Kysely instance (nor loads
 * Kysely).
 */
export function makeContext(
  base: ContextBase,
  options: {
    sink: OperationSink
    compileQuery: CompileQuery
    db: () => AnyKysely
    isOffline: boolean
  },
): MigrationContext {
  let db: AnyKysely | undefined
  return Object.freeze({
    op: new Operations(options.sink, options.compileQuery),
    get db(): AnyKysely {
      db ??= options.db()
      return db
    },
    dialect: base.dialect.name,
    isOffline: options.isOffline,
    revision: base.revision,
    direction: base.direction,
    x: base.x,
  })
}

/** Thrown by the recording pass's `db`: the revision reads the database and must run live. */
class NeedsDatabase extends Error {}

/**
 * The recording pass: runs a revision's function with an `op` that only compiles, and a
 * `db` that stops the pass. Returns every step the revision would run, or `undefined` when
 * it uses `db` (its operations then depend on what it reads: it must run live). Errors the
 * function throws otherwise (a bad `op` argument, an unsupported operation,
 * `IrreversibleMigrationError`) propagate: they surface before anything runs.
 *
 * @example
 * const steps = await recordSteps(module.upgrade, { base, compileQuery })
 */
export async function recordSteps(
  fn: MigrationFunction,
  options: { base: ContextBase; compileQuery: CompileQuery },
): Promise<CompiledStep[] | undefined> {
  const steps: CompiledStep[] = []
  const sink: OperationSink = async (operation) => {
    steps.push(...options.base.dialect.compile(operation))
  }
  const context = makeContext(options.base, {
    sink,
    compileQuery: options.compileQuery,
    db: () => unusableDatabase(() => new NeedsDatabase()),
    isOffline: false,
  })
  try {
    await fn(context)
  } catch (error) {
    if (error instanceof NeedsDatabase) return undefined
    throw error
  }
  return steps
}

/** The error offline mode raises when a revision uses `db`. */
export function offlineDatabaseError(revision: string): MigrationError {
  return new MigrationError(
    'OFFLINE_DATABASE_ACCESS',
    `Revision ${revision} reads from the database and cannot run offline`,
    { hint: 'Branch on `isOffline` in the revision, or apply it online.' },
  )
}
