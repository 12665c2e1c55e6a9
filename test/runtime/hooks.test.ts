/**
 * Run and revision hooks on every database: the order of the calls, what each context
 * carries (`x`, the masked URL, `db` on the run's connection and transaction), and a hook
 * that throws stopping the run with the right state — rolled back with its revision where
 * DDL is transactional, kept (and said so) on MariaDB.
 */
import { type Kysely, sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/load.js'
import type {
  Hooks,
  RevisionHookContext,
  RunEndHookContext,
  RunHookContext,
} from '../../src/config/types.js'
import { HookError, MigrationDowngradeError, MigrationUpgradeError } from '../../src/errors.js'
import { planUpgrade, RevisionGraph } from '../../src/revision/index.js'
import { mergeHooks, RunHooks } from '../../src/runtime/hooks.js'
import { masker } from '../../src/runtime/mask-error.js'
import { Migrator } from '../../src/runtime/migrator.js'
import { createProject, type Project } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const targets = await createTargets('hooks')
afterAll(() => dropTargets(targets))

// biome-ignore lint/suspicious/noExplicitAny: hooks query tables of any shape
type AnyDb = Kysely<any>

async function count(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`select count(*) as n from ${sql.table(table)}`.execute(
    db,
  )
  return Number(rows[0]?.n)
}

/** A hook set that records every call as `name revision?` plus the contexts. */
function recorder() {
  const calls: string[] = []
  const contexts: (RunHookContext & Partial<RevisionHookContext & RunEndHookContext>)[] = []
  const record = (name: string) => (context: RunHookContext) => {
    const revision = (context as Partial<RevisionHookContext>).revision
    calls.push(revision === undefined ? name : `${name} ${revision}`)
    contexts.push(context)
  }
  const hooks: Hooks = {
    beforeUpgrade: record('beforeUpgrade'),
    afterUpgrade: record('afterUpgrade'),
    beforeDowngrade: record('beforeDowngrade'),
    afterDowngrade: record('afterDowngrade'),
    beforeRevision: record('beforeRevision'),
    afterRevision: record('afterRevision'),
  }
  return { calls, contexts, hooks }
}

async function project(url: string, prefix: string): Promise<Project> {
  return createProject({
    url,
    revisions: [
      { id: 'a', prefix, message: 'first' },
      { id: 'b', down: 'a', prefix },
      { id: 'c', down: 'b', prefix },
    ],
    config: { versionTable: `v_${prefix}` },
  })
}

describe('RunHooks without a database', () => {
  const graph = RevisionGraph.build([
    { revision: 'a', downRevisions: [], branchLabels: [], dependsOn: [], message: 'm', path: '/a' },
  ])
  const url = 'postgres://app:s3cret@db/shop'
  const settings = (hooks: Hooks) => ({
    hooks,
    url: 'masked',
    environment: 'prod',
    database: 'main',
  })
  const run = { direction: 'upgrade', target: 'head', x: { k: 'v' }, mask: masker(url) } as const

  it('is undefined when no hook is set (the run skips every call)', () => {
    expect(RunHooks.for(undefined, run)).toBeUndefined()
    expect(RunHooks.for(settings({}), run)).toBeUndefined()
    expect(RunHooks.for(settings({ afterUpgrade: () => {} }), run)?.revisionHooks).toBe(false)
    expect(RunHooks.for(settings({ afterRevision: () => {} }), run)?.revisionHooks).toBe(true)
  })

  it('masks the password in what a failing hook threw, keeping the cause', async () => {
    const thrown = new Error(`cannot reach ${url}`)
    const hooks = RunHooks.for(
      settings({
        beforeUpgrade: () => {
          throw thrown
        },
      }),
      run,
    )
    const error = await hooks
      ?.beforeRun({ graph, plan: planUpgrade(graph, [], 'head'), rows: [] })
      .then(
        () => undefined,
        (e: unknown) => e,
      )
    expect(error).toBeInstanceOf(MigrationUpgradeError)
    const failure = error as MigrationUpgradeError
    expect(failure.code).toBe('HOOK_FAILED')
    expect(failure.message).toBe(
      'Upgrade stopped before anything ran: beforeUpgrade hook failed: cannot reach postgres://app:***@db/shop',
    )
    expect(failure.report?.steps.map((s) => [s.revision, s.status])).toEqual([['a', 'not run']])
    const cause = failure.cause as HookError
    expect(cause).toBeInstanceOf(HookError)
    expect(cause.hook).toBe('beforeUpgrade')
    expect((cause.cause as Error).message).toBe('cannot reach postgres://app:***@db/shop')
    expect(JSON.stringify([failure.message, cause.message, failure.hint])).not.toContain('s3cret')
  })

  it('merges hook sets: the config first, then the programmatic ones', async () => {
    const calls: string[] = []
    const merged = mergeHooks(
      { afterUpgrade: () => void calls.push('config'), beforeUpgrade: () => {} },
      undefined,
      { afterUpgrade: async () => void calls.push('option') },
    )
    await merged.afterUpgrade?.({} as never)
    expect(calls).toEqual(['config', 'option'])
    expect(Object.keys(merged).sort()).toEqual(['afterUpgrade', 'beforeUpgrade'])
  })
})

describe.each(targets)('$name', (target) => {
  const { database } = target
  const itOnline = it.skipIf(!database.available)

  itOnline(
    'calls every hook in order with its context, and x, on upgrade and downgrade',
    async () => {
      const prefix = 'h1_'
      const p = await project(database.url, prefix)
      const { calls, contexts, hooks } = recorder()
      const fromOptions: string[] = []
      const config = await loadConfig({ cwd: p.dir })
      const migrator = await Migrator.open({
        config: { ...config, hooks: { ...hooks } },
        // Added to the config's: runs after it.
        hooks: { afterUpgrade: ({ applied }) => void fromOptions.push(`option ${applied.join()}`) },
        x: { tenant: 'acme' },
      })
      try {
        await migrator.upgrade('head')
        expect(calls).toEqual([
          'beforeUpgrade',
          'beforeRevision a',
          'afterRevision a',
          'beforeRevision b',
          'afterRevision b',
          'beforeRevision c',
          'afterRevision c',
          'afterUpgrade',
        ])
        expect(fromOptions).toEqual(['option a,b,c'])
        const [first, revisionA] = contexts
        expect(first).toEqual({
          direction: 'upgrade',
          target: 'head',
          url: database.url,
          environment: undefined,
          database: undefined,
          x: { tenant: 'acme' },
        })
        expect(revisionA).toMatchObject({
          direction: 'upgrade',
          revision: 'a',
          message: 'first',
          path: p.path('a'),
          x: { tenant: 'acme' },
        })
        expect(contexts.at(-1)?.applied).toEqual(['a', 'b', 'c'])

        calls.length = 0
        contexts.length = 0
        await migrator.downgrade('a')
        expect(calls).toEqual([
          'beforeDowngrade',
          'beforeRevision c',
          'afterRevision c',
          'beforeRevision b',
          'afterRevision b',
          'afterDowngrade',
        ])
        expect(contexts.every((context) => context.direction === 'downgrade')).toBe(true)
        expect(contexts[0]?.target).toBe('a')
        expect(contexts.at(-1)?.applied).toEqual(['c', 'b'])

        // Nothing to do: the run hooks are still called, with nothing applied.
        calls.length = 0
        contexts.length = 0
        await migrator.downgrade('a')
        expect(calls).toEqual(['beforeDowngrade', 'afterDowngrade'])
        expect(contexts.at(-1)?.applied).toEqual([])

        // Offline runs call no hook.
        calls.length = 0
        await migrator.upgrade('a:head', { sql: true })
        expect(calls).toEqual([])
      } finally {
        await migrator.close()
        await p.remove()
      }
    },
  )

  itOnline(
    'gives revision hooks `db` on the run connection, inside the revision transaction',
    async () => {
      const prefix = 'h2_'
      const p = await project(database.url, prefix)
      const seen: string[] = []
      const hooks: Hooks = {
        async beforeRevision({ revision, db }) {
          // The previous revision's table is there; this one's is not yet.
          if (revision === 'b') seen.push(`before b: t_a has ${await count(db, `${prefix}t_a`)}`)
        },
        async afterRevision({ revision, db }) {
          await sql`insert into ${sql.table(`${prefix}t_${revision}`)} (id) values (${7})`.execute(
            db,
          )
          seen.push(`after ${revision}: ${await count(db, `${prefix}t_${revision}`)}`)
        },
      }
      const migrator = await p.migrator({ hooks })
      try {
        await migrator.upgrade('b')
        expect(seen).toEqual(['after a: 1', 'before b: t_a has 1', 'after b: 1'])
        await migrator.close()
        // The hooks' rows were committed with their revisions.
        await withConnection(database.url, async (connection) => {
          expect(await count(connection.kysely, `${prefix}t_b`)).toBe(1)
        })
      } finally {
        await migrator.close()
        await p.remove()
      }
    },
  )

  itOnline('stops cleanly when afterRevision throws', async () => {
    const prefix = 'h3_'
    const p = await project(database.url, prefix)
    const hooks: Hooks = {
      async beforeRevision({ revision, db }) {
        // A write the hook makes in b's transaction (MariaDB: autocommitted).
        if (revision === 'b') {
          await sql`insert into ${sql.table(`${prefix}t_a`)} (id) values (${1})`.execute(db)
        }
      },
      afterRevision({ revision }) {
        if (revision === 'b') throw new Error('audit log unavailable')
      },
    }
    const migrator = await p.migrator({ hooks })
    try {
      const error = (await migrator.upgrade('head').catch((e: unknown) => e)) as Error
      expect(error).toBeInstanceOf(MigrationUpgradeError)
      const failure = error as MigrationUpgradeError
      expect(failure.code).toBe('HOOK_FAILED')
      expect(failure.revision).toBe('b')
      expect(failure.message).toContain('revision b')
      expect(failure.message).toContain('afterRevision hook failed: audit log unavailable')
      const cause = failure.cause as HookError
      expect(cause).toBeInstanceOf(HookError)
      expect([cause.hook, cause.revision]).toEqual(['afterRevision', 'b'])
      expect((cause.cause as Error).message).toBe('audit log unavailable')
      await migrator.close()
      const tableB = await withConnection(database.url, (c) =>
        c.tableExists({ table: `${prefix}t_b` }),
      )
      const rowsA = await withConnection(database.url, (c) => count(c.kysely, `${prefix}t_a`))
      if (target.transactionalDdl) {
        // b rolled back, the hook's write with it; a stays.
        expect(failure.report?.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'not run'])
        expect(failure.report?.current).toEqual(['a'])
        expect(failure.hint).toContain('rolled back')
        expect(tableB).toBe(false)
        expect(rowsA).toBe(0)
        expect(await migrator.current()).toEqual(['a'])
      } else {
        // MariaDB commits as it goes: b ran and was recorded; the run stopped after it.
        expect(failure.report?.steps.map((s) => s.status)).toEqual([
          'applied',
          'applied',
          'not run',
        ])
        expect(failure.report?.current).toEqual(['b'])
        expect(failure.message).toContain('after it was applied')
        expect(failure.hint).toContain('stays applied')
        expect(tableB).toBe(true)
        expect(rowsA).toBe(1)
        expect(await migrator.current()).toEqual(['b'])
      }
      // Nothing is left half-applied: a run without the failing hook finishes.
      const again = await p.migrator()
      try {
        expect((await again.upgrade('head')).current).toEqual(['c'])
      } finally {
        await again.close()
      }
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  itOnline('stops before the revision when beforeRevision throws', async () => {
    const prefix = 'h4_'
    const p = await project(database.url, prefix)
    const migrator = await p.migrator({
      hooks: {
        beforeRevision({ revision, direction }) {
          if (revision === 'b' && direction === 'upgrade') throw new Error('not on Fridays')
        },
      },
    })
    try {
      const failure = (await migrator
        .upgrade('head')
        .catch((e: unknown) => e)) as MigrationUpgradeError
      expect(failure.code).toBe('HOOK_FAILED')
      expect(failure.message).toMatch(/revision b.*beforeRevision hook failed: not on Fridays/)
      expect(failure.report?.steps.map((s) => s.status)).toEqual(['applied', 'failed', 'not run'])
      expect(failure.report?.current).toEqual(['a'])
      expect(failure.hint).toContain('before revision b ran')
      await migrator.close()
      expect(
        await withConnection(database.url, (c) => c.tableExists({ table: `${prefix}t_b` })),
      ).toBe(false)
      // Recorded as failed, not partial: the next run is not blocked.
      const status = await migrator.status()
      expect(status.partialRevisions).toEqual([])
      expect(await migrator.current()).toEqual(['a'])
    } finally {
      await migrator.close()
      await p.remove()
    }
  })

  itOnline(
    'changes nothing when beforeUpgrade throws; keeps the run when afterUpgrade throws',
    async () => {
      const prefix = 'h5_'
      const p = await project(database.url, prefix)
      let failBefore = true
      const migrator = await p.migrator({
        hooks: {
          beforeUpgrade({ x }) {
            if (failBefore) throw new Error(`refused for ${x.who}`)
          },
          afterDowngrade() {
            throw new Error('cannot notify')
          },
        },
        x: { who: 'ci' },
      })
      try {
        const before = (await migrator
          .upgrade('head')
          .catch((e: unknown) => e)) as MigrationUpgradeError
        expect(before).toBeInstanceOf(MigrationUpgradeError)
        expect(before.code).toBe('HOOK_FAILED')
        expect(before.message).toBe(
          'Upgrade stopped before anything ran: beforeUpgrade hook failed: refused for ci',
        )
        expect(before.report?.steps.map((s) => s.status)).toEqual(['not run', 'not run', 'not run'])
        await migrator.close()
        // Not even the version table was created.
        expect(
          await withConnection(database.url, (c) => c.tableExists({ table: `v_${prefix}` })),
        ).toBe(false)

        failBefore = false
        await migrator.upgrade('head')
        const after = (await migrator
          .downgrade('a')
          .catch((e: unknown) => e)) as MigrationDowngradeError
        expect(after).toBeInstanceOf(MigrationDowngradeError)
        expect(after.code).toBe('HOOK_FAILED')
        expect(after.message).toBe(
          'afterDowngrade hook failed: cannot notify (after the downgrade of 2 revisions; the database is at a)',
        )
        expect(after.report?.steps.map((s) => [s.revision, s.status])).toEqual([
          ['c', 'applied'],
          ['b', 'applied'],
        ])
        expect(await migrator.current()).toEqual(['a'])
      } finally {
        await migrator.close()
        await p.remove()
      }
    },
  )

  it.skipIf(!database.available || !target.transactionalDdl)(
    'rolls the whole run back in transaction mode all',
    async () => {
      const prefix = 'h6_'
      const p = await project(database.url, prefix)
      const migrator = await p.migrator({
        hooks: {
          afterRevision({ revision }) {
            if (revision === 'c') throw new Error('no')
          },
        },
      })
      try {
        const failure = (await migrator
          .upgrade('head', { transactionMode: 'all' })
          .catch((e: unknown) => e)) as MigrationUpgradeError
        expect(failure.code).toBe('HOOK_FAILED')
        expect(failure.report?.steps.map((s) => s.status)).toEqual([
          'rolled back',
          'rolled back',
          'failed',
        ])
        expect(await migrator.current()).toEqual([])
      } finally {
        await migrator.close()
        await p.remove()
      }
    },
  )
})

describe('a password in the URL', () => {
  const postgres = targets.find((t) => t.name === 'postgres')
  const available = postgres?.database.available === true
  it.skipIf(!available)('is masked in the hook context and in a hook failure', async () => {
    // The test server trusts local connections, so any password connects.
    const url = postgres!.database.url.replace('postgres@', 'postgres:pa%40ss@')
    const p = await project(url, 'h7_')
    const urls: string[] = []
    const migrator = await p.migrator({
      hooks: {
        beforeRevision(context) {
          urls.push(context.url)
          throw new Error(`failed with ${url} and pa@ss`)
        },
      },
    })
    try {
      const failure = (await migrator.upgrade('head').catch((e: unknown) => e)) as Error
      expect(urls).toEqual([url.replace('pa%40ss', '***')])
      expect(failure.message).toContain('beforeRevision hook failed')
      const texts = [failure.message, (failure.cause as Error).message, failure.stack]
      expect(texts.join('\n')).not.toMatch(/pa%40ss|pa@ss/)
    } finally {
      await migrator.close()
      await p.remove()
    }
  })
})
