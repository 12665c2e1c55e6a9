/** Where the CLI reads its environment from and writes to; tests pass their own. */
export interface CliStream {
  write(text: string): unknown
  /** True when the stream is a terminal (colour is only used then). */
  readonly isTTY?: boolean | undefined
}

/** Where the CLI reads answers from (`revision --autogenerate` asks about renames). */
export interface CliInput extends NodeJS.ReadableStream {
  /** True when the stream is a terminal (questions are only asked then). */
  readonly isTTY?: boolean | undefined
}

/** The streams, working directory and environment of one CLI run. */
export interface CliIO {
  readonly stdout: CliStream
  readonly stderr: CliStream
  /**
   * Answers to questions; default `process.stdin`, looked up only when a question may be
   * asked (so a run that asks nothing never touches the process's stdin).
   */
  readonly stdin?: CliInput | undefined
  readonly cwd: string
  readonly env: Readonly<Record<string, string | undefined>>
}

/**
 * Fill in the process's streams, working directory and environment where `io` leaves gaps.
 *
 * @example
 * const io = resolveIO({ stdout: captured, stderr: captured })
 */
export function resolveIO(io: Partial<CliIO> = {}): CliIO {
  if (io.stdout === undefined) ignoreBrokenPipe(process.stdout)
  return {
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    ...(io.stdin === undefined ? {} : { stdin: io.stdin }),
    cwd: io.cwd ?? process.cwd(),
    env: io.env ?? process.env,
  }
}

/** Whether text written to `stream` may carry ANSI colours (a terminal, and NO_COLOR unset). */
export function colorEnabled(stream: CliStream, env: CliIO['env']): boolean {
  const noColor = env.NO_COLOR
  return stream.isTTY === true && (noColor === undefined || noColor === '')
}

/**
 * `stratum history | head -1` closes stdout early; the write then fails with EPIPE, which is
 * no error of ours: stop quietly instead of crashing with a stack trace.
 */
function ignoreBrokenPipe(stream: NodeJS.WriteStream): void {
  if (stream.listenerCount('error') > 0) return
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
  })
}
