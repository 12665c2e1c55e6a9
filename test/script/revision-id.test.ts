import { describe, expect, it } from 'vitest'
import { InvalidRevisionIdError } from '../../src/errors.js'
import { checkRevisionId, newRevisionId } from '../../src/script/revision-id.js'

describe('newRevisionId', () => {
  it('makes 12 lowercase hex characters, different every time', () => {
    const ids = new Set(Array.from({ length: 1000 }, newRevisionId))
    expect(ids.size).toBe(1000)
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/)
  })

  it('makes ids that pass checkRevisionId', () => {
    expect(() => checkRevisionId(newRevisionId())).not.toThrow()
  })
})

describe('checkRevisionId', () => {
  it.each(['3f2a9c1b7d4e', 'a', 'release_1_0', 'ae1027a6acf', 'données'])('accepts %j', (id) => {
    expect(() => checkRevisionId(id)).not.toThrow()
  })

  it.each([
    ['', 'must not be empty'],
    ['a@b', "must not contain '@'"],
    ['a-b', "must not contain '-'"],
    ['a+b', "must not contain '+'"],
    ['a:b', "must not contain ':'"],
    ['a/b', "must not contain '/'"],
    ['a\\b', "must not contain '\\'"],
    ["a'b", 'must not contain'],
    ['a b', 'whitespace'],
    ['a\tb', 'whitespace'],
    ['a\nb', 'whitespace'],
    ['a\u0000b', 'control'],
    ['head', 'reserved'],
    ['heads', 'reserved'],
    ['base', 'reserved'],
    ['current', 'reserved'],
  ])('rejects %j', (id, problem) => {
    let caught: unknown
    try {
      checkRevisionId(id)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(InvalidRevisionIdError)
    expect((caught as InvalidRevisionIdError).revision).toBe(id)
    expect((caught as Error).message).toContain(problem)
  })
})
