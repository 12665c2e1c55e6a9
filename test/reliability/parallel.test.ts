/**
 * Scenario 4: runs at the same time. Two databases, and two version tables in one database,
 * migrated at once do not wait for each other; the same target twice serialises.
 *
 * Independent runs: each revision, holding its run's lock, first meets the other run's
 * revision (each writes a marker file and waits up to 20 s for the other's), then sleeps 2 s
 * (on the server on PostgreSQL and MariaDB, in the revision's code on SQLite) and records
 * when the sleep began and ended. If one run blocked the other, they could never meet. The
 * two sleeps overlap — both finish in about the time of one — and neither run printed that
 * it waits for a lock. (Wall-clock thresholds would measure the machine's load as much as
 * Stratum; the meeting and the overlap prove the same without the noise.)
 *
 * The same target twice: the first run holds its revision until the second has printed that
 * it waits for the lock; the second then finds nothing to do, and the revision ran once.
 *
 * Related: test/e2e/concurrency.test.ts (twenty processes on one target, each revision once)
 * and test/dialects/postgres/lock.test.ts ('does not block a different scope').
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dropTargets, type Target } from '../runtime/targets.js'
import { createProject, type Project } from '../support/project.js'
import {
  counts,
  DROP_TIMEOUT_MS,
  FS,
  lockHolder,
  ownFile,
  query,
  reliabilityTargets,
  runStratum,
  serverSleep,
  startStratum,
  type TimedRun,
  WAITING,
  waitFor,
} from './support.js'

const first = await reliabilityTargets('parallel_one')
const second = await reliabilityTargets('parallel_two')
afterAll(() => Promise.all([dropTargets(first.all), dropTargets(second.all)]), DROP_TIMEOUT_MS)

const SLEEP_MS = 2000
const pairs = first.targets.map((target) => ({
  name: target.name,
  target,
  other: second.targets.find((candidate) => candidate.name === target.name)!,
}))

const wait = (condition: string, what: string) =>
  [
    'for (const deadline = Date.now() + 20000; ' + condition + '; ) {',
    `    if (Date.now() > deadline) throw new Error('timed out waiting for ${what}')`,
    '    await new Promise((resolve) => setTimeout(resolve, 20))',
    '  }',
  ].join('\n')

/**
 * The revision's body: meet the other run (`mine`/`theirs` marker files), then sleep 2 s
 * and record in `<tag>_runs` when the sleep began and ended.
 */
function meetAndSleep(target: Target, tag: string, mine: string, theirs: string): string {
  const meet = [
    `${FS}.writeFileSync(${JSON.stringify(mine)}, '')`,
    wait(`!${FS}.existsSync(${JSON.stringify(theirs)})`, 'the other run: it is blocked'),
  ]
  const create = `await op.createTable('${tag}_runs', [{ name: 'revision', type: 'varchar(10)' }, { name: 'started', type: 'bigint' }, { name: 'ended', type: 'bigint' }])`
  const sleep = serverSleep(target, SLEEP_MS / 1000)
  if (sleep === undefined) {
    return [
      ...meet,
      create,
      'const started = Date.now()',
      `await new Promise((resolve) => setTimeout(resolve, ${SLEEP_MS}))`,
      `await op.bulkInsert('${tag}_runs', [{ revision: 'p1', started, ended: Date.now() }])`,
    ].join('\n  ')
  }
  // The server's clock in milliseconds as the statement runs (not when its transaction began).
  const now =
    target.name === 'postgres'
      ? '(extract(epoch from clock_timestamp()) * 1000)::bigint'
      : 'ROUND(UNIX_TIMESTAMP(SYSDATE(6)) * 1000)'
  return [
    ...meet,
    create,
    `await op.execute("INSERT INTO ${tag}_runs (revision, started) VALUES ('p1', ${now})")`,
    `await op.execute(${JSON.stringify(sleep)})`,
    `await op.execute("UPDATE ${tag}_runs SET ended = ${now}")`,
  ].join('\n  ')
}

/** Two projects whose one revision each meets the other's, then sleeps. */
async function meetingProjects(
  one: { target: Target; url: string; tag: string },
  two: { target: Target; url: string; tag: string },
): Promise<[Project, Project]> {
  const projects = await Promise.all(
    [one, two].map(({ url, tag }) => createProject({ url, config: { versionTable: `v_${tag}` } })),
  )
  const markers = projects.map((project) => join(project.dir, 'holding-the-lock'))
  ;[one, two].forEach(({ target, tag }, index) => {
    projects[index]!.write({
      id: 'p1',
      upgrade: meetAndSleep(target, tag, markers[index]!, markers[1 - index]!),
    })
  })
  return projects as [Project, Project]
}

/** When a run's sleep began and ended, by the clock of its database. */
async function sleepOf(target: Target, tag: string): Promise<{ started: number; ended: number }> {
  const [row] = await query(target.database.url, `SELECT started, ended FROM ${tag}_runs`)
  return { started: Number(row?.started), ended: Number(row?.ended) }
}

async function upgradeBoth(projects: readonly Project[]): Promise<TimedRun[]> {
  return Promise.all(projects.map((project) => runStratum(project.dir, 'upgrade', 'head')))
}

function expectNoWaiting(runs: readonly TimedRun[]): void {
  for (const run of runs) {
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toMatch(/^Running upgrade {2}-> p1, revision p1 \.\.\. done \(/)
    expect(run.stderr).not.toContain(WAITING)
  }
}

function expectOverlap(
  one: { started: number; ended: number },
  two: { started: number; ended: number },
): void {
  expect(one.ended - one.started).toBeGreaterThanOrEqual(SLEEP_MS - 50)
  expect(two.ended - two.started).toBeGreaterThanOrEqual(SLEEP_MS - 50)
  // In a row, one sleep would end before the other began.
  expect(Math.max(one.started, two.started)).toBeLessThan(Math.min(one.ended, two.ended))
}

describe('runs at the same time', () => {
  it.concurrent.each(pairs)(
    '$name: two databases do not block each other',
    async ({ target: one, other: two }) => {
      if (!one.database.available || !two.database.available) return
      const [target, other] = [ownFile(one, 'two-databases'), ownFile(two, 'two-databases')]
      const projects = await meetingProjects(
        { target, url: target.database.url, tag: 'db' },
        { target: other, url: other.database.url, tag: 'db' },
      )
      try {
        expectNoWaiting(await upgradeBoth(projects))
        expectOverlap(await sleepOf(target, 'db'), await sleepOf(other, 'db'))
        expect(await counts(target, 'db_runs')).toEqual({ p1: 1 })
        expect(await counts(other, 'db_runs')).toEqual({ p1: 1 })
      } finally {
        await Promise.all(projects.map((project) => project.remove()))
      }
    },
    60_000,
  )

  it.concurrent.each(pairs)(
    '$name: two version tables in one database do not block each other',
    async ({ target: shared }) => {
      if (!shared.database.available) return
      const target = ownFile(shared, 'two-version-tables')
      const url = target.database.url
      const projects = await meetingProjects(
        { target, url, tag: 'vt1' },
        { target, url, tag: 'vt2' },
      )
      try {
        expectNoWaiting(await upgradeBoth(projects))
        expectOverlap(await sleepOf(target, 'vt1'), await sleepOf(target, 'vt2'))
        expect(await counts(target, 'vt1_runs')).toEqual({ p1: 1 })
        expect(await counts(target, 'vt2_runs')).toEqual({ p1: 1 })
      } finally {
        await Promise.all(projects.map((project) => project.remove()))
      }
    },
    60_000,
  )

  it.concurrent.each(pairs)(
    '$name: the same target twice serialises; the second waits, then has nothing to do',
    async ({ target: shared }) => {
      if (!shared.database.available) return
      const target = ownFile(shared, 'same-target')
      const project = await createProject({
        url: target.database.url,
        config: { versionTable: 'v_same' },
      })
      const release = join(project.dir, 'release')
      project.write({
        id: 'p1',
        upgrade: [
          "await op.createTable('same_runs', [{ name: 'revision', type: 'varchar(10)' }])",
          "await op.bulkInsert('same_runs', [{ revision: 'p1' }])",
          wait(`!${FS}.existsSync(${JSON.stringify(release)})`, 'the release file'),
        ].join('\n  '),
      })
      try {
        const holding = startStratum(project.dir, ['upgrade', 'head'])
        await waitFor(async () => (await lockHolder(target.database.url, 'v_same')) !== undefined, {
          what: 'the first run to take the lock',
          timeoutMs: 20_000,
        })
        const waiting = startStratum(project.dir, ['upgrade', 'head'])
        await waitFor(() => waiting.output().stderr.includes(WAITING), {
          what: 'the second run to wait for the lock',
          timeoutMs: 20_000,
        })
        writeFileSync(release, '')
        const [applied, second] = await Promise.all([holding.done, waiting.done])
        expect(applied.code, applied.stderr).toBe(0)
        expect(applied.stdout).toMatch(/^Running upgrade {2}-> p1, revision p1 \.\.\. done/)
        expect(second.code, second.stderr).toBe(0)
        expect(second.stdout).toBe('Already at p1\n')
        expect(await counts(target, 'same_runs')).toEqual({ p1: 1 })
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})
