/**
 * Several Migrators (each with its own connection) and several processes upgrade the same
 * database at once: every revision body runs exactly once, every run succeeds, and no lock
 * is left behind.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createProject, type RevisionSpec } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('concurrency')
afterAll(() => dropTargets(targets))

const MIGRATORS = 6
const PROCESSES = 4

function revisions(prefix: string): RevisionSpec[] {
  const log = (id: string) =>
    `await op.execute("INSERT INTO ${prefix}runs (revision) VALUES ('${id}')")`
  const ids = ['a', 'b', 'c', 'd', 'e']
  return ids.map((id, index) => ({
    id,
    prefix,
    down: index === 0 ? null : ids[index - 1]!,
    upgrade: [
      index === 0
        ? `await op.createTable('${prefix}runs', [{ name: 'revision', type: 'varchar(10)' }])`
        : `await op.createTable('${prefix}t_${id}', [{ name: 'id', type: 'integer' }])`,
      log(id),
    ].join('\n  '),
  }))
}

async function runsPerRevision(url: string, prefix: string): Promise<Record<string, number>> {
  return withConnection(url, async (connection) => {
    const { rows } = await connection.query(
      `SELECT revision, COUNT(*) AS n FROM ${prefix}runs GROUP BY revision ORDER BY revision`,
    )
    return Object.fromEntries(rows.map((row) => [String(row.revision), Number(row.n)]))
  })
}

const once = { a: 1, b: 1, c: 1, d: 1, e: 1 }

describe.each(targets)('$name', (target) => {
  const { database } = target
  const skip = !database.available || !target.concurrent

  it.skipIf(skip)(`${MIGRATORS} Migrators at once: each revision runs once`, async () => {
    const prefix = 'm_'
    const project = await createProject({
      url: database.url,
      revisions: revisions(prefix),
      config: { versionTable: 'v_m' },
    })
    const migrators = await Promise.all(
      Array.from({ length: MIGRATORS }, () => project.migrator({ lockTimeoutMs: 60_000 })),
    )
    try {
      const reports = await Promise.all(migrators.map((migrator) => migrator.upgrade('head')))
      expect(reports.every((report) => report.current.join() === 'e')).toBe(true)
      const applied = reports.flatMap((report) => report.steps.map((step) => step.revision))
      expect(applied.sort()).toEqual(['a', 'b', 'c', 'd', 'e'])
      expect(await runsPerRevision(database.url, prefix)).toEqual(once)
      const status = await migrators[0]!.status()
      expect(status.lockHolder).toBeUndefined()
      expect(status.atHeads).toBe(true)
    } finally {
      await Promise.all(migrators.map((migrator) => migrator.close()))
      await project.remove()
    }
  })

  it.skipIf(skip)(
    `${PROCESSES} processes at once: each revision runs once, all exit 0`,
    async () => {
      const prefix = 'p_'
      const project = await createProject({
        url: database.url,
        revisions: revisions(prefix),
        config: { versionTable: 'v_p' },
      })
      const script = join(project.dir, 'upgrade.ts')
      const migrator = new URL('../../src/runtime/migrator.ts', import.meta.url).pathname
      writeFileSync(
        script,
        [
          `import { Migrator } from ${JSON.stringify(migrator)}`,
          `const m = await Migrator.open({ cwd: ${JSON.stringify(project.dir)}, lockTimeoutMs: 60000 })`,
          `await m.upgrade('head')`,
          `await m.close()`,
        ].join('\n'),
      )
      const jiti = new URL('../../node_modules/jiti/lib/jiti-cli.mjs', import.meta.url).pathname
      try {
        const codes = await Promise.all(
          Array.from(
            { length: PROCESSES },
            () =>
              new Promise<number | null>((resolve) => {
                const child = spawn(process.execPath, [jiti, script], { stdio: 'inherit' })
                child.on('exit', resolve)
              }),
          ),
        )
        expect(codes).toEqual(Array(PROCESSES).fill(0))
        expect(await runsPerRevision(database.url, prefix)).toEqual(once)
        const check = await project.migrator()
        expect((await check.status()).lockHolder).toBeUndefined()
        await check.close()
      } finally {
        await project.remove()
      }
    },
    60_000,
  )
})
