import { describe, expect, it } from 'vitest'
import { catalogDefault, catalogType } from '../../../src/dialects/mysql/catalog-column.js'
import { decodeQuoted, enumValues } from '../../../src/dialects/mysql/decode.js'
import { backslashEscaping, noBackslashEscapes } from '../../../src/dialects/mysql/statement.js'

describe('decodeQuoted', () => {
  it('reads doubled quotes and backslash escapes', () => {
    expect(decodeQuoted("'it''s'", 0)).toEqual({ value: "it's", end: 7 })
    expect(decodeQuoted("'a\\\\b\\nc\\0\\'d'", 0)?.value).toBe("a\\b\nc\0'd")
    expect(decodeQuoted("x'a'", 1)).toEqual({ value: 'a', end: 4 })
    expect(decodeQuoted("'open", 0)).toBeUndefined()
    expect(decodeQuoted('plain', 0)).toBeUndefined()
  })

  it('splits enum and set types into values', () => {
    expect(enumValues("enum('x','y''z','w\\\\v')")).toEqual({
      keyword: 'enum',
      values: ['x', "y'z", 'w\\v'],
      rest: '',
    })
    expect(enumValues("set('a','b,c')")).toEqual({ keyword: 'set', values: ['a', 'b,c'], rest: '' })
    expect(enumValues('varchar(10)')).toBeUndefined()
  })
})

describe('catalogType', () => {
  it('passes plain types through and re-quotes enum values for the session', () => {
    expect(catalogType('int(11) unsigned')(backslashEscaping)).toBe('int(11) unsigned')
    const type = catalogType("enum('a\\\\b','it''s')")
    expect(type(backslashEscaping)).toBe("enum('a\\\\b','it''s')")
    expect(type(noBackslashEscapes)).toBe("enum('a\\b','it''s')")
  })
})

describe('catalogDefault', () => {
  const mariadb = (raw: string | null, extra = '') => catalogDefault({ raw, extra, mariadb: true })
  const mysql = (raw: string | null, extra = '') => catalogDefault({ raw, extra, mariadb: false })

  it('reads MariaDB defaults, which are SQL', () => {
    expect(mariadb(null)).toBeUndefined()
    expect(mariadb('NULL')).toBeUndefined()
    expect(mariadb('42')).toBe('42')
    expect(mariadb('-1.5')).toBe('-1.5')
    expect(mariadb("'it''s'")).toBe("'it''s'")
    expect(mariadb("'a\\\\b'")).toBe("_utf8mb4 X'615c62'")
    expect(mariadb('current_timestamp(6)')).toBe('current_timestamp(6)')
    expect(mariadb('(3 + 4)')).toBe('((3 + 4))')
    expect(mariadb('uuid()')).toBe('(uuid())')
  })

  it('reads MySQL 8 defaults, which are values unless DEFAULT_GENERATED', () => {
    expect(mysql(null)).toBeUndefined()
    expect(mysql('NULL')).toBe("'NULL'")
    expect(mysql("it's")).toBe("'it''s'")
    expect(mysql('42')).toBe("'42'")
    expect(mysql('CURRENT_TIMESTAMP', 'DEFAULT_GENERATED')).toBe('CURRENT_TIMESTAMP')
    expect(mysql('CURRENT_TIMESTAMP(6)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)')).toBe(
      'CURRENT_TIMESTAMP(6)',
    )
    expect(mysql('rand()', 'DEFAULT_GENERATED')).toBe('(rand())')
    expect(mysql("b'101'")).toBe("b'101'")
    // MySQL 8 escapes expression defaults once more: `_utf8mb4\'a\'`.
    expect(mysql("concat(_utf8mb4\\'a\\',_utf8mb4\\'it\\\\\\'s\\')", 'DEFAULT_GENERATED')).toBe(
      "(concat(_utf8mb4'a',_utf8mb4'it\\'s'))",
    )
  })
})
