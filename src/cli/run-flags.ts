import { type Command, InvalidArgumentError, Option } from 'commander'
import { UsageError } from '../errors.js'
import type { TransactionMode } from '../runtime/report.js'

/** The flags of `upgrade` and `downgrade`. */
export interface RunFlags {
  readonly sql?: boolean
  readonly transactionMode?: TransactionMode
  /** Milliseconds (the option is given in seconds). */
  readonly lockTimeout?: number
}

const TRANSACTION_MODES: readonly TransactionMode[] = ['per-revision', 'all', 'none']

/**
 * `--lock-timeout SECONDS`: how long to wait for the migration lock (a number of seconds,
 * fractions allowed), parsed to milliseconds.
 *
 * @example
 * command.addOption(lockTimeoutOption())
 */
export function lockTimeoutOption(): Option {
  return new Option(
    '--lock-timeout <seconds>',
    'how long to wait for the migration lock (default 300)',
  ).argParser(parseSeconds)
}

/**
 * Add the flags every run shares: `--sql` (offline script; `FROM:TO` ranges allowed),
 * `--transaction-mode`, `--lock-timeout`.
 *
 * @example
 * addRunFlags(program.command('upgrade'))
 */
export function addRunFlags(command: Command): Command {
  return command
    .option('--sql', 'print the SQL script instead of running it (no connection; FROM:TO allowed)')
    .addOption(
      new Option(
        '--transaction-mode <mode>',
        'a transaction per revision (default), one for the whole run (all), or none',
      ).choices(TRANSACTION_MODES),
    )
    .addOption(lockTimeoutOption())
}

/**
 * Reject a `FROM:TO` range outside `--sql`: online, a run always starts from the
 * database's current revisions.
 *
 * @example
 * checkOnlineTarget('upgrade', 'ae10:head', flags) // throws UsageError without --sql
 */
export function checkOnlineTarget(command: string, target: string, flags: RunFlags): void {
  if (flags.sql || !target.includes(':')) return
  throw new UsageError(`A range ('${target}') is only allowed with --sql`, {
    hint: `Online, ${command} starts from the database's current revisions: give only the target (or add --sql for a script).`,
  })
}

function parseSeconds(value: string): number {
  const seconds = Number(value)
  if (value.trim() === '' || !Number.isFinite(seconds) || seconds < 0) {
    throw new InvalidArgumentError('Expected a number of seconds (e.g. 30 or 0.5).')
  }
  return Math.round(seconds * 1000)
}
