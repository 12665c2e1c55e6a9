/**
 * A small logger for runs: levels, `pretty` or `json` lines, sinks (a file, or whatever the
 * caller passes), and masking of secrets on every line. Library code never prints: a
 * logger without sinks writes nowhere.
 */
import { resolve } from 'node:path'
import { formatJson, formatPretty, type LogFormat } from './format.js'
import { type LogEntry, type LogLevel, type LogRecord, levelEnabled } from './record.js'
import { redactor } from './redact.js'
import { type LogFileSink, type LogSink, openLogFile } from './sink.js'

/** How to create a logger. */
export interface LoggerOptions {
  /** The least severe level written. Default `info`. */
  readonly level?: LogLevel
  /** Default `pretty`. */
  readonly format?: LogFormat
  /** A file to append to (its folder is created); relative paths resolve against the working directory. */
  readonly file?: string | undefined
  /** More places for the lines (a terminal, a test's array). */
  readonly sinks?: readonly LogSink[]
  /**
   * Strings to hide wherever they appear (passwords; see `urlSecrets`). URL passwords are
   * hidden in any case.
   */
  readonly secrets?: readonly string[]
  /** Fields added to every line: the database of `databases` and the environment. */
  readonly context?: {
    readonly database?: string | undefined
    readonly environment?: string | undefined
  }
  /** The clock (tests). Default `() => new Date()`. */
  readonly now?: () => Date
}

/**
 * Writes log records as lines to its sinks, masked.
 *
 * @example
 * const logger = createLogger({ file: 'logs/stratum.log', format: 'json', secrets: ['s3cret'] })
 * logger.info({ event: 'revision', direction: 'upgrade', revision: 'a1', message: 'add users', durationMs: 12 })
 * logger.close()
 */
export class Logger {
  readonly level: LogLevel
  readonly format: LogFormat
  readonly #sinks: readonly LogSink[]
  readonly #file: LogFileSink | undefined
  readonly #redact: (text: string) => string
  readonly #context: LoggerOptions['context']
  readonly #now: () => Date
  #closed = false

  constructor(options: LoggerOptions = {}) {
    this.level = options.level ?? 'info'
    this.format = options.format ?? 'pretty'
    this.#file = options.file === undefined ? undefined : openLogFile(resolve(options.file))
    this.#sinks = [...(this.#file === undefined ? [] : [this.#file]), ...(options.sinks ?? [])]
    this.#redact = redactor(options.secrets ?? [])
    this.#context = options.context
    this.#now = options.now ?? (() => new Date())
  }

  /** The log file's path, if the logger writes to one. */
  get file(): string | undefined {
    return this.#file?.path
  }

  /** The first error writing the log file (a full disk), if any; the lines after it were dropped. */
  get failure(): Error | undefined {
    return this.#file?.failure
  }

  /** Whether lines at `level` are written (callers skip work whose line would be dropped). */
  enabled(level: LogLevel): boolean {
    return levelEnabled(this.level, level)
  }

  /** Writes `record` at `level`, masked, to every sink; nothing when the level is below the threshold. */
  log(level: LogLevel, record: LogRecord): void {
    if (this.#closed || !this.enabled(level)) return
    const entry: LogEntry = this.#masked({
      time: this.#now(),
      level,
      ...withoutUndefined(this.#context ?? {}),
      ...record,
    })
    const line = this.format === 'json' ? formatJson(entry) : formatPretty(entry)
    for (const sink of this.#sinks) sink.write(line)
  }

  /** `log('debug', record)`. */
  debug(record: LogRecord): void {
    this.log('debug', record)
  }

  /** `log('info', record)`. */
  info(record: LogRecord): void {
    this.log('info', record)
  }

  /** `log('warn', record)`. */
  warn(record: LogRecord): void {
    this.log('warn', record)
  }

  /** `log('error', record)`. */
  error(record: LogRecord): void {
    this.log('error', record)
  }

  /** Flushes and closes the sinks (the file is synced to disk). Later records are dropped. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const sink of this.#sinks) sink.close?.()
  }

  #masked(entry: LogEntry): LogEntry {
    const redact = this.#redact
    const masked: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(entry)) {
      masked[key] =
        typeof value === 'string'
          ? redact(value)
          : Array.isArray(value)
            ? value.map((item: unknown) => (typeof item === 'string' ? redact(item) : item))
            : value
    }
    return masked as unknown as LogEntry
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, item]) => item !== undefined),
  ) as Partial<T>
}

/**
 * A logger for `options` (see `LoggerOptions`). Opening the file may throw a `ConfigError`
 * (`LOG_FILE_UNWRITABLE`) naming it.
 *
 * @example
 * const logger = createLogger({ level: 'debug', format: 'pretty', sinks: [{ write: (line) => lines.push(line) }] })
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  return new Logger(options)
}
