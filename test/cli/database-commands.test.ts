// current, stamp, status, repair and history --indicate-current through the CLI, in
// process, on SQLite files.
import { appendFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseUrl } from '../../src/config/url.js'
import { dialectFor } from '../../src/dialects/registry.js'
import { lockScopeFor } from '../../src/runtime/session.js'
import { stateTables } from '../../src/runtime/tables.js'
import { tableExists } from '../runtime/targets.js'
import { type CliProject, cliProject, LINE } from './database-project.js'

let project: CliProject | undefined
afterEach(async () => {
  await project?.remove()
  project = undefined
})

describe('current', () => {
  it('prints nothing at base (and [] under --json) and never creates a table', async () => {
    project = await cliProject(LINE)
    expect(await project.ok('current')).toBe('')
    expect(await project.ok('current', '--json')).toBe('[]\n')
    expect(await tableExists(project.url, 'stratum_version')).toBe(false)
    expect(await tableExists(project.url, 'stratum_history')).toBe(false)
  })

  it('prints the revisions like heads; --verbose as blocks; --json as revision objects', async () => {
    project = await cliProject(LINE)
    await project.ok('upgrade', 'b', '-q')
    expect(await project.ok('current')).toBe('b\n')
    await project.ok('upgrade', '-q')
    expect(await project.ok('current')).toBe('c (head)\n')
    const verbose = await project.ok('current', '--verbose')
    expect(verbose).toMatch(/^Current revision\(s\) for sqlite:.*app\.db:\nRev: c \(head\)\n/)
    expect(verbose).toContain('Parent: b\n')
    expect(verbose).toContain(`Path: ${join('migrations', 'versions', 'c_rev.ts')}\n`)
    const json = JSON.parse(await project.ok('current', '--json')) as Record<string, unknown>[]
    expect(json).toHaveLength(1)
    expect(json[0]).toMatchObject({ revision: 'c', downRevisions: ['b'], isHead: true })
    expect(json[0]?.path).toBe(project.path('c'))
  })

  it('--check-heads exits 1 with a message unless the database is at the heads', async () => {
    project = await cliProject(LINE)
    const atBase = await project.run('current', '--check-heads')
    expect(atBase.code).toBe(1)
    expect(atBase.stdout).toBe('')
    expect(atBase.stderr).toMatch(
      /^stratum: error: The database is at base, not at the heads \(c\)\n {2}hint: .*upgrade heads/,
    )
    await project.ok('upgrade', 'a', '-q')
    expect((await project.run('current', '--check-heads')).code).toBe(1)
    await project.ok('upgrade', '-q')
    expect(await project.ok('current', '--check-heads')).toBe('c (head)\n')
  })

  it('masks the password of the URL when the database cannot be reached', async () => {
    project = await cliProject(LINE)
    const url = 'postgres://app:hunter2secret@127.0.0.1:9/app'
    for (const argv of [['current'], ['--verbose', 'status'], ['upgrade', '--json']]) {
      const result = await project.run('--url', url, ...argv)
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/^stratum: error: /)
      expect(result.stderr + result.stdout).not.toContain('hunter2secret')
    }
    // Offline needs no connection at all.
    const script = await project.ok('--url', url, 'upgrade', '--sql')
    expect(script).toContain('CREATE TABLE "stratum_version"')
  })
})

describe('stamp', () => {
  it('sets the version table without running revisions; several targets; --purge', async () => {
    project = await cliProject([...LINE, { id: 'x', message: 'another root' }])
    expect(await project.ok('stamp', 'b')).toBe('Stamped base -> b\n')
    expect(await project.ok('current')).toBe('b\n')
    expect(await project.ok('stamp', 'b')).toBe('Already at b\n')
    expect(await project.ok('stamp', 'c', 'x')).toBe('Stamped b -> c, x\n')
    const json = JSON.parse(await project.ok('stamp', 'a', '--purge', '--json'))
    expect(json).toMatchObject({ previous: ['c', 'x'], current: ['a'], closedPartials: [] })
    expect(await project.ok('stamp', 'base', '-q')).toBe('')
    expect(await project.ok('current', '--json')).toBe('[]\n')
    // Nothing ran: the tables of the revisions do not exist.
    const upgrade = await project.ok('upgrade', 'a')
    expect(upgrade).toMatch(/^Running upgrade {2}-> a, create users \.\.\. done/)
  })

  it('--sql prints the statements', async () => {
    project = await cliProject(LINE)
    const sql = await project.ok('stamp', 'b', '--sql')
    expect(sql).toMatch(/INSERT INTO "stratum_version" \("version_num"\) VALUES \('b'\)/)
    expect(await project.ok('current', '--json')).toBe('[]\n')
  })
})

describe('status', () => {
  it('shows current, heads, pending revisions in order and the lock; exit 0', async () => {
    project = await cliProject(LINE)
    expect(await project.ok('status')).toBe(
      [
        'Current: base (no version table yet)',
        'Heads: c',
        'Pending: 3 revisions, in order:',
        '  <base> -> a, create users',
        '  a -> b, add email',
        '  b -> c (head), add orders',
        'Lock: free',
        '',
      ].join('\n'),
    )
    await project.ok('upgrade', 'a', '-q')
    const status = await project.ok('status')
    expect(status).toContain('Current: a\n')
    expect(status).toContain('Pending: 2 revisions, in order:\n  a -> b, add email\n')
    await project.ok('upgrade', '-q')
    expect(await project.ok('status', '--check')).toBe(
      'Current: c (head)\nHeads: c\nPending: none, the database is at the heads\nLock: free\n',
    )
  })

  it('--check exits 1 when something is pending; --json prints the report', async () => {
    project = await cliProject(LINE)
    await project.ok('upgrade', 'b', '-q')
    const check = await project.run('status', '--check')
    expect(check.code).toBe(1)
    expect(check.stderr).toBe(
      'stratum: error: The database is not up to date: 1 pending revision\n',
    )
    const json = await project.run('status', '--json', '--check')
    expect(json.code).toBe(1)
    expect(json.stderr).toBe('')
    const doc = JSON.parse(json.stdout) as Record<string, unknown>
    expect(doc).toMatchObject({
      rows: ['b'],
      current: ['b'],
      heads: ['c'],
      atHeads: false,
      versionTableExists: true,
      lockHolder: null,
      changedFiles: [],
      missingRevisions: [],
      partialRevisions: [],
    })
    expect((doc.pending as { revision: string }[]).map((rev) => rev.revision)).toEqual(['c'])
    expect((doc.revisions as { revision: string }[]).map((rev) => rev.revision)).toEqual(['b'])
    expect((await project.run('status', '--json')).code).toBe(0)
  })

  it('changed files: status names them, upgrade refuses, repair accepts (old and new)', async () => {
    project = await cliProject(LINE)
    await project.ok('upgrade', 'b', '-q')
    appendFileSync(project.path('a'), '// edited after it ran\n')
    const status = await project.ok('status')
    expect(status).toMatch(
      /Changed files \(applied, then edited\): 1\n {2}migrations\/versions\/a_rev\.ts \(revision a\): recorded [0-9a-f]{12}, now [0-9a-f]{12}\n/,
    )
    expect((await project.run('status', '--check')).stderr).toContain('1 changed file')
    const refused = await project.run('upgrade')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^stratum: error: migrations\/versions\/a_rev\.ts changed after revision a/,
    )
    const repaired = await project.ok('repair')
    expect(repaired).toMatch(
      /^Accepted migrations\/versions\/a_rev\.ts \(revision a\): checksum ([0-9a-f]{64}) -> (?!\1)[0-9a-f]{64}\nThe database is at b\n$/,
    )
    expect(await project.ok('repair')).toBe('Nothing to repair\nThe database is at b\n')
    expect(await project.ok('upgrade')).toMatch(/^Running upgrade b -> c/)
  })

  it('repair --checksums REV accepts only the named revisions; --json', async () => {
    project = await cliProject(LINE)
    await project.ok('upgrade', '-q')
    appendFileSync(project.path('a'), '// edited\n')
    appendFileSync(project.path('b'), '// edited\n')
    const json = JSON.parse(await project.ok('repair', '--checksums', 'b', '--json'))
    expect(json.checksums.map((file: { revision: string }) => file.revision)).toEqual(['b'])
    expect(json).toMatchObject({ resolved: null, current: ['c'] })
    expect(await project.ok('status')).toContain('(revision a)')
    const none = await project.run('repair', '--resolve', 'applied')
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('Nothing to resolve')
    expect((await project.run('repair', '--resolve', 'maybe')).code).toBe(2)
  })

  it('names the lock holder; a run waits, says for whom, and times out', async () => {
    project = await cliProject(LINE)
    const url = parseUrl(project.url)
    const connection = await (await dialectFor(url)).connect(url)
    const scope = lockScopeFor(
      url,
      stateTables({ versionTable: 'stratum_version', versionTableSchema: undefined }),
    )
    await connection.acquireLock({ scope, timeoutMs: 1000 })
    try {
      expect(await project.ok('status')).toMatch(/\nLock: held by pid \d+/)
      const started = Date.now()
      const result = await project.run('upgrade', '--lock-timeout', '0.5')
      expect(Date.now() - started).toBeLessThan(5000)
      expect(result.code).toBe(1)
      const lines = result.stderr.trimEnd().split('\n')
      expect(lines[0]).toMatch(/^stratum: Waiting for the migration lock held by pid \d+/)
      expect(lines.filter((line) => line.includes('Waiting'))).toHaveLength(1)
      expect(lines[1]).toMatch(/^stratum: error: /)
      expect(result.stdout).toBe('')
    } finally {
      await connection.releaseLock(scope)
      await connection.close()
    }
    expect(await project.ok('upgrade', '--lock-timeout', '1')).toMatch(/^Running upgrade/)
  })
})

describe('history --indicate-current', () => {
  it('marks the current revisions (current), also in blocks and JSON', async () => {
    project = await cliProject(LINE)
    await project.ok('upgrade', 'b', '-q')
    expect(await project.ok('history', '-i')).toBe(
      [
        'b -> c (head), add orders',
        'a -> b (current), add email',
        '<base> -> a, create users',
        '',
      ].join('\n'),
    )
    expect(await project.ok('history', '--indicate-current', '-r', 'a:b')).toBe(
      'a -> b (current), add email\n<base> -> a, create users\n',
    )
    expect(await project.ok('history', '-i', '--verbose')).toContain('Rev: b (current)\n')
    const json = JSON.parse(await project.ok('history', '-i', '--json')) as {
      revision: string
      isCurrent: boolean
    }[]
    expect(json.map((rev) => [rev.revision, rev.isCurrent])).toEqual([
      ['c', false],
      ['b', true],
      ['a', false],
    ])
    // Without -i nothing reads the database, and the objects have no isCurrent.
    expect(JSON.parse(await project.ok('history', '--json'))[0]).not.toHaveProperty('isCurrent')
  })

  it('needs a database URL: a clear error without one', async () => {
    project = await cliProject(LINE)
    writeFileSync(
      join(project.dir, 'stratum.config.json'),
      JSON.stringify({ migrations: 'migrations' }),
    )
    expect(await project.ok('history')).toContain('<base> -> a')
    const result = await project.run('history', '-i')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(
      /^stratum: error: history --indicate-current .* reads the database, but no database URL is configured\n {2}hint: .*--url/,
    )
  })
})

describe('missing revision files', () => {
  it('status names the rows no file declares; current fails; stamp --purge resets', async () => {
    project = await cliProject(LINE)
    await project.ok('stamp', 'c', '-q')
    rmSync(project.path('c'))
    const status = await project.ok('status')
    expect(status).toMatch(/^Current: c \(no file\)\nHeads: b\n/)
    expect(status).toContain(
      'Deleted revision files (in the version table and the history, declared by no file now):\n  c\n',
    )
    expect((await project.run('status', '--check')).stderr).toContain('1 missing revision')
    const current = await project.run('current')
    expect(current.code).toBe(1)
    expect(current.stderr).toMatch(/^stratum: error: .*'c'/)
    expect(await project.ok('stamp', '--purge', 'b')).toBe('Stamped c -> b\n')
    expect(await project.ok('status', '--check')).toContain('Pending: none')
  })
})
