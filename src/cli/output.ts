import { isAbsolute, relative } from 'node:path'
import pc from 'picocolors'
import { type CliIO, colorEnabled } from './io.js'

/** picocolors' formatter set (plain functions when colour is off). */
export type Colors = ReturnType<typeof pc.createColors>

/** How a run prints: `--json` and `--quiet`. */
export interface OutputOptions {
  readonly json: boolean
  readonly quiet: boolean
}

/**
 * Everything the CLI prints goes through one `Output`: the requested data on stdout, status
 * lines that `--quiet` and `--json` drop, warnings on stderr.
 *
 * @example
 * const out = new Output(io, { json: false, quiet: false })
 * out.status(`Generating ${out.path(file)} ... done`)
 */
export class Output {
  readonly json: boolean
  readonly quiet: boolean
  /** Colours for stdout (no-ops when stdout is not a terminal or NO_COLOR is set). */
  readonly colors: Colors
  /** Colours for stderr. */
  readonly errorColors: Colors
  readonly #io: CliIO

  constructor(io: CliIO, options: OutputOptions) {
    this.#io = io
    this.json = options.json
    this.quiet = options.quiet
    this.colors = pc.createColors(!options.json && colorEnabled(io.stdout, io.env))
    this.errorColors = pc.createColors(colorEnabled(io.stderr, io.env))
  }

  /** Print requested data (never suppressed). */
  print(text: string): void {
    this.#io.stdout.write(`${text}\n`)
  }

  /** Print a status line; dropped under `--quiet`, and under `--json` to keep stdout parseable. */
  status(text: string): void {
    if (!this.quiet && !this.json) this.#io.stdout.write(`${text}\n`)
  }

  /**
   * Write part of a status line, without the newline: a progress line starts when a revision
   * starts and ends when it ends. Dropped like `status`.
   */
  progress(text: string): void {
    if (!this.quiet && !this.json) this.#io.stdout.write(text)
  }

  /** Print a note on stderr (kept under `--quiet`): what the run is waiting for. */
  note(text: string): void {
    this.#io.stderr.write(`${this.errorColors.dim('stratum:')} ${text}\n`)
  }

  /** Print a warning on stderr (kept under `--quiet`). */
  warn(text: string): void {
    this.#io.stderr.write(`${this.errorColors.yellow('stratum: warning:')} ${text}\n`)
  }

  /** Print a value as JSON on stdout (two-space indented, one trailing newline). */
  printJson(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`)
  }

  /** A path as people read it: relative to the working directory when inside it. */
  path(path: string): string {
    return displayPath(path, this.#io.cwd)
  }
}

/**
 * `path` relative to `cwd` when it lies inside `cwd`, otherwise unchanged.
 *
 * @example
 * displayPath('/p/migrations/versions/a.ts', '/p') // 'migrations/versions/a.ts'
 */
export function displayPath(path: string, cwd: string): string {
  if (path === '' || !isAbsolute(path)) return path
  const rel = relative(cwd, path)
  if (rel === '') return '.'
  if (rel.startsWith('..') || isAbsolute(rel)) return path
  return rel
}
