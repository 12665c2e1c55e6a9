/**
 * What the Migrator's commands share: the configuration and options, one connection opened
 * on first use and kept, a queue that runs commands one at a time on it, and the contexts
 * the runs take (online: connection, graph, lock scope, hooks, backups and snapshots;
 * offline: the dialect and the graph). `migrator.ts` is the API; this is its plumbing.
 */

import { loadGraph } from '../commands/load-graph.js'
import { maskUrl } from '../config/mask.js'
import type { ResolvedConfig } from '../config/types.js'
import { type DatabaseUrl, parseUrl } from '../config/url.js'
import type { Dialect, DialectConnection } from '../dialects/dialect.js'
import { dialectFor } from '../dialects/registry.js'
import { ConfigError } from '../errors.js'
import type { RevisionGraph } from '../revision/index.js'
import type { BackupSettings } from './backup.js'
import type { DatabaseContext } from './database-context.js'
import { MigratorEventEmitter } from './events.js'
import { runIdentity } from './history-table.js'
import { mergeHooks } from './hooks.js'
import { masker } from './mask-error.js'
import type { MigratorOptions, RunOptions } from './migrator-options.js'
import type { TransactionMode } from './report.js'
import { DEFAULT_LOCK_TIMEOUT_MS, lockScopeFor } from './session.js'
import { stateTables } from './tables.js'

/**
 * One project's connection and run contexts, for the Migrator.
 *
 * @example
 * const session = new MigratorSession(config, { cwd: '/app' })
 * const report = await session.serial(async () => statusOf(await session.context({})))
 * await session.close()
 */
export class MigratorSession {
  readonly events = new MigratorEventEmitter()
  #connection: DialectConnection | undefined
  #queue: Promise<unknown> = Promise.resolve()

  constructor(
    readonly config: ResolvedConfig,
    readonly options: MigratorOptions,
  ) {}

  /** The folder relative paths are resolved against. */
  cwd(): string {
    return this.options.cwd ?? process.cwd()
  }

  /** Closes the connection, then opens a new one (after a restore replaced the database). */
  async reconnect(): Promise<DialectConnection> {
    const previous = this.#connection
    this.#connection = undefined
    await previous?.close().catch(() => {})
    return this.connect(this.url().parsed)
  }

  /** Closes the connection, if one is open; a later command opens another. */
  async close(): Promise<void> {
    await this.serial(async () => {
      const connection = this.#connection
      this.#connection = undefined
      await connection?.close()
    })
  }

  /** Runs commands one at a time: they share one connection. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(work, work)
    this.#queue = result.catch(() => {})
    return result
  }

  /** The configured URL, as written and parsed; a ConfigError when there is none. */
  url(): { text: string; parsed: DatabaseUrl } {
    const text = this.config.url
    if (text === undefined) {
      throw new ConfigError('URL_MISSING', 'No database URL is configured', {
        hint: "Set 'url' in stratum.config.ts (e.g. url: process.env.DATABASE_URL) or pass --url.",
      })
    }
    return { text, parsed: parseUrl(text) }
  }

  /** The transaction mode: the command's, the Migrator's, else the config's. */
  mode(options: { transactionMode?: TransactionMode }): TransactionMode {
    return (
      options.transactionMode ??
      this.options.transactionMode ??
      (this.config.transactionPerMigration ? 'per-revision' : 'all')
    )
  }

  /** The revision graph of the project's files. */
  async graph(): Promise<RevisionGraph> {
    return (await loadGraph(this.config)).graph
  }

  /** What an offline (`--sql`) run needs: no connection. */
  async offline(options: { transactionMode?: TransactionMode }) {
    const { parsed } = this.url()
    const dialect: Dialect = await dialectFor(parsed)
    return {
      dialect,
      graph: await this.graph(),
      tables: stateTables(this.config),
      mode: this.mode(options),
      x: this.options.x ?? {},
    }
  }

  /** What an online command needs: the connection (opened while the graph loads) and the rest. */
  async context(options: {
    transactionMode?: TransactionMode
    lockTimeoutMs?: number
  }): Promise<DatabaseContext> {
    const { text, parsed } = this.url()
    // Connecting (network waits) overlaps with reading the revision files (CPU).
    const connecting = this.connect(parsed)
    connecting.catch(() => {})
    const { graph, checksums } = await loadGraph(this.config).catch(async (error: unknown) => {
      // Let the connection settle so that close() finds it: an open socket left behind
      // would keep the process alive after the error (a broken graph, say) was reported.
      await connecting.catch(() => {})
      throw error
    })
    const tables = stateTables(this.config)
    return {
      connection: await connecting,
      graph,
      checksums,
      tables,
      scope: lockScopeFor(parsed, tables),
      lockTimeoutMs: options.lockTimeoutMs ?? this.options.lockTimeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS,
      mode: this.mode(options),
      x: this.options.x ?? {},
      events: this.events,
      identity: runIdentity(),
      mask: masker(text),
      hooks: {
        hooks: mergeHooks(this.config.hooks, this.options.hooks),
        url: maskUrl(text),
        environment: this.config.environment,
        database: this.config.database,
      },
    }
  }

  /** A run's context; for `upgrade` with a dump first (option or `backup.beforeUpgrade`). */
  async upgradeContext(options: RunOptions): Promise<DatabaseContext> {
    const context = await this.context(options)
    if (!(options.backup ?? this.config.backup.beforeUpgrade)) return context
    const { backupBeforeUpgrade } = await import('./backup.js')
    return { ...context, backup: backupBeforeUpgrade(context, this.backupSettings()) }
  }

  /** The context, writing a schema snapshot after the run when `snapshots` is on. */
  async snapshotting(context: DatabaseContext): Promise<DatabaseContext> {
    if (!this.config.snapshots) return context
    const { writeSnapshot } = await import('./snapshots.js')
    const { config } = this
    const { connection, tables } = context
    const snapshot = (revisions: readonly string[]) =>
      writeSnapshot({ config, connection, tables, revisions })
    return { ...context, snapshot }
  }

  /** Where dumps go and how many are kept, for this database. */
  backupSettings(): BackupSettings {
    const { folder, keep } = this.config.backup
    return { url: this.url().parsed, folder, keep }
  }

  /** The open connection if it is still alive, else a new one (kept for later commands). */
  async connect(url: DatabaseUrl): Promise<DialectConnection> {
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
