/** The options and results of the `Migrator` API that are not defined elsewhere. */
import type { Hooks, ResolvedConfig } from '../config/types.js'
import type { Revision } from '../revision/index.js'
import type { TransactionMode } from './report.js'

/** Options of `Migrator.open`. */
export interface MigratorOptions {
  /** Where the config search starts (default `process.cwd()`). */
  readonly cwd?: string
  /** An explicit config file (`--config`). */
  readonly configPath?: string
  /** A database URL that overrides the config's (`--url`). */
  readonly url?: string
  /** The environment of the config's `environments` to apply. Default: `STRATUM_ENV`. */
  readonly environment?: string
  /** The database of the config's `databases` to use (needed when it declares several). */
  readonly database?: string
  /** Use this configuration instead of loading one (tests, embedding). */
  readonly config?: ResolvedConfig
  /** Fail when no config file is found (default `true`; `init` runs without one). */
  readonly configRequired?: boolean
  /** `-x key=value` arguments, passed to revisions as `context.x`. */
  readonly x?: Readonly<Record<string, string>>
  /**
   * Hooks for this migrator, added to the config's `hooks`: where both define one, the
   * config's runs first, then this one.
   */
  readonly hooks?: Readonly<Hooks>
  /** How long to wait for the migration lock (default 5 minutes). */
  readonly lockTimeoutMs?: number
  /**
   * Default transaction mode; the config's `transactionPerMigration: false` means `all`.
   * Default `per-revision`.
   */
  readonly transactionMode?: TransactionMode
}

/** Options of `upgrade` and `downgrade`. */
export interface RunOptions {
  /** Print the SQL instead of running it (offline; the target may be a `FROM:TO` range). */
  readonly sql?: boolean
  /** `per-revision` (default), `all` (one transaction for the run), `none`. */
  readonly transactionMode?: TransactionMode
  readonly lockTimeoutMs?: number
  /**
   * `upgrade` only: write a dump first, when there is something to apply (default: the
   * config's `backup.beforeUpgrade`; `false` is `--no-backup`). Offline runs never back up.
   */
  readonly backup?: boolean
}

/** Options of `stamp`. */
export interface StampOptions {
  /** Empty the version table first (it may name revisions no file declares). */
  readonly purge?: boolean
  /** Print the SQL instead (offline). */
  readonly sql?: boolean
  readonly lockTimeoutMs?: number
}

/** Options of `history`. */
export interface MigratorHistoryOptions {
  /** `A:B`, `A:` or `:B`; `current` may be an end (it reads the database). */
  readonly range?: string
  /** Also read the database's current revisions (`--indicate-current`). */
  readonly indicateCurrent?: boolean
}

/** What `history` returns. */
export interface HistoryResult {
  /** Newest first. */
  readonly revisions: readonly Revision[]
  /** The database's current revisions when asked for (else `[]`). */
  readonly current: readonly string[]
}
