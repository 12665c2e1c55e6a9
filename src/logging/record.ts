/**
 * What a log line holds: a level, an event name and a fixed set of fields, so that a JSON
 * log can be read by programs whatever the event.
 */
import type { LogLevel } from '../config/types.js'

export type { LogLevel } from '../config/types.js'

/** The levels, least severe first. */
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error']

/**
 * Whether a line at `level` is written when the logger's threshold is `threshold`.
 *
 * @example
 * levelEnabled('info', 'debug') // false
 * levelEnabled('info', 'error') // true
 */
export function levelEnabled(threshold: LogLevel, level: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(threshold)
}

/**
 * The fields of one line. Every field but `event` is optional and left out when not set;
 * the names never change, whatever the event.
 */
export interface LogRecord {
  /** What happened: `run:start`, `revision`, `run:end`, `lock:wait`, `stamp`, `repair`. */
  readonly event: string
  /** The command that ran: `upgrade`, `downgrade`, `stamp`, `repair`. */
  readonly command?: string
  /** `upgrade` or `downgrade`, on the lines of one revision. */
  readonly direction?: string
  /** The target as given (`head`, `-1`, `ae10@head`). */
  readonly target?: string
  readonly revision?: string
  /** The revision's message. */
  readonly message?: string
  /** `applied`, `failed`, `rolled back`, `accepted`... */
  readonly outcome?: string
  readonly durationMs?: number
  /** How many revisions a run applied. */
  readonly count?: number
  /** What a change moved from and to (version rows, checksums). */
  readonly from?: string | readonly string[]
  readonly to?: string | readonly string[]
  /** The revisions the database is at afterwards. */
  readonly current?: readonly string[]
  /** The database URL, password masked. */
  readonly url?: string
  /** The database of `databases`, and the environment, when the config has them. */
  readonly database?: string
  readonly environment?: string
  /** A revision file. */
  readonly path?: string
  /** The statements a revision sent (level `debug` only). */
  readonly statements?: readonly string[]
  /** What went wrong, secrets masked. */
  readonly error?: string
  /** The error's stable code. */
  readonly code?: string
  /** Anything else worth a few words (who holds the lock, `purge`...). */
  readonly detail?: string
}

/** The order of the fields in a JSON line (`time` and `level` first). */
export const LOG_FIELDS = [
  'event',
  'command',
  'direction',
  'target',
  'revision',
  'message',
  'outcome',
  'durationMs',
  'count',
  'from',
  'to',
  'current',
  'url',
  'database',
  'environment',
  'path',
  'statements',
  'error',
  'code',
  'detail',
] as const satisfies readonly (keyof LogRecord)[]

/** A record as written: with its time and level. */
export interface LogEntry extends LogRecord {
  readonly time: Date
  readonly level: LogLevel
}
