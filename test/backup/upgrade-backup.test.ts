// The dump `upgrade` takes first, through the programmatic API on SQLite files: when it is
// taken (config or run option, only with something to apply), what the report and the
// event say, and a dialect that cannot back up stopping the upgrade before any DDL.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackupResult } from '../../src/backup/index.js'
import type { Dialect } from '../../src/dialects/dialect.js'
import { registerDialect } from '../../src/dialects/registry.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import { BackupError } from '../../src/errors.js'
import { sqliteDatabase } from '../support/databases.js'
import { createProject, type Project } from '../support/project.js'

const projects: Project[] = []
afterEach(async () => {
  registerDialect('sqlite', sqliteDialect)
  await Promise.all(projects.splice(0).map((project) => project.remove()))
})

async function project(beforeUpgrade: boolean): Promise<Project> {
  const database = sqliteDatabase('upgrade_backup')
  const made = await createProject({
    url: database.url,
    revisions: [{ id: 'a1' }, { id: 'b2', down: 'a1' }],
    config: { backup: { beforeUpgrade } },
  })
  projects.push(made)
  return made
}

const dumps = (project: Project) => {
  try {
    return readdirSync(join(project.dir, 'migrations', 'dumps')).filter(
      (n) => !n.endsWith('.sha256'),
    )
  } catch {
    return []
  }
}

describe('upgrade with backup.beforeUpgrade', () => {
  it('writes a dump before the first revision, reports it and emits it', async () => {
    const p = await project(true)
    const migrator = await p.migrator()
    try {
      const events: BackupResult[] = []
      const order: string[] = []
      migrator.on('backup', (dump) => {
        events.push(dump)
        order.push('backup')
      })
      migrator.on('revision:start', (event) => order.push(event.revision))
      const report = await migrator.upgrade('a1')
      expect(order).toEqual(['backup', 'a1'])
      expect(report.backup).toEqual(events[0])
      expect(report.backup?.revisions).toEqual([])
      expect(report.backup?.path).toMatch(/_base\.db$/)

      const nothing = await migrator.upgrade('a1')
      expect(nothing.backup).toBeUndefined()
      const skipped = await migrator.upgrade('head', { backup: false })
      expect(skipped.backup).toBeUndefined()
      expect(await migrator.upgrade('head', { sql: true })).not.toHaveProperty('backup')
      expect(dumps(p)).toHaveLength(1)
    } finally {
      await migrator.close()
    }
  })

  it('is off by default, and a run may ask for it', async () => {
    const p = await project(false)
    const migrator = await p.migrator()
    try {
      expect((await migrator.upgrade('a1')).backup).toBeUndefined()
      const report = await migrator.upgrade('head', { backup: true })
      expect(report.backup?.revisions).toEqual(['a1'])
      expect(dumps(p)).toHaveLength(1)
    } finally {
      await migrator.close()
    }
  })

  it('stops before any change when the dialect cannot back up', async () => {
    const p = await project(true)
    // A user dialect: SQLite without backup support.
    const plain: Dialect = {
      ...sqliteDialect,
      name: 'plain-sqlite',
      backup: undefined,
      async connect(url, options) {
        const connection = await sqliteDialect.connect(url, options)
        return new Proxy(connection, {
          get(target, key) {
            if (key === 'dialect') return plain
            const value = Reflect.get(target, key, target)
            return typeof value === 'function' ? value.bind(target) : value
          },
        })
      },
    }
    registerDialect('sqlite', plain)
    const migrator = await p.migrator()
    try {
      const error = await migrator.upgrade('head').catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(BackupError)
      expect((error as BackupError).code).toBe('BACKUP_UNSUPPORTED')
      expect((error as Error).message).toBe(
        "The backup before upgrade failed, so the upgrade did not start: The dialect 'plain-sqlite' cannot back up: it has no backup support",
      )
      expect((error as BackupError).hint).toContain('stratum upgrade --no-backup')
      expect(await migrator.current()).toEqual([])
      const status = await migrator.status()
      expect(status.pending.map((revision) => revision.revision)).toEqual(['a1', 'b2'])
    } finally {
      await migrator.close()
    }
  })
})
