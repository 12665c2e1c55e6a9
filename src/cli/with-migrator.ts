import type { Migrator } from '../runtime/migrator.js'
import type { TransactionMode } from '../runtime/report.js'
import type { CliContext } from './context.js'

/** A command's own flags that the `Migrator` takes when it opens. */
export interface MigratorFlags {
  /** `--lock-timeout` in milliseconds. */
  readonly lockTimeoutMs?: number | undefined
  /** `--transaction-mode`. */
  readonly transactionMode?: TransactionMode | undefined
  /** The database of `databases` to open (default: `--db`). */
  readonly database?: string | undefined
}

/**
 * Open a `Migrator` for the global options (`--config`, `--url`, `--env`, `--db`, `-x`) and
 * the command's flags, run `work` with it, and always close it. The secrets of the configured URL are
 * remembered first, so that every error message masks them.
 *
 * @example
 * const report = await withMigrator(context, { lockTimeoutMs }, (migrator) => migrator.upgrade('head'))
 */
export async function withMigrator<T>(
  context: CliContext,
  flags: MigratorFlags,
  work: (migrator: Migrator) => Promise<T>,
): Promise<T> {
  const config = await context.loadConfig({ database: flags.database })
  // Loaded on first use: the commands that only read files start without the runtime.
  const { Migrator } = await import('../runtime/migrator.js')
  const migrator = await Migrator.open({
    cwd: context.io.cwd,
    config,
    x: context.globals.x,
    lockTimeoutMs: flags.lockTimeoutMs,
    transactionMode: flags.transactionMode,
  })
  let result: T
  try {
    result = await work(migrator)
  } catch (error) {
    // The command's error is the one to report; a failed close must not replace it.
    await migrator.close().catch(() => {})
    throw error
  }
  await migrator.close()
  return result
}
