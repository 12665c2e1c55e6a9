// Taking a dump around the dialect: names, permissions, the partial file, checks and
// cleanup. SQLite files are real; the dialects that fail on purpose are user dialects
// (a `backup` object of one's own), which is what a plugged-in database would bring.
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CreateBackupOptions, createBackup } from '../../src/backup/create-backup.js'
import { parseUrl } from '../../src/config/url.js'
import type { DialectBackup, DialectConnection } from '../../src/dialects/dialect.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import { BackupError } from '../../src/errors.js'

let folder: string
let connection: DialectConnection
let url: ReturnType<typeof parseUrl>
beforeEach(async () => {
  folder = mkdtempSync(join(tmpdir(), 'stratum-create-backup-'))
  url = parseUrl(`sqlite:${join(folder, 'app.db')}`)
  connection = await sqliteDialect.connect(url)
  await connection.query('CREATE TABLE t (id integer PRIMARY KEY, v text)')
  await connection.query("INSERT INTO t (v) VALUES ('a'), ('b')")
})
afterEach(async () => {
  await connection.close()
  rmSync(folder, { recursive: true, force: true })
})

const dumps = () => join(folder, 'dumps')

function options(overrides: Partial<CreateBackupOptions> = {}): CreateBackupOptions {
  return {
    connection,
    url,
    folder: dumps(),
    keep: undefined,
    revisions: ['a1'],
    schemaOnly: false,
    keepRowsOf: [],
    mask: (text) => text,
    now: new Date('2026-11-26T23:05:01Z'),
    ...overrides,
  }
}

/** A connection whose dialect backs up with `backup` (a user dialect). */
function userDialect(backup: DialectBackup | undefined): DialectConnection {
  return { dialect: { ...sqliteDialect, name: 'custom', backup } } as unknown as DialectConnection
}

async function failure(promise: Promise<unknown>): Promise<BackupError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(BackupError)
  return error as BackupError
}

describe('createBackup', () => {
  it('writes the dump (mode 0600) and its checksum file, and nothing else', async () => {
    const result = await createBackup(options())
    expect(result.path).toBe(join(dumps(), 'app_20261126T230501Z_a1.db'))
    expect(result.checksumPath).toBe(`${result.path}.sha256`)
    expect(readdirSync(dumps()).sort()).toEqual([
      'app_20261126T230501Z_a1.db',
      'app_20261126T230501Z_a1.db.sha256',
    ])
    expect(statSync(result.path).mode & 0o777).toBe(0o600)
    expect(result).toMatchObject({
      database: 'app',
      revisions: ['a1'],
      schemaOnly: false,
      takenAt: '2026-11-26T23:05:01.000Z',
      deleted: [],
      retentionFailures: [],
      bytes: statSync(result.path).size,
    })
  })

  it('numbers dumps taken in the same second, and applies retention', async () => {
    const first = await createBackup(options())
    const second = await createBackup(options())
    const third = await createBackup(options({ keep: 2 }))
    expect(second.path).toBe(join(dumps(), 'app_20261126T230501Z-2_a1.db'))
    expect(third.path).toBe(join(dumps(), 'app_20261126T230501Z-3_a1.db'))
    expect(third.deleted).toEqual([first.path])
    expect(readdirSync(dumps()).filter((name) => !name.endsWith('.sha256'))).toHaveLength(2)
  })

  it('refuses a dialect without backup support, before creating anything', async () => {
    const error = await failure(createBackup(options({ connection: userDialect(undefined) })))
    expect(error.code).toBe('BACKUP_UNSUPPORTED')
    expect(error.message).toBe("The dialect 'custom' cannot back up: it has no backup support")
    expect(error.hint).toContain('its own tools')
    expect(() => statSync(dumps())).toThrow(/ENOENT/)
  })

  it('deletes the partial file when the dump fails', async () => {
    const failing: DialectBackup = {
      ...(sqliteDialect.backup as DialectBackup),
      async dump({ file }) {
        writeFileSync(file, 'half a dump')
        throw new BackupError('BACKUP_FAILED', 'the tool died')
      },
    }
    const error = await failure(createBackup(options({ connection: userDialect(failing) })))
    expect(error.message).toBe('the tool died')
    expect(readdirSync(dumps())).toEqual([])
  })

  it('refuses what the dialect wrote when its own check says it is incomplete', async () => {
    const careless: DialectBackup = {
      ...(sqliteDialect.backup as DialectBackup),
      async dump({ file }) {
        writeFileSync(file, 'SQLite format 3\0 but not really')
      },
    }
    const error = await failure(createBackup(options({ connection: userDialect(careless) })))
    expect(error.code).toBe('BACKUP_FAILED')
    expect(error.message).toMatch(/^The dump tool finished but .*\.partial is not a complete dump/)
    expect(readdirSync(dumps())).toEqual([])
  })

  it('names the folder when it cannot be created or written', async () => {
    writeFileSync(dumps(), 'a file where the folder should be')
    const error = await failure(createBackup(options()))
    expect(error.code).toBe('BACKUP_FAILED')
    expect(error.message).toMatch(/^Cannot write to the backup folder .*dumps: (EEXIST|ENOTDIR)$/)
    expect(error.hint).toContain('backup.folder')
  })

  it('refuses an in-memory database', async () => {
    const memoryUrl = parseUrl('sqlite::memory:')
    const memory = await sqliteDialect.connect(memoryUrl)
    try {
      const error = await failure(createBackup(options({ connection: memory, url: memoryUrl })))
      expect(error.code).toBe('BACKUP_UNSUPPORTED')
      expect(error.message).toContain('sqlite::memory: lives only in this process')
      expect(readdirSync(dumps())).toEqual([])
    } finally {
      await memory.close()
    }
  })

  it('keeps the rows of the tables it is told to in a schema-only dump', async () => {
    await connection.query('CREATE TABLE stratum_version (version_num varchar(32) PRIMARY KEY)')
    await connection.query("INSERT INTO stratum_version VALUES ('a1')")
    const result = await createBackup(
      options({ schemaOnly: true, keepRowsOf: [{ table: 'stratum_version' }] }),
    )
    expect(result.path.endsWith('_a1.schema.db')).toBe(true)
    const copyUrl = parseUrl(`sqlite:${result.path}`)
    const copy = await sqliteDialect.connect(copyUrl)
    try {
      expect((await copy.query('SELECT COUNT(*) AS n FROM t')).rows).toEqual([{ n: 0 }])
      expect((await copy.query('SELECT version_num FROM stratum_version')).rows).toEqual([
        { version_num: 'a1' },
      ])
    } finally {
      await copy.close()
    }
  })
})
