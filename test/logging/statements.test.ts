// The runtime's `statement` event on the four databases: every statement a revision sends,
// recorded or run live, batched or one at a time; and nothing computed when nobody listens.
import { afterAll, describe, expect, it } from 'vitest'
import {
  MigratorEventEmitter,
  type StatementEvent,
  statementEmitter,
} from '../../src/runtime/events.js'
import { createTargets, dropTargets } from '../runtime/targets.js'
import { createProject } from '../support/project.js'

const targets = await createTargets('log_statements')
afterAll(() => dropTargets(targets))

describe('statementEmitter', () => {
  it('is undefined while nobody listens to statement', () => {
    const events = new MigratorEventEmitter()
    expect(statementEmitter(events, 'upgrade')).toBeUndefined()
    const off = events.on('revision:end', () => {})
    expect(statementEmitter(events, 'upgrade')).toBeUndefined()
    off()
    const seen: StatementEvent[] = []
    const stop = events.on('statement', (event) => seen.push(event))
    statementEmitter(events, 'downgrade')?.({ sql: 'SELECT 1' }, 'a1')
    statementEmitter(events, 'upgrade')?.(
      { description: 'rebuild table t', run: async () => {} },
      'b2',
    )
    expect(seen).toEqual([
      { revision: 'a1', direction: 'downgrade', kind: 'sql', text: 'SELECT 1' },
      { revision: 'b2', direction: 'upgrade', kind: 'procedure', text: 'rebuild table t' },
    ])
    stop()
    expect(events.listens('statement')).toBe(false)
  })
})

describe.each(targets)('statement events on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available).each(['per-revision', 'none'] as const)(
    'recorded and live revisions report what they send (%s)',
    async (mode) => {
      const p = `s_${mode === 'none' ? 'n' : 'p'}_`
      const project = await createProject({
        url: database.url,
        config: { versionTable: `${p}version`, transactionPerMigration: true },
        revisions: [
          { id: 'a', prefix: p },
          {
            id: 'b',
            down: 'a',
            prefix: p,
            upgrade: [
              'await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute()',
              `await op.createTable('${p}live', [{ name: 'id', type: 'integer' }])`,
            ].join('\n  '),
            downgrade: `await op.dropTable('${p}live')`,
          },
        ],
      })
      const migrator = await project.migrator({ transactionMode: mode })
      const seen: StatementEvent[] = []
      migrator.on('statement', (event) => seen.push(event))
      try {
        await migrator.upgrade('head')
        expect(seen.map((event) => event.revision)).toEqual(['a', 'b'])
        expect(seen.every((event) => event.kind === 'sql' && event.direction === 'upgrade')).toBe(
          true,
        )
        expect(seen[0]?.text).toMatch(new RegExp(`CREATE TABLE\\W+${p}t_a`, 'i'))
        expect(seen[1]?.text).toMatch(new RegExp(`CREATE TABLE\\W+${p}live`, 'i'))
        seen.length = 0
        await migrator.downgrade('base')
        expect(seen.map((event) => [event.revision, event.direction])).toEqual([
          ['b', 'downgrade'],
          ['a', 'downgrade'],
        ])
        expect(seen[1]?.text).toMatch(/DROP TABLE/i)
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})

describe('a procedure step', () => {
  const sqlite = targets.find((target) => target.name === 'sqlite')
  it.skipIf(!sqlite?.database.available)(
    'SQLite’s table rebuild is reported as a procedure',
    async () => {
      const project = await createProject({
        url: sqlite?.database.url ?? '',
        config: { versionTable: 'proc_version' },
        revisions: [
          {
            id: 'a',
            upgrade:
              "await op.createTable('proc_t', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(10)' }])",
            downgrade: "await op.dropTable('proc_t')",
          },
          {
            id: 'b',
            down: 'a',
            upgrade: "await op.alterColumn('proc_t', 'name', { type: 'text', nullable: false })",
            downgrade: null,
          },
        ],
      })
      const migrator = await project.migrator()
      const seen: StatementEvent[] = []
      migrator.on('statement', (event) => seen.push(event))
      try {
        await migrator.upgrade('head')
        const procedures = seen.filter((event) => event.kind === 'procedure')
        expect(procedures).toHaveLength(1)
        expect(procedures[0]).toMatchObject({ revision: 'b' })
        expect(procedures[0]?.text).toMatch(/proc_t/)
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})
