import { describe, expect, it } from 'vitest'
import {
  databaseLabel,
  dumpFileName,
  parseDumpFileName,
  revisionLabel,
  revisionsOf,
} from '../../src/backup/file-name.js'
import { parseUrl } from '../../src/config/url.js'

const at = new Date('2026-11-26T23:05:01.789Z')

describe('dump file names', () => {
  it('names the database, the UTC second and the revision', () => {
    const name = dumpFileName({
      database: 'app',
      takenAt: at,
      sequence: 1,
      revision: '3f2a9c1b7d4e',
      schemaOnly: false,
      extension: '.sql',
    })
    expect(name).toBe('app_20261126T230501Z_3f2a9c1b7d4e.sql')
  })

  it('marks later dumps of one second and schema-only dumps', () => {
    const name = dumpFileName({
      database: 'app',
      takenAt: at,
      sequence: 3,
      revision: 'base',
      schemaOnly: true,
      extension: '.tar.gz',
    })
    expect(name).toBe('app_20261126T230501Z-3_base.schema.tar.gz')
  })

  it('reads its own names back, and nothing else', () => {
    expect(parseDumpFileName('my_app_20261126T230501Z-2_a1+b2.schema.sql')).toEqual({
      database: 'my_app',
      takenAt: new Date('2026-11-26T23:05:01Z'),
      sequence: 2,
      revision: 'a1+b2',
      schemaOnly: true,
      extension: '.sql',
    })
    expect(parseDumpFileName('app_20261126T230501Z_base.db')?.schemaOnly).toBe(false)
    for (const other of [
      'app_20261126T230501Z_base.db.sha256',
      'app_20261126T230501Z_base.db.partial',
      'alldb_dump.sql',
      'app_20261126_base.sql',
      'app_20261126T230501Z_base',
      'notes.txt',
    ]) {
      expect(parseDumpFileName(other), other).toBeUndefined()
    }
  })

  it('round-trips every part', () => {
    const parts = {
      database: 'shop.v2',
      takenAt: new Date('2027-01-02T03:04:05Z'),
      sequence: 12,
      revision: revisionLabel(['c3', 'a1', 'b2']),
      schemaOnly: false,
      extension: '.db',
    }
    expect(parseDumpFileName(dumpFileName(parts))).toEqual(parts)
  })
})

describe('databaseLabel', () => {
  it('takes the database of a server URL, the file name of a local one', () => {
    expect(databaseLabel(parseUrl('postgres://app:secret@db:5432/shop'))).toBe('shop')
    expect(databaseLabel(parseUrl('mysql://root@127.0.0.1:3306/'))).toBe('root')
    expect(databaseLabel(parseUrl('sqlite:data/app.db'))).toBe('app')
    expect(databaseLabel(parseUrl('pglite:/var/lib/pgdata'))).toBe('pgdata')
    expect(databaseLabel(parseUrl('sqlite::memory:'))).toBe('database')
  })

  it('keeps only characters safe in a file name', () => {
    const label = databaseLabel(parseUrl('postgres://app@db/we%2Fird%20n%C3%A4me'))
    expect(label).toBe('we-ird-n-me')
    expect(databaseLabel(parseUrl('postgres://app@db/..%2F..%2Fetc'))).toBe('etc')
  })
})

describe('revisionLabel', () => {
  it('is base when empty, the sorted ids joined by + otherwise', () => {
    expect(revisionLabel([])).toBe('base')
    expect(revisionLabel(['b2', 'a1'])).toBe('a1+b2')
    expect(revisionsOf('a1+b2')).toEqual(['a1', 'b2'])
    expect(revisionsOf('base')).toEqual([])
  })

  it('shortens many heads and unsafe characters', () => {
    const label = revisionLabel(['f6', 'e5', 'd4', 'c3', 'b2', 'a1'])
    expect(label).toBe('a1+b2+c3+d4+2_more')
    expect(revisionsOf(label)).toEqual(['a1', 'b2', 'c3', 'd4'])
    expect(revisionLabel(['we/ird.id'])).toBe('we_ird_id')
  })
})
