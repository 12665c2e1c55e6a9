import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listDumps, pruneDumps } from '../../src/backup/retention.js'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stratum-retention-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

/** Writes a dump and its checksum file. */
function dump(name: string): void {
  writeFileSync(join(folder, name), 'x')
  writeFileSync(join(folder, `${name}.sha256`), `${'0'.repeat(64)}  ${name}\n`)
}

describe('retention', () => {
  it('keeps the newest N dumps of the database, with their checksum files', async () => {
    const names = [
      'app_20261126T230501Z_base.sql',
      'app_20261126T230501Z-2_a1.sql',
      'app_20261126T230502Z_a1.sql',
      'app_20261127T000000Z_b2.sql',
      'app_20251231T235959Z_base.sql',
    ]
    for (const name of names) dump(name)
    const result = await pruneDumps({ folder, database: 'app', schemaOnly: false, keep: 2 })
    expect(result.failed).toEqual([])
    expect(result.deleted).toEqual(
      [
        'app_20251231T235959Z_base.sql',
        'app_20261126T230501Z_base.sql',
        'app_20261126T230501Z-2_a1.sql',
      ].map((name) => join(folder, name)),
    )
    expect(readdirSync(folder).sort()).toEqual([
      'app_20261126T230502Z_a1.sql',
      'app_20261126T230502Z_a1.sql.sha256',
      'app_20261127T000000Z_b2.sql',
      'app_20261127T000000Z_b2.sql.sha256',
    ])
  })

  it('never touches other databases, the other kind, or files that are not its own', async () => {
    dump('app_20261126T230501Z_base.sql')
    dump('app_20261126T230502Z_base.sql')
    dump('other_20261126T230501Z_base.sql')
    dump('app_20261126T230501Z_base.schema.sql')
    const foreign = [
      'alldb_dump.sql',
      'app_20261126T230500Z_base.sql.partial',
      'app_notes.txt',
      'app_20261126T230400Z_base.sql.sha256',
    ]
    for (const name of foreign) writeFileSync(join(folder, name), 'keep me')
    mkdirSync(join(folder, 'app_20261126T230300Z_base.sql'))
    const result = await pruneDumps({ folder, database: 'app', schemaOnly: false, keep: 1 })
    expect(result.deleted).toEqual([join(folder, 'app_20261126T230501Z_base.sql')])
    for (const name of [...foreign, 'other_20261126T230501Z_base.sql']) {
      expect(existsSync(join(folder, name)), name).toBe(true)
    }
    expect(existsSync(join(folder, 'app_20261126T230501Z_base.schema.sql'))).toBe(true)
    expect(existsSync(join(folder, 'app_20261126T230300Z_base.sql'))).toBe(true)
  })

  it('keeps everything when keep is undefined', async () => {
    dump('app_20261126T230501Z_base.sql')
    dump('app_20261126T230502Z_base.sql')
    expect(
      await pruneDumps({ folder, database: 'app', schemaOnly: false, keep: undefined }),
    ).toEqual({
      deleted: [],
      failed: [],
    })
    const listed = await listDumps({ folder, database: 'app', schemaOnly: false })
    expect(listed.map((d) => d.name.takenAt.toISOString())).toEqual([
      '2026-11-26T23:05:02.000Z',
      '2026-11-26T23:05:01.000Z',
    ])
  })
})
