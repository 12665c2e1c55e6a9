import type { LockHolder } from '../dialects/dialect.js'
import type { RevisionEndEvent, RevisionStartEvent } from '../runtime/events.js'
import type { RunReport, StepStatus } from '../runtime/report.js'
import type { Colors } from './output.js'

/**
 * Revision ids as a list for people: `a1, b2`, or `base` when there are none.
 *
 * @example
 * revisionList([]) // 'base'
 */
export function revisionList(ids: readonly string[]): string {
  return ids.length === 0 ? 'base' : ids.join(', ')
}

/**
 * A duration as people read it: `12 ms` below a second, else `3.4 s`.
 *
 * @example
 * formatDuration(1234) // '1.2 s'
 */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}

/**
 * The start of a progress line, in Alembic's words: `Running upgrade a -> b, message ...`
 * (`Running downgrade b -> a, ...` going down; no parent prints as nothing, as in the
 * `--sql` script). `parents` are the revision's parents.
 *
 * @example
 * progressStart(event, ['a'], colors) // 'Running upgrade a -> b, add email ...'
 */
export function progressStart(
  event: RevisionStartEvent,
  parents: readonly string[],
  colors: Colors,
): string {
  const self = colors.yellow(event.revision)
  const [from, to] =
    event.direction === 'upgrade' ? [parents.join(', '), self] : [self, parents.join(', ')]
  const message = event.message === '' ? '' : `, ${event.message}`
  return `Running ${event.direction} ${from} -> ${to}${message} ...`
}

/**
 * The end of a progress line: ` done (12 ms)` or ` failed (12 ms)`.
 *
 * @example
 * progressEnd(event, colors) // ' done (12 ms)'
 */
export function progressEnd(event: RevisionEndEvent, colors: Colors): string {
  const word = event.status === 'applied' ? colors.green('done') : colors.red('failed')
  return ` ${word} (${formatDuration(event.durationMs)})`
}

const STATUS_WIDTH = 'rolled back'.length

/**
 * The per-revision summary of a failed run, for stderr: one line per planned revision with
 * its status (applied, failed, rolled back, not run), id, message and duration.
 *
 * @example
 * runSummaryLines(error.report, colors) // ['  applied      a, create users (12 ms)', ...]
 */
export function runSummaryLines(report: RunReport, colors: Colors): string[] {
  const paint: Record<StepStatus, (text: string) => string> = {
    applied: colors.green,
    failed: colors.red,
    'rolled back': colors.yellow,
    'not run': colors.dim,
  }
  const title = report.direction === 'upgrade' ? 'Upgrade' : 'Downgrade'
  const lines = [`  ${title} to ${report.target}, revision by revision:`]
  for (const step of report.steps) {
    const status = paint[step.status](step.status.padEnd(STATUS_WIDTH))
    const message = step.message === '' ? '' : `, ${step.message}`
    const duration = step.status === 'not run' ? '' : ` (${formatDuration(step.durationMs)})`
    lines.push(`    ${status}  ${step.revision}${message}${duration}`)
  }
  lines.push(`  The database is at ${revisionList(report.current)}.`)
  return lines
}

/**
 * The note printed once when a run waits for the migration lock: who holds it, where the
 * database can tell.
 *
 * @example
 * lockWaitText({ pid: 4242, host: 'web-1' }) // 'Waiting for the migration lock held by pid 4242 on host web-1'
 */
export function lockWaitText(holder: LockHolder | undefined): string {
  const who = holderText(holder)
  return `Waiting for the migration lock ${who === '' ? 'held by another run' : `held by ${who}`}`
}

/**
 * A lock holder in words: `pid 4242 on host web-1 since 2026-11-26T10:30:00.000Z` (the parts
 * the database reports), or '' when it reports nothing.
 *
 * @example
 * holderText({ pid: 12, user: 'deploy' }) // 'pid 12 (user deploy)'
 */
export function holderText(holder: LockHolder | undefined): string {
  if (holder === undefined) return ''
  const parts: string[] = []
  if (holder.pid !== undefined) parts.push(`pid ${holder.pid}`)
  if (holder.host !== undefined && holder.host !== '') parts.push(`on host ${holder.host}`)
  const since = holder.since
  if (since instanceof Date && !Number.isNaN(since.getTime())) {
    parts.push(`since ${since.toISOString()}`)
  }
  const extra = [
    holder.user === undefined || holder.user === '' ? undefined : `user ${holder.user}`,
    holder.application === undefined || holder.application === ''
      ? undefined
      : `application ${holder.application}`,
  ].filter((part) => part !== undefined)
  if (extra.length > 0) parts.push(`(${extra.join(', ')})`)
  return parts.join(' ')
}
