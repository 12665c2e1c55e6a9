// The proof: twenty processes run `stratum upgrade head` at once against one
// database. Every revision body runs exactly once, every process exits 0, and no lock is
// left behind. PostgreSQL, MariaDB and SQLite, one after the other (PGlite is one process's).
import { afterAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../src/config/url.js'
import { lockName } from '../../src/dialects/mysql/lock.js'
import { lockScopeFor } from '../../src/runtime/session.js'
import { stateTables } from '../../src/runtime/tables.js'
import { createTargets, dropTargets, withConnection } from '../runtime/targets.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import { ok, stratumAsync } from './stratum.js'

const targets = await createTargets('e2e_many')
afterAll(() => dropTargets(targets))

const PROCESSES = 20
const IDS = ['a', 'b', 'c', 'd', 'e']

/** Each revision creates a table and inserts its id into `runs`, the counter table. */
const revisions: RevisionSpec[] = IDS.map((id, index) => ({
  id,
  down: index === 0 ? null : IDS[index - 1]!,
  message: `revision ${id}`,
  upgrade: [
    index === 0 ? "await op.createTable('runs', [{ name: 'revision', type: 'varchar(10)' }])" : '',
    `await op.createTable('t_${id}', [{ name: 'id', type: 'integer' }])`,
    `await op.bulkInsert('runs', [{ revision: '${id}' }])`,
  ].join('\n  '),
}))

describe.each(targets.filter((target) => target.concurrent))('e2e on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    `${PROCESSES} processes run upgrade head at once: each revision once, all exit 0, no lock left`,
    async () => {
      const project = await createProject({ url: database.url, revisions })
      try {
        const runs = await Promise.all(
          Array.from({ length: PROCESSES }, () =>
            stratumAsync(project.dir, 'upgrade', 'head', '--lock-timeout', '120'),
          ),
        )
        const failed = runs.filter((run) => run.code !== 0)
        expect(failed.map((run) => run.stderr)).toEqual([])
        const progress = runs.flatMap((run) =>
          run.stdout.split('\n').filter((line) => line.startsWith('Running upgrade')),
        )
        expect(progress).toHaveLength(IDS.length)
        expect(runs.filter((run) => run.stdout === 'Already at e\n')).toHaveLength(PROCESSES - 1)

        const counts = await withConnection(database.url, async (connection) => {
          const { rows } = await connection.query(
            'SELECT revision, COUNT(*) AS n FROM runs GROUP BY revision ORDER BY revision',
          )
          return Object.fromEntries(rows.map((row) => [String(row.revision), Number(row.n)]))
        })
        expect(counts).toEqual({ a: 1, b: 1, c: 1, d: 1, e: 1 })

        // No lock left: the database says nobody holds it...
        const url = parseUrl(database.url)
        const scope = lockScopeFor(
          url,
          stateTables({ versionTable: 'stratum_version', versionTableSchema: undefined }),
        )
        await withConnection(database.url, async (connection) => {
          expect(await connection.lockHolder(scope)).toBeUndefined()
          if (target.name === 'postgres') {
            const { rows } = await connection.query(
              "SELECT COUNT(*) AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()",
            )
            expect(Number(rows[0]?.n)).toBe(0)
          }
          if (target.name === 'mariadb') {
            const { rows } = await connection.query('SELECT IS_USED_LOCK(?) AS holder', [
              lockName(scope),
            ])
            expect(rows[0]?.holder ?? null).toBeNull()
          }
        })
        // ...and one more run takes it at once.
        expect(ok(project.dir, 'upgrade', 'head', '--lock-timeout', '1')).toBe('Already at e\n')
      } finally {
        await project.remove()
      }
    },
    240_000,
  )
})
