/**
 * The two line formats of `logging.format`: `json` (one object per line, fixed field names)
 * and `pretty` (a timestamp, the level and a sentence per event).
 */
import { LOG_FIELDS, type LogEntry } from './record.js'

/** How lines are written. */
export type LogFormat = 'pretty' | 'json'

/**
 * One JSON object: `time` (ISO 8601, UTC), `level`, then the record's fields in a fixed
 * order; fields that are not set are left out. No newline inside.
 *
 * @example
 * formatJson({ time, level: 'info', event: 'revision', revision: 'a1', durationMs: 12 })
 * // '{"time":"2026-11-26T23:05:01.123Z","level":"info","event":"revision","revision":"a1","durationMs":12}'
 */
export function formatJson(entry: LogEntry): string {
  const line: Record<string, unknown> = { time: entry.time.toISOString(), level: entry.level }
  for (const field of LOG_FIELDS) {
    const value = entry[field]
    if (value !== undefined) line[field] = value
  }
  return JSON.stringify(line)
}

/**
 * A line for people: `2026-11-26T23:05:01.123Z INFO upgrade 3f2a9c1b7d4e "add users" 12 ms`.
 * The database of `databases` comes first in brackets when set. A revision's statements
 * (level `debug`) and the further lines of a multi-line text follow, indented.
 *
 * @example
 * formatPretty({ time, level: 'info', event: 'revision', direction: 'upgrade', revision: 'a1', message: 'add users', durationMs: 12 })
 * // '2026-11-26T23:05:01.123Z INFO upgrade a1 "add users" 12 ms'
 */
export function formatPretty(entry: LogEntry): string {
  const where = entry.database === undefined ? '' : `[${entry.database}] `
  const [first = '', ...more] = sentence(entry).split(/\r?\n/)
  const lines = [`${entry.time.toISOString()} ${entry.level.toUpperCase()} ${where}${first}`]
  for (const text of [...more, ...(entry.statements ?? [])]) {
    for (const line of text.split(/\r?\n/)) lines.push(`    ${line}`)
  }
  return lines.join('\n')
}

const list = (value: string | readonly string[] | undefined): string =>
  value === undefined
    ? ''
    : typeof value === 'string'
      ? value
      : value.length === 0
        ? 'base'
        : value.join(', ')

const quoted = (message: string | undefined): string =>
  message === undefined || message === '' ? '' : ` ${JSON.stringify(message)}`

const duration = (ms: number | undefined): string => (ms === undefined ? '' : ` ${ms} ms`)

/** What the line says, per event; unknown events list their fields as `key=value`. */
function sentence(entry: LogEntry): string {
  const failure = entry.error === undefined ? '' : `: ${entry.error}`
  switch (entry.event) {
    case 'run:start': {
      const where = [
        entry.url === undefined ? undefined : `url ${entry.url}`,
        entry.environment === undefined ? undefined : `environment ${entry.environment}`,
      ].filter((part) => part !== undefined)
      const run = [entry.command, entry.target].filter((part) => part).join(' ')
      return `${run} started${where.length > 0 ? `: ${where.join(', ')}` : ''}`
    }
    case 'revision': {
      const what = `${[entry.direction, entry.revision].filter((part) => part).join(' ')}${quoted(entry.message)}`
      if (entry.outcome === 'failed') {
        return `${what} failed after${duration(entry.durationMs)}${failure}`
      }
      const outcome =
        entry.outcome === undefined || entry.outcome === 'applied' ? '' : ` ${entry.outcome}`
      return `${what}${duration(entry.durationMs)}${outcome}${failure}`
    }
    case 'run:end': {
      const run = [entry.command, entry.target].filter((part) => part).join(' ')
      const revisions = `${entry.count} revision${entry.count === 1 ? '' : 's'}`
      if (entry.outcome === 'failed') {
        const applied = entry.count === undefined ? '' : ` (${revisions} applied)`
        return `${run} failed after${duration(entry.durationMs)}${applied}${failure}`
      }
      const count = entry.count === undefined ? '' : `: ${revisions}`
      const took = entry.durationMs === undefined ? '' : ` in${duration(entry.durationMs)}`
      return `${run} finished${count}${took}, at ${list(entry.current)}`
    }
    case 'lock:wait':
      return `${entry.command} waiting for the migration lock held by ${entry.detail ?? 'another run'}`
    case 'stamp': {
      const purge = entry.detail === undefined ? '' : ` (${entry.detail})`
      return `stamp ${entry.target ?? ''}: ${list(entry.from)} -> ${list(entry.to)}${purge}`
    }
    case 'repair': {
      const path = entry.path === undefined ? '' : ` (${entry.path})`
      if (entry.from !== undefined || entry.to !== undefined) {
        return `repair ${entry.revision}: ${entry.outcome} checksum ${list(entry.from)} -> ${list(entry.to)}${path}`
      }
      return `repair ${entry.revision}: ${entry.outcome}${path}`
    }
    default:
      return fieldsText(entry)
  }
}

function fieldsText(entry: LogEntry): string {
  const parts: string[] = [entry.event]
  for (const field of LOG_FIELDS) {
    if (field === 'event' || field === 'database' || field === 'statements') continue
    const value = entry[field]
    if (value === undefined) continue
    parts.push(
      `${field}=${typeof value === 'string' || typeof value === 'number' ? value : list(value)}`,
    )
  }
  return parts.join(' ')
}
