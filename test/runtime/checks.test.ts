/**
 * What stops a run before anything runs: a changed revision file (until `repair` accepts
 * it), an irreversible revision in a downgrade, a statement that cannot run in a
 * transaction inside a transactional revision.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ChecksumMismatchError,
  MigrationDowngradeError,
  MigrationUpgradeError,
} from '../../src/errors.js'
import { createProject } from '../support/project.js'
import { createTargets, dropTargets, withConnection } from './targets.js'

const ERRORS = new URL('../../src/errors.ts', import.meta.url).pathname
const targets = await createTargets('checks')
afterAll(() => dropTargets(targets))

describe.each(targets)('$name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'a changed file stops upgrade until repair accepts it',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [
          { id: 'a', prefix: 'c1_' },
          { id: 'b', down: 'a', prefix: 'c1_' },
        ],
        config: { versionTable: 'v_c1' },
      })
      const migrator = await project.migrator()
      try {
        await migrator.upgrade('a')
        // Line endings and a byte-order mark are not changes.
        const path = project.path('a')
        const original = readFileSync(path, 'utf8')
        writeFileSync(path, `\uFEFF${original.replace(/\n/g, '\r\n')}`)
        expect((await migrator.upgrade('head')).current).toEqual(['b'])
        await migrator.downgrade('a')
        writeFileSync(path, `${original}// edited after it ran\n`)
        const error = await migrator.upgrade('head').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(ChecksumMismatchError)
        expect((error as ChecksumMismatchError).revision).toBe('a')
        expect((error as Error).message).toContain(path)
        expect((error as ChecksumMismatchError).hint).toContain('stratum repair')
        const status = await migrator.status()
        expect(status.changedFiles.map((f) => f.revision)).toEqual(['a'])
        const repaired = await migrator.repair()
        expect(repaired.checksums.map((f) => f.revision)).toEqual(['a'])
        expect((await migrator.status()).changedFiles).toEqual([])
        expect((await migrator.upgrade('head')).current).toEqual(['b'])
        await migrator.close()
        const history = await withConnection(database.url, (connection) =>
          connection.query(
            "SELECT checksum, previous_checksum FROM v_c1_history WHERE direction = 'repair'",
          ),
        )
        expect(history.rows).toHaveLength(1)
        expect(history.rows[0]?.previous_checksum).not.toBe(history.rows[0]?.checksum)
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available)(
    'an irreversible revision stops a downgrade before anything runs',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [
          { id: 'a', prefix: 'c2_' },
          { id: 'b', down: 'a', prefix: 'c2_', downgrade: null },
          {
            id: 'c',
            down: 'b',
            prefix: 'c2_',
            // Through jiti (a path import): the error class is another copy of Stratum's.
            header: `import { IrreversibleMigrationError } from ${JSON.stringify(ERRORS)}`,
            downgrade: "throw new IrreversibleMigrationError('the old prices are gone')",
          },
          { id: 'd', down: 'c', prefix: 'c2_' },
        ],
        config: { versionTable: 'v_c2' },
      })
      const migrator = await project.migrator()
      try {
        await migrator.upgrade('head')
        expect((await migrator.downgrade('c')).current).toEqual(['c'])
        await migrator.upgrade('head')
        const error = await migrator.downgrade('base').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(MigrationDowngradeError)
        const failure = error as MigrationDowngradeError
        expect(failure.revision).toBe('c')
        expect(failure.code).toBe('IRREVERSIBLE')
        expect(failure.message).toContain('the old prices are gone')
        expect(failure.report?.steps.every((s) => s.status !== 'applied')).toBe(true)
        // Nothing ran: d is still applied.
        expect(await migrator.current()).toEqual(['d'])
        await migrator.downgrade('c')
        const missing = await migrator.downgrade('a').catch((e: unknown) => e)
        expect((missing as MigrationDowngradeError).revision).toBe('c')
        await migrator.stamp(['b'])
        const none = (await migrator
          .downgrade('a')
          .catch((e: unknown) => e)) as MigrationDowngradeError
        expect(none.code).toBe('IRREVERSIBLE')
        expect(none.revision).toBe('b')
        expect(none.message).toMatch(/no downgrade/)
        expect(await migrator.current()).toEqual(['b'])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )

  it.skipIf(!database.available || target.name === 'mariadb' || target.name === 'sqlite')(
    'a statement that cannot run in a transaction fails before anything runs',
    async () => {
      const index = (name: string) =>
        `await op.createIndex('${name}', 'c3_t_a', ['id'], { concurrently: true })`
      const project = await createProject({
        url: database.url,
        revisions: [
          { id: 'a', prefix: 'c3_' },
          { id: 'b', down: 'a', prefix: 'c3_', upgrade: index('ix_b') },
          { id: 'c', down: 'b', prefix: 'c3_', upgrade: index('ix_c'), transactional: false },
        ],
        config: { versionTable: 'v_c3' },
      })
      const migrator = await project.migrator()
      try {
        const error = await migrator.upgrade('head').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(MigrationUpgradeError)
        expect((error as MigrationUpgradeError).code).toBe('NON_TRANSACTIONAL_STATEMENT')
        expect((error as MigrationUpgradeError).revision).toBe('b')
        expect((error as MigrationUpgradeError).hint).toContain('transactional = false')
        // Revisions are prepared as the run goes: a ran; nothing of b did.
        expect((error as MigrationUpgradeError).report?.steps.map((s) => s.status)).toEqual([
          'applied',
          'failed',
          'not run',
        ])
        expect(await migrator.current()).toEqual(['a'])
        project.write({
          id: 'b',
          down: 'a',
          prefix: 'c3_',
          upgrade: index('ix_b'),
          transactional: false,
        })
        expect((await migrator.upgrade('head')).current).toEqual(['c'])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})

describe.each(targets)('$name: version-table conflicts', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'a revision that changes the version table is stopped',
    async () => {
      const project = await createProject({
        url: database.url,
        revisions: [
          { id: 'a', prefix: 'c4_' },
          { id: 'b', down: 'a', prefix: 'c4_', upgrade: "await op.execute('DELETE FROM v_c4')" },
        ],
        config: { versionTable: 'v_c4' },
      })
      const migrator = await project.migrator()
      try {
        await migrator.upgrade('a')
        const error = (await migrator
          .upgrade('b')
          .catch((e: unknown) => e)) as MigrationUpgradeError
        expect(error).toBeInstanceOf(MigrationUpgradeError)
        expect(error.revision).toBe('b')
        expect(error.message).toMatch(/Version table conflict/)
        expect(await migrator.current()).toEqual(target.transactionalDdl ? ['a'] : [])
      } finally {
        await migrator.close()
        await project.remove()
      }
    },
  )
})
