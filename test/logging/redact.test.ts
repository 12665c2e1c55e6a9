import { describe, expect, it } from 'vitest'
import { redactDeep, redactor, redactUrls, urlSecrets } from '../../src/logging/redact.js'

describe('redactUrls', () => {
  it('hides the password of every URL in a text', () => {
    expect(redactUrls('from postgres://app:s3cret@db/app to mysql://root:pw@h/x')).toBe(
      'from postgres://app:***@db/app to mysql://root:***@h/x',
    )
  })

  it('hides the whole password when a raw ? (or #) puts an @ after the query mark', () => {
    expect(redactUrls("url 'mysql://u:p@ss:w/rd%#?x@127.0.0.1:3306/db': bad")).toBe(
      "url 'mysql://u:***@127.0.0.1:3306/db': bad",
    )
    // What maskUrl already did to the same URL: the rest of the password is still hidden.
    expect(redactUrls("'mysql://u:***@ss:w/rd%#?x@127.0.0.1:3306/db'")).toBe(
      "'mysql://u:***@127.0.0.1:3306/db'",
    )
  })

  it('leaves URLs without a password, and plain text, alone', () => {
    for (const text of [
      'mysql://root@127.0.0.1:3306/app',
      'see https://example.com/a?b=c',
      'no url',
    ]) {
      expect(redactUrls(text)).toBe(text)
    }
  })
})

describe('urlSecrets', () => {
  it('the password raw and decoded, and secret query parameters', () => {
    expect(urlSecrets('postgres://app:p%40ss@db/app?sslpassword=k3y')).toEqual([
      'p%40ss',
      'p@ss',
      'k3y',
    ])
    expect(urlSecrets(undefined)).toEqual([])
    expect(urlSecrets('sqlite:app.db')).toEqual([])
  })

  it('takes the wider reading when a raw ? makes the URL ambiguous (not the prefix before it)', () => {
    expect(urlSecrets('mysql://u:p@ss?x@db/app')).toEqual(['p@ss?x'])
    expect(urlSecrets('mysql://u:p@s%25s#?x@db/app')).toEqual(['p@s%25s#?x', 'p@s%s#?x'])
  })
})

describe('redactor', () => {
  it('hides known secrets in every encoding, and URL passwords', () => {
    const redact = redactor(urlSecrets('mysql://u:p%40ss%3Aw%2Frd%25%23%3Fx@db/app'))
    const text =
      'raw p@ss:w/rd%#?x encoded p%40ss%3Aw%2Frd%25%23%3Fx lower p%40ss%3aw%2frd%25%23%3fx'
    expect(redact(text)).toBe('raw *** encoded *** lower ***')
    expect(redact('other postgres://x:y@h/d')).toBe('other postgres://x:***@h/d')
  })

  it('with no secrets, still hides URL passwords', () => {
    expect(redactor([])('postgres://a:b@c/d')).toBe('postgres://a:***@c/d')
  })
})

describe('redactDeep', () => {
  it('masks every string of arrays and plain objects, keeps other values', () => {
    const redact = redactor(['s3cret'])
    const date = new Date(0)
    const value = { a: 's3cret!', b: [1, 'x s3cret'], c: { d: null, e: date } }
    expect(redactDeep(value, redact)).toEqual({
      a: '***!',
      b: [1, 'x ***'],
      c: { d: null, e: date },
    })
    expect(redactDeep('s3cret', redact)).toBe('***')
  })
})
