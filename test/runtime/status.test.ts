/**
 * `current` and `status` cost the same number of queries however many revisions are
 * applied, and with the revision cache they still see a file edited after it ran.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Dialect, DialectConnection } from '../../src/dialects/dialect.js'
import { registerDialect } from '../../src/dialects/registry.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import { ChecksumMismatchError } from '../../src/errors.js'
import { cacheFileFor, RACY_MS } from '../../src/script/revision-cache.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'

/** Calls to the connection's methods that talk to the database, by method name. */
const calls = new Map<string, number>()
const ROUND_TRIPS = new Set([
  'query',
  'executeBatch',
  'tableExists',
  'lockHolder',
  'defaultSchema',
  'isAlive',
  'begin',
  'commit',
  'rollback',
  'acquireLock',
  'releaseLock',
])

function counted(connection: DialectConnection): DialectConnection {
  return new Proxy(connection, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver)
      if (typeof name !== 'string' || typeof value !== 'function') return value
      if (!ROUND_TRIPS.has(name)) return value.bind(target)
      return (...args: unknown[]) => {
        calls.set(name, (calls.get(name) ?? 0) + 1)
        return value.apply(target, args)
      }
    },
  })
}

const countingSqlite: Dialect = {
  ...sqliteDialect,
  connect: async (url, options) => counted(await sqliteDialect.connect(url, options)),
}

function chain(count: number): RevisionSpec[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `r${String(index).padStart(3, '0')}`,
    down: index === 0 ? null : `r${String(index - 1).padStart(3, '0')}`,
    upgrade: '',
    downgrade: '',
  }))
}

const projects: Project[] = []
async function project(revisions: RevisionSpec[]): Promise<Project> {
  const created = await createProject({ url: 'sqlite:unused', revisions })
  const url = `sqlite:${join(created.dir, 'app.db')}`
  const config = JSON.parse(readFileSync(join(created.dir, 'stratum.config.json'), 'utf8'))
  writeFileSync(join(created.dir, 'stratum.config.json'), JSON.stringify({ ...config, url }))
  projects.push(created)
  return created
}

beforeAll(() => registerDialect('sqlite', countingSqlite))
afterAll(async () => {
  registerDialect('sqlite', sqliteDialect)
  for (const created of projects) await created.remove()
})

/** Round trips of `current` and `status` on a project with `count` revisions, all applied. */
async function roundTrips(count: number): Promise<{ current: number; status: number }> {
  const created = await project(chain(count))
  const migrator = await created.migrator()
  try {
    await migrator.upgrade('head')
    await migrator.close()
    const measure = async (work: () => Promise<unknown>) => {
      calls.clear()
      await work()
      await migrator.close()
      return [...calls.values()].reduce((sum, n) => sum + n, 0)
    }
    const current = await measure(() => migrator.currentDetails())
    const status = await measure(async () => {
      const report = await migrator.status()
      expect(report.pending).toEqual([])
      expect(report.changedFiles).toEqual([])
    })
    return { current, status }
  } finally {
    await migrator.close()
  }
}

describe('status and current', () => {
  it('use a fixed number of queries, whatever the number of applied revisions', async () => {
    const few = await roundTrips(3)
    const many = await roundTrips(40)
    expect(many).toEqual(few)
    expect(few.current).toBeGreaterThan(0)
    expect(few.status).toBeGreaterThan(few.current)
    expect(few.status).toBeLessThanOrEqual(8)
  })

  it('see a file edited after it ran (same size) with the revision cache in place', async () => {
    const revisions = chain(3)
    const created = await project(revisions)
    mkdirSync(join(created.dir, 'node_modules'))
    // Old enough to be cached (see RACY_MS).
    await sleep(RACY_MS + 100)
    const migrator = await created.migrator()
    try {
      await migrator.upgrade('head')
      const cache = cacheFileFor([created.versions], false)!
      expect(JSON.parse(readFileSync(cache, 'utf8')).files).toHaveProperty(
        'migrations/versions/r001_rev.ts',
      )
      expect((await migrator.status()).changedFiles).toEqual([])
      const path = created.path('r001')
      const text = readFileSync(path, 'utf8')
      const edited = text.replace('revision r001', 'REVISION R001')
      expect(edited.length).toBe(text.length)
      writeFileSync(path, edited)
      const status = await migrator.status()
      expect(status.changedFiles.map((file) => [file.revision, file.path])).toEqual([
        ['r001', path],
      ])
      expect(status.revisions.map((revision) => revision.revision)).toEqual(['r002'])
      const error = await migrator.upgrade('head').catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(ChecksumMismatchError)
      expect((error as ChecksumMismatchError).revision).toBe('r001')
    } finally {
      await migrator.close()
    }
  })
})
