import { describe, expect, it } from 'vitest'
import { formatQuery } from '../../../src/dialects/mysql/format-query.js'

describe('formatQuery', () => {
  it('inlines each ? as a literal', () => {
    expect(formatQuery('SELECT ?, ?, ?', ["it's", 'a\\b', null])).toBe(
      "SELECT 'it''s', _utf8mb4 X'615c62', NULL",
    )
    expect(formatQuery('SELECT ?', [{ a: 1 }])).toBe(`SELECT '{"a":1}'`)
    expect(formatQuery('SELECT ?', 5)).toBe('SELECT 5')
  })

  it('leaves the text alone without values, and extra placeholders as they are', () => {
    expect(formatQuery('SELECT ?', undefined)).toBe('SELECT ?')
    expect(formatQuery('SELECT ?, ?', [1])).toBe('SELECT 1, ?')
  })

  it('skips strings, quoted names and comments', () => {
    expect(
      formatQuery("SELECT '?', 'it''s ?', 'a\\'?', \"?\", `?` -- ?\n, ? # ?\n/* ? */ , ?", [1, 2]),
    ).toBe("SELECT '?', 'it''s ?', 'a\\'?', \"?\", `?` -- ?\n, 1 # ?\n/* ? */ , 2")
    expect(formatQuery('SELECT 1--?\n, ?', [7])).toBe('SELECT 1--7\n, ?')
  })
})
