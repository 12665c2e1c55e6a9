// What a run writes to the log, from a real Migrator on a SQLite file.
import { writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger, type LoggerOptions } from '../../src/logging/logger.js'
import { RunLog, type RunLogStart } from '../../src/logging/run-log.js'
import { MigratorEventEmitter } from '../../src/runtime/events.js'
import type { Migrator } from '../../src/runtime/migrator.js'
import { sqliteDatabase } from '../support/databases.js'
import { createProject, type RevisionSpec, revisionSource } from '../support/project.js'

const database = sqliteDatabase('run_log')
afterAll(() => database.drop())

type Line = Record<string, unknown>

/** A RunLog writing JSON lines to an array. */
function runLog(start: RunLogStart, options: LoggerOptions = {}) {
  const lines: string[] = []
  const logger = createLogger({
    format: 'json',
    ...options,
    sinks: [{ write: (line) => lines.push(line) }],
  })
  const log = new RunLog(logger, start)
  return { log, logger, parsed: (): Line[] => lines.map((line) => JSON.parse(line) as Line) }
}

/** Runs `work` logged, as the CLI does. */
async function logged<T>(
  log: RunLog,
  migrator: Migrator,
  work: () => Promise<T>,
  end: (result: T) => void,
): Promise<unknown> {
  const detach = log.attach(migrator)
  try {
    end(await work())
    return undefined
  } catch (error) {
    log.failed(error)
    return error
  } finally {
    detach()
  }
}

let counter = 0
async function project(revisions: (prefix: string) => RevisionSpec[]) {
  const prefix = `rl${counter++}_`
  return createProject({
    url: `${database.url}`,
    revisions: revisions(prefix),
    config: { versionTable: `${prefix}version` },
  })
}

const URL_WITH_PASSWORD = 'postgres://app:s3cret@db.internal/app'

describe('RunLog', () => {
  it('start, one line per revision (statements at debug), end', async () => {
    const p = await project((prefix) => [
      { id: 'a1', prefix, message: 'add users' },
      { id: 'b2', down: 'a1', prefix },
    ])
    const migrator = await p.migrator()
    try {
      const { log, parsed } = runLog(
        { command: 'upgrade', target: 'head', url: URL_WITH_PASSWORD },
        { level: 'debug', context: { database: 'main', environment: 'prod' } },
      )
      await logged(
        log,
        migrator,
        () => migrator.upgrade('head'),
        (r) => log.finished(r),
      )
      const lines = parsed()
      expect(lines.map((line) => [line.level, line.event, line.revision])).toEqual([
        ['info', 'run:start', undefined],
        ['info', 'revision', 'a1'],
        ['info', 'revision', 'b2'],
        ['info', 'run:end', undefined],
      ])
      expect(lines[0]).toMatchObject({
        command: 'upgrade',
        target: 'head',
        url: 'postgres://app:***@db.internal/app',
        database: 'main',
        environment: 'prod',
      })
      expect(lines[1]).toMatchObject({
        direction: 'upgrade',
        message: 'add users',
        outcome: 'applied',
        durationMs: expect.any(Number),
        statements: [expect.stringMatching(/^CREATE TABLE "rl\d+_t_a1"/)],
      })
      expect(lines[3]).toMatchObject({ outcome: 'applied', count: 2, current: ['b2'] })
      expect(JSON.stringify(lines)).not.toContain('s3cret')
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('at info: no statements', async () => {
    const p = await project((prefix) => [{ id: 'a1', prefix }])
    const migrator = await p.migrator()
    try {
      const { log, parsed } = runLog({ command: 'upgrade', target: 'head' })
      await logged(
        log,
        migrator,
        () => migrator.upgrade('head'),
        (r) => log.finished(r),
      )
      const revision = parsed().find((line) => line.event === 'revision')
      expect(revision).toBeDefined()
      expect(revision).not.toHaveProperty('statements')
      // The downgrade, logged too.
      const down = runLog({ command: 'downgrade', target: 'base' })
      await logged(
        down.log,
        migrator,
        () => migrator.downgrade('base'),
        (r) => down.log.finished(r),
      )
      expect(down.parsed().map((line) => [line.event, line.direction ?? line.command])).toEqual([
        ['run:start', 'downgrade'],
        ['revision', 'downgrade'],
        ['run:end', 'downgrade'],
      ])
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('a failed revision: its line at error with the masked error, then the failed end', async () => {
    const p = await project((prefix) => [
      { id: 'a1', prefix },
      {
        id: 'b2',
        down: 'a1',
        prefix,
        message: 'broken',
        upgrade: `await op.execute("SELECT 's3cret' FROM missing_table")`,
      },
    ])
    const migrator = await p.migrator()
    try {
      const { log, parsed } = runLog(
        { command: 'upgrade', target: 'head', url: URL_WITH_PASSWORD },
        { level: 'debug', secrets: ['s3cret'] },
      )
      const error = await logged(
        log,
        migrator,
        () => migrator.upgrade('head'),
        (r) => log.finished(r),
      )
      expect(error).toBeInstanceOf(Error)
      const lines = parsed()
      expect(lines.map((line) => [line.level, line.event, line.revision, line.outcome])).toEqual([
        ['info', 'run:start', undefined, undefined],
        ['info', 'revision', 'a1', 'applied'],
        ['error', 'revision', 'b2', 'failed'],
        ['error', 'run:end', undefined, 'failed'],
      ])
      expect(lines[2]).toMatchObject({
        message: 'broken',
        error: expect.stringMatching(/^Upgrade failed at revision b2 \(broken\).*missing_table/),
        code: 'REVISION_FAILED',
        statements: ["SELECT '***' FROM missing_table"],
      })
      expect(lines[3]).toMatchObject({ count: 1, current: ['a1'], code: 'REVISION_FAILED' })
      expect(JSON.stringify(lines)).not.toContain('s3cret')
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('transaction mode all: the revisions that went down with the run are logged rolled back', async () => {
    const p = await project((prefix) => [
      { id: 'a1', prefix },
      { id: 'b2', down: 'a1', prefix, upgrade: "await op.execute('NOT SQL')" },
    ])
    const migrator = await p.migrator({ transactionMode: 'all' })
    try {
      const { log, parsed } = runLog({ command: 'upgrade', target: 'head' })
      await logged(
        log,
        migrator,
        () => migrator.upgrade('head'),
        (r) => log.finished(r),
      )
      expect(parsed().map((line) => [line.level, line.revision, line.outcome])).toEqual([
        ['info', undefined, undefined],
        ['info', 'a1', 'applied'],
        ['error', 'b2', 'failed'],
        ['warn', 'a1', 'rolled back'],
        ['error', undefined, 'failed'],
      ])
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('a run that fails before any revision (no database URL) still logs its end', async () => {
    const p = await project((prefix) => [{ id: 'a1', prefix }])
    const migrator = await p.migrator({ url: 'sqlite:/nonexistent-stratum-dir/x.db' })
    try {
      const { log, parsed } = runLog({ command: 'upgrade', target: 'head' })
      const error = await logged(
        log,
        migrator,
        () => migrator.upgrade('head'),
        (r) => log.finished(r),
      )
      expect(error).toBeInstanceOf(Error)
      expect(parsed().map((line) => [line.level, line.event, line.count])).toEqual([
        ['info', 'run:start', undefined],
        ['error', 'run:end', 0],
      ])
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('stamp logs the rows before and after; repair the checksums it accepted', async () => {
    const p = await project((prefix) => [
      { id: 'a1', prefix },
      { id: 'b2', down: 'a1', prefix },
    ])
    const migrator = await p.migrator()
    try {
      const stamp = runLog({ command: 'stamp', target: 'a1' })
      await logged(
        stamp.log,
        migrator,
        () => migrator.stamp(['a1'], { purge: true }),
        (r) => stamp.log.stamped(r, { purge: true }),
      )
      expect(stamp.parsed().map((line) => line.event)).toEqual(['run:start', 'stamp', 'run:end'])
      expect(stamp.parsed()[1]).toMatchObject({
        target: 'a1',
        from: [],
        to: ['a1'],
        detail: 'purge',
      })

      const spec = { id: 'a1', prefix: 'changed_' }
      writeFileSync(p.path('a1'), `${revisionSource(spec)}// edited\n`)
      const repair = runLog({ command: 'repair' })
      await logged(
        repair.log,
        migrator,
        () => migrator.repair(),
        (r) => repair.log.repaired(r),
      )
      const lines = repair.parsed()
      expect(lines.map((line) => [line.event, line.revision, line.outcome])).toEqual([
        ['run:start', undefined, undefined],
        ['repair', 'a1', 'accepted'],
        ['run:end', undefined, 'applied'],
      ])
      expect(lines[1]).toMatchObject({
        path: p.path('a1'),
        from: expect.any(String),
        to: expect.any(String),
      })
      expect(lines[1]?.from).not.toBe(lines[1]?.to)
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  it('waiting for the lock is a warning naming the holder', () => {
    const events = new MigratorEventEmitter()
    const { log, parsed } = runLog({ command: 'upgrade', target: 'head' })
    const detach = log.attach(events)
    events.emit('lock:wait', { holder: { pid: 42, host: 'web-1', user: 'deploy' } })
    detach()
    events.emit('lock:wait', { holder: undefined })
    expect(parsed().slice(1)).toMatchObject([
      {
        level: 'warn',
        event: 'lock:wait',
        command: 'upgrade',
        detail: 'pid 42 on host web-1 (user deploy)',
      },
    ])
  })
})
