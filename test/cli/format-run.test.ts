import pc from 'picocolors'
import { describe, expect, it } from 'vitest'
import {
  formatDuration,
  holderText,
  lockWaitText,
  progressEnd,
  progressStart,
  revisionList,
  runSummaryLines,
} from '../../src/cli/format-run.js'
import type { RevisionStartEvent } from '../../src/runtime/events.js'
import { runMain } from './run-main.js'

const colors = pc.createColors(false)
const start = (overrides: Partial<RevisionStartEvent> = {}): RevisionStartEvent => ({
  revision: 'b',
  message: 'add email',
  path: '/p/b.ts',
  direction: 'upgrade',
  from: ['a'],
  to: ['b'],
  index: 1,
  total: 1,
  ...overrides,
})

describe('progress lines', () => {
  it("reads like Alembic's: parents -> revision going up, the reverse going down", () => {
    expect(progressStart(start(), ['a'], colors)).toBe('Running upgrade a -> b, add email ...')
    expect(progressStart(start({ message: '' }), ['a1', 'a2'], colors)).toBe(
      'Running upgrade a1, a2 -> b ...',
    )
    expect(progressStart(start({ direction: 'downgrade' }), ['a'], colors)).toBe(
      'Running downgrade b -> a, add email ...',
    )
    expect(progressStart(start(), [], colors)).toBe('Running upgrade  -> b, add email ...')
    expect(progressEnd({ ...start(), status: 'applied', durationMs: 12 }, colors)).toBe(
      ' done (12 ms)',
    )
    expect(progressEnd({ ...start(), status: 'failed', durationMs: 2500 }, colors)).toBe(
      ' failed (2.5 s)',
    )
  })

  it('durations, revision lists', () => {
    expect(formatDuration(0)).toBe('0 ms')
    expect(formatDuration(999)).toBe('999 ms')
    expect(formatDuration(61_000)).toBe('61.0 s')
    expect(revisionList([])).toBe('base')
    expect(revisionList(['a', 'b'])).toBe('a, b')
  })
})

describe('the lock holder', () => {
  it('names what the database reports', () => {
    const since = new Date('2026-11-26T10:30:00.000Z')
    expect(lockWaitText({ pid: 4242, host: 'web-1', since })).toBe(
      'Waiting for the migration lock held by pid 4242 on host web-1 since 2026-11-26T10:30:00.000Z',
    )
    expect(holderText({ pid: 7, user: 'deploy', application: 'stratum' })).toBe(
      'pid 7 (user deploy, application stratum)',
    )
    expect(lockWaitText(undefined)).toBe('Waiting for the migration lock held by another run')
    expect(lockWaitText({})).toBe('Waiting for the migration lock held by another run')
    expect(holderText({ since: new Date(Number.NaN) })).toBe('')
  })
})

describe('the failure summary', () => {
  it('one line per planned revision, then where the database is', () => {
    const lines = runSummaryLines(
      {
        direction: 'downgrade',
        target: 'base',
        current: ['a'],
        steps: [
          { revision: 'c', message: 'orders', path: '/c.ts', status: 'applied', durationMs: 3 },
          { revision: 'b', message: '', path: '/b.ts', status: 'failed', durationMs: 1 },
          { revision: 'a', message: 'users', path: '/a.ts', status: 'not run', durationMs: 0 },
        ],
      },
      colors,
    )
    expect(lines).toEqual([
      '  Downgrade to base, revision by revision:',
      '    applied      c, orders (3 ms)',
      '    failed       b (1 ms)',
      '    not run      a, users',
      '  The database is at a.',
    ])
  })
})

describe('help', () => {
  it('lists the database commands and their flags', async () => {
    const help = await runMain(['--help'], { cwd: process.cwd() })
    expect(help.code).toBe(0)
    for (const command of ['upgrade', 'downgrade', 'current', 'status', 'stamp', 'repair']) {
      expect(help.stdout).toMatch(new RegExp(`\\n {2}${command}\\b`))
    }
    const upgrade = await runMain(['upgrade', '--help'], { cwd: process.cwd() })
    for (const flag of ['--sql', '--transaction-mode', '--lock-timeout']) {
      expect(upgrade.stdout).toContain(flag)
    }
    expect(upgrade.stdout).toMatch(/"per-revision",\s+"all",\s+"none"/)
    const repair = await runMain(['repair', '--help'], { cwd: process.cwd() })
    expect(repair.stdout).toContain('--resolve <outcome>')
    expect(repair.stdout).toContain('--checksums [revisions...]')
  })
})
