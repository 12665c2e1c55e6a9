import type { StatusReport } from '../runtime/status.js'
import type { HistoryMismatch, VersionStateProblems } from '../runtime/version-state.js'
import { formatRevisionLine, type RevisionJson, revisionToJson } from './format-revision.js'
import { holderText, revisionList } from './format-run.js'
import type { Colors } from './output.js'
import { HISTORY_LINE } from './print-revisions.js'

/** How `status` shows its report. */
export interface StatusTextOptions {
  readonly colors: Colors
  /** Shows a path as people read it (relative to the working directory). */
  readonly path: (path: string) => string
}

/**
 * The `status` report as text: current revisions, heads, pending revisions in order (as
 * `history` lines), the lock, then changed files, what is wrong with the version table
 * (deleted files, unknown or redundant rows, the history) and partial revisions when there
 * are any, each with what to do about it.
 *
 * @example
 * for (const line of statusLines(report, { colors, path: out.path })) out.print(line)
 */
export function statusLines(report: StatusReport, options: StatusTextOptions): string[] {
  const c = options.colors
  const current = [
    ...report.revisions.map((rev) => formatRevisionLine(rev, { colors: c, headMarkers: true })),
    ...report.missingRevisions.map((id) => `${c.yellow(id)} ${c.red('(no file)')}`),
  ]
  const lines = [
    `Current: ${current.length > 0 ? current.join(', ') : 'base'}${report.versionTableExists ? '' : ' (no version table yet)'}`,
    `Heads: ${revisionList(report.heads.map((id) => c.yellow(id)))}`,
  ]
  if (report.pending.length === 0) {
    lines.push(`Pending: ${report.atHeads ? 'none, the database is at the heads' : 'none'}`)
  } else {
    lines.push(`Pending: ${count(report.pending.length, 'revision')}, in order:`)
    for (const rev of report.pending) {
      lines.push(`  ${formatRevisionLine(rev, { ...HISTORY_LINE, colors: c })}`)
    }
  }
  const holder = report.lockHolder
  lines.push(
    `Lock: ${holder === undefined ? 'free' : `held by ${holderText(holder) || 'another run'}`}`,
  )
  if (report.changedFiles.length > 0) {
    lines.push(`${c.red('Changed files')} (applied, then edited): ${report.changedFiles.length}`)
    for (const file of report.changedFiles) {
      const now = file.actual === undefined ? 'the file is missing' : `now ${short(file.actual)}`
      lines.push(
        `  ${options.path(file.path)} (revision ${c.yellow(file.revision)}): recorded ${short(file.recorded)}, ${now}`,
      )
    }
    lines.push("  Restore the files, or accept them as they are with 'stratum repair'.")
  }
  lines.push(...versionStateLines(report.versionState, c))
  if (report.partialRevisions.length > 0) {
    lines.push(`${c.red('Partially applied')}:`)
    for (const partial of report.partialRevisions) {
      const of = partial.statementsTotal === undefined ? '' : ` of ${partial.statementsTotal}`
      const how = partial.outcome === 'running' ? 'the run was killed' : 'the run failed'
      lines.push(
        `  ${c.yellow(partial.revision)}: ${partial.direction}, ${partial.statementsDone}${of} statements ran (${how})`,
      )
    }
    lines.push(
      "  Finish or undo it by hand, then 'stratum repair --resolve applied' or '--resolve rolled-back'.",
    )
  }
  return lines
}

/** The version table's problems, each with what to do about it. */
function versionStateLines(state: VersionStateProblems, c: Colors): string[] {
  const lines: string[] = []
  const block = (title: string, items: readonly string[], todo: string) => {
    if (items.length === 0) return
    lines.push(title, ...items.map((item) => `  ${item}`), `  ${todo}`)
  }
  block(
    `${c.red('Deleted revision files')} (in the version table and the history, declared by no file now):`,
    state.deletedFiles.map((id) => c.yellow(id)),
    "Restore the files from version control, or set the version table with 'stratum stamp --purge REV'.",
  )
  block(
    `${c.red('Unknown revisions')} (in the version table, declared by no file, never applied here):`,
    state.unknownRows.map((id) => c.yellow(id)),
    "Find out where the database stands, then set the version table with 'stratum stamp --purge REV'.",
  )
  block(
    `${c.red('Redundant version rows')} (one row per head is expected):`,
    state.redundantRows.map(({ row, impliedBy }) => `${c.yellow(row)} (implied by ${impliedBy})`),
    "Set the version table with 'stratum stamp --purge REV'.",
  )
  if (state.historyMissing) {
    lines.push(
      `${c.red('History table missing')}: the version table holds revisions, but the history table does not exist (dropped, or another tool migrated the database).`,
      "  Restore it from a backup, or start a new history with the files as they are now: 'stratum repair'.",
    )
  }
  const mismatch = state.historyMismatch
  if (mismatch !== undefined) {
    const did = mismatch.direction === 'upgrade' ? 'applied' : 'undid'
    const rows = mismatch.rows.length === 0 ? 'base' : mismatch.rows.join(', ')
    lines.push(
      `${c.red('Version table changed by hand')}: it says ${rows}, but the last run the history records ${did} ${c.yellow(mismatch.revision)}.`,
      "  If the version table is right, accept it with 'stratum repair'; otherwise set it with 'stratum stamp REV'.",
    )
  }
  return lines
}

/** The machine-readable `status` report (`--json`). */
export interface StatusJson
  extends Omit<
    StatusReport,
    'revisions' | 'pending' | 'lockHolder' | 'changedFiles' | 'versionState'
  > {
  revisions: RevisionJson[]
  pending: RevisionJson[]
  lockHolder: StatusReport['lockHolder'] | null
  changedFiles: { revision: string; path: string; recorded: string; actual: string | null }[]
  versionState: Omit<VersionStateProblems, 'historyMismatch'> & {
    historyMismatch: HistoryMismatch | null
  }
}

/**
 * The `--json` document of `status`: the report with revision objects as in the read
 * commands, and `null` for what is absent.
 *
 * @example
 * out.printJson(statusToJson(report))
 */
export function statusToJson(report: StatusReport): StatusJson {
  return {
    ...report,
    revisions: report.revisions.map(revisionToJson),
    pending: report.pending.map(revisionToJson),
    lockHolder: report.lockHolder ?? null,
    changedFiles: report.changedFiles.map((file) => ({ ...file, actual: file.actual ?? null })),
    versionState: {
      ...report.versionState,
      historyMismatch: report.versionState.historyMismatch ?? null,
    },
  }
}

/**
 * What `status --check` fails for, in words (empty when everything is in order): pending
 * revisions, changed files, missing revisions, partial revisions.
 *
 * @example
 * statusProblems(report) // ['2 pending revisions', '1 changed file']
 */
export function statusProblems(report: StatusReport): string[] {
  const problems: string[] = []
  if (report.pending.length > 0) problems.push(count(report.pending.length, 'pending revision'))
  else if (!report.atHeads && report.missingRevisions.length === 0) {
    problems.push('not at the heads')
  }
  if (report.changedFiles.length > 0) {
    problems.push(count(report.changedFiles.length, 'changed file'))
  }
  if (report.missingRevisions.length > 0) {
    problems.push(count(report.missingRevisions.length, 'missing revision'))
  }
  if (report.partialRevisions.length > 0) {
    problems.push(count(report.partialRevisions.length, 'partially applied revision'))
  }
  const state = report.versionState
  if (state.redundantRows.length > 0) {
    problems.push(count(state.redundantRows.length, 'redundant version row'))
  }
  if (state.historyMissing) problems.push('the history table is missing')
  if (state.historyMismatch !== undefined) problems.push('the version table was changed by hand')
  return problems
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** Checksums are long; twelve characters tell them apart for people. */
function short(checksum: string): string {
  return checksum.slice(0, 12)
}
