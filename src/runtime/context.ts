/**
 * What a revision's `upgrade` and `downgrade` receive.
 *
 * @example
 * export async function upgrade({ op, db }: MigrationContext): Promise<void> {
 *   await op.addColumn('users', { name: 'email', type: 'varchar(255)' })
 *   await db.updateTable('users').set({ email: 'unknown' }).execute()
 * }
 */
import type { Kysely } from 'kysely'
import type { Operations } from '../operations/operations.js'

export interface MigrationContext {
  /** Schema operations: each call compiles for the dialect and runs (or prints, offline). */
  readonly op: Operations
  /**
   * A Kysely instance on the revision's connection and transaction, for data
   * migrations. Offline, using it is an error that names the revision.
   */
  // biome-ignore lint/suspicious/noExplicitAny: revisions query tables Stratum knows nothing about.
  readonly db: Kysely<any>
  /** The dialect's name: `postgres`, `mysql`, `sqlite`. */
  readonly dialect: string
  /** True when printing SQL (`--sql`) instead of running it. */
  readonly isOffline: boolean
  /** The revision being run. */
  readonly revision: string
  readonly direction: 'upgrade' | 'downgrade'
  /** The `-x key=value` arguments of the command line. */
  readonly x: Readonly<Record<string, string>>
}
