import { describe, expect, it } from 'vitest'
import { maskSecrets, maskUrl, secretsOf } from '../../src/config/mask.js'

describe('maskUrl', () => {
  it.each([
    ['postgres://app:secret@db:5432/shop', 'postgres://app:***@db:5432/shop'],
    ['postgres://app:p%40ss%3Aw%2Fd@db/shop', 'postgres://app:***@db/shop'],
    ['mysql://root:p@ss:w/rd@db/app', 'mysql://root:***@db/app'],
    ['postgres://:pw@db/shop', 'postgres://:***@db/shop'],
    [
      'postgres://app:pw@[::1]:5432/shop?sslmode=require',
      'postgres://app:***@[::1]:5432/shop?sslmode=require',
    ],
    // A raw '?' in the password: the parser gives up, the masker still hides it.
    ['postgres://app:pa?ss@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pa#ss@db/shop', 'postgres://app:***@db/shop'],
    ['postgres://app:pa ss@db/shop', 'postgres://app:***@db/shop'],
    [
      'postgres://h/db?user=a&password=secret&sslpassword=x',
      'postgres://h/db?user=a&password=***&sslpassword=***',
    ],
    [
      'postgres://app:pw@db/shop?application_name=a@b',
      'postgres://app:***@db/shop?application_name=a@b',
    ],
  ])('%s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked)
  })

  it.each([
    'postgres://app@db/shop',
    'postgres://db/shop',
    'postgres://u:@db/shop',
    'sqlite:////var/lib/app.db',
    'sqlite::memory:',
    'pglite://memory',
    'not a url at all',
    '',
    'http://[::1',
  ])('leaves %j alone (no password)', (url) => {
    expect(maskUrl(url)).toBe(url)
  })

  it('masks URLs inside free text', () => {
    expect(
      maskUrl('could not reach postgres://app:pw1@db/shop nor mysql://root:pw2@h/app: refused'),
    ).toBe('could not reach postgres://app:***@db/shop nor mysql://root:***@h/app: refused')
  })

  it('never throws', () => {
    expect(maskUrl(undefined as unknown as string)).toBe('undefined')
    expect(() => maskUrl('%%%://:@@@::?&=#')).not.toThrow()
  })
})

describe('maskSecrets', () => {
  it('removes every occurrence of a secret', () => {
    expect(maskSecrets('pw is hunter2, again hunter2', ['hunter2'])).toBe('pw is ***, again ***')
  })

  it('removes the percent-encoded form of a password that appears in an error text', () => {
    const text = 'connect failed for postgres://app:p%40ss%2Fw0rd%3F@db/shop (password p@ss/w0rd?)'
    expect(maskSecrets(text, ['p@ss/w0rd?'])).toBe(
      'connect failed for postgres://app:***@db/shop (password ***)',
    )
  })

  it('removes the decoded form when given the encoded one, and either hex case', () => {
    expect(maskSecrets('p@ss and p%40ss and p%2fx', ['p%40ss', 'p/x'])).toBe('*** and *** and ***')
  })

  it('handles spaces encoded for forms, and regex characters', () => {
    expect(maskSecrets('a+b+(c) a%20b%20(c) a b (c)', ['a b (c)'])).toBe('*** *** ***')
    expect(maskSecrets('x.*y and xzzy', ['x.*y'])).toBe('*** and xzzy')
  })

  it('replaces the longer secret first', () => {
    expect(maskSecrets('abcdef', ['abc', 'abcdef'])).toBe('***')
  })

  it('ignores empty secrets and returns the text unchanged without secrets', () => {
    expect(maskSecrets('nothing to hide', ['', ''])).toBe('nothing to hide')
    expect(maskSecrets('nothing to hide', [])).toBe('nothing to hide')
  })

  it('copes with secrets that are not valid percent-encoding', () => {
    expect(maskSecrets('100%zz off', ['100%zz'])).toBe('*** off')
  })
})

describe('secretsOf', () => {
  it('returns the password raw and decoded', () => {
    expect(secretsOf('postgres://app:p%40ss@db/shop')).toEqual(['p%40ss', 'p@ss'])
    expect(secretsOf('postgres://app:plain@db/shop')).toEqual(['plain'])
  })

  it('includes secret query parameters', () => {
    expect(secretsOf('postgres://db/shop?password=a%2Fb&sslmode=require')).toEqual(['a%2Fb', 'a/b'])
  })

  it('returns nothing without a password', () => {
    expect(secretsOf(undefined)).toEqual([])
    expect(secretsOf('postgres://app@db/shop')).toEqual([])
    expect(secretsOf('sqlite:app.db')).toEqual([])
  })

  it('feeds maskSecrets so a driver message loses the password in any form', () => {
    const url = 'postgres://app:s%23cr%3Ft@db/shop'
    const driverMessage = 'password authentication failed for "app" using s#cr?t (s%23cr%3Ft)'
    expect(maskSecrets(driverMessage, secretsOf(url))).toBe(
      'password authentication failed for "app" using *** (***)',
    )
  })
})
