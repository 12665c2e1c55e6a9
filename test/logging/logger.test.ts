import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ConfigError } from '../../src/errors.js'
import { createLogger, type LoggerOptions } from '../../src/logging/logger.js'
import { openLogFile } from '../../src/logging/sink.js'

const folder = mkdtempSync(join(tmpdir(), 'stratum-logger-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

const now = () => new Date('2026-11-26T23:05:01.123Z')

/** A logger writing to an array. */
function captured(options: LoggerOptions = {}) {
  const lines: string[] = []
  const logger = createLogger({ now, ...options, sinks: [{ write: (line) => lines.push(line) }] })
  return { logger, lines }
}

describe('levels', () => {
  it('writes lines at or above the threshold (default info)', () => {
    const { logger, lines } = captured()
    logger.debug({ event: 'd' })
    logger.info({ event: 'i' })
    logger.warn({ event: 'w' })
    logger.error({ event: 'e' })
    expect(lines.map((line) => line.split(' ').slice(1, 3).join(' '))).toEqual([
      'INFO i',
      'WARN w',
      'ERROR e',
    ])
    expect(logger.enabled('debug')).toBe(false)
  })

  it('debug writes everything; error only errors', () => {
    const debug = captured({ level: 'debug' })
    const error = captured({ level: 'error' })
    for (const { logger } of [debug, error]) {
      for (const level of ['debug', 'info', 'warn', 'error'] as const)
        logger.log(level, { event: level })
    }
    expect(debug.lines).toHaveLength(4)
    expect(error.lines).toEqual(['2026-11-26T23:05:01.123Z ERROR error'])
  })
})

describe('formats and context', () => {
  it('json lines carry the database and environment on every line', () => {
    const { logger, lines } = captured({
      format: 'json',
      context: { database: 'main', environment: undefined },
    })
    logger.info({ event: 'revision', revision: 'a1', durationMs: 3 })
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      time: '2026-11-26T23:05:01.123Z',
      level: 'info',
      event: 'revision',
      revision: 'a1',
      durationMs: 3,
      database: 'main',
    })
  })

  it('a record cannot be written after close', () => {
    const { logger, lines } = captured()
    logger.close()
    logger.close()
    logger.info({ event: 'late' })
    expect(lines).toEqual([])
  })
})

describe('masking', () => {
  const password = 'p@ss:w/rd%#?x'
  const encoded = encodeURIComponent(password)

  it('hides known secrets (raw, percent-encoded) and URL passwords in every field and statement', () => {
    for (const format of ['json', 'pretty'] as const) {
      const { logger, lines } = captured({ format, level: 'debug', secrets: [encoded] })
      logger.error({
        event: 'anything',
        message: `raw ${password}`,
        error: `driver said ${encoded} at mysql://app:hunter2@db/app`,
        statements: [`CREATE USER x IDENTIFIED BY '${password}'`],
        url: `mysql://app:${encoded}@db/app`,
      })
      const text = lines.join('\n')
      expect(text).not.toContain(password)
      expect(text).not.toContain(encoded)
      expect(text).not.toContain('hunter2')
      expect(text).toContain('mysql://app:***@db/app')
    }
  })

  it('hides a password whose raw ? makes the URL ambiguous', () => {
    const { logger, lines } = captured()
    logger.error({ event: 'x', error: `Invalid database URL 'mysql://u:${password}@127.0.0.1/db'` })
    expect(lines[0]).toContain("'mysql://u:***@127.0.0.1/db'")
    expect(lines[0]).not.toContain('ss:w/rd')
  })
})

describe('the log file', () => {
  it('is created with its folder, appended to by each logger, and synced on close', () => {
    const file = join(folder, 'deep', 'er', 'stratum.log')
    for (const event of ['first', 'second']) {
      const logger = createLogger({ file, now })
      expect(logger.file).toBe(file)
      logger.info({ event })
      logger.close()
    }
    expect(readFileSync(file, 'utf8')).toBe(
      '2026-11-26T23:05:01.123Z INFO first\n2026-11-26T23:05:01.123Z INFO second\n',
    )
  })

  it('a relative path resolves against the working directory', () => {
    const logger = createLogger({ file: join('logs-relative-test', 'x.log') })
    try {
      expect(logger.file).toBe(join(process.cwd(), 'logs-relative-test', 'x.log'))
    } finally {
      logger.close()
      rmSync(join(process.cwd(), 'logs-relative-test'), { recursive: true, force: true })
    }
  })

  it('one that cannot be opened is a ConfigError naming it', () => {
    const blocker = join(folder, 'a-file')
    writeFileSync(blocker, '')
    const file = join(blocker, 'logs', 'stratum.log')
    let error: unknown
    try {
      createLogger({ file })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect(error).toMatchObject({ code: 'LOG_FILE_UNWRITABLE' })
    expect((error as Error).message).toContain(file)
    expect(existsSync(join(blocker, 'logs'))).toBe(false)
  })

  it.skipIf(!existsSync('/dev/full'))(
    'a full disk does not throw: the failure is kept, later lines dropped',
    () => {
      const sink = openLogFile('/dev/full')
      sink.write('one')
      sink.write('two')
      sink.close()
      expect(sink.failure).toMatchObject({ code: 'ENOSPC' })
      const logger = createLogger({ file: '/dev/full' })
      logger.info({ event: 'x' })
      logger.close()
      expect(logger.failure).toMatchObject({ code: 'ENOSPC' })
    },
  )
})
