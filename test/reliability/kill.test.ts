/**
 * Scenario 1: `kill -9` of the CLI in the middle of a long revision, then reruns.
 *
 * PostgreSQL and SQLite roll the killed revision back: the rerun finds the database at the
 * previous revision with nothing of the killed one, and applies it once. MariaDB commits DDL
 * as it goes: the rerun names the partial state and refuses. Nowhere is the lock left
 * behind: once the server has ended the killed session (PostgreSQL within a second, through
 * `client_connection_check_interval`; MariaDB when SLEEP next checks its client), a third run
 * takes the lock at once.
 *
 * Related: test/runtime/failure.test.ts kills a run through the API on MariaDB, and
 * test/dialects/sqlite/lock.test.ts kills a holder of the SQLite lock; this file drives the
 * built CLI on all three databases.
 */
import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { dropTargets, type Target } from '../runtime/targets.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import {
  counts,
  DROP_TIMEOUT_MS,
  lockHolder,
  reliabilityTargets,
  runStratum,
  STACK_LINE,
  serverSleep,
  sessionExists,
  startStratum,
  statementRunning,
  tableNames,
  versionRows,
  WAITING,
  waitFor,
  waitForRun,
} from './support.js'

const { all, targets } = await reliabilityTargets('kill')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

const SLOW = 'STRATUM_RELIABILITY_SLOW'
const VERSION_TABLE = 'v_kill'

/** Thirty seconds on a server; on SQLite a count that takes minutes. */
function slowStatement(target: Target): string {
  return (
    serverSleep(target, 30) ??
    'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 10000000000) SELECT COUNT(*) FROM c'
  )
}

/** `a` makes the counter table; `b` creates a table, counts itself, then runs slowly when asked. */
function revisions(target: Target): RevisionSpec[] {
  return [
    {
      id: 'a',
      upgrade: [
        "await op.createTable('k_runs', [{ name: 'revision', type: 'varchar(10)' }])",
        "await op.bulkInsert('k_runs', [{ revision: 'a' }])",
      ].join('\n  '),
      downgrade: "await op.dropTable('k_runs')",
    },
    {
      id: 'b',
      down: 'a',
      upgrade: [
        "await op.createTable('k_b', [{ name: 'id', type: 'integer' }])",
        "await op.bulkInsert('k_runs', [{ revision: 'b' }])",
        `await op.execute(process.env.${SLOW} ? ${JSON.stringify(slowStatement(target))} : 'SELECT 1')`,
      ].join('\n  '),
      downgrade: "await op.dropTable('k_b')",
    },
  ]
}

/** True once the killed run is inside its slow statement. */
function insideSlowStatement(target: Target): () => Promise<boolean> | boolean {
  if (target.name === 'postgres') return () => statementRunning(target, 'pg_sleep(30)')
  if (target.name === 'mariadb') return () => statementRunning(target, 'SELECT SLEEP(30)')
  // SQLite writes its rollback journal once the revision's transaction has changed a page.
  const path = (target.database as { path?: string }).path ?? ''
  return () => existsSync(`${path}-journal`)
}

describe('kill -9 mid-revision', () => {
  it.concurrent.each(targets)(
    '$name: the rerun finds a clean state (or names the partial one), no lock is left',
    async (target) => {
      const { database } = target
      const project = await createProject({
        url: database.url,
        revisions: revisions(target),
        config: { versionTable: VERSION_TABLE },
      })
      try {
        expect((await runStratum(project.dir, 'upgrade', 'a')).code).toBe(0)

        const killed = startStratum(project.dir, ['upgrade', 'head'], { [SLOW]: '1' })
        await waitForRun(killed, insideSlowStatement(target), {
          what: 'the slow statement of revision b',
          timeoutMs: 20_000,
        })
        const holder = await lockHolder(database.url, VERSION_TABLE)
        expect(holder).toBeDefined()
        await killed.kill()

        // The server-side session goes away by itself, and with it the lock.
        if (target.name !== 'sqlite') {
          const pid = holder?.pid ?? -1
          const gone = await waitFor(async () => !(await sessionExists(target, pid)), {
            what: `the killed run's session ${pid} to end`,
            timeoutMs: target.name === 'postgres' ? 5_000 : 12_000,
          })
          // Without client_connection_check_interval PostgreSQL would run pg_sleep(30) out.
          if (target.name === 'postgres') expect(gone).toBeLessThan(5_000)
        }
        expect(await lockHolder(database.url, VERSION_TABLE)).toBeUndefined()
        if (target.transactionalDdl) {
          // Nothing of b is left: at a, without b's table or its count.
          expect(await versionRows(target, VERSION_TABLE)).toEqual(['a'])
          expect(await tableNames(target)).not.toContain('k_b')
          expect(await counts(target, 'k_runs')).toEqual({ a: 1 })
        } else {
          // MariaDB kept what ran before the kill.
          expect(await tableNames(target)).toContain('k_b')
        }

        const rerun = await runStratum(project.dir, 'upgrade', 'head', '--lock-timeout', '5')
        expect(rerun.stderr).not.toContain(WAITING)
        expect(rerun.stderr).not.toMatch(STACK_LINE)
        if (target.transactionalDdl) {
          expect(rerun.code).toBe(0)
          expect(rerun.stdout).toMatch(/^Running upgrade a -> b, revision b \.\.\. done/)
          // The rerun applied b exactly once, to completion.
          expect(await versionRows(target, VERSION_TABLE)).toEqual(['b'])
          expect(await counts(target, 'k_runs')).toEqual({ a: 1, b: 1 })
          expect(await tableNames(target)).toContain('k_b')
        } else {
          expect(rerun.code).toBe(1)
          expect(rerun.stderr).toMatch(
            /^stratum: error: revision b partially applied: 2 of 3 statements ran\n {2}hint: .*stratum repair --resolve/,
          )
          expect(await versionRows(target, VERSION_TABLE)).toEqual(['a'])
          expect(await counts(target, 'k_runs')).toEqual({ a: 1, b: 1 })
          const status = await runStratum(project.dir, 'status')
          expect(status.stdout).toContain(
            'Partially applied:\n  b: upgrade, 2 of 3 statements ran (the run was killed)\n',
          )
        }

        // A third run takes the lock at once (a zero timeout tries only once).
        const third = await runStratum(project.dir, 'upgrade', 'head', '--lock-timeout', '0')
        expect(third.stderr).not.toContain(WAITING)
        expect(third.stderr).not.toMatch(/Timed out/)
        if (target.transactionalDdl) expect(third.stdout).toBe('Already at b\n')
        else expect(third.stderr).toMatch(/^stratum: error: revision b partially applied/)
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})
