import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { numberLiteral, propertyKey, stringLiteral } from '../../src/autogenerate/render/literal.js'

const evaluate = (code: string): unknown => new Function(`'use strict'; return (${code})`)()

describe('render literals', () => {
  it('escapes quotes, backslashes, line breaks and invisible characters', () => {
    expect(stringLiteral("it's")).toBe('"it\'s"')
    expect(stringLiteral('it\'s "x"')).toBe("'it\\'s \"x\"'")
    expect(stringLiteral('a\\b')).toBe("'a\\\\b'")
    expect(stringLiteral('one\ntwo\r\tthree')).toBe("'one\\ntwo\\r\\tthree'")
    expect(stringLiteral('\u2028\u2029')).toBe("'\\u2028\\u2029'")
    expect(stringLiteral('\u202etxt.exe')).toBe("'\\u202etxt.exe'")
    expect(stringLiteral('\u0000')).toBe("'\\u0000'")
    expect(stringLiteral('\ud800')).toBe("'\\ud800'")
    expect(stringLiteral('\u{e0001}')).toBe("'\\u{e0001}'")
  })

  it('keeps readable Unicode as it is', () => {
    const text = `café 日本 😀 ${'$'}{x} \``
    expect(stringLiteral(text)).toBe(`'${text}'`)
  })

  it('evaluates back to any string, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        const literal = stringLiteral(value)
        expect(literal).not.toMatch(/[\n\r\u2028\u2029]/)
        expect(evaluate(literal)).toBe(value)
      }),
      { numRuns: 500 },
    )
  })

  it('writes every number exactly', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(Object.is(evaluate(numberLiteral(value)), value)).toBe(true)
      }),
    )
    expect(numberLiteral(-0)).toBe('-0')
  })

  it('quotes keys that are not identifiers, and computes __proto__', () => {
    expect(propertyKey('name')).toBe('name')
    expect(propertyKey('$x_1')).toBe('$x_1')
    expect(propertyKey('first name')).toBe("'first name'")
    expect(propertyKey('1a')).toBe("'1a'")
    expect(propertyKey('__proto__')).toBe("['__proto__']")
    const object = evaluate(`{ ${propertyKey('__proto__')}: 1 }`) as Record<string, unknown>
    expect(Object.keys(object)).toEqual(['__proto__'])
  })
})
