/**
 * Scenario 2: the server ends the lock holder's session in the middle of a run
 * (`pg_terminate_backend`, MariaDB `KILL`). Between revisions, Stratum notices before the
 * next revision starts and stops with one clear error: nothing of that revision ran or was
 * recorded. During a revision's statement, PostgreSQL rolls the revision back; MariaDB keeps
 * what ran and the next run names it as partially applied.
 *
 * SQLite has no server to end a session: its lock is a file lock held by the process (see
 * kill.test.ts for a killed process).
 *
 * Related: test/dialects/{postgres,mysql}/connection.test.ts check that a connection notices
 * its own death; this file checks what a whole CLI run does about it.
 */
import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dropTargets, type Target } from '../runtime/targets.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import {
  counts,
  DROP_TIMEOUT_MS,
  FS,
  lockHolder,
  query,
  reliabilityTargets,
  runStratum,
  STACK_LINE,
  serverSleep,
  startStratum,
  statementRunning,
  tableNames,
  terminateSession,
  versionRows,
  waitForRun,
} from './support.js'

const { all, targets } = await reliabilityTargets('terminated')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)
const servers = targets.filter((target) => target.name !== 'sqlite')

/** a, b, c: each creates `<prefix>_<id>` and counts itself in `<prefix>_runs`; `b` is `middle`. */
function revisions(prefix: string, middle: string): RevisionSpec[] {
  const count = (id: string) => `await op.bulkInsert('${prefix}_runs', [{ revision: '${id}' }])`
  const table = (id: string) =>
    `await op.createTable('${prefix}_${id}', [{ name: 'id', type: 'integer' }])`
  return [
    {
      id: 'a',
      upgrade: [
        `await op.createTable('${prefix}_runs', [{ name: 'revision', type: 'varchar(10)' }])`,
        count('a'),
      ].join('\n  '),
    },
    {
      id: 'b',
      down: 'a',
      upgrade: [middle, table('b'), count('b')].join('\n  '),
    },
    { id: 'c', down: 'b', upgrade: [table('c'), count('c')].join('\n  ') },
  ]
}

/** The history rows of revision `id`. */
function historyOf(target: Target, versionTable: string, id: string) {
  return query(
    target.database.url,
    `SELECT outcome FROM ${versionTable}_history WHERE revision = '${id}'`,
  )
}

describe('the lock holder’s session ended by the server', () => {
  it.concurrent.each(servers)(
    '$name: between revisions, the run stops before the next one with one clear error',
    async (target) => {
      const { database } = target
      if (!database.available) return
      const project = await createProject({ url: database.url, revisions: [] })
      const marker = join(project.dir, 'preparing-b')
      // b takes 3 s to prepare (outside any statement), which is when the session ends. The
      // next revision is prepared while the current one runs, so the session ends only once
      // a is recorded: between the two revisions.
      const prepare = [
        `${FS}.writeFileSync(${JSON.stringify(marker)}, '')`,
        'await new Promise((resolve) => setTimeout(resolve, 3000))',
      ].join('\n  ')
      for (const spec of revisions('tb', prepare)) project.write(spec)
      try {
        const run = startStratum(project.dir, ['upgrade', 'head'])
        const betweenRevisions = async () =>
          existsSync(marker) && (await versionRows(target, 'stratum_version')).join() === 'a'
        await waitForRun(run, betweenRevisions, { what: 'revision a to be recorded' })
        const holder = await lockHolder(database.url, 'stratum_version')
        expect(holder?.pid).toBeDefined()
        await terminateSession(target, holder?.pid ?? -1)
        const result = await run.done

        expect(result.code).toBe(1)
        expect(result.stderr).not.toMatch(STACK_LINE)
        const errors = result.stderr.split('\n').filter((line) => line.startsWith('stratum:'))
        expect(errors).toEqual([
          'stratum: error: Upgrade failed at revision b (revision b): the database connection was lost (and with it the migration lock)',
        ])
        expect(result.stderr).toContain(
          '\n  hint: Nothing of this revision ran; run the command again.\n',
        )
        // Nothing of b ran, nothing of it was recorded: the database is at a.
        expect(await versionRows(target, 'stratum_version')).toEqual(['a'])
        expect(await tableNames(target)).not.toContain('tb_b')
        expect(await historyOf(target, 'stratum', 'b')).toEqual([])

        rmSync(marker)
        const rerun = await runStratum(project.dir, 'upgrade', 'head')
        expect(rerun.code).toBe(0)
        expect(await counts(target, 'tb_runs')).toEqual({ a: 1, b: 1, c: 1 })
      } finally {
        await project.remove()
      }
    },
    60_000,
  )

  it.concurrent.each(servers)(
    '$name: during a statement, the revision is rolled back (PostgreSQL) or named partial (MariaDB)',
    async (target) => {
      const { database } = target
      if (!database.available) return
      const sleep = serverSleep(target, 3) ?? ''
      const project = await createProject({
        url: database.url,
        revisions: [],
        config: { versionTable: 'v_ts' },
      })
      for (const spec of revisions('ts', `await op.execute(${JSON.stringify(sleep)})`)) {
        project.write(spec)
      }
      try {
        const run = startStratum(project.dir, ['upgrade', 'head'])
        await waitForRun(run, () => statementRunning(target, sleep), {
          what: 'the sleep in revision b',
        })
        const holder = await lockHolder(database.url, 'v_ts')
        await terminateSession(target, holder?.pid ?? -1)
        const result = await run.done

        expect(result.code).toBe(1)
        expect(result.stderr).not.toMatch(STACK_LINE)
        const errors = result.stderr.split('\n').filter((line) => line.startsWith('stratum:'))
        expect(errors).toHaveLength(1)
        expect(errors[0]).toMatch(/^stratum: error: Upgrade failed at revision b \(revision b\)/)
        expect(await versionRows(target, 'v_ts')).toEqual(['a'])
        if (target.transactionalDdl) {
          expect(await tableNames(target)).not.toContain('ts_b')
          expect(await historyOf(target, 'v_ts', 'b')).toEqual([])
          expect((await runStratum(project.dir, 'upgrade', 'head')).code).toBe(0)
          expect(await counts(target, 'ts_runs')).toEqual({ a: 1, b: 1, c: 1 })
        } else {
          // The sleep was the first statement: nothing of b ran, and the run says so.
          const refused = await runStratum(project.dir, 'upgrade', 'head')
          expect(refused.code).toBe(1)
          expect(refused.stderr).toMatch(
            /^stratum: error: revision b partially applied: 0 of 3 statements ran\n/,
          )
        }
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})
