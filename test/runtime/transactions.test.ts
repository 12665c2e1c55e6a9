/**
 * Transaction modes on real databases: `all` (one transaction, rolled back whole on a
 * failure), `none` (statements commit as they run, progress recorded), SQLite's table
 * rebuild with foreign keys switched off around its revision; the context a revision gets;
 * the events; waiting for the lock.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { MigrationUpgradeError, PartiallyAppliedError } from '../../src/errors.js'
import type { LockWaitEvent, RevisionEndEvent } from '../../src/runtime/events.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('transactions')
afterAll(() => dropTargets(targets))

const table = (prefix: string, id: string): RevisionSpec => ({ id, prefix })

describe.each(targets)('$name', (target) => {
  const { database } = target

  it.skipIf(!database.available)("mode 'all': a failure rolls back the whole run", async () => {
    const prefix = 'x1_'
    const project = await createProject({
      url: database.url,
      revisions: [
        table(prefix, 'a'),
        { ...table(prefix, 'b'), down: 'a' },
        { id: 'c', down: 'b', prefix, upgrade: "await op.execute('NOT SQL AT ALL')" },
      ],
      config: { versionTable: 'v_x1', transactionPerMigration: false },
    })
    const migrator = await project.migrator()
    try {
      const error = (await migrator
        .upgrade('head')
        .catch((e: unknown) => e)) as MigrationUpgradeError
      expect(error).toBeInstanceOf(MigrationUpgradeError)
      const statuses = error.report?.steps.map((s) => s.status)
      if (target.transactionalDdl) {
        expect(statuses).toEqual(['rolled back', 'rolled back', 'failed'])
        expect(error.report?.current).toEqual([])
        expect(await migrator.current()).toEqual([])
      } else {
        // MariaDB commits DDL as it goes: each revision is recorded on its own.
        expect(statuses).toEqual(['applied', 'applied', 'failed'])
        expect(await migrator.current()).toEqual(['b'])
      }
      expect((await migrator.upgrade('b')).current).toEqual(['b'])
    } finally {
      await migrator.close()
      await project.remove()
    }
  })

  it.skipIf(!database.available)(
    "mode 'all': a revision that cannot load rolls the run back",
    async () => {
      const prefix = 'x5_'
      const project = await createProject({
        url: database.url,
        revisions: [
          table(prefix, 'a'),
          { id: 'b', down: 'a', prefix, upgrade: 'await op.createTable(42, [])' },
        ],
        config: { versionTable: 'v_x5' },
      })
      const migrator = await project.migrator({ transactionMode: 'all' })
      try {
        const error = (await migrator
          .upgrade('head')
          .catch((e: unknown) => e)) as MigrationUpgradeError
        expect(error).toBeInstanceOf(MigrationUpgradeError)
        expect(error.code).toBe('INVALID_OPERATION')
        expect(error.revision).toBe('b')
        const statuses = error.report?.steps.map((s) => s.status)
        expect(statuses).toEqual([target.transactionalDdl ? 'rolled back' : 'applied', 'failed'])
        expect(await migrator.current()).toEqual(target.transactionalDdl ? [] : ['a'])
        // The connection is usable: nothing was left open.
        expect((await migrator.upgrade('a')).current).toEqual(['a'])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available)(
    'history rows record checksum, duration and identity',
    async () => {
      const prefix = 'x6_'
      const project = await createProject({
        url: database.url,
        revisions: [
          table(prefix, 'a'),
          { ...table(prefix, 'b'), down: 'a' },
          { ...table(prefix, 'c'), down: 'b' },
        ],
        config: { versionTable: 'v_x6' },
      })
      try {
        for (const transactionMode of ['per-revision', 'all'] as const) {
          const migrator = await project.migrator({ transactionMode })
          await migrator.upgrade('head')
          await migrator.downgrade('base')
          await migrator.close()
        }
        const { rows } = await withConnection(database.url, (connection) =>
          connection.query(
            'SELECT revision, direction, outcome, checksum, duration_ms, finished_at, host, tool_version FROM v_x6_history ORDER BY id',
          ),
        )
        const once = [
          'upgrade a',
          'upgrade b',
          'upgrade c',
          'downgrade c',
          'downgrade b',
          'downgrade a',
        ]
        expect(rows.map((row) => `${row.direction} ${row.revision}`)).toEqual([...once, ...once])
        for (const row of rows) {
          expect(row.outcome).toBe('applied')
          expect(String(row.checksum)).toMatch(/^[0-9a-f]{64}$/)
          expect(row.duration_ms).not.toBeNull()
          expect(row.finished_at).not.toBeNull()
          expect(row.host).toBeTruthy()
          expect(row.tool_version).toBeTruthy()
        }
      } finally {
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available)("mode 'none': what ran stays, and is recorded", async () => {
    const prefix = 'x2_'
    const project = await createProject({
      url: database.url,
      revisions: [
        table(prefix, 'a'),
        {
          id: 'b',
          down: 'a',
          prefix,
          upgrade: [
            `await op.createTable('${prefix}kept', [{ name: 'id', type: 'integer' }])`,
            "await op.execute('NOT SQL AT ALL')",
          ].join('\n  '),
        },
      ],
      config: { versionTable: 'v_x2' },
    })
    const migrator = await project.migrator({ transactionMode: 'none' })
    try {
      const error = (await migrator
        .upgrade('head')
        .catch((e: unknown) => e)) as MigrationUpgradeError
      expect(error.message).toContain('after 1 of 2 statements')
      await expect(migrator.upgrade('head')).rejects.toThrow(
        new PartiallyAppliedError({ revision: 'b', statementsDone: 1, statementsTotal: 2 }).message,
      )
      expect(await migrator.current()).toEqual(['a'])
    } finally {
      await migrator.close()
      await project.remove()
    }
  })

  it.skipIf(!database.available)('revisions get x, the dialect and isOffline', async () => {
    const prefix = 'x3_'
    const project = await createProject({
      url: database.url,
      revisions: [
        {
          id: 'a',
          prefix,
          upgrade: [
            `await op.createTable('${prefix}seen', [{ name: 'value', type: 'varchar(100)' }])`,
            `const { x, dialect, direction, revision } = context`,
            `await op.bulkInsert('${prefix}seen', [{ value: x.color }, { value: dialect }, { value: String(isOffline) }, { value: direction + ':' + revision }])`,
          ].join('\n  '),
        },
      ],
      config: { versionTable: 'v_x3' },
    })
    const migrator = await project.migrator({ x: { color: 'blue' } })
    try {
      await migrator.upgrade('head')
      await migrator.close()
      const { rows } = await withConnection(database.url, (connection) =>
        connection.query(`SELECT value FROM ${prefix}seen`),
      )
      const dialect =
        target.name === 'mariadb' ? 'mysql' : target.name === 'sqlite' ? 'sqlite' : 'postgres'
      expect(rows.map((row) => row.value).sort()).toEqual(
        ['blue', dialect, 'false', 'upgrade:a'].sort(),
      )
    } finally {
      await migrator.close()
      await project.remove()
    }
  })

  it.skipIf(!database.available || !target.concurrent)(
    'waits for the lock, with events',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [
          // Recording runs under the lock: this holds it for a moment.
          {
            id: 'a',
            prefix: 'x4_',
            upgrade:
              "await new Promise((r) => setTimeout(r, 400))\n  await op.createTable('x4_t', [{ name: 'id', type: 'integer' }])",
          },
        ],
        config: { versionTable: 'v_x4' },
      })
      const first = await project.migrator()
      const second = await project.migrator({ lockTimeoutMs: 10_000 })
      const waits: LockWaitEvent[] = []
      const ends: RevisionEndEvent[] = []
      second.on('lock:wait', (event) => waits.push(event))
      first.on('revision:end', (event) => ends.push(event))
      try {
        const one = first.upgrade('head')
        await new Promise((resolve) => setTimeout(resolve, 150))
        const [a, b] = await Promise.all([one, second.upgrade('head')])
        expect(a.steps.map((s) => s.status)).toEqual(['applied'])
        expect(b.steps).toEqual([])
        expect(waits.length).toBeGreaterThan(0)
        expect(ends).toEqual([
          expect.objectContaining({
            revision: 'a',
            status: 'applied',
            direction: 'upgrade',
            from: [],
            to: ['a'],
            message: 'revision a',
            index: 1,
            total: 1,
          }),
        ])
      } finally {
        await first.close()
        await second.close()
        await project.remove()
      }
    },
  )
})
