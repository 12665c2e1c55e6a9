/**
 * A revision fails halfway (the third of five statements is invalid). Where DDL is
 * transactional nothing of it stays and the database stays at the previous revision;
 * on MariaDB the partial state is recorded, named exactly, and blocks the next run until
 * `repair` or `stamp` resolves it — also after the process is killed mid-revision.
 */
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MigrationUpgradeError, PartiallyAppliedError } from '../../src/errors.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('failure')
afterAll(() => dropTargets(targets))

const five = (prefix: string, bad: boolean): RevisionSpec => ({
  id: 'b',
  down: 'a',
  prefix,
  upgrade: [
    `await op.createTable('${prefix}one', [{ name: 'id', type: 'integer' }])`,
    `await op.createTable('${prefix}two', [{ name: 'id', type: 'integer' }])`,
    `await op.execute('${bad ? 'THIS IS NOT SQL' : 'SELECT 1'}')`,
    `await op.createTable('${prefix}four', [{ name: 'id', type: 'integer' }])`,
    `await op.createTable('${prefix}five', [{ name: 'id', type: 'integer' }])`,
  ].join('\n  '),
  downgrade: ['one', 'two', 'four', 'five']
    .map((t) => `await op.dropTable('${prefix}${t}')`)
    .join('\n  '),
})

describe.each(targets)('$name', (target) => {
  const { database } = target

  it.skipIf(!database.available)('fails at the third of five statements', async () => {
    const prefix = 'f1_'
    const project = await createProject({
      url: database.url,
      revisions: [{ id: 'a', prefix }, five(prefix, true), { id: 'c', down: 'b', prefix }],
      config: { versionTable: 'v_f1' },
    })
    const migrator = await project.migrator()
    try {
      const error = await migrator.upgrade('head').catch((e: unknown) => e)
      expect(error).toBeInstanceOf(MigrationUpgradeError)
      const failure = error as MigrationUpgradeError
      expect(failure.revision).toBe('b')
      expect(failure.message).toContain('revision b')
      expect(failure.report?.steps.map((s) => [s.revision, s.status])).toEqual([
        ['a', 'applied'],
        ['b', 'failed'],
        ['c', 'not run'],
      ])
      expect(failure.report?.current).toEqual(['a'])
      await migrator.close()
      const exists = (table: string) =>
        withConnection(database.url, (connection) => connection.tableExists({ table }))

      if (target.transactionalDdl) {
        expect(await exists(`${prefix}one`)).toBe(false)
        expect(await exists(`${prefix}two`)).toBe(false)
        expect(await migrator.current()).toEqual(['a'])
        // Fixed, it runs.
        project.write(five(prefix, false))
        expect((await migrator.upgrade('head')).current).toEqual(['c'])
        return
      }

      expect(failure.message).toContain('after 2 of 5 statements')
      expect(await exists(`${prefix}one`)).toBe(true)
      expect(await exists(`${prefix}two`)).toBe(true)
      expect(await exists(`${prefix}four`)).toBe(false)
      const refused = await migrator.upgrade('head').catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(PartiallyAppliedError)
      expect((refused as Error).message).toBe('revision b partially applied: 2 of 5 statements ran')
      await expect(migrator.downgrade('base')).rejects.toThrow(PartiallyAppliedError)
      const status = await migrator.status()
      expect(status.partialRevisions).toEqual([
        {
          revision: 'b',
          direction: 'upgrade',
          statementsDone: 2,
          statementsTotal: 5,
          outcome: 'partial',
        },
      ])
      // The user undoes what ran, fixes the file, and says so.
      await migrator.close()
      await withConnection(database.url, async (connection) => {
        await connection.query(`DROP TABLE ${prefix}one`)
        await connection.query(`DROP TABLE ${prefix}two`)
      })
      const repaired = await migrator.repair({ resolve: 'rolled-back' })
      expect(repaired.resolved).toEqual({ revision: 'b', as: 'rolled-back' })
      expect(repaired.current).toEqual(['a'])
      project.write(five(prefix, false))
      expect((await migrator.upgrade('head')).current).toEqual(['c'])
    } finally {
      await migrator.close()
      await project.remove()
    }
  })

  it.skipIf(!database.available || target.transactionalDdl)(
    'repair --resolve applied and stamp close a partial revision',
    async () => {
      const prefix = 'f2_'
      const project = await createProject({
        url: database.url,
        revisions: [{ id: 'a', prefix }, five(prefix, true)],
        config: { versionTable: 'v_f2' },
      })
      const migrator = await project.migrator()
      try {
        await expect(migrator.upgrade('head')).rejects.toThrow(MigrationUpgradeError)
        // Finished by hand: the version table moves as if b had run.
        const repaired = await migrator.repair({ resolve: 'applied' })
        expect(repaired.current).toEqual(['b'])
        expect(await migrator.current()).toEqual(['b'])
        expect((await migrator.status()).partialRevisions).toEqual([])
        // Another partial, closed by a stamp instead.
        await migrator.stamp(['a'])
        await migrator.close()
        await withConnection(database.url, async (connection) => {
          for (const t of ['one', 'two']) await connection.query(`DROP TABLE ${prefix}${t}`)
        })
        await expect(migrator.upgrade('head')).rejects.toThrow(MigrationUpgradeError)
        await expect(migrator.upgrade('head')).rejects.toThrow(PartiallyAppliedError)
        const stamped = await migrator.stamp(['b'])
        expect(stamped.closedPartials).toEqual(['b'])
        expect((await migrator.upgrade('head')).steps).toEqual([])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available || target.transactionalDdl)(
    'a run killed mid-revision is refused as partially applied',
    async () => {
      const prefix = 'f3_'
      const project = await createProject({
        url: database.url,
        revisions: [
          {
            id: 'k',
            prefix,
            upgrade: [
              `await op.createTable('${prefix}one', [{ name: 'id', type: 'integer' }])`,
              `await op.createTable('${prefix}two', [{ name: 'id', type: 'integer' }])`,
              // Reading the database makes the revision run live, statement by statement.
              'await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute()',
              `if (process.env.STRATUM_TEST_HANG) await new Promise(() => {})`,
              `await op.createTable('${prefix}three', [{ name: 'id', type: 'integer' }])`,
            ].join('\n  '),
          },
        ],
        config: { versionTable: 'v_f3' },
      })
      const script = join(project.dir, 'run.ts')
      const migratorModule = new URL('../../src/runtime/migrator.ts', import.meta.url).pathname
      writeFileSync(
        script,
        [
          `import { Migrator } from ${JSON.stringify(migratorModule)}`,
          `const migrator = await Migrator.open({ cwd: ${JSON.stringify(project.dir)} })`,
          `migrator.on('revision:start', () => console.log('started'))`,
          `await migrator.upgrade('head')`,
        ].join('\n'),
      )
      const jiti = new URL('../../node_modules/jiti/lib/jiti-cli.mjs', import.meta.url).pathname
      const child = spawn(process.execPath, [jiti, script], {
        env: { ...process.env, STRATUM_TEST_HANG: '1' },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => resolve())
        child.on('exit', (code) => reject(new Error(`the child exited early (${code})`)))
      })
      // Give it the time to run the first two statements, then kill it.
      const migrator = await project.migrator()
      try {
        for (let i = 0; i < 100; i++) {
          const status = await migrator.status()
          if (status.partialRevisions[0]?.statementsDone === 2) break
          await new Promise((resolve) => setTimeout(resolve, 50))
        }
        child.kill('SIGKILL')
        await new Promise((resolve) => child.on('exit', resolve))
        const refused = await migrator.upgrade('head').catch((e: unknown) => e)
        expect(refused).toBeInstanceOf(PartiallyAppliedError)
        expect((refused as Error).message).toBe('revision k partially applied: 2 statements ran')
      } finally {
        child.kill('SIGKILL')
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available || target.name !== 'postgres')(
    'errors never show the password of the URL',
    async () => {
      const url = new URL(database.url)
      url.password = 'hunter2'
      const project = await createProject({
        url: url.toString(),
        revisions: [{ id: 'pw', upgrade: 'await op.execute("SELECT \'hunter2\'::int")' }],
        config: { versionTable: 'v_pw' },
      })
      const migrator = await project.migrator()
      try {
        const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as Error
        expect(error).toBeInstanceOf(MigrationUpgradeError)
        expect(error.message).toContain('***')
        expect(error.message).not.toContain('hunter2')
        expect(String((error.cause as Error).message)).not.toContain('hunter2')
        await migrator.close()
        const { rows } = await withConnection(database.url, (connection) =>
          connection.query("SELECT error FROM v_pw_history WHERE outcome = 'failed'"),
        )
        expect(String(rows[0]?.error)).not.toContain('hunter2')
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})
