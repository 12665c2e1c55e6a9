import { describe, expect, it } from 'vitest'
import {
  bindValue,
  literal,
  MAX_IDENTIFIER_LENGTH,
  quoteIdentifier,
  quoteTable,
} from '../../../src/dialects/sqlite/quote.js'
import type { MigrationError } from '../../../src/errors.js'

const codeOf = (run: () => unknown): string | undefined => {
  try {
    run()
  } catch (error) {
    return (error as MigrationError).code
  }
  return undefined
}

describe('quoteIdentifier', () => {
  it('double-quotes names and doubles inner quotes', () => {
    expect(quoteIdentifier('users')).toBe('"users"')
    expect(quoteIdentifier('a"b')).toBe('"a""b"')
    expect(quoteIdentifier('x; DROP TABLE y; --')).toBe('"x; DROP TABLE y; --"')
    expect(quoteIdentifier('Ünïcødé 表')).toBe('"Ünïcødé 表"')
  })

  it('accepts 128 characters and rejects 129, never truncating', () => {
    expect(MAX_IDENTIFIER_LENGTH).toBe(128)
    expect(quoteIdentifier('a'.repeat(128))).toBe(`"${'a'.repeat(128)}"`)
    // Characters, not bytes or UTF-16 units: 128 emoji are fine.
    expect(quoteIdentifier('😀'.repeat(128))).toHaveLength(2 + 256)
    let error: MigrationError | undefined
    try {
      quoteIdentifier('b'.repeat(129))
    } catch (caught) {
      error = caught as MigrationError
    }
    expect(error?.code).toBe('IDENTIFIER_TOO_LONG')
    expect(error?.message).toContain('b'.repeat(129))
    expect(error?.message).toContain('129 characters')
  })

  it('rejects empty names and NUL characters', () => {
    expect(codeOf(() => quoteIdentifier(''))).toBe('INVALID_IDENTIFIER')
    expect(codeOf(() => quoteIdentifier('a\0b'))).toBe('INVALID_IDENTIFIER')
  })
})

describe('quoteTable', () => {
  it('quotes the table and refuses schemas', () => {
    expect(quoteTable({ table: 'users' })).toBe('"users"')
    let error: MigrationError | undefined
    try {
      quoteTable({ table: 'users', schema: 'app' })
    } catch (caught) {
      error = caught as MigrationError
    }
    expect(error?.code).toBe('UNSUPPORTED_OPERATION')
    expect(error?.message).toContain("schema 'app'")
    expect(error?.hint).toBeTruthy()
  })
})

describe('literal', () => {
  it('writes every kind of value', () => {
    expect(literal(null)).toBe('NULL')
    expect(literal(undefined)).toBe('NULL')
    expect(literal("it's")).toBe("'it''s'")
    expect(literal('')).toBe("''")
    expect(literal(42)).toBe('42')
    expect(literal(-1.5)).toBe('-1.5')
    expect(literal(-0)).toBe('0')
    expect(literal(1e21)).toBe('1e+21')
    expect(literal(Number.POSITIVE_INFINITY)).toBe('9e999')
    expect(literal(Number.NEGATIVE_INFINITY)).toBe('-9e999')
    expect(literal(12345678901234567890n)).toBe('12345678901234567890')
    expect(literal(true)).toBe('1')
    expect(literal(false)).toBe('0')
    expect(literal(new Date('2024-01-02T03:04:05.678Z'))).toBe("'2024-01-02T03:04:05.678Z'")
    expect(literal(Buffer.from([0, 1, 255]))).toBe("X'0001ff'")
    expect(literal(new Uint8Array([16, 32]))).toBe("X'1020'")
    expect(literal({ a: "b'c", n: [1, 2] })).toBe(`'{"a":"b''c","n":[1,2]}'`)
    expect(literal(['x'])).toBe(`'["x"]'`)
  })

  it('refuses NaN, invalid dates and functions', () => {
    expect(codeOf(() => literal(Number.NaN))).toBe('INVALID_LITERAL')
    expect(codeOf(() => literal(new Date('nope')))).toBe('INVALID_LITERAL')
    expect(codeOf(() => literal(() => 1))).toBe('INVALID_LITERAL')
  })
})

describe('bindValue', () => {
  it('converts values the way literal writes them', () => {
    expect(bindValue(true)).toBe(1)
    expect(bindValue(false)).toBe(0)
    expect(bindValue(undefined)).toBe(null)
    expect(bindValue(new Date('2024-01-02T00:00:00Z'))).toBe('2024-01-02T00:00:00.000Z')
    expect(bindValue({ a: 1 })).toBe('{"a":1}')
    expect(bindValue(new Uint8Array([1]))).toEqual(Buffer.from([1]))
    expect(bindValue(5n)).toBe(5n)
    expect(bindValue('x')).toBe('x')
  })
})
