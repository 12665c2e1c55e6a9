// upgrade and downgrade through the CLI, in process, on SQLite files: progress lines,
// --quiet, --json, "Already at", the failure summary, --sql and usage errors.
import { afterEach, describe, expect, it } from 'vitest'
import { type CliProject, cliProject, failing, LINE } from './database-project.js'

interface StepJson {
  revision: string
  message: string
  path: string
  status: string
  durationMs: number
}
interface RunJson {
  direction: string
  target: string
  steps: StepJson[]
  current: string[]
}

let project: CliProject | undefined
afterEach(async () => {
  await project?.remove()
  project = undefined
})

const progress = (direction: string, from: string, to: string, message: string) =>
  new RegExp(`^Running ${direction} ${from} -> ${to}, ${message} \\.\\.\\. done \\(\\d+ ms\\)$`)

describe('upgrade and downgrade', () => {
  it('prints one progress line per revision, then "Already at" when nothing is left', async () => {
    project = await cliProject(LINE)
    const lines = (await project.ok('upgrade')).trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toMatch(progress('upgrade', '', 'a', 'create users'))
    expect(lines[1]).toMatch(progress('upgrade', 'a', 'b', 'add email'))
    expect(lines[2]).toMatch(progress('upgrade', 'b', 'c', 'add orders'))
    expect(await project.ok('upgrade', 'head')).toBe('Already at c\n')

    const down = (await project.ok('downgrade', '-1')).trimEnd()
    expect(down).toMatch(progress('downgrade', 'c', 'b', 'add orders'))
    const up = (await project.ok('upgrade', '+1')).trimEnd()
    expect(up).toMatch(progress('upgrade', 'b', 'c', 'add orders'))
    const base = (await project.ok('downgrade', 'base')).trimEnd().split('\n')
    expect(base.map((line) => line.split(' ...')[0])).toEqual([
      'Running downgrade c -> b, add orders',
      'Running downgrade b -> a, add email',
      'Running downgrade a -> , create users',
    ])
    expect(await project.ok('downgrade', 'base')).toBe('Already at base\n')
  })

  it('--quiet prints nothing; --json prints the run report and no progress', async () => {
    project = await cliProject(LINE)
    expect(await project.ok('upgrade', 'b', '--quiet')).toBe('')
    const report = JSON.parse(await project.ok('upgrade', '--json')) as RunJson
    expect(report).toMatchObject({ direction: 'upgrade', target: 'head', current: ['c'] })
    expect(report.steps).toHaveLength(1)
    expect(report.steps[0]).toMatchObject({
      revision: 'c',
      message: 'add orders',
      path: project.path('c'),
      status: 'applied',
    })
    expect(report.steps[0]?.durationMs).toEqual(expect.any(Number))
    expect(JSON.parse(await project.ok('--json', 'upgrade'))).toEqual({
      direction: 'upgrade',
      target: 'head',
      steps: [],
      current: ['c'],
    })
    expect(await project.ok('upgrade', '-q')).toBe('')
    const down = JSON.parse(await project.ok('downgrade', 'a', '--json')) as RunJson
    expect(down.steps.map((s) => [s.revision, s.status])).toEqual([
      ['c', 'applied'],
      ['b', 'applied'],
    ])
    expect(down.current).toEqual(['a'])
  })

  it.each([
    ['per-revision', ['applied', 'failed', 'not run'], ['a']],
    ['all', ['rolled back', 'failed', 'not run'], []],
  ])(
    'a failure (mode %s): exit 1, the error and a per-revision summary on stderr',
    async (mode, statuses, current) => {
      project = await cliProject([LINE[0]!, failing('b', 'a'), { id: 'c', down: 'b' }])
      const result = await project.run('upgrade', '--transaction-mode', mode)
      expect(result.code).toBe(1)
      const out = result.stdout.trimEnd().split('\n')
      expect(out[0]).toMatch(progress('upgrade', '', 'a', 'create users'))
      expect(out[1]).toMatch(/^Running upgrade a -> b, five statements \.\.\. failed \(\d+ ms\)$/)
      expect(out).toHaveLength(2)
      const err = result.stderr.trimEnd().split('\n')
      expect(err[0]).toMatch(/^stratum: error: Upgrade failed at revision b \(five statements\)/)
      const summary = err.slice(err.indexOf('  Upgrade to head, revision by revision:'))
      expect(summary).toHaveLength(5)
      expect(summary[1]).toMatch(new RegExp(`^ {4}${statuses[0]} +a, create users \\(\\d+ ms\\)$`))
      expect(summary[2]).toMatch(/^ {4}failed +b, five statements \(\d+ ms\)$/)
      expect(summary[3]).toBe('    not run      c, revision c')
      expect(summary[4]).toBe(
        `  The database is at ${current.length === 0 ? 'base' : current.join(', ')}.`,
      )
      expect(result.stderr).not.toMatch(/\n\s+at /)
    },
  )

  it('a failure under --json: the error and the report in one document', async () => {
    project = await cliProject([LINE[0]!, failing('b', 'a')])
    const result = await project.run('upgrade', '--json')
    expect(result.code).toBe(1)
    const doc = JSON.parse(result.stdout) as { error: { code: string }; report: RunJson }
    expect(doc.error.code).toEqual(expect.any(String))
    expect(doc.report.steps.map((s) => [s.revision, s.status])).toEqual([
      ['a', 'applied'],
      ['b', 'failed'],
    ])
    expect(doc.report.current).toEqual(['a'])
  })

  it('--sql prints the script without touching the database; FROM:TO ranges', async () => {
    project = await cliProject(LINE)
    const script = await project.ok('upgrade', 'head', '--sql')
    expect(script).toContain('CREATE TABLE "stratum_version"')
    expect(script).toContain('-- Running upgrade a -> b')
    expect(await project.ok('current', '--json')).toBe('[]\n')
    const range = await project.ok('upgrade', 'a:c', '--sql')
    expect(range).not.toContain('CREATE TABLE "stratum_version"')
    expect(range).toContain('-- Running upgrade b -> c')
    expect(range).not.toContain('-- Running upgrade  -> a')
    const down = await project.ok('downgrade', 'c:a', '--sql')
    expect(down).toContain('-- Running downgrade c -> b')
    expect(down).toContain('-- Running downgrade b -> a')
    const json = JSON.parse(await project.ok('upgrade', '--sql', '--json')) as { sql: string }
    expect(json.sql).toBe(script)
  })

  it.each([
    [['upgrade', 'a:c'], /A range \('a:c'\) is only allowed with --sql/],
    [['downgrade', 'c:a'], /A range \('c:a'\) is only allowed with --sql/],
    [['downgrade'], /missing required argument 'revision'/],
    [['upgrade', '--transaction-mode', 'some'], /argument 'some' is invalid/],
    [['upgrade', '--lock-timeout', 'soon'], /Expected a number of seconds/],
    [['downgrade', 'base', '--sql'], /downgrade --sql needs a starting point/],
  ])('%j is bad usage: exit 2', async (argv, pattern) => {
    project = await cliProject(LINE)
    const result = await project.run(...argv)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(pattern)
    expect(result.stderr.trimEnd().split('\n').length).toBeLessThanOrEqual(2)
  })

  it('-x values reach the revisions as context.x', async () => {
    project = await cliProject([
      {
        id: 'a',
        upgrade:
          "await op.createTable('t_' + (context.x.suffix ?? 'none'), [{ name: 'id', type: 'integer' }])",
      },
    ])
    await project.ok('-x', 'suffix=given', 'upgrade')
    const sql = await project.ok('downgrade', 'a:base', '--sql')
    expect(sql).toContain('DROP TABLE "t_a"')
    const up = await project.ok('-x', 'suffix=given', 'upgrade', ':a', '--sql')
    expect(up).toContain('CREATE TABLE "t_given"')
  })
})
