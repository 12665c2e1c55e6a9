/**
 * Keeping credentials out of everything Stratum prints: database URLs with the
 * password replaced by `***`, and free text scrubbed of known secrets.
 *
 * Masking is best effort by design: it never throws, and where a URL is too
 * malformed to parse it errs on the side of hiding more than the password.
 */

/** What replaces a secret. */
const MASK = '***'

/** A URL scheme followed by `//`, where user information may follow. */
const AUTHORITY_START = /[A-Za-z][A-Za-z0-9+.-]*:\/\//g

/** Query parameter names whose values are secrets (`?password=...`, `?sslpassword=...`). */
const SECRET_PARAM = /pass|pwd|secret|token|credential/i

/** A query parameter: its separator, name and value. */
const QUERY_PARAM = /([?&])([^=&?#\s]+)=([^&#\s]*)/g

/**
 * Where the user information ends in `rest`, the text after `scheme://`: the
 * index of the last `@` before the query, or -1 when there is none. Taking the
 * last `@` lets passwords contain raw `@`, `:` and `/`; `parseUrl` follows the
 * same rule, so masking and parsing agree on where the password is.
 */
export function userInfoEnd(rest: string): number {
  const query = rest.indexOf('?')
  return (query === -1 ? rest : rest.slice(0, query)).lastIndexOf('@')
}

/** The password's position in `url` (start inclusive, end exclusive), or undefined. */
function passwordSpan(url: string, from: number, to: number): [number, number] | undefined {
  const rest = url.slice(from, to)
  let at = userInfoEnd(rest)
  // No `@` before the query: a raw `?` in the password may have cut it short, so look further.
  if (at === -1) at = rest.lastIndexOf('@')
  if (at === -1) return undefined
  const colon = rest.slice(0, at).indexOf(':')
  if (colon === -1 || colon + 1 === at) return undefined
  return [from + colon + 1, from + at]
}

/** Every password span in `text`: the whole text when it is one URL, else each embedded URL. */
function passwordSpans(text: string): [number, number][] {
  const spans: [number, number][] = []
  const trimmed = text.trimStart()
  for (const match of text.matchAll(AUTHORITY_START)) {
    const from = match.index + match[0].length
    // A whole-text URL runs to the end (a raw space may be in its password); an embedded one stops at white space.
    const whole = match.index === text.length - trimmed.length
    const end = whole ? text.length : from + (/\s/.exec(text.slice(from))?.index ?? text.length)
    const span = passwordSpan(text, from, end)
    if (span) spans.push(span)
    if (whole) break
  }
  return spans
}

/**
 * Replace the password of a database URL with `***`, and the values of query
 * parameters that look like secrets (`password`, `sslpassword`, `token`...).
 * Works on malformed input and on text that merely contains URLs; never throws.
 *
 * @example
 * maskUrl('postgres://app:s3cr%40t@db.internal:5432/app') // 'postgres://app:***@db.internal:5432/app'
 * maskUrl('mysql://root:pw@localhost/app?password=pw')   // 'mysql://root:***@localhost/app?password=***'
 */
export function maskUrl(url: string): string {
  try {
    const text = String(url)
    let masked = ''
    let last = 0
    for (const [start, end] of passwordSpans(text)) {
      masked += text.slice(last, start) + MASK
      last = end
    }
    masked += text.slice(last)
    return masked.replace(QUERY_PARAM, (all, separator: string, name: string) =>
      SECRET_PARAM.test(name) ? `${separator}${name}=${MASK}` : all,
    )
  } catch {
    return MASK
  }
}

/** `text` percent-decoded, or undefined when it holds an invalid escape. */
function tryDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

/** A pattern for `text` in which percent-escapes match either case (`%2F` and `%2f`). */
function literalPattern(text: string): string {
  return text
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%([0-9A-Fa-f])([0-9A-Fa-f])/g, (_all, high: string, low: string) => {
      const either = (digit: string) =>
        /[A-Fa-f]/.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit
      return `%${either(high)}${either(low)}`
    })
}

/**
 * Remove every occurrence of each secret from `text`, replacing it with `***`.
 * Each secret is also looked for percent-decoded and percent-encoded (as in a
 * URL or a form body), since drivers echo passwords in either form. Empty
 * secrets are ignored. Never throws.
 *
 * @example
 * maskSecrets('auth failed for p@ss (p%40ss)', ['p@ss']) // 'auth failed for *** (***)'
 */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret === '') continue
    for (const plain of [secret, tryDecode(secret)]) {
      if (!plain) continue
      const encoded = encodeURIComponent(plain)
      forms.add(plain).add(encoded).add(encoded.replace(/%20/g, '+')).add(encodeURI(plain))
    }
  }
  if (forms.size === 0) return text
  // Longest first, so a secret is not half-replaced by a shorter one it contains.
  const alternatives = [...forms].sort((a, b) => b.length - a.length).map(literalPattern)
  try {
    return String(text).replace(new RegExp(alternatives.join('|'), 'g'), MASK)
  } catch {
    return MASK
  }
}

/**
 * The secrets a database URL carries: its password and the values of
 * secret-looking query parameters, each raw (as written) and percent-decoded.
 * Feed them to `maskSecrets` before printing driver errors. Never throws.
 *
 * @example
 * secretsOf('postgres://app:p%40ss@localhost/app') // ['p%40ss', 'p@ss']
 * secretsOf(undefined)                             // []
 */
export function secretsOf(url: string | undefined): string[] {
  if (typeof url !== 'string') return []
  const raw: string[] = passwordSpans(url).map(([start, end]) => url.slice(start, end))
  for (const match of url.matchAll(QUERY_PARAM)) {
    const name = match[2] ?? ''
    if (SECRET_PARAM.test(name) && match[3]) raw.push(match[3])
  }
  const secrets = new Set<string>()
  for (const secret of raw) {
    secrets.add(secret)
    const decoded = tryDecode(secret)
    if (decoded) secrets.add(decoded)
  }
  return [...secrets]
}
