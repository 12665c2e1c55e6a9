/**
 * The config's `hooks` during an online run (never offline):
 *
 * - `beforeUpgrade` / `beforeDowngrade` once the lock is held and the plan is known, before
 *   anything changes (also when the plan is empty);
 * - `beforeRevision` / `afterRevision` around each revision, called by the revision runner:
 *   inside the revision's transaction where it has one, so a hook's writes through `db`
 *   commit or roll back with it;
 * - `afterUpgrade` / `afterDowngrade` after a successful run, with the revisions applied.
 *
 * A hook that throws stops the run with the direction's error, code `HOOK_FAILED`, whose
 * `cause` is a `HookError` naming the hook (and revision) whose `cause` is what it threw.
 */
import type { Kysely } from 'kysely'
import type {
  Hooks,
  RevisionHookContext,
  RunEndHookContext,
  RunHookContext,
} from '../config/types.js'
import {
  HookError,
  MigrationDowngradeError,
  type MigrationError,
  MigrationUpgradeError,
} from '../errors.js'
import type { MigrationStep, RevisionGraph } from '../revision/index.js'
import { maskError } from './mask-error.js'
import type { Direction, RunReport } from './report.js'

/** The hooks of a run and the facts every hook context carries. */
export interface HookSettings {
  readonly hooks: Readonly<Hooks>
  /** The database URL with its password masked. */
  readonly url: string
  readonly environment: string | undefined
  readonly database: string | undefined
}

/** A hook's name. */
export type HookName = keyof Hooks

/** Every hook, in the order a run may call them. */
export const HOOK_NAMES: readonly HookName[] = [
  'beforeUpgrade',
  'beforeDowngrade',
  'beforeRevision',
  'afterRevision',
  'afterUpgrade',
  'afterDowngrade',
]

/** What a revision hook is told about its revision. */
export interface RevisionFacts {
  readonly revision: string
  readonly message: string
  readonly path: string
}

// biome-ignore lint/suspicious/noExplicitAny: hooks see any database shape (RevisionHookContext.db).
type AnyKysely = Kysely<any>
type AnyHook = (context: never) => void | Promise<void>

/**
 * One set of hooks from several (the config's, then `MigratorOptions.hooks`): where more
 * than one set defines a hook, they run one after the other in that order, and the first
 * that throws stops the rest.
 *
 * @example
 * const hooks = mergeHooks(config.hooks, { afterUpgrade: ({ applied }) => notify(applied) })
 */
export function mergeHooks(...sets: readonly (Readonly<Hooks> | undefined)[]): Hooks {
  const merged: Partial<Record<HookName, AnyHook>> = {}
  for (const name of HOOK_NAMES) {
    const hooks = sets.flatMap((set) => (set?.[name] === undefined ? [] : [set[name] as AnyHook]))
    if (hooks.length === 1) merged[name] = hooks[0]
    if (hooks.length > 1) {
      merged[name] = async (context: never) => {
        for (const hook of hooks) await hook(context)
      }
    }
  }
  return merged as Hooks
}

/** What a run tells its hooks. */
export interface RunFacts {
  readonly direction: Direction
  readonly target: string
  readonly x: Readonly<Record<string, string>>
  /** Masks secrets in the text of a hook's error. */
  readonly mask: (text: string) => string
}

/**
 * The hooks of one online run.
 *
 * @example
 * const hooks = RunHooks.for(settings, { direction: 'upgrade', target: 'head', x: {}, mask })
 * await hooks?.beforeRun({ graph, plan, rows })
 */
export class RunHooks {
  readonly #hooks: Readonly<Hooks>
  readonly #base: RunHookContext
  readonly #mask: (text: string) => string

  private constructor(settings: HookSettings, run: RunFacts) {
    this.#hooks = settings.hooks
    this.#mask = run.mask
    this.#base = Object.freeze({
      direction: run.direction,
      target: run.target,
      url: settings.url,
      environment: settings.environment,
      database: settings.database,
      x: Object.freeze({ ...run.x }),
    })
  }

  /** The run's hooks, or undefined when no hook is set (the run then skips every call). */
  static for(settings: HookSettings | undefined, run: RunFacts): RunHooks | undefined {
    if (settings === undefined) return undefined
    if (!HOOK_NAMES.some((name) => settings.hooks[name] !== undefined)) return undefined
    return new RunHooks(settings, run)
  }

  /** Whether `beforeRevision` or `afterRevision` is set (the runner then makes room for them). */
  get revisionHooks(): boolean {
    return this.#hooks.beforeRevision !== undefined || this.#hooks.afterRevision !== undefined
  }

  /**
   * `beforeUpgrade` / `beforeDowngrade`. Throws the direction's error (nothing ran) with a
   * report of the plan, every revision `not run`.
   */
  async beforeRun(pending: {
    readonly graph: RevisionGraph
    readonly plan: readonly MigrationStep[]
    readonly rows: readonly string[]
  }): Promise<void> {
    const { direction } = this.#base
    const name = direction === 'upgrade' ? 'beforeUpgrade' : 'beforeDowngrade'
    try {
      await this.#call(name, this.#base)
    } catch (error) {
      const report: RunReport = {
        direction,
        target: this.#base.target,
        steps: pending.plan.map((step) => {
          const revision = pending.graph.get(step.revision)
          const { message, path } = revision
          return { revision: step.revision, message, path, status: 'not run', durationMs: 0 }
        }),
        current: [...pending.rows].sort(),
      }
      throw runError(direction, error as HookError, {
        message: `${title(direction)} stopped before anything ran: ${(error as Error).message}`,
        hint: 'Nothing was changed. Fix the hook (or what it checks) and run again.',
        report,
      })
    }
  }

  /**
   * `afterUpgrade` / `afterDowngrade`, given the run's report. Throws the direction's error
   * carrying that report: what the run did stays done.
   */
  async afterRun(report: RunReport): Promise<void> {
    const { direction } = this.#base
    const name = direction === 'upgrade' ? 'afterUpgrade' : 'afterDowngrade'
    const applied = report.steps
      .filter((step) => step.status === 'applied')
      .map((step) => step.revision)
    const context: RunEndHookContext = Object.freeze({ ...this.#base, applied })
    try {
      await this.#call(name, context)
    } catch (error) {
      const at = report.current.length === 0 ? 'base' : report.current.join(', ')
      const count = applied.length === 1 ? '1 revision' : `${applied.length} revisions`
      throw runError(direction, error as HookError, {
        message: `${(error as Error).message} (after the ${direction} of ${count}; the database is at ${at})`,
        hint: `The ${direction} itself succeeded and stays; fix the hook.`,
        report,
      })
    }
  }

  /**
   * `beforeRevision`; throws a `HookError`. `db` gives the run's Kysely instance (called
   * only when the hook reads `context.db`).
   */
  async beforeRevision(facts: RevisionFacts, db: () => AnyKysely): Promise<void> {
    await this.#call('beforeRevision', this.#revisionContext(facts, db), {
      revision: facts.revision,
      hint: `The run stopped before revision ${facts.revision} ran; fix the hook and run again.`,
    })
  }

  /**
   * `afterRevision`; throws a `HookError`. `kept` says whether the revision stays applied
   * if the hook throws (it ran outside a transaction) or is rolled back with it.
   */
  async afterRevision(
    facts: RevisionFacts,
    db: () => AnyKysely,
    options: { readonly kept: boolean },
  ): Promise<void> {
    const hint = options.kept
      ? `Revision ${facts.revision} ran outside a transaction and stays applied; the run stopped after it. Fix the hook and run again to continue.`
      : `Revision ${facts.revision} was rolled back with its transaction; fix the hook and run again.`
    await this.#call('afterRevision', this.#revisionContext(facts, db), {
      revision: facts.revision,
      hint,
    })
  }

  #revisionContext(facts: RevisionFacts, db: () => AnyKysely): RevisionHookContext {
    return Object.freeze({
      ...this.#base,
      revision: facts.revision,
      message: facts.message,
      path: facts.path,
      // A getter: a hook that never reads `db` never builds a Kysely instance.
      get db() {
        return db()
      },
    })
  }

  /** Calls one hook; what it throws becomes a `HookError` naming it, secrets masked. */
  async #call<C>(
    name: HookName,
    context: C,
    options: { readonly revision?: string; readonly hint?: string } = {},
  ): Promise<void> {
    const hook = this.#hooks[name] as ((context: C) => void | Promise<void>) | undefined
    if (hook === undefined) return
    try {
      await hook(context)
    } catch (error) {
      const reason = this.#mask(error instanceof Error ? error.message : String(error))
      throw new HookError(name, `${name} hook failed: ${reason}`, {
        cause: maskError(error, this.#mask),
        revision: options.revision,
        hint: options.hint,
      })
    }
  }
}

function title(direction: Direction): string {
  return direction === 'upgrade' ? 'Upgrade' : 'Downgrade'
}

/** The direction's error for a run hook that failed, with the run's report. */
function runError(
  direction: Direction,
  cause: HookError,
  details: { message: string; hint: string; report: RunReport },
): MigrationError {
  const ErrorClass = direction === 'upgrade' ? MigrationUpgradeError : MigrationDowngradeError
  return new ErrorClass('HOOK_FAILED', details.message, {
    cause,
    hint: details.hint,
    report: details.report,
  })
}
