import { describe, expect, it } from 'vitest'
import { MigrationCreationError } from '../../src/errors.js'
import { DEFAULT_FILE_TEMPLATE, revisionFileName } from '../../src/script/file-name.js'

const base = {
  template: DEFAULT_FILE_TEMPLATE,
  revision: '3f2a9c1b7d4e',
  message: 'Add users table',
  date: new Date('2026-11-26T10:30:00Z'),
  truncateSlugLength: 40,
}

describe('revisionFileName', () => {
  it('fills the default template', () => {
    expect(revisionFileName(base)).toBe('20261126_1030-3f2a9c1b7d4e_add_users_table.ts')
  })

  it('zero-pads every date field and uses UTC', () => {
    const name = revisionFileName({
      ...base,
      template: '{year}-{month}-{day}T{hour}{minute}{second}_{rev}',
      date: new Date('2027-01-02T03:04:05.678Z'),
    })
    expect(name).toBe('2027-01-02T030405_3f2a9c1b7d4e.ts')
  })

  it("keeps Alembic's trailing underscore for an empty message", () => {
    expect(revisionFileName({ ...base, message: '' })).toBe('20261126_1030-3f2a9c1b7d4e_.ts')
  })

  it('truncates the slug', () => {
    const name = revisionFileName({
      ...base,
      message: 'add a column to the accounts table for billing purposes',
      truncateSlugLength: 20,
    })
    expect(name).toBe('20261126_1030-3f2a9c1b7d4e_add_a_column_to_the_.ts')
  })

  it('uses the extension given', () => {
    expect(revisionFileName({ ...base, template: '{rev}', extension: '.mjs' })).toBe(
      '3f2a9c1b7d4e.mjs',
    )
  })

  it.each([
    ['{rev}_{epoch}', /unknown token \{epoch\}.*known: \{rev\} \{slug\}/],
    ['{rev}_{Slug}', /unknown token \{Slug\}/],
    ['{rev}_{constructor}', /unknown token \{constructor\}/],
    ['{rev}_{slug', /unmatched brace/],
    ['{rev}}', /unmatched brace/],
    ['{year}/{rev}_{slug}', /path separators/],
    ['sub\\{rev}', /path separators/],
    ['{rev}:{slug}', /path separators/],
    ['{slug}', /gives the file name '\.ts'/],
    ['.{rev}', /gives the file name/],
  ])('rejects the template %j', (template, message) => {
    const make = () => revisionFileName({ ...base, message: '', template })
    expect(make).toThrow(MigrationCreationError)
    expect(make).toThrow(message)
  })

  it('rejects a malformed extension or date', () => {
    expect(() => revisionFileName({ ...base, extension: 'ts' })).toThrow(/extension/)
    expect(() => revisionFileName({ ...base, date: new Date('nope') })).toThrow(/date/)
  })
})
