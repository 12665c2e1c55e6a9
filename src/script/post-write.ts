/**
 * The config's `postWrite` commands: run on every revision file Stratum writes (`revision`,
 * `revision --autogenerate`, `merge`), e.g. a formatter. Each command line runs through the
 * shell in the project's folder, one after the other; `{file}` becomes the file's path,
 * quoted for the shell (without `{file}` the quoted path is appended). The first command that
 * fails stops the rest with a `PostWriteError`; the file stays written.
 */
import { spawn } from 'node:child_process'
import { PostWriteError } from '../errors.js'

/** What one `postWrite` command did. */
export interface PostWriteResult {
  /** The command line as configured. */
  readonly command: string
  /** The command line that ran (`{file}` replaced). */
  readonly commandLine: string
  readonly stdout: string
  readonly stderr: string
  readonly durationMs: number
}

/** Options of {@link runPostWrite}. */
export interface PostWriteOptions {
  /** The command lines (the config's `postWrite`). */
  readonly commands: readonly string[]
  /** The revision file just written. */
  readonly path: string
  /** Where the commands run (the config file's folder). */
  readonly cwd: string
  /** The environment of the commands; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv | undefined
}

/** Lines of a failed command's output quoted in the error message. */
const QUOTED_LINES = 3
const QUOTED_CHARS = 400

/**
 * `path` quoted for the shell that runs the commands: single quotes for a POSIX shell,
 * double quotes for `cmd.exe` (a Windows path cannot contain `"`).
 *
 * @example
 * shellQuote("/tmp/it's here.ts") // `'/tmp/it'\''s here.ts'`
 */
export function shellQuote(path: string, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return `"${path}"`
  return `'${path.replaceAll("'", `'\\''`)}'`
}

/**
 * The command line that runs for `command` on `path`: every `{file}` replaced by the quoted
 * path, or the quoted path appended when there is none.
 *
 * @example
 * postWriteCommandLine('npx biome format --write {file}', '/app/v/a.ts') // "npx biome format --write '/app/v/a.ts'"
 * postWriteCommandLine('npx prettier --write', '/app/v/a.ts')            // "npx prettier --write '/app/v/a.ts'"
 */
export function postWriteCommandLine(command: string, path: string): string {
  const quoted = shellQuote(path)
  return command.includes('{file}')
    ? command.replaceAll('{file}', quoted)
    : `${command.trimEnd()} ${quoted}`
}

/**
 * Runs the `postWrite` commands on a revision file just written, in order; returns what each
 * printed (library code prints nothing; the CLI shows it with `--verbose`). Throws a
 * `PostWriteError` at the first command that exits non-zero, is not found, or cannot start.
 *
 * @example
 * const results = await runPostWrite({
 *   commands: ['npx biome format --write {file}'],
 *   path: '/app/migrations/versions/20260101_1200-ae1027a6acf_add_users.ts',
 *   cwd: '/app',
 * })
 */
export async function runPostWrite(options: PostWriteOptions): Promise<PostWriteResult[]> {
  const results: PostWriteResult[] = []
  for (const command of options.commands) {
    results.push(await runOne(command, options))
  }
  return results
}

interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

async function runOne(command: string, options: PostWriteOptions): Promise<PostWriteResult> {
  const commandLine = postWriteCommandLine(command, options.path)
  const start = performance.now()
  let finished: Finished
  try {
    finished = await spawnShell(commandLine, options)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw failure({ command, path: options.path, status: 'could not start', detail: reason }, error)
  }
  const { code, signal, stdout, stderr } = finished
  if (code !== 0) {
    const status = code === null ? `killed by ${signal}` : `exit ${code}`
    const output = firstLines(stderr) || firstLines(stdout) || 'no output'
    const hint =
      code === 127
        ? 'The shell did not find the command: is it installed, and on PATH in the project folder?'
        : undefined
    const details = { command, path: options.path, exitCode: code ?? undefined, status }
    throw failure({ ...details, detail: output, hint })
  }
  return {
    command,
    commandLine,
    stdout,
    stderr,
    durationMs: Math.round(performance.now() - start),
  }
}

/** Runs a command line through the shell and collects its output. */
function spawnShell(commandLine: string, options: PostWriteOptions): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(commandLine, {
      shell: true,
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}

/** The first non-empty lines of `text`, on one line. */
function firstLines(text: string): string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, QUOTED_LINES)
  const joined = lines.join(' / ')
  return joined.length > QUOTED_CHARS ? `${joined.slice(0, QUOTED_CHARS - 3)}...` : joined
}

function failure(
  details: {
    command: string
    path: string
    exitCode?: number | undefined
    status: string
    detail: string
    hint?: string | undefined
  },
  cause?: unknown,
): PostWriteError {
  const { command, path } = details
  return new PostWriteError(
    { command, exitCode: details.exitCode, path },
    `the revision file was written: ${path}; postWrite command \`${command}\` failed (${details.status}): ${details.detail}`,
    {
      cause,
      hint:
        details.hint ?? 'The file is kept as written; fix the command, then run it on the file.',
    },
  )
}
