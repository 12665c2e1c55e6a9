import { describe, expect, it } from 'vitest'
import {
  literal,
  quoteIdentifier,
  quoteTable,
  stringLiteral,
} from '../../../src/dialects/mysql/quote.js'
import {
  backslashEscaping,
  modeIndependent,
  noBackslashEscapes,
  plainStringFor,
} from '../../../src/dialects/mysql/statement.js'

describe('quoteIdentifier', () => {
  it('wraps in backticks and doubles backticks inside', () => {
    expect(quoteIdentifier('users')).toBe('`users`')
    expect(quoteIdentifier('a`b')).toBe('`a``b`')
    expect(quoteIdentifier(`we'ird; "name"`)).toBe(`\`we'ird; "name"\``)
  })

  it('accepts 64 characters (counted as characters, not bytes) and rejects 65', () => {
    expect(quoteIdentifier('x'.repeat(64))).toBe(`\`${'x'.repeat(64)}\``)
    expect(quoteIdentifier('é'.repeat(64))).toBe(`\`${'é'.repeat(64)}\``)
    expect(() => quoteIdentifier('x'.repeat(65))).toThrow(
      expect.objectContaining({
        code: 'IDENTIFIER_TOO_LONG',
        message: expect.stringContaining('65'),
      }),
    )
  })

  it('qualifies tables by database', () => {
    expect(quoteTable({ table: 'users' })).toBe('`users`')
    expect(quoteTable({ table: 'users', schema: 'shop' })).toBe('`shop`.`users`')
  })
})

describe('literal', () => {
  it('writes scalars', () => {
    expect(literal(null)).toBe('NULL')
    expect(literal(undefined)).toBe('NULL')
    expect(literal(true)).toBe('TRUE')
    expect(literal(false)).toBe('FALSE')
    expect(literal(42)).toBe('42')
    expect(literal(-1.5)).toBe('-1.5')
    expect(literal(-0)).toBe('0')
    expect(literal(12345678901234567890n)).toBe('12345678901234567890')
  })

  it('doubles quotes, and writes text with a backslash, NUL or Ctrl-Z as utf8mb4 hex', () => {
    expect(literal("it's")).toBe("'it''s'")
    expect(literal('')).toBe("''")
    expect(literal('a\\b')).toBe("_utf8mb4 X'615c62'")
    expect(literal('a\0b')).toBe("_utf8mb4 X'610062'")
    expect(literal('\x1a')).toBe("_utf8mb4 X'1a'")
    expect(stringLiteral('é')).toBe("'é'")
  })

  it('writes dates in UTC with milliseconds, buffers as hex, objects as JSON', () => {
    expect(literal(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)))).toBe("'2024-01-02 03:04:05.006'")
    expect(literal(Buffer.from([0, 1, 255]))).toBe("X'0001ff'")
    expect(literal(new Uint8Array([10]))).toBe("X'0a'")
    expect(literal(Buffer.alloc(0))).toBe("X''")
    expect(literal({ a: "it's", b: [1, null] })).toBe(`'{"a":"it''s","b":[1,null]}'`)
    expect(literal({ path: 'a\\b' })).toBe(
      `_utf8mb4 X'${Buffer.from('{"path":"a\\\\b"}').toString('hex')}'`,
    )
  })

  it('refuses values without a literal', () => {
    for (const value of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Date('nope'),
      () => 1,
      Symbol('s'),
    ]) {
      expect(() => literal(value)).toThrow(expect.objectContaining({ code: 'INVALID_LITERAL' }))
    }
  })
})

describe('plain strings and modeIndependent', () => {
  it('escapes backslashes only for the default sql_mode', () => {
    expect(backslashEscaping("a\\b'c")).toBe("'a\\\\b''c'")
    expect(noBackslashEscapes("a\\b'c")).toBe("'a\\b''c'")
    expect(plainStringFor('STRICT_TRANS_TABLES,NO_BACKSLASH_ESCAPES')).toBe(noBackslashEscapes)
    expect(plainStringFor('STRICT_TRANS_TABLES')).toBe(backslashEscaping)
    expect(() => backslashEscaping('a\0')).toThrow(
      expect.objectContaining({ code: 'INVALID_LITERAL' }),
    )
  })

  it('keeps one statement when no plain string holds a backslash', () => {
    expect(modeIndependent((plain) => `ALTER TABLE t COMMENT = ${plain("it's")}`)).toEqual([
      { sql: "ALTER TABLE t COMMENT = 'it''s'" },
    ])
  })

  it('prepares the statement per sql_mode when one does', () => {
    const hex = (text: string) => Buffer.from(text).toString('hex')
    const steps = modeIndependent((plain) => `ALTER TABLE t COMMENT = ${plain('a\\b')}`)
    expect(steps).toEqual([
      {
        sql: `-- ALTER TABLE t COMMENT = 'a\\\\b' ... (holds a backslash in a plain string: prepared per sql_mode)\nSET @stratum_statement = IF(@@SESSION.sql_mode LIKE '%NO_BACKSLASH_ESCAPES%', _utf8mb4 X'${hex("ALTER TABLE t COMMENT = 'a\\b'")}', _utf8mb4 X'${hex("ALTER TABLE t COMMENT = 'a\\\\b'")}')`,
      },
      { sql: 'PREPARE stratum_statement FROM @stratum_statement' },
      { sql: 'EXECUTE stratum_statement' },
      { sql: 'DEALLOCATE PREPARE stratum_statement' },
    ])
  })
})
