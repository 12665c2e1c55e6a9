/**
 * The programmatic API: one object per project, one method per command. The CLI calls
 * exactly these. The work is done elsewhere (`run-online.ts`, `offline.ts`, `stamp.ts`,
 * `status.ts`, `repair.ts`, and `src/commands` for the commands that only read files);
 * the modules only a run needs are imported when a run starts, so `current` and `status`
 * start faster.
 */
import * as commands from '../commands/index.js'
import { loadConfig } from '../config/load.js'
import type { ResolvedConfig } from '../config/types.js'
import { type DatabaseUrl, parseUrl } from '../config/url.js'
import type { Dialect, DialectConnection } from '../dialects/dialect.js'
import { dialectFor } from '../dialects/registry.js'
import { ConfigError } from '../errors.js'
import { historyRange, type Revision, type RevisionGraph } from '../revision/index.js'
import type { DatabaseContext } from './database-context.js'
import { type Listener, MigratorEventEmitter, type MigratorEvents } from './events.js'
import { runIdentity } from './history-table.js'
import { masker } from './mask-error.js'
import type {
  HistoryResult,
  MigratorHistoryOptions,
  MigratorOptions,
  RunOptions,
  StampOptions,
} from './migrator-options.js'
import type { RepairOptions, RepairResult } from './repair.js'
import type { OfflineReport, RunReport, TransactionMode } from './report.js'
import { DEFAULT_LOCK_TIMEOUT_MS, lockScopeFor } from './session.js'
import type { StampResult } from './stamp.js'
import { type CurrentDetails, currentDetails, type StatusReport, statusOf } from './status.js'
import { stateTables } from './tables.js'

export type {
  HistoryResult,
  MigratorHistoryOptions,
  MigratorOptions,
  RunOptions,
  StampOptions,
} from './migrator-options.js'

/**
 * Runs Stratum's commands for one project.
 *
 * @example
 * const migrator = await Migrator.open({ cwd: '/app' })
 * migrator.on('revision:end', (e) => console.log(e.revision, e.message, `${e.durationMs} ms`))
 * try {
 *   const report = await migrator.upgrade('head')
 *   console.log(report.current)
 * } finally {
 *   await migrator.close()
 * }
 */
export class Migrator {
  readonly config: ResolvedConfig
  readonly #options: MigratorOptions
  readonly #events = new MigratorEventEmitter()
  #connection: DialectConnection | undefined
  #queue: Promise<unknown> = Promise.resolve()

  private constructor(config: ResolvedConfig, options: MigratorOptions) {
    this.config = config
    this.#options = options
  }

  /**
   * Loads the configuration (no connection yet: it opens on the first command that needs one).
   *
   * @example
   * const migrator = await Migrator.open({ configPath: 'db/stratum.config.ts', url: process.env.DATABASE_URL })
   */
  static async open(options: MigratorOptions = {}): Promise<Migrator> {
    const config =
      options.config ??
      (await loadConfig({
        ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
        ...(options.configPath === undefined ? {} : { configPath: options.configPath }),
        ...(options.url === undefined ? {} : { url: options.url }),
        required: options.configRequired ?? true,
      }))
    return new Migrator(config, options)
  }

  /**
   * Listens to an event: `revision:start`, `revision:end`, `lock:wait`. Returns a function
   * that removes the listener.
   *
   * @example
   * const off = migrator.on('lock:wait', ({ holder }) => console.log('waiting for', holder?.pid))
   */
  on<E extends keyof MigratorEvents>(event: E, listener: Listener<E>): () => void {
    return this.#events.on(event, listener)
  }

  /** Removes a listener added with `on`. */
  off<E extends keyof MigratorEvents>(event: E, listener: Listener<E>): void {
    this.#events.off(event, listener)
  }

  /**
   * Creates the migrations folder and a config (see `commands.init`).
   *
   * @example
   * await migrator.init({ directory: 'migrations' })
   */
  init(options: Omit<commands.InitOptions, 'cwd'> = {}): Promise<commands.InitResult> {
    return commands.init({ ...options, cwd: this.#options.cwd ?? process.cwd() })
  }

  /**
   * Writes a new revision file (see `commands.revision`).
   *
   * @example
   * const created = await migrator.revision({ message: 'add users' })
   */
  revision(
    options: Omit<commands.RevisionOptions, 'config'> = {},
  ): Promise<commands.CreatedRevision> {
    return commands.revision({
      cwd: this.#options.cwd,
      x: this.#options.x,
      ...options,
      config: this.config,
    })
  }

  /**
   * Writes a merge revision (see `commands.merge`).
   *
   * @example
   * await migrator.merge({ revisions: ['heads'], message: 'merge' })
   */
  merge(options: Omit<commands.MergeOptions, 'config'>): Promise<commands.CreatedRevision> {
    return commands.merge({
      cwd: this.#options.cwd,
      x: this.#options.x,
      ...options,
      config: this.config,
    })
  }

  /**
   * The graph's heads (see `commands.heads`).
   *
   * @example
   * (await migrator.heads()).map((r) => r.revision)
   */
  heads(options: Omit<commands.HeadsOptions, 'config'> = {}): Promise<Revision[]> {
    return commands.heads({ ...options, config: this.config })
  }

  /**
   * The graph's branch points (see `commands.branches`).
   *
   * @example
   * await migrator.branches()
   */
  branches(): Promise<commands.BranchPoint[]> {
    return commands.branches({ config: this.config })
  }

  /**
   * Revisions by identifier (see `commands.show`).
   *
   * @example
   * const [revision] = await migrator.show({ revisions: ['head'] })
   */
  show(options: Omit<commands.ShowOptions, 'config'>): Promise<Revision[]> {
    return commands.show({ ...options, config: this.config })
  }

  /**
   * The graph newest first, optionally a range; reads the database only when the range
   * names `current` or `indicateCurrent` is set.
   *
   * @example
   * const { revisions, current } = await migrator.history({ indicateCurrent: true })
   */
  async history(options: MigratorHistoryOptions = {}): Promise<HistoryResult> {
    const needsDatabase =
      options.indicateCurrent === true || /(^|:)current($|:)/.test(options.range ?? '')
    if (!needsDatabase) {
      const range = options.range
      const revisions = await commands.history({ config: this.config, range })
      return { revisions, current: [] }
    }
    return this.#serial(async () => {
      const context = await this.#context({})
      const { rows, current } = await currentDetails(context)
      const revisions =
        options.range === undefined
          ? [...context.graph.revisions()].reverse()
          : [...historyRange(context.graph, options.range, { current: rows })]
      return { revisions, current }
    })
  }

  /**
   * Upgrades the database to `target` (default `head`). With `sql: true`, returns the script
   * instead (`[FROM:]TO`); nothing connects.
   *
   * @example
   * await migrator.upgrade('head')
   * await migrator.upgrade('+1', { transactionMode: 'all' })
   * const { sql } = await migrator.upgrade('ae10:head', { sql: true })
   */
  upgrade(target: string, options: RunOptions & { sql: true }): Promise<OfflineReport>
  upgrade(target?: string, options?: RunOptions & { sql?: false }): Promise<RunReport>
  upgrade(target?: string, options?: RunOptions): Promise<RunReport | OfflineReport>
  async upgrade(target = 'head', options: RunOptions = {}): Promise<RunReport | OfflineReport> {
    if (options.sql) {
      const { offlineUpgrade } = await import('./offline.js')
      return offlineUpgrade(await this.#offline(options), target)
    }
    const { moveOnline } = await import('./run-online.js')
    return this.#serial(async () => moveOnline(await this.#context(options), 'upgrade', target))
  }

  /**
   * Downgrades the database to `target` (`-1`, `base`, an id...). With `sql: true`, returns
   * the script for `FROM:TO` (FROM is required offline).
   *
   * @example
   * await migrator.downgrade('-1')
   * const { sql } = await migrator.downgrade('head:base', { sql: true })
   */
  downgrade(target: string, options: RunOptions & { sql: true }): Promise<OfflineReport>
  downgrade(target: string, options?: RunOptions & { sql?: false }): Promise<RunReport>
  downgrade(target: string, options?: RunOptions): Promise<RunReport | OfflineReport>
  async downgrade(target: string, options: RunOptions = {}): Promise<RunReport | OfflineReport> {
    if (options.sql) {
      const { offlineDowngrade } = await import('./offline.js')
      return offlineDowngrade(await this.#offline(options), target)
    }
    const { moveOnline } = await import('./run-online.js')
    return this.#serial(async () => moveOnline(await this.#context(options), 'downgrade', target))
  }

  /**
   * The revisions the database is at (the rows plus what they imply through `dependsOn`),
   * sorted; `[]` at base. Never creates a table.
   *
   * @example
   * await migrator.current() // ['3f2a9c1b7d4e']
   */
  async current(): Promise<string[]> {
    return [...(await this.currentDetails()).current]
  }

  /**
   * `current` with the rows, the revision objects, the heads and whether the database is
   * at the heads (`current --verbose`, `current --check-heads`).
   *
   * @example
   * const { atHeads } = await migrator.currentDetails()
   */
  currentDetails(): Promise<CurrentDetails> {
    return this.#serial(async () => currentDetails(await this.#context({})))
  }

  /**
   * Sets the version table to `targets` without running revisions (several targets allowed;
   * `purge` empties the table first). With `sql: true`, returns the script (one target may
   * be written `FROM:TO`).
   *
   * @example
   * await migrator.stamp(['head'])
   * await migrator.stamp(['base'], { purge: true })
   */
  stamp(targets: readonly string[], options: StampOptions & { sql: true }): Promise<OfflineReport>
  stamp(targets: readonly string[], options?: StampOptions & { sql?: false }): Promise<StampResult>
  stamp(targets: readonly string[], options?: StampOptions): Promise<StampResult | OfflineReport>
  async stamp(
    targets: readonly string[],
    options: StampOptions = {},
  ): Promise<StampResult | OfflineReport> {
    const purge = options.purge === undefined ? {} : { purge: options.purge }
    if (options.sql) {
      const { offlineStamp } = await import('./offline.js')
      return offlineStamp(await this.#offline({}), targets, purge)
    }
    const { stampOnline } = await import('./stamp.js')
    return this.#serial(async () => stampOnline(await this.#context(options), targets, purge))
  }

  /**
   * Current revisions, heads, pending revisions in order, the lock holder, changed and
   * missing files, partially applied revisions. Reads only.
   *
   * @example
   * const { pending, changedFiles } = await migrator.status()
   */
  status(): Promise<StatusReport> {
    return this.#serial(async () => statusOf(await this.#context({})))
  }

  /**
   * Records what the user asserts: the current files of changed revisions (old and new
   * checksums are logged), and how a partially applied revision was resolved.
   *
   * @example
   * await migrator.repair()                        // accept the changed files
   * await migrator.repair({ resolve: 'applied' })  // the partial revision was finished by hand
   */
  async repair(options: RepairOptions & { lockTimeoutMs?: number } = {}): Promise<RepairResult> {
    const { repairOnline } = await import('./repair.js')
    return this.#serial(async () => repairOnline(await this.#context(options), options))
  }

  /** Closes the database connection, if one is open. The migrator can open another later. */
  async close(): Promise<void> {
    await this.#serial(async () => {
      const connection = this.#connection
      this.#connection = undefined
      await connection?.close()
    })
  }

  /** Runs commands one at a time: they share one connection. */
  #serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work)
    this.#queue = result.catch(() => {})
    return result
  }

  #url(): { text: string; parsed: DatabaseUrl } {
    const text = this.config.url
    if (text === undefined) {
      throw new ConfigError('URL_MISSING', 'No database URL is configured', {
        hint: "Set 'url' in stratum.config.ts (e.g. url: process.env.DATABASE_URL) or pass --url.",
      })
    }
    return { text, parsed: parseUrl(text) }
  }

  #mode(options: { transactionMode?: TransactionMode }): TransactionMode {
    return (
      options.transactionMode ??
      this.#options.transactionMode ??
      (this.config.transactionPerMigration ? 'per-revision' : 'all')
    )
  }

  async #graph(): Promise<RevisionGraph> {
    return (await commands.loadGraph(this.config)).graph
  }

  async #offline(options: { transactionMode?: TransactionMode }) {
    const { parsed } = this.#url()
    const dialect: Dialect = await dialectFor(parsed)
    return {
      dialect,
      graph: await this.#graph(),
      tables: stateTables(this.config),
      mode: this.#mode(options),
      x: this.#options.x ?? {},
    }
  }

  async #context(options: {
    transactionMode?: TransactionMode
    lockTimeoutMs?: number
  }): Promise<DatabaseContext> {
    const { text, parsed } = this.#url()
    // Connecting (network waits) overlaps with reading the revision files (CPU).
    const connecting = this.#connect(parsed)
    connecting.catch(() => {})
    const graph = await this.#graph()
    const tables = stateTables(this.config)
    return {
      connection: await connecting,
      graph,
      tables,
      scope: lockScopeFor(parsed, tables),
      lockTimeoutMs:
        options.lockTimeoutMs ?? this.#options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      mode: this.#mode(options),
      x: this.#options.x ?? {},
      events: this.#events,
      identity: runIdentity(),
      mask: masker(text),
    }
  }

  async #connect(url: DatabaseUrl): Promise<DialectConnection> {
    const existing = this.#connection
    if (existing !== undefined) {
      if (await existing.isAlive()) return existing
      this.#connection = undefined
      await existing.close().catch(() => {})
    }
    const dialect = await dialectFor(url)
    // The dialects mask secrets in their connection errors themselves.
    const connection = await dialect.connect(url, { applicationName: 'stratum' })
    this.#connection = connection
    return connection
  }
}
