/**
 * The last step before text leaves Stratum (a log line, an error message): every URL's
 * password and every known secret replaced by `***`.
 *
 * This builds on `config/mask.ts` and adds one rule for the case a parser and a person read
 * differently: a URL with an `@` after its first `?` (a password with a raw `?` or `#`, as
 * in `mysql://app:p@ss?w#rd@db/app`). The parser ends the user information at the `@` before
 * the `?`, so `maskUrl` would hide only `p`; here everything from the user's `:` to the last
 * `@` is hidden, which hides the whole password whichever reading was meant.
 */
import { maskSecrets, maskUrl, secretsOf } from '../config/mask.js'

const MASK = '***'

/** A URL with an authority (`scheme://...`), up to white space. */
const URL_TOKEN = /[A-Za-z][A-Za-z0-9+.-]*:\/\/\S+/g

/** `scheme://` at the start of a URL token. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

/** In `rest` (what follows `scheme://`), the span from the user's `:` to the last `@`, when an `@` follows the first `?`. */
function ambiguousSpan(rest: string): [number, number] | undefined {
  const query = rest.indexOf('?')
  const at = rest.lastIndexOf('@')
  if (query === -1 || at < query) return undefined
  const colon = rest.indexOf(':')
  if (colon === -1 || colon >= at) return undefined
  return [colon + 1, at]
}

/**
 * `maskUrl`, plus: in a URL where an `@` follows the first `?`, everything from the user's
 * `:` to the last `@` is hidden (a password with a raw `?`). Never throws.
 *
 * @example
 * redactUrls('bad url mysql://app:p@ss?w@db/app') // 'bad url mysql://app:***@db/app'
 */
export function redactUrls(text: string): string {
  try {
    return maskUrl(String(text)).replace(URL_TOKEN, (url) => {
      const scheme = SCHEME.exec(url)?.[0] ?? ''
      const rest = url.slice(scheme.length)
      const span = ambiguousSpan(rest)
      if (span === undefined || rest.slice(span[0], span[1]) === MASK) return url
      return `${scheme}${rest.slice(0, span[0])}${MASK}${rest.slice(span[1])}`
    })
  } catch {
    return MASK
  }
}

/**
 * The secrets of a database URL to mask in any text: `secretsOf(url)`, except that when an
 * `@` follows the first `?` (a password with a raw `?`, or an `@` in the query), the span
 * from the user's `:` to the last `@` is taken (raw and percent-decoded) in place of the
 * parser's shorter reading it begins with (which would mask every `p` of `p@ss?w`). Never throws.
 *
 * @example
 * urlSecrets('mysql://app:p%40ss@db/app') // ['p%40ss', 'p@ss']
 * urlSecrets('mysql://app:a@b?c@db/app')  // ['a@b?c']
 */
export function urlSecrets(url: string | undefined): string[] {
  if (typeof url !== 'string') return []
  const wider: string[] = []
  for (const match of url.matchAll(URL_TOKEN)) {
    const scheme = SCHEME.exec(match[0])?.[0] ?? ''
    const rest = match[0].slice(scheme.length)
    const span = ambiguousSpan(rest)
    if (span === undefined) continue
    const raw = rest.slice(span[0], span[1])
    wider.push(raw)
    try {
      wider.push(decodeURIComponent(raw))
    } catch {
      // Not percent-encoded: the raw form is all there is.
    }
  }
  const covered = (secret: string) => wider.some((w) => w !== secret && w.startsWith(secret))
  const secrets = [...secretsOf(url).filter((secret) => !covered(secret)), ...wider]
  return [...new Set(secrets)].filter((secret) => secret !== '')
}

/**
 * A function that hides, in any text, the passwords of URLs (see `redactUrls`) and each of
 * `secrets` (raw and percent-encoded forms, see `maskSecrets`).
 *
 * @example
 * const redact = redactor(urlSecrets('postgres://app:s3cret@db/app'))
 * redact('login failed for s3cret') // 'login failed for ***'
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const known = [...new Set(secrets)].filter((secret) => secret !== '')
  return (text) => redactUrls(known.length === 0 ? text : maskSecrets(text, known))
}

/**
 * `value` with `redact` applied to every string in it (arrays and plain objects are copied;
 * other values are kept). For documents printed as JSON, so that a secret is hidden before
 * serialising can escape it out of reach of text masking.
 *
 * @example
 * redactDeep({ error: { message: 'for s3cret' } }, redact) // { error: { message: 'for ***' } }
 */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact)) as T
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) copy[key] = redactDeep(item, redact)
    return copy as T
  }
  return value
}

function isPlain(value: object): boolean {
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}
