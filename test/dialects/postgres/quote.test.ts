import { describe, expect, it } from 'vitest'
import {
  literal,
  quoteIdentifier,
  quoteQualified,
  quoteString,
  quoteTable,
} from '../../../src/dialects/postgres/quote.js'
import { MigrationError } from '../../../src/errors.js'

function codeOf(call: () => unknown): string | undefined {
  try {
    call()
  } catch (error) {
    expect(error).toBeInstanceOf(MigrationError)
    return (error as MigrationError).code
  }
  return undefined
}

describe('quoteIdentifier', () => {
  it.each([
    ['users', '"users"'],
    ['User', '"User"'],
    ['say "hi"', '"say ""hi"""'],
    ['a;drop table x', '"a;drop table x"'],
    ['naïve 名前', '"naïve 名前"'],
    ['', undefined],
  ])('%j → %s', (name, quoted) => {
    if (quoted === undefined) expect(codeOf(() => quoteIdentifier(name))).toBe('INVALID_IDENTIFIER')
    else expect(quoteIdentifier(name)).toBe(quoted)
  })

  it('accepts 63 bytes and rejects 64, never truncating', () => {
    expect(quoteIdentifier('a'.repeat(63))).toBe(`"${'a'.repeat(63)}"`)
    expect(codeOf(() => quoteIdentifier('a'.repeat(64)))).toBe('IDENTIFIER_TOO_LONG')
  })

  it('counts bytes, not characters', () => {
    const name = 'é'.repeat(32) // 32 characters, 64 bytes
    expect(codeOf(() => quoteIdentifier(name))).toBe('IDENTIFIER_TOO_LONG')
    expect(() => quoteIdentifier(name)).toThrow(`Identifier '${name}' is 64 bytes long`)
    expect(quoteIdentifier('é'.repeat(31))).toBe(`"${'é'.repeat(31)}"`)
  })

  it('rejects a NUL character', () => {
    expect(codeOf(() => quoteIdentifier('a\0b'))).toBe('INVALID_IDENTIFIER')
  })

  it('qualifies tables and names by schema', () => {
    expect(quoteTable({ table: 'users' })).toBe('"users"')
    expect(quoteTable({ table: 'users', schema: 'app' })).toBe('"app"."users"')
    expect(quoteQualified('mood', 'my schema')).toBe('"my schema"."mood"')
    expect(codeOf(() => quoteTable({ table: 'x', schema: 's'.repeat(64) }))).toBe(
      'IDENTIFIER_TOO_LONG',
    )
  })
})

describe('literal', () => {
  it.each<[string, unknown, string]>([
    ['a string', 'hello', "'hello'"],
    ['a quote', "O'Hara", "'O''Hara'"],
    ['a backslash (standard-conforming strings)', 'C:\\dir\\n', "'C:\\dir\\n'"],
    ['unicode', 'żółw 🐢', "'żółw 🐢'"],
    ['a newline', 'a\nb', "'a\nb'"],
    ['an empty string', '', "''"],
    ['an integer', 42, '42'],
    ['a negative float', -1.5, '-1.5'],
    ['a tiny float', 1e-7, '1e-7'],
    ['NaN', Number.NaN, "'NaN'"],
    ['Infinity', Number.POSITIVE_INFINITY, "'Infinity'"],
    ['-Infinity', Number.NEGATIVE_INFINITY, "'-Infinity'"],
    ['a bigint', 9007199254740993n, '9007199254740993'],
    ['true', true, 'TRUE'],
    ['false', false, 'FALSE'],
    ['null', null, 'NULL'],
    ['undefined', undefined, 'NULL'],
    ['a Date', new Date('2024-01-02T03:04:05.678Z'), "'2024-01-02T03:04:05.678Z'::timestamptz"],
    ['a Buffer', Buffer.from([0, 1, 254, 255]), "'\\x0001feff'::bytea"],
    ['a Uint8Array view', new Uint8Array([9, 8, 7]).subarray(1), "'\\x0807'::bytea"],
    ['an empty Buffer', Buffer.alloc(0), "'\\x'::bytea"],
    ['an object', { a: 1, b: "it's" }, `'{"a":1,"b":"it''s"}'`],
    ['an array', [1, 'two', null], `'[1,"two",null]'`],
  ])('%s', (_name, value, expected) => {
    expect(literal(value)).toBe(expected)
  })

  it('rejects what it cannot write', () => {
    expect(codeOf(() => literal(new Date(Number.NaN)))).toBe('INVALID_LITERAL')
    expect(codeOf(() => literal(new Map()))).toBe('INVALID_LITERAL')
    expect(codeOf(() => literal(Symbol('x')))).toBe('INVALID_LITERAL')
    expect(codeOf(() => quoteString('a\0b'))).toBe('INVALID_LITERAL')
    expect(() => literal(new Map())).toThrow('Cannot write a Map as a PostgreSQL literal')
  })
})
