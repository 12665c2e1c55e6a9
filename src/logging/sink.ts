/**
 * Where log lines go. A sink takes whole lines (no trailing newline); the file sink appends
 * them to `logging.file`.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError } from '../errors.js'

/** Receives finished, masked lines. */
export interface LogSink {
  write(line: string): void
  /** Flushes and releases what the sink holds; called once, when the logger closes. */
  close?(): void
}

/** A file sink: remembers the first write that failed instead of throwing. */
export interface LogFileSink extends LogSink {
  readonly path: string
  /** The first error writing or closing the file (a full disk), if any; later lines are dropped. */
  readonly failure: Error | undefined
  close(): void
}

/**
 * Opens `path` for appending (creating it and its folder), once: every line is written
 * straight to the file, so nothing is lost if the process dies, and `close` syncs it to
 * disk. A file that cannot be opened is a `ConfigError` (`LOG_FILE_UNWRITABLE`) naming it;
 * a write that fails later (a full disk) must not stop a migration, so it is kept in
 * `failure` and the lines after it are dropped.
 *
 * @example
 * const sink = openLogFile('/app/logs/stratum.log')
 * sink.write('2026-11-26T23:05:01.123Z INFO upgrade a1 "add users" 12 ms')
 * sink.close()
 */
export function openLogFile(path: string): LogFileSink {
  let fd: number
  try {
    mkdirSync(dirname(path), { recursive: true })
    fd = openSync(path, 'a')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new ConfigError(
      'LOG_FILE_UNWRITABLE',
      `Cannot open the log file ${path} (logging.file): ${reason}`,
      {
        cause: error,
        hint: 'Make its folder writable, or point logging.file in the config elsewhere.',
      },
    )
  }
  let failure: Error | undefined
  let open = true
  const fail = (error: unknown) => {
    failure ??= error instanceof Error ? error : new Error(String(error))
  }
  return {
    path,
    get failure() {
      return failure
    },
    write(line) {
      if (!open || failure !== undefined) return
      try {
        const data = Buffer.from(`${line}\n`)
        let written = 0
        while (written < data.length) written += writeSync(fd, data, written)
      } catch (error) {
        fail(error)
      }
    },
    close() {
      if (!open) return
      open = false
      try {
        if (failure === undefined) fsyncSync(fd)
      } catch (error) {
        // Some files cannot be synced (pipes, character devices): the lines were written.
        if ((error as NodeJS.ErrnoException).code !== 'EINVAL') fail(error)
      }
      try {
        closeSync(fd)
      } catch (error) {
        fail(error)
      }
    },
  }
}
