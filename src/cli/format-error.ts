import { parse, sep } from 'node:path'
import {
  MigrationDowngradeError,
  MigrationError,
  MigrationUpgradeError,
  UsageError,
} from '../errors.js'
import { redactDeep, redactor } from '../logging/redact.js'
import type { RunReport } from '../runtime/report.js'
import { EXIT_FAILURE, EXIT_USAGE } from './exit-codes.js'
import { runSummaryLines } from './format-run.js'
import type { Colors } from './output.js'

/** What the CLI prints for a failed run, and the exit code it returns. */
export interface ErrorReport {
  readonly exitCode: number
  /** Lines for stderr (no trailing newlines). */
  readonly lines: readonly string[]
  /** The `--json` document for stdout; `report` when a run failed (what ran, what did not). */
  readonly json: { error: { code: string; message: string; hint?: string }; report?: RunReport }
}

/** How to describe an error. */
export interface DescribeErrorOptions {
  /** Add the stack and the cause chain. */
  readonly verbose: boolean
  /** Strings to mask wherever they appear (passwords of the configured URLs). */
  readonly secrets: readonly string[]
  readonly colors: Colors
  /** The working directory: paths under it are shown relative in the text lines. */
  readonly cwd?: string | undefined
}

/**
 * Turn anything thrown during a run into the lines to print and the exit code: a
 * `UsageError` exits 2, any other `MigrationError` 1 with its message and hint, anything else
 * is an internal error (1) whose stack is only shown under `--verbose`. A failed upgrade or
 * downgrade adds its per-revision summary (applied, failed, not run).
 *
 * @example
 * const report = describeError(error, { verbose: false, secrets: [], colors })
 * for (const line of report.lines) stderr.write(`${line}\n`)
 */
export function describeError(error: unknown, options: DescribeErrorOptions): ErrorReport {
  // Known secrets, and the password of any URL in the text (a driver may quote one).
  const mask = redactor(options.secrets)
  const { colors } = options
  const known = error instanceof MigrationError
  const message = oneLine(mask(error instanceof Error ? error.message : String(error)))
  const hint = known
    ? error.hint && mask(error.hint)
    : options.verbose
      ? undefined
      : 'This is a bug in Stratum or an unexpected condition; rerun with --verbose to see the stack trace.'
  const label = known ? 'error:' : 'internal error:'
  const shorten = relativeTo(options.cwd)
  const lines = [`${colors.red(`stratum: ${label}`)} ${shorten(message)}`]
  if (hint) lines.push(`  ${colors.dim('hint:')} ${shorten(hint)}`)
  const report = runReportOf(error)
  if (report !== undefined) lines.push(...runSummaryLines(report, colors).map(mask))
  if (options.verbose) lines.push(...traceLines(error).map(mask))
  const code = known ? error.code : 'INTERNAL'
  const json = { error: hint ? { code, message, hint } : { code, message } }
  return {
    exitCode: error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE,
    lines,
    json: report === undefined ? json : { ...json, report: redactDeep(report, mask) },
  }
}

const ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

/**
 * An error is one line: control characters in it (a newline or a NUL inside a table name
 * the database refused, say) are shown escaped (`\n`, `\u0000`).
 */
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => {
    return ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
}

/** The per-revision report a failed run carries, when it planned any revision. */
function runReportOf(error: unknown): RunReport | undefined {
  const failedRun =
    error instanceof MigrationUpgradeError || error instanceof MigrationDowngradeError
  const report = failedRun ? error.report : undefined
  return report !== undefined && report.steps.length > 0 ? report : undefined
}

/** Shows paths under `cwd` relative to it, as the rest of the text output does. */
function relativeTo(cwd: string | undefined): (text: string) => string {
  if (cwd === undefined || parse(cwd).root === cwd) return (text) => text
  const prefix = cwd.endsWith(sep) ? cwd : `${cwd}${sep}`
  return (text) => text.split(prefix).join('')
}

/** The stack of `error` and of each error in its `cause` chain. */
function traceLines(error: unknown): string[] {
  const lines: string[] = []
  const seen = new Set<unknown>()
  let current: unknown = error
  let depth = 0
  while (current !== undefined && current !== null && !seen.has(current)) {
    seen.add(current)
    const text =
      current instanceof Error
        ? (current.stack ?? `${current.name}: ${current.message}`)
        : String(current)
    const [head = '', ...rest] = text.split('\n')
    lines.push(depth === 0 ? head : `caused by: ${head}`, ...rest)
    current = current instanceof Error ? current.cause : undefined
    depth += 1
  }
  return lines
}
