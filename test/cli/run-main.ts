// Runs the CLI in-process with captured output.
import { main } from '../../src/cli/main.js'

/** What one in-process run printed and returned. */
export interface MainResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** A stream that keeps what is written to it. */
export class Capture {
  text = ''
  constructor(readonly isTTY = false) {}
  write(chunk: string): boolean {
    this.text += chunk
    return true
  }
}

/** Run `stratum ...argv` in `cwd` and capture its output. */
export async function runMain(
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean },
): Promise<MainResult> {
  const stdout = new Capture(options.tty)
  const stderr = new Capture(options.tty)
  const code = await main(argv, { stdout, stderr, cwd: options.cwd, env: options.env ?? {} })
  return { code, stdout: stdout.text, stderr: stderr.text }
}
