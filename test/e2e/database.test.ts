// The database commands as a user runs them, through the built bin/stratum, on the four
// databases: a SQLite file, a PGlite folder, a PostgreSQL server and a MariaDB server.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { tempProject } from '../commands/project.js'
import {
  createTargets,
  dropTargets,
  type Target,
  tableExists,
  withConnection,
} from '../runtime/targets.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import { ok, type RunResult, stratum } from './stratum.js'

const targets = await createTargets('e2e_db')
afterAll(() => dropTargets(targets))

const LONG = 180_000

/** A URL of the target's dialect that no server answers (and no file exists at). */
function unreachableUrl(target: Target): string {
  switch (target.name) {
    case 'postgres':
      return 'postgres://nobody:s3cret@127.0.0.1:9/nowhere'
    case 'mariadb':
      return 'mysql://nobody:s3cret@127.0.0.1:9/nowhere'
    case 'sqlite':
      return 'sqlite:/nonexistent-stratum-e2e/app.db'
    case 'pglite':
      return 'pglite:/nonexistent-stratum-e2e/pgdata'
  }
}

/** The body of the revision file `path`: its upgrade and downgrade replaced. */
function fillRevision(path: string, upgrade: string[], downgrade: string[]): void {
  const text = readFileSync(path, 'utf8')
  const filled = text
    .replace(/^ {2}\/\/ Write the schema changes.*$/m, upgrade.map((l) => `  ${l}`).join('\n'))
    .replace(/^ {2}\/\/ Undo the upgrade.*$/m, downgrade.map((l) => `  ${l}`).join('\n'))
  if (filled === text) throw new Error(`no placeholder bodies in ${path}`)
  writeFileSync(path, filled)
}

const lines = (text: string) => text.trimEnd().split('\n')
const done = (direction: string, from: string, to: string, message: string) =>
  new RegExp(`^Running ${direction} ${from} -> ${to}, ${message} \\.\\.\\. done \\(\\d+ (ms|s)\\)$`)

/** The third of five statements is invalid (or not, once fixed). */
function fiveStatements(bad: boolean): RevisionSpec {
  const table = (name: string) =>
    `await op.createTable('f_b_${name}', [{ name: 'id', type: 'integer' }])`
  return {
    id: 'b',
    down: 'a',
    prefix: 'f_',
    message: 'five statements',
    upgrade: [
      table('one'),
      table('two'),
      `await op.execute('${bad ? 'THIS IS NOT SQL' : 'SELECT 1'}')`,
      table('four'),
      table('five'),
    ].join('\n  '),
    downgrade: ['one', 'two', 'four', 'five']
      .map((name) => `await op.dropTable('f_b_${name}')`)
      .join('\n  '),
  }
}

describe.each(targets)('e2e on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'init, three revisions; upgrade, current, downgrade -1, upgrade +1, downgrade base, --sql, stamp',
    () => {
      const project = tempProject('stratum-e2e-db-')
      const cwd = project.root
      const db = (...args: string[]) => ok(cwd, '--url', database.url, ...args)
      try {
        ok(cwd, 'init')
        // The backups init turns on are tested in backup.test.ts; here they would only add time.
        const config = join(cwd, 'stratum.config.ts')
        writeFileSync(
          config,
          readFileSync(config, 'utf8').replace('beforeUpgrade: true', 'beforeUpgrade: false'),
        )
        const ids = ['a1a1a1a1a1a1', 'b2b2b2b2b2b2', 'c3c3c3c3c3c3']
        const [a, b, c] = ids as [string, string, string]
        const write = (id: string, message: string) =>
          (
            JSON.parse(ok(cwd, 'revision', '-m', message, '--rev-id', id, '--json')) as {
              path: string
            }
          ).path
        fillRevision(
          write(a, 'create users'),
          [
            "await op.createTable('users', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(100)', nullable: false }])",
          ],
          ["await op.dropTable('users')"],
        )
        fillRevision(
          write(b, 'add email'),
          [
            "await op.addColumn('users', { name: 'email', type: 'varchar(200)', nullable: true })",
            "await op.createIndex('users_email_idx', 'users', ['email'], { unique: true })",
          ],
          [
            "await op.dropIndex('users_email_idx', { table: 'users' })",
            "await op.dropColumn('users', 'email')",
          ],
        )
        fillRevision(
          write(c, 'add orders'),
          [
            "await op.createTable('orders', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'user_id', type: 'integer', nullable: false }])",
            "await op.bulkInsert('users', [{ id: 1, name: 'ada', email: 'ada@example.com' }])",
          ],
          ["await op.execute('DELETE FROM users')", "await op.dropTable('orders')"],
        )

        expect(db('current')).toBe('')
        const up = lines(db('upgrade', 'head'))
        expect(up).toHaveLength(3)
        expect(up[0]).toMatch(done('upgrade', '', a, 'create users'))
        expect(up[1]).toMatch(done('upgrade', a, b, 'add email'))
        expect(up[2]).toMatch(done('upgrade', b, c, 'add orders'))
        expect(db('current')).toBe(`${c} (head)\n`)
        expect(db('upgrade')).toBe(`Already at ${c}\n`)

        expect(lines(db('downgrade', '-1'))).toEqual([
          expect.stringMatching(done('downgrade', c, b, 'add orders')),
        ])
        expect(db('current')).toBe(`${b}\n`)
        expect(lines(db('upgrade', '+1'))).toEqual([
          expect.stringMatching(done('upgrade', b, c, 'add orders')),
        ])
        expect(db('history', '-i')).toContain(`${b} -> ${c} (head) (current), add orders`)
        expect(db('status')).toContain('Pending: none, the database is at the heads\nLock: free\n')

        const down = lines(db('downgrade', 'base'))
        expect(down).toHaveLength(3)
        expect(down[2]).toMatch(done('downgrade', a, '', 'create users'))
        expect(db('current')).toBe('')
        expect(db('current', '--json')).toBe('[]\n')

        // Offline: a URL nothing answers at, and the script comes out all the same.
        const offline = unreachableUrl(target)
        const script = ok(cwd, '--url', offline, 'upgrade', 'head', '--sql')
        expect(script).toMatch(/CREATE TABLE\b.*stratum_version/)
        expect(script).toContain(`-- Running upgrade  -> ${a}`)
        expect(script).toContain(`-- Running upgrade ${b} -> ${c}`)
        expect(script).not.toContain('s3cret')
        const range = ok(cwd, '--url', offline, 'downgrade', `${c}:${b}`, '--sql')
        expect(range).toContain(`-- Running downgrade ${c} -> ${b}`)
        expect(range).toMatch(/DROP TABLE\b.*orders/)
        if (target.name === 'postgres' || target.name === 'mariadb') {
          const online = stratum(cwd, '--url', offline, 'current')
          expect(online.code).toBe(1)
          expect(online.stderr).not.toContain('s3cret')
        }

        expect(db('stamp', 'head')).toBe(`Stamped base -> ${c}\n`)
        expect(db('current')).toBe(`${c} (head)\n`)
        expect(db('stamp', 'base')).toBe(`Stamped ${c} -> base\n`)
        const report = JSON.parse(db('upgrade', '--json')) as { steps: { status: string }[] }
        expect(report.steps.map((step) => step.status)).toEqual(['applied', 'applied', 'applied'])
      } finally {
        project.remove()
      }
    },
    LONG,
  )

  it.skipIf(!database.available)(
    'a revision fails at its third of five statements',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [
          { id: 'a', prefix: 'f_', message: 'first' },
          fiveStatements(true),
          { id: 'c', down: 'b', prefix: 'f_', message: 'third' },
        ],
        config: { versionTable: 'v_fail', transactionPerMigration: true },
      })
      const cwd = project.dir
      const expectRefused = (result: RunResult) => {
        expect(result.code).toBe(1)
        expect(result.stderr).toMatch(
          /^stratum: error: revision b partially applied: 2 of 5 statements ran\n {2}hint: .*stratum repair --resolve/,
        )
      }
      try {
        const failed = stratum(cwd, 'upgrade')
        expect(failed.code).toBe(1)
        expect(lines(failed.stdout)).toEqual([
          expect.stringMatching(done('upgrade', '', 'a', 'first')),
          expect.stringMatching(
            /^Running upgrade a -> b, five statements \.\.\. failed \(\d+ ms\)$/,
          ),
        ])
        const err = lines(failed.stderr)
        expect(err[0]).toMatch(/^stratum: error: Upgrade failed at revision b \(five statements\)/)
        expect(err.slice(-5)).toEqual([
          '  Upgrade to head, revision by revision:',
          expect.stringMatching(/^ {4}applied +a, first \(\d+ ms\)$/),
          expect.stringMatching(/^ {4}failed +b, five statements \(\d+ ms\)$/),
          '    not run      c, third',
          '  The database is at a.',
        ])
        expect(failed.stderr).not.toMatch(/\n\s+at /)

        if (target.transactionalDdl) {
          // Nothing of b stayed; the database is at a and the next run goes on.
          expect(await tableExists(database.url, 'f_b_one')).toBe(false)
          expect(await tableExists(database.url, 'f_b_two')).toBe(false)
          expect(ok(cwd, 'current')).toBe('a\n')
          project.write(fiveStatements(false))
          expect(lines(ok(cwd, 'upgrade'))).toHaveLength(2)
          expect(ok(cwd, 'current')).toBe('c (head)\n')
          return
        }

        // MariaDB committed the first two statements: it says so, and refuses to go on.
        expect(failed.stderr).toContain('after 2 of 5 statements')
        expect(await tableExists(database.url, 'f_b_one')).toBe(true)
        expect(await tableExists(database.url, 'f_b_four')).toBe(false)
        expectRefused(stratum(cwd, 'upgrade'))
        expectRefused(stratum(cwd, 'downgrade', 'base'))
        const status = stratum(cwd, 'status')
        expect(status.code).toBe(0)
        expect(status.stdout).toContain(
          'Partially applied:\n  b: upgrade, 2 of 5 statements ran (the run failed)\n',
        )
        expect(stratum(cwd, 'status', '--check').code).toBe(1)
        // The user undoes the two statements by hand, records it, fixes the file, runs again.
        await withConnection(database.url, async (connection) => {
          await connection.query('DROP TABLE f_b_one')
          await connection.query('DROP TABLE f_b_two')
        })
        expect(ok(cwd, 'repair', '--resolve', 'rolled-back')).toBe(
          'Resolved revision b as rolled-back\nThe database is at a\n',
        )
        project.write(fiveStatements(false))
        expect(lines(ok(cwd, 'upgrade'))).toHaveLength(2)
        expect(ok(cwd, 'current')).toBe('c (head)\n')
      } finally {
        await project.remove()
      }
    },
    LONG,
  )
})
