/**
 * Running a database's own command-line tools (pg_dump, psql, mariadb-dump, mariadb) for
 * backups and restores: found on PATH before anything starts, passwords passed in the
 * environment (never on the command line), output written straight to the dump file, and
 * every way a tool can fail turned into one clear `BackupError` with its output masked.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, createReadStream, statSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { delimiter, isAbsolute, join } from 'node:path'
import { maskUrl } from '../config/mask.js'
import { BackupError } from '../errors.js'

/** A tool found on PATH. */
export interface Tool {
  /** The name it was looked for by (`mariadb-dump`). */
  readonly name: string
  /** Its absolute path. */
  readonly path: string
}

/**
 * The first of `names` that is an executable file on `PATH`, or undefined.
 *
 * @example
 * findTool(['mariadb-dump', 'mysqldump']) // { name: 'mariadb-dump', path: '/usr/bin/mariadb-dump' }
 */
export function findTool(
  names: readonly string[],
  path: string | undefined = process.env.PATH,
): Tool | undefined {
  const folders = (path ?? '').split(delimiter).filter((folder) => isAbsolute(folder))
  for (const name of names) {
    for (const folder of folders) {
      const candidate = join(folder, name)
      try {
        if (!statSync(candidate).isFile()) continue
        accessSync(candidate, constants.X_OK)
        return { name, path: candidate }
      } catch {
        // Not here: try the next folder.
      }
    }
  }
  return undefined
}

/**
 * The first of `names` on PATH; a `BackupError` (`BACKUP_TOOL_MISSING` when dumping,
 * `RESTORE_TOOL_MISSING` when restoring) naming them all and how to install one.
 *
 * @example
 * const tool = requireTool(['pg_dump'], { restoring: false, install: 'apt install postgresql-client' })
 */
export function requireTool(
  names: readonly string[],
  options: { readonly restoring: boolean; readonly install: string },
): Tool {
  const tool = findTool(names)
  if (tool !== undefined) return tool
  const missing =
    names.length === 1 ? `${names[0]} is not on PATH` : `Neither ${names.join(' nor ')} is on PATH`
  const task = options.restoring ? 'restore' : 'back up'
  const which = names.length === 1 ? 'it' : 'one of them'
  throw new BackupError(
    options.restoring ? 'RESTORE_TOOL_MISSING' : 'BACKUP_TOOL_MISSING',
    `${missing}: Stratum needs ${which} to ${task} this database`,
    { hint: `Install it (${options.install}) or add its folder to PATH.` },
  )
}

/** What {@link runTool} runs. */
export interface ToolRun {
  readonly tool: Tool
  readonly args: readonly string[]
  /** Variables set (a string) or removed (undefined) in the tool's environment. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Where stdout goes: appended to this file, or dropped. */
  readonly output?: string | undefined
  /** What stdin reads: this text first, then this file's content. */
  readonly input?: { readonly prelude?: string; readonly file: string } | undefined
  /** `BACKUP_FAILED` or `RESTORE_FAILED`. */
  readonly failureCode: string
  /** Masks the URL's secrets in the tool's messages. */
  readonly mask: (text: string) => string
  /** Added to the error when the tool fails. */
  readonly hint?: string | undefined
}

/** How much of a tool's stderr is kept for the error message. */
const STDERR_LIMIT = 16_384

/**
 * Runs a tool to completion. Resolves when it exits with status 0; otherwise throws a
 * `BackupError` with `failureCode` whose message names the tool and quotes the end of its
 * stderr (masked). A tool killed by `SIGXFSZ` hit the file size limit (`ulimit -f`): the
 * message says so, and names the output file.
 *
 * @example
 * await runTool({ tool, args: ['--schema-only'], env: { PGPASSWORD: url.password }, output: file,
 *   failureCode: 'BACKUP_FAILED', mask })
 */
export async function runTool(run: ToolRun): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const [key, value] of Object.entries(run.env)) {
    if (value === undefined) delete env[key]
    else env[key] = value
  }
  const output = run.output === undefined ? undefined : await open(run.output, 'a')
  try {
    const child = spawn(run.tool.path, [...run.args], {
      env,
      stdio: [run.input === undefined ? 'ignore' : 'pipe', output?.fd ?? 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_LIMIT)
    })
    const feeding = run.input === undefined ? Promise.resolve() : feed(child.stdin, run.input)
    const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        child.once('error', reject)
        child.once('close', (code, signal) => resolve({ code, signal }))
      },
    ).catch((error: NodeJS.ErrnoException) => {
      throw new BackupError(
        run.failureCode,
        `Cannot start ${run.tool.path}: ${error.code ?? error.message}`,
        { cause: error, hint: run.hint },
      )
    })
    const fed = await feeding.then(
      () => undefined,
      (error: Error) => error,
    )
    if (exit.code === 0 && exit.signal === null && fed === undefined) return
    throw toolFailure(run, exit, stderr, fed)
  } finally {
    await output?.close()
  }
}

/** Writes the prelude, then the file, into the tool's stdin. */
function feed(
  stdin: NodeJS.WritableStream | null,
  input: { readonly prelude?: string; readonly file: string },
): Promise<void> {
  if (stdin === null) return Promise.resolve()
  return new Promise((resolve, reject) => {
    // A tool that exits early closes its stdin (EPIPE): its exit status tells the story.
    stdin.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EPIPE' ? resolve() : reject(error),
    )
    if (input.prelude !== undefined) stdin.write(input.prelude)
    const source = createReadStream(input.file)
    source.once('error', reject)
    source.once('end', resolve)
    source.pipe(stdin)
  })
}

function toolFailure(
  run: ToolRun,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  stderr: string,
  fed: Error | undefined,
): BackupError {
  const name = run.tool.name
  if (exit.signal === 'SIGXFSZ') {
    return new BackupError(
      run.failureCode,
      `${name} was stopped by the file size limit (ulimit -f) while writing ${run.output ?? 'its output'}`,
      { hint: run.hint ?? 'Raise the limit (ulimit -f unlimited) before running Stratum.' },
    )
  }
  const how = exit.signal !== null ? `was killed by ${exit.signal}` : `failed (exit ${exit.code})`
  const said = lastLines(run.mask(maskUrl(stderr)))
  const reason = said !== '' ? `: ${said}` : fed !== undefined ? `: ${fed.message}` : ''
  return new BackupError(run.failureCode, `${name} ${how}${reason}`, { hint: run.hint })
}

/** The last few non-empty lines of a tool's stderr, on one line. */
function lastLines(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
  return lines.slice(-3).join(' / ')
}
