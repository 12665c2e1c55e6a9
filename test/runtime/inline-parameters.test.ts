import { describe, expect, it } from 'vitest'
import { literal } from '../../src/dialects/postgres/quote.js'
import { MigrationError } from '../../src/errors.js'
import { inlineParameters } from '../../src/runtime/inline-parameters.js'

describe('inlineParameters', () => {
  it('replaces $n placeholders, in any order and repeated', () => {
    expect(
      inlineParameters('UPDATE t SET a = $2 WHERE b = $1 OR c = $1', [1, "it's"], literal),
    ).toBe("UPDATE t SET a = 'it''s' WHERE b = 1 OR c = 1")
  })

  it('replaces ? placeholders in order', () => {
    expect(inlineParameters('INSERT INTO t VALUES (?, ?)', ['x', null], literal)).toBe(
      "INSERT INTO t VALUES ('x', NULL)",
    )
  })

  it('skips literals, quoted names, comments and dollar quotes', () => {
    const sql = `SELECT '$1 ?', "a?b", $tag$ $1 $tag$ -- ? $1\n, $1 /* ? */`
    expect(inlineParameters(sql, [5], literal)).toBe(
      `SELECT '$1 ?', "a?b", $tag$ $1 $tag$ -- ? $1\n, 5 /* ? */`,
    )
  })

  it('refuses a count mismatch', () => {
    expect(() => inlineParameters('SELECT ?', [1, 2], literal)).toThrow(MigrationError)
    expect(() => inlineParameters('SELECT $2', [1], literal)).toThrow(/placeholders/)
  })

  it('leaves statements without parameters alone', () => {
    expect(inlineParameters("SELECT '?'", [], literal)).toBe("SELECT '?'")
  })
})
