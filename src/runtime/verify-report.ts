/** What `verify` takes, reports as it goes, and returns. */
import type { Change } from '../autogenerate/index.js'
import type { ResolvedConfig } from '../config/types.js'

/**
 * How one revision's round trip ended: `restored` (upgrade, downgrade and the upgrade again
 * ran, and the downgrade restored the schema), `not restored`, `irreversible` (it has no
 * downgrade: the round trip was skipped), or which step threw.
 */
export type VerifyStatus =
  | 'restored'
  | 'not restored'
  | 'irreversible'
  | 'upgrade failed'
  | 'downgrade failed'
  | 'reupgrade failed'

/** One way the schema after a downgrade differs from the schema before the upgrade. */
export interface SchemaDifference {
  /**
   * `left`: there after the downgrade, not before the upgrade; `missing`: the reverse;
   * `changed`: there in both, different.
   */
  readonly kind: 'left' | 'missing' | 'changed'
  /** What differs: `column users.email`, `index ix_users_email on users`, `table audit`. */
  readonly object: string
  /** Which step made the difference, when the snapshots tell (else undefined). */
  readonly by: 'upgrade' | 'downgrade' | undefined
  /** The comparison's change, from the schema before the upgrade to the one after the downgrade. */
  readonly change: Change
  /** One line: `downgrade of 3f2a9c1b7d4e leaves column users.email (added by its upgrade)`. */
  readonly text: string
}

/** Why a step failed, or why the round trip was skipped (secrets masked). */
export interface VerifyError {
  readonly code: string
  readonly message: string
  readonly hint?: string
}

/** The round trip of one revision. */
export interface RevisionVerification {
  readonly revision: string
  readonly message: string
  /** Absolute path of the revision file. */
  readonly path: string
  readonly status: VerifyStatus
  /** How long its upgrade ran, in milliseconds. */
  readonly upgradeMs: number
  /** How long its downgrade ran; null when it did not run. */
  readonly downgradeMs: number | null
  /** True when the downgrade gave back the schema the upgrade started from. */
  readonly restored: boolean
  /** What the downgrade did not restore; empty unless `not restored`. */
  readonly differences: readonly SchemaDifference[]
  /** The failure, or why an irreversible revision was skipped. */
  readonly error?: VerifyError
}

/** What `verify` returns. */
export interface VerifyReport {
  /** No failure (irreversible revisions count as failures only with `strict`). */
  readonly ok: boolean
  /** The scratch database, for people: `SQLite in memory`, `PGlite in memory`, `stratum_verify_5f0c1e2d3a4b on db:3306`. */
  readonly scratch: string
  /** One result per revision checked, in upgrade order; verify stops at the first failure. */
  readonly revisions: readonly RevisionVerification[]
  /** The revision that failed, if one did. */
  readonly failed: RevisionVerification | undefined
  /** Revisions of the range left unchecked after the failure. */
  readonly notRun: readonly string[]
}

/** What `verify` reports as it goes (the CLI prints one line per revision). */
export type VerifyProgress =
  | { readonly kind: 'scratch'; readonly description: string }
  /** Revisions below the range, applied first without being checked. */
  | { readonly kind: 'prepare'; readonly revisions: readonly string[] }
  | {
      readonly kind: 'start'
      readonly revision: string
      readonly message: string
      /** 1-based position among the revisions checked. */
      readonly index: number
      readonly total: number
    }
  | { readonly kind: 'end'; readonly result: RevisionVerification }

/** Options of `verify`. */
export interface VerifyOptions {
  readonly config: ResolvedConfig
  /**
   * Where to create the scratch database instead of the automatic choice (PGlite in memory
   * for PostgreSQL, SQLite in memory, the project's server for MySQL): `pglite:memory:`,
   * `sqlite::memory:`, or a `postgres://` / `mysql://` server where a throwaway database is
   * created and dropped.
   */
  readonly scratchUrl?: string | undefined
  /** Only the revisions of `A:B` (as `history -r`); those below are applied first, unchecked. */
  readonly range?: string | undefined
  /** Irreversible revisions (no downgrade) fail the verification instead of being skipped. */
  readonly strict?: boolean | undefined
  /** `-x key=value` arguments, passed to revisions as `context.x`. */
  readonly x?: Readonly<Record<string, string>> | undefined
  /** Stops at the next step; the scratch database is dropped all the same. */
  readonly signal?: AbortSignal | undefined
  /** Called as verify goes (listener errors are ignored). */
  readonly onProgress?: ((event: VerifyProgress) => void) | undefined
}
