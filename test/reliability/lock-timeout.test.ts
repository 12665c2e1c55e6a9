/**
 * Scenario 3: another session holds the migration lock and `upgrade --lock-timeout 2`
 * gives up: it exits within the timeout plus one second of starting to wait (and of what a
 * run that does not wait takes), names the holder with what the database tells (pid or
 * connection id, host, user, since), and changes nothing.
 *
 * Related: test/dialects/{postgres,mysql,sqlite}/lock.test.ts check the lock functions
 * themselves; this file checks the CLI run around them.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../src/config/url.js'
import type { DialectConnection } from '../../src/dialects/dialect.js'
import { dialectFor } from '../../src/dialects/registry.js'
import { expectOneLineError } from '../e2e/stratum.js'
import { dropTargets, type Target } from '../runtime/targets.js'
import { createProject } from '../support/project.js'
import {
  DROP_TIMEOUT_MS,
  lockScope,
  reliabilityTargets,
  runStratum,
  snapshot,
  WAITING,
} from './support.js'

const { all, targets } = await reliabilityTargets('lock_timeout')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

const TIMEOUT_S = 2

/** A connection of the test's own holding the lock of `versionTable`, and its id. */
async function holdLock(
  target: Target,
  versionTable: string,
): Promise<{ connection: DialectConnection; id: string }> {
  const url = parseUrl(target.database.url)
  const connection = await (await dialectFor(url)).connect(url)
  await connection.acquireLock({
    scope: lockScope(target.database.url, versionTable),
    timeoutMs: 0,
  })
  const id =
    target.name === 'postgres'
      ? (await connection.query('SELECT pg_backend_pid() AS id')).rows[0]?.id
      : target.name === 'mariadb'
        ? (await connection.query('SELECT CONNECTION_ID() AS id')).rows[0]?.id
        : process.pid
  return { connection, id: String(id) }
}

/** What the timeout message says of the holder, per database. */
function holderPattern(target: Target, id: string): RegExp {
  const since = String.raw`since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z`
  if (target.name === 'postgres') {
    return new RegExp(
      `held by pid ${id} \\(user postgres, host 127\\.0\\.0\\.1, application stratum, ${since}\\)`,
    )
  }
  if (target.name === 'mariadb') {
    return new RegExp(
      `held by connection ${id} \\(root@(127\\.0\\.0\\.1|localhost):\\d+, ${since}\\)`,
    )
  }
  return new RegExp(`held by pid ${id}\\b.*${since}`)
}

describe('lock timeout while another session holds the lock', () => {
  it.concurrent.each(targets)(
    '$name: exits within the timeout + 1 s, names the holder, changes nothing',
    async (target) => {
      if (!target.database.available) return
      const project = await createProject({
        url: target.database.url,
        revisions: [
          { id: 'a', prefix: 'lt_' },
          { id: 'b', down: 'a', prefix: 'lt_' },
        ],
        config: { versionTable: 'v_lt' },
      })
      try {
        expect((await runStratum(project.dir, 'upgrade', 'a')).code).toBe(0)
        // What a run that does not wait takes here (start, connect, read, exit).
        const baseline = await runStratum(project.dir, 'current')
        expect(baseline.code).toBe(0)
        const before = await snapshot(target, 'v_lt')
        const holder = await holdLock(target, 'v_lt')
        try {
          const status = await runStratum(project.dir, 'status')
          expect(status.stdout).toMatch(/\nLock: held by /)
          const run = await runStratum(
            project.dir,
            'upgrade',
            'head',
            '--lock-timeout',
            String(TIMEOUT_S),
          )
          const line = expectOneLineError({ ...run, stderr: withoutWaiting(run.stderr) }, 1)
          expect(line).toMatch(
            new RegExp(
              `^stratum: error: Timed out after ${TIMEOUT_S * 1000} ms waiting for the migration lock`,
            ),
          )
          expect(line).toMatch(holderPattern(target, holder.id))
          expect(run.stdout).toBe('')
          // Timed from the moment it started waiting, and against a run that does not wait.
          expect(run.waitingAtMs).toBeDefined()
          const waited = run.ms - (run.waitingAtMs ?? 0)
          expect(waited).toBeGreaterThanOrEqual(TIMEOUT_S * 1000 - 100)
          expect(waited).toBeLessThan(TIMEOUT_S * 1000 + 1000)
          expect(run.ms).toBeLessThan(baseline.ms + TIMEOUT_S * 1000 + 1000)
          expect(await snapshot(target, 'v_lt')).toEqual(before)
        } finally {
          await holder.connection.releaseLock(lockScope(target.database.url, 'v_lt'))
          await holder.connection.close()
        }
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})

/** The one "waiting" line the CLI prints before it gives up is progress, not an error. */
function withoutWaiting(stderr: string): string {
  return stderr
    .split('\n')
    .filter((line) => !line.includes(WAITING))
    .join('\n')
}
