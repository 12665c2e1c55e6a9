// The run log through bin/stratum: `logging.file` in the config, JSON and pretty lines, one
// per revision; statements with --verbose; stamp and repair; a failed revision; a log file
// that cannot be opened (nothing runs) or written (a warning); no file, no change.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { LoggingConfig } from '../../src/config/types.js'
import { createTargets, dropTargets, tableExists } from '../runtime/targets.js'
import { createProject, type RevisionSpec, revisionSource } from '../support/project.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

const targets = (await createTargets('e2e_log')).filter((target) => target.name !== 'pglite')
afterAll(() => dropTargets(targets))

const LONG = 120_000
const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z'

let counter = 0
async function logProject(
  url: string,
  logging: LoggingConfig,
  revisions?: (p: string) => RevisionSpec[],
) {
  const prefix = `lg${counter++}_`
  return createProject({
    url,
    config: { logging, versionTable: `${prefix}version` },
    revisions: revisions?.(prefix) ?? [
      { id: 'a1', prefix, message: 'add users' },
      { id: 'b2', down: 'a1', prefix, message: 'add orders' },
    ],
  })
}

const jsonLines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe.each(targets)('the run log on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'json: one line per revision with fixed fields, for upgrade and downgrade; statements with --verbose',
    async () => {
      const project = await logProject(database.url, { file: 'logs/stratum.log', format: 'json' })
      const file = join(project.dir, 'logs', 'stratum.log')
      try {
        ok(project.dir, 'upgrade')
        ok(project.dir, '--verbose', 'downgrade', 'base')
        const lines = jsonLines(file)
        expect(
          lines.map((line) => [line.event, line.direction ?? line.command, line.revision]),
        ).toEqual([
          ['run:start', 'upgrade', undefined],
          ['revision', 'upgrade', 'a1'],
          ['revision', 'upgrade', 'b2'],
          ['run:end', 'upgrade', undefined],
          ['run:start', 'downgrade', undefined],
          ['revision', 'downgrade', 'b2'],
          ['revision', 'downgrade', 'a1'],
          ['run:end', 'downgrade', undefined],
        ])
        for (const line of lines) {
          expect(line.time).toMatch(new RegExp(`^${ISO}$`))
          expect(line.level).toBe('info')
        }
        expect(lines[1]).toEqual({
          time: expect.any(String),
          level: 'info',
          event: 'revision',
          direction: 'upgrade',
          revision: 'a1',
          message: 'add users',
          outcome: 'applied',
          durationMs: expect.any(Number),
        })
        expect(lines[0]).toMatchObject({
          command: 'upgrade',
          target: 'head',
          url: expect.any(String),
        })
        expect(lines[3]).toMatchObject({ outcome: 'applied', count: 2, current: ['b2'] })
        expect(lines[3]?.durationMs).toBeGreaterThanOrEqual(0)
        // --verbose: the statements each revision sent.
        expect(lines[5]?.statements).toEqual([expect.stringMatching(/^DROP TABLE/i)])
        expect(lines[7]).toMatchObject({ count: 2, current: [] })
      } finally {
        await project.remove()
      }
    },
    LONG,
  )

  it.skipIf(!database.available)(
    'pretty: a readable line per revision; a failed revision at ERROR with its error',
    async () => {
      const project = await logProject(database.url, { file: 'logs/run.log' }, (p) => [
        { id: 'a1', prefix: p, message: 'add users' },
        {
          id: 'b2',
          down: 'a1',
          prefix: p,
          message: 'broken',
          upgrade: "await op.execute('NOT SQL AT ALL')",
        },
      ])
      try {
        const result = stratum(project.dir, 'upgrade')
        expect(result.code).toBe(1)
        const lines = readFileSync(join(project.dir, 'logs', 'run.log'), 'utf8')
          .trimEnd()
          .split('\n')
        expect(lines).toEqual([
          expect.stringMatching(new RegExp(`^${ISO} INFO upgrade head started: url \\S+$`)),
          expect.stringMatching(new RegExp(`^${ISO} INFO upgrade a1 "add users" \\d+ ms$`)),
          expect.stringMatching(
            new RegExp(
              `^${ISO} ERROR upgrade b2 "broken" failed after \\d+ ms: Upgrade failed at revision b2 \\(broken\\)`,
            ),
          ),
          expect.stringMatching(
            new RegExp(
              `^${ISO} ERROR upgrade head failed after \\d+ ms \\(1 revision applied\\): Upgrade failed at revision b2`,
            ),
          ),
        ])
      } finally {
        await project.remove()
      }
    },
    LONG,
  )
})

const sqlite = targets.find((target) => target.name === 'sqlite')?.database
if (sqlite === undefined) throw new Error('no sqlite target')

describe('the run log (SQLite)', () => {
  it('without logging.file nothing is written and the terminal output is the same', async () => {
    const plain = await logProject(sqlite.url, {})
    const logged = await logProject(sqlite.url, { file: 'logs/stratum.log', format: 'json' })
    const normal = (text: string) =>
      text
        .replace(/\(\d+ (ms|s)\)/g, '(N)')
        .replace(/"durationMs": \d+/g, '"durationMs": N')
        .split(plain.dir)
        .join('<dir>')
        .split(logged.dir)
        .join('<dir>')
    try {
      for (const argv of [['upgrade'], ['--verbose', 'downgrade', '-1'], ['upgrade', '--json']]) {
        const a = stratum(plain.dir, ...argv)
        const b = stratum(logged.dir, ...argv)
        expect([a.code, normal(a.stdout).replace(/lg\d+_/g, ''), a.stderr]).toEqual([
          b.code,
          normal(b.stdout).replace(/lg\d+_/g, ''),
          b.stderr,
        ])
      }
      expect(existsSync(join(plain.dir, 'logs'))).toBe(false)
      expect(existsSync(join(logged.dir, 'logs', 'stratum.log'))).toBe(true)
    } finally {
      await plain.remove()
      await logged.remove()
    }
  })

  it('read commands and --sql do not log; stamp and repair log what they changed', async () => {
    const project = await logProject(sqlite.url, { file: 'logs/stratum.log', format: 'json' })
    const file = join(project.dir, 'logs', 'stratum.log')
    try {
      ok(project.dir, 'current')
      ok(project.dir, 'status')
      ok(project.dir, 'upgrade', '--sql')
      expect(existsSync(file)).toBe(false)
      ok(project.dir, 'stamp', 'a1')
      ok(project.dir, 'upgrade')
      writeFileSync(project.path('b2'), `${revisionSource({ id: 'b2', down: 'a1' })}// edited\n`)
      ok(project.dir, 'repair')
      const lines = jsonLines(file)
      expect(
        lines.map((line) => [line.event, line.command ?? line.direction, line.revision]),
      ).toEqual([
        ['run:start', 'stamp', undefined],
        ['stamp', 'stamp', undefined],
        ['run:end', 'stamp', undefined],
        ['run:start', 'upgrade', undefined],
        ['revision', 'upgrade', 'b2'],
        ['run:end', 'upgrade', undefined],
        ['run:start', 'repair', undefined],
        ['repair', 'repair', 'b2'],
        ['run:end', 'repair', undefined],
      ])
      expect(lines[1]).toMatchObject({ target: 'a1', from: [], to: ['a1'] })
      expect(lines[7]).toMatchObject({ outcome: 'accepted', path: project.path('b2') })
    } finally {
      await project.remove()
    }
  })

  it('level warn keeps only what went wrong', async () => {
    const project = await logProject(
      sqlite.url,
      { file: 'x.log', level: 'warn', format: 'json' },
      (p) => [
        { id: 'a1', prefix: p },
        { id: 'b2', down: 'a1', prefix: p, upgrade: "await op.execute('NOT SQL')" },
      ],
    )
    try {
      expect(stratum(project.dir, 'upgrade').code).toBe(1)
      expect(
        jsonLines(join(project.dir, 'x.log')).map((line) => [
          line.level,
          line.event,
          line.revision,
        ]),
      ).toEqual([
        ['error', 'revision', 'b2'],
        ['error', 'run:end', undefined],
      ])
    } finally {
      await project.remove()
    }
  })

  it('a log file that cannot be opened stops the command before it touches the database', async () => {
    const project = await logProject(sqlite.url, { file: 'blocker/stratum.log' })
    try {
      writeFileSync(join(project.dir, 'blocker'), 'a file where the folder should be')
      const result = stratum(project.dir, 'upgrade')
      const line = expectOneLineError(result, 1)
      expect(line).toContain('Cannot open the log file')
      expect(line).toContain('(logging.file)')
      expect(result.stdout).toBe('')
      expect(await tableExists(sqlite.url, `lg${counter - 1}_version`)).toBe(false)
    } finally {
      await project.remove()
    }
  })

  it.skipIf(!existsSync('/dev/full'))(
    'a log file that cannot be written (a full disk) only warns',
    async () => {
      const project = await logProject(sqlite.url, { file: '/dev/full' })
      try {
        const result = stratum(project.dir, 'upgrade')
        expect(result.code).toBe(0)
        expect(result.stdout).toMatch(/Running upgrade {2}-> a1/)
        expect(result.stderr).toMatch(
          /^stratum: warning: could not write the log file \/dev\/full: .*ENOSPC/,
        )
        expect(ok(project.dir, 'current')).toBe('b2 (head)\n')
      } finally {
        await project.remove()
      }
    },
  )
})
