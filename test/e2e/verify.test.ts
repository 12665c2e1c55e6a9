// `stratum verify` through bin/stratum, as a user or a CI job runs it.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import mysql from 'mysql2/promise'
import { afterAll, describe, expect, it } from 'vitest'
import { FORGETS_INDEX, fiveRevisions } from '../runtime/verify-fixtures.js'
import { MYSQL_SERVER_URL, mysqlDatabase } from '../support/databases.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

const projects: Project[] = []
afterAll(async () => {
  for (const project of projects) await project.remove()
})

async function project(url: string, revisions: readonly RevisionSpec[]): Promise<Project> {
  const created = await createProject({ url, revisions })
  projects.push(created)
  return created
}

describe('stratum verify on SQLite', () => {
  it('prints a line per revision and a summary, exit 0', async () => {
    const created = await project('sqlite:app.db', fiveRevisions())
    const lines = ok(created.dir, 'verify').trimEnd().split('\n')
    expect(lines[0]).toBe('Verifying on a scratch database: SQLite in memory')
    expect(lines[1]).toMatch(
      /^Verifying r1, create users \.\.\. restored \(upgrade \d+ ms, downgrade \d+ ms\)$/,
    )
    expect(lines).toHaveLength(7)
    expect(lines[6]).toBe('Verified 5 revisions: every downgrade restores the schema.')
    expect(existsSync(join(created.dir, 'app.db'))).toBe(false)
  })

  it('names the first revision whose downgrade does not restore the schema, exit 1', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_INDEX))
    const result = stratum(created.dir, 'verify')
    const line = expectOneLineError(result, 1)
    expect(line).toBe(
      'stratum: error: verify failed: the downgrade of r3 (index email) does not restore the schema (1 difference)',
    )
    expect(result.stdout).toContain('Verifying r3, index email ... NOT RESTORED')
    expect(result.stdout).toContain(
      '  downgrade of r3 leaves index ix_users_email on users (added by its upgrade)\n',
    )
    expect(result.stdout).not.toContain('Verifying r4')
  })

  it('prints the per-revision results with --json', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_INDEX))
    const result = stratum(created.dir, 'verify', '--json')
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    const results = JSON.parse(result.stdout) as Record<string, unknown>[]
    expect(results.map((r) => [r.revision, r.restored])).toEqual([
      ['r1', true],
      ['r2', true],
      ['r3', false],
    ])
    expect(results[2]).toMatchObject({
      status: 'not restored',
      upgradeMs: expect.any(Number),
      downgradeMs: expect.any(Number),
      differences: [
        {
          kind: 'left',
          object: 'index ix_users_email on users',
          text: 'downgrade of r3 leaves index ix_users_email on users (added by its upgrade)',
        },
      ],
    })
  })

  it('skips an irreversible revision and says so; --strict fails on it', async () => {
    const created = await project('sqlite:app.db', fiveRevisions({ downgrade: null }))
    const output = ok(created.dir, 'verify')
    expect(output).toMatch(
      /Verifying r3, index email \.\.\. skipped: irreversible, no downgrade to check \(upgrade \d+ ms\)/,
    )
    expect(output).toContain(
      'Verified 4 revisions: every downgrade restores the schema. Skipped 1 revision (irreversible: it has no downgrade; --strict fails instead).',
    )
    const strict = stratum(created.dir, 'verify', '--strict')
    expect(expectOneLineError(strict, 1)).toMatch(
      /^stratum: error: verify failed: revision r3 \(index email\) cannot be downgraded \(--strict\): .*no downgrade/,
    )
  })

  it('names the revision whose upgrade throws', async () => {
    const created = await project(
      'sqlite:app.db',
      fiveRevisions({ upgrade: "await op.execute('DROP TABLE no_such_table')" }),
    )
    const line = expectOneLineError(stratum(created.dir, 'verify'), 1)
    expect(line).toMatch(
      /^stratum: error: verify failed: Upgrade failed at revision r3 \(index email\).*no_such_table/,
    )
  })

  it('checks a range, and refuses bad input clearly', async () => {
    const created = await project('sqlite:app.db', fiveRevisions(FORGETS_INDEX))
    const output = ok(created.dir, 'verify', '--range', 'r4:r5', '--quiet')
    expect(output).toBe('')
    expect(expectOneLineError(stratum(created.dir, 'verify', '--range', 'zz:r5'), 1)).toMatch(/zz/)
    expect(
      expectOneLineError(
        stratum(created.dir, 'verify', '--scratch-url', 'mysql://root:s3cret@h/x'),
        2,
      ),
    ).toMatch(/--scratch-url is a mysql database, but the project's database is sqlite/)
  })
})

const probe = await mysqlDatabase('verify_e2e_probe')
afterAll(() => probe.drop())

describe.skipIf(!probe.available)('stratum verify on MariaDB', () => {
  it('drops the scratch database when interrupted with Ctrl-C', async () => {
    const configured = `${MYSQL_SERVER_URL.replace(/\/$/, '')}/stratum_verify_e2e_never_created`
    const revisions = fiveRevisions()
    revisions[1] = {
      ...revisions[1],
      upgrade: "await op.execute('SELECT SLEEP(2)')",
      downgrade: '',
    } as RevisionSpec
    const created = await project(configured, revisions)
    const { code, stdout, stderr } = await interrupted(created.dir, 'Verifying r2')
    expect(code).toBe(1)
    expect(stderr).toMatch(/Interrupted: stopping after the current step/)
    expect(stderr).toMatch(/stratum: error: verify was interrupted/)
    const name = /scratch database: (stratum_verify_[0-9a-f]{12}) on /.exec(stdout)?.[1]
    expect(name).toBeDefined()
    const client = await mysql.createConnection({ uri: MYSQL_SERVER_URL })
    const [rows] = await client.query(
      'SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?, ?)',
      [name, 'stratum_verify_e2e_never_created'],
    )
    await client.end()
    expect(rows).toEqual([])
  }, 60_000)
})

/** Runs `stratum verify`, sends SIGINT once stdout shows `marker`, and waits for the exit. */
function interrupted(cwd: string, marker: string) {
  const bin = fileURLToPath(new URL('../../bin/stratum', import.meta.url))
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete env.DATABASE_URL
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [bin, 'verify'], { cwd, env })
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
      if (!sent && stdout.includes(marker)) {
        sent = true
        child.kill('SIGINT')
      }
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
