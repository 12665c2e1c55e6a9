/**
 * Scenario 5: tampering with what Stratum keeps. Each case gets its own message from
 * `status` (exit 0: it reports; `--check` exits 1) and a refusal from `upgrade` (exit 1,
 * one error line and a hint, the database unchanged), both through the built CLI; then the
 * way out the hint names works (run in-process, for speed):
 *
 * - an unknown revision id in the version table
 * - the current row deleted (the history says otherwise)
 * - two rows where one head is expected
 * - an applied file edited (also test/runtime/checks.test.ts, through the API)
 * - an applied file deleted (the head's: the row names no file; a middle one: the graph breaks)
 * - the history table dropped
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { type MainResult, runMain } from '../cli/run-main.js'
import { expectOneLineError } from '../e2e/stratum.js'
import { dropTargets, type Target } from '../runtime/targets.js'
import { createProject, type Project } from '../support/project.js'
import {
  DROP_TIMEOUT_MS,
  ownFile,
  query,
  reliabilityTargets,
  runStratum,
  snapshot,
} from './support.js'

const { all, targets } = await reliabilityTargets('tampering')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

interface Case {
  readonly name: string
  /** Where the database is before the tampering. */
  readonly at: 'b' | 'c'
  tamper(context: { target: Target; project: Project; version: string }): Promise<void>
  /** What `status` says about it. */
  readonly status: string | RegExp
  /** The first line `upgrade` prints on stderr. */
  readonly refusal: RegExp
  /** The way out the hint names (restoring the files when absent); then `upgrade` works. */
  resolve?(context: {
    project: Project
    run: (...args: string[]) => Promise<MainResult>
  }): Promise<void>
}

const CASES: readonly Case[] = [
  {
    name: 'an unknown revision id in the version table',
    at: 'b',
    async tamper({ target, version }) {
      await query(target.database.url, `UPDATE ${version} SET version_num = 'f00dfeed'`)
    },
    status:
      'Unknown revisions (in the version table, declared by no file, never applied here):\n  f00dfeed\n',
    refusal:
      /^stratum: error: The version table v_\w+ holds 'f00dfeed', which no revision file declares and which never ran here$/,
    async resolve({ run }) {
      expect((await run('stamp', '--purge', 'b')).code).toBe(0)
    },
  },
  {
    name: 'the current row deleted',
    at: 'b',
    async tamper({ target, version }) {
      await query(target.database.url, `DELETE FROM ${version}`)
    },
    status:
      'Version table changed by hand: it says base, but the last run the history records applied b.\n',
    refusal:
      /^stratum: error: The version table v_\w+ says base, but the last run the history v_\w+_history records applied revision 'b': someone changed the version table$/,
    async resolve({ run }) {
      expect((await run('stamp', 'b')).code).toBe(0)
    },
  },
  {
    name: 'two rows where one head is expected',
    at: 'b',
    async tamper({ target, version }) {
      await query(target.database.url, `INSERT INTO ${version} (version_num) VALUES ('a')`)
    },
    status: 'Redundant version rows (one row per head is expected):\n  a (implied by b)\n',
    refusal:
      /^stratum: error: The version table v_\w+ holds 'a' and 'b', but 'b' already implies 'a': one row per head is expected$/,
    async resolve({ run }) {
      expect((await run('stamp', '--purge', 'b')).code).toBe(0)
    },
  },
  {
    name: 'an applied file edited',
    at: 'b',
    async tamper({ project }) {
      appendFileSync(project.path('a'), '// edited after it ran\n')
    },
    status:
      /Changed files \(applied, then edited\): 1\n {2}migrations\/versions\/a_rev\.ts \(revision a\): recorded [0-9a-f]{12}, now [0-9a-f]{12}\n/,
    refusal:
      /^stratum: error: migrations\/versions\/a_rev\.ts changed after revision a was applied \(checksum [0-9a-f]{12}, recorded [0-9a-f]{12}\)$/,
    async resolve({ run }) {
      expect((await run('repair')).code).toBe(0)
    },
  },
  {
    name: 'an applied file deleted (the head)',
    at: 'c',
    async tamper({ project }) {
      rmSync(project.path('c'))
    },
    status:
      'Deleted revision files (in the version table and the history, declared by no file now):\n  c\n',
    refusal:
      /^stratum: error: The version table v_\w+ holds 'c', which the history records but no revision file declares any more: its file was deleted$/,
  },
  {
    name: 'an applied file deleted (in the middle)',
    at: 'c',
    async tamper({ project }) {
      rmSync(project.path('b'))
    },
    // The graph itself is broken: every command says so, status included (exit 1).
    status: /^stratum: error: .*\bc\b.*'b'/,
    refusal: /^stratum: error: .*\bc\b.*'b'/,
  },
  {
    name: 'the history table dropped',
    at: 'b',
    async tamper({ target, version }) {
      await query(target.database.url, `DROP TABLE ${version}_history`)
    },
    status:
      'History table missing: the version table holds revisions, but the history table does not exist (dropped, or another tool migrated the database).\n',
    refusal:
      /^stratum: error: The history table v_\w+_history does not exist, but the version table v_\w+ holds revisions: it was dropped, or another tool migrated this database$/,
    async resolve({ run }) {
      const repaired = await run('repair')
      expect(repaired.stdout).toContain(
        'Created the history table; recorded the files of a, b as they are now\n',
      )
    },
  },
]

const cases = targets.flatMap((target) =>
  CASES.map((tamper, index) => ({ name: target.name, target, tamper, index })),
)

describe('tampering', () => {
  it.concurrent.each(cases)(
    '$name: $tamper.name',
    async ({ target: shared, tamper, index }) => {
      if (!shared.database.available) return
      const target = ownFile(shared, `tampering-${index}`)
      const prefix = `tm${index}_`
      const version = `v_tm${index}`
      const project = await createProject({
        url: target.database.url,
        revisions: [
          { id: 'a', prefix },
          { id: 'b', down: 'a', prefix },
          { id: 'c', down: 'b', prefix },
        ],
        config: { versionTable: version },
      })
      const run = (...args: string[]) => runStratum(project.dir, ...args)
      const inProcess = (...args: string[]) => runMain(args, { cwd: project.dir })
      try {
        const migrator = await project.migrator()
        await migrator.upgrade(tamper.at).finally(() => migrator.close())
        const files = ['a', 'b', 'c'].map((id) => project.path(id))
        const originals = files.map((path) => readFileSync(path, 'utf8'))
        await tamper.tamper({ target, project, version })
        const before = await snapshot(target, version, prefix)

        const status = await run('status')
        if (typeof tamper.status === 'string') {
          expect(status.code, status.stderr).toBe(0)
          expect(status.stdout).toContain(tamper.status)
        } else if (status.code === 0) {
          expect(status.stdout).toMatch(tamper.status)
        } else {
          expect(expectOneLineError(status, 1)).toMatch(tamper.status)
        }
        expect((await inProcess('status', '--check')).code).toBe(1)

        const refused = await run('upgrade')
        const line = expectOneLineError(refused, 1)
        expect(line).toMatch(tamper.refusal)
        expect(refused.stderr).toMatch(/\n {2}hint: \S/)
        expect(refused.stdout).toBe('')
        expect(await snapshot(target, version, prefix)).toEqual(before)

        if (tamper.resolve === undefined) {
          for (const [i, path] of files.entries()) writeFileSync(path, originals[i]!)
        } else {
          await tamper.resolve({ project, run: inProcess })
        }
        const upgraded = await inProcess('upgrade')
        expect(upgraded.code, upgraded.stderr).toBe(0)
        expect((await inProcess('current')).stdout).toBe('c (head)\n')
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})
