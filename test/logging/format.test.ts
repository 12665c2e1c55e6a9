import { describe, expect, it } from 'vitest'
import { formatJson, formatPretty } from '../../src/logging/format.js'
import type { LogEntry } from '../../src/logging/record.js'

const time = new Date('2026-11-26T23:05:01.123Z')
const revision: LogEntry = {
  time,
  level: 'info',
  event: 'revision',
  direction: 'upgrade',
  revision: '3f2a9c1b7d4e',
  message: 'add users',
  outcome: 'applied',
  durationMs: 12,
}

describe('formatPretty', () => {
  it('a revision line as in the docs', () => {
    expect(formatPretty(revision)).toBe(
      '2026-11-26T23:05:01.123Z INFO upgrade 3f2a9c1b7d4e "add users" 12 ms',
    )
  })

  it('a failed revision says why; a rolled back one says so', () => {
    const failed = { ...revision, level: 'error' as const, outcome: 'failed', error: 'boom' }
    expect(formatPretty(failed)).toBe(
      '2026-11-26T23:05:01.123Z ERROR upgrade 3f2a9c1b7d4e "add users" failed after 12 ms: boom',
    )
    const undone = {
      ...revision,
      level: 'warn' as const,
      outcome: 'rolled back',
      durationMs: undefined,
    }
    expect(formatPretty(undone)).toBe(
      '2026-11-26T23:05:01.123Z WARN upgrade 3f2a9c1b7d4e "add users" rolled back',
    )
  })

  it('statements and the further lines of a text follow, indented', () => {
    const line = formatPretty({
      ...revision,
      level: 'debug',
      statements: ['CREATE TABLE users (\n  id integer\n)', 'SELECT 1'],
    })
    expect(line.split('\n')).toEqual([
      '2026-11-26T23:05:01.123Z DEBUG upgrade 3f2a9c1b7d4e "add users" 12 ms',
      '    CREATE TABLE users (',
      '      id integer',
      '    )',
      '    SELECT 1',
    ])
    const failed = formatPretty({ ...revision, outcome: 'failed', error: 'one\ntwo' })
    expect(failed.split('\n')[1]).toBe('    two')
  })

  it('the database of `databases` leads; the run lines say what ran', () => {
    const start = formatPretty({
      time,
      level: 'info',
      event: 'run:start',
      command: 'upgrade',
      target: 'head',
      url: 'postgres://app:***@db/app',
      environment: 'production',
      database: 'main',
    })
    expect(start).toBe(
      '2026-11-26T23:05:01.123Z INFO [main] upgrade head started: url postgres://app:***@db/app, environment production',
    )
    const end = {
      time,
      level: 'info' as const,
      event: 'run:end',
      command: 'upgrade',
      target: 'head',
    }
    expect(formatPretty({ ...end, count: 2, durationMs: 40, current: ['b2'] })).toBe(
      '2026-11-26T23:05:01.123Z INFO upgrade head finished: 2 revisions in 40 ms, at b2',
    )
    expect(
      formatPretty({
        ...end,
        level: 'error',
        outcome: 'failed',
        count: 1,
        durationMs: 9,
        error: 'x',
      }),
    ).toBe('2026-11-26T23:05:01.123Z ERROR upgrade head failed after 9 ms (1 revision applied): x')
    expect(formatPretty({ ...end, command: 'repair', target: undefined, current: [] })).toBe(
      '2026-11-26T23:05:01.123Z INFO repair finished, at base',
    )
  })

  it('stamp, repair, lock waits, and unknown events as key=value', () => {
    const base = { time, level: 'info' as const }
    expect(
      formatPretty({
        ...base,
        event: 'stamp',
        target: 'head',
        from: [],
        to: ['b2'],
        detail: 'purge',
      }),
    ).toBe('2026-11-26T23:05:01.123Z INFO stamp head: base -> b2 (purge)')
    expect(
      formatPretty({
        ...base,
        event: 'repair',
        revision: 'a1',
        outcome: 'accepted',
        from: 'old',
        to: 'new',
        path: 'v/a1.ts',
      }),
    ).toBe('2026-11-26T23:05:01.123Z INFO repair a1: accepted checksum old -> new (v/a1.ts)')
    expect(
      formatPretty({ ...base, event: 'repair', revision: 'a1', outcome: 'resolved as applied' }),
    ).toBe('2026-11-26T23:05:01.123Z INFO repair a1: resolved as applied')
    expect(
      formatPretty({
        ...base,
        level: 'warn',
        event: 'lock:wait',
        command: 'upgrade',
        detail: 'pid 42',
      }),
    ).toBe('2026-11-26T23:05:01.123Z WARN upgrade waiting for the migration lock held by pid 42')
    expect(
      formatPretty({ ...base, event: 'custom', revision: 'a1', count: 3, from: ['x', 'y'] }),
    ).toBe('2026-11-26T23:05:01.123Z INFO custom revision=a1 count=3 from=x, y')
  })
})

describe('formatJson', () => {
  it('time and level first, then the fields in their fixed order, unset ones left out', () => {
    const line = formatJson({ ...revision, statements: ['SELECT 1'], database: 'main' })
    expect(line).toBe(
      '{"time":"2026-11-26T23:05:01.123Z","level":"info","event":"revision","direction":"upgrade","revision":"3f2a9c1b7d4e","message":"add users","outcome":"applied","durationMs":12,"database":"main","statements":["SELECT 1"]}',
    )
  })

  it('one line whatever the text holds', () => {
    const line = formatJson({ ...revision, error: 'line one\nline "two"' })
    expect(line).not.toContain('\n')
    expect(JSON.parse(line).error).toBe('line one\nline "two"')
  })
})
