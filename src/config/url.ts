import { ConfigError } from '../errors.js'
import { maskUrl, userInfoEnd } from './mask.js'

/** The database families Stratum speaks to. */
export type Dialect = 'postgres' | 'mysql' | 'sqlite' | 'pglite'

/** A parsed database URL. Text fields are percent-decoded. */
export interface DatabaseUrl {
  dialect: Dialect
  /** The scheme as written, lower-cased: `postgres`, `postgresql`, `mysql`, `mariadb`, `sqlite`, `pglite`. */
  driverScheme: string
  host?: string
  /** Always set for server databases: the URL's port or the dialect's default. */
  port?: number
  user?: string
  password?: string
  database?: string
  /** SQLite file or PGlite data folder, absolute or relative as given, or `':memory:'`. */
  path?: string
  params: Record<string, string>
}

const SERVER_SCHEMES: Readonly<Record<string, { dialect: Dialect; port: number }>> = {
  postgres: { dialect: 'postgres', port: 5432 },
  postgresql: { dialect: 'postgres', port: 5432 },
  mysql: { dialect: 'mysql', port: 3306 },
  mariadb: { dialect: 'mysql', port: 3306 },
}

const FILE_SCHEMES: Readonly<Record<string, Dialect>> = { sqlite: 'sqlite', pglite: 'pglite' }

const SUPPORTED = 'postgres://, postgresql://, mysql://, mariadb://, sqlite:, pglite:'

const MEMORY = ':memory:'

/** Characters a host name (or percent-encoded socket folder) may be written with. */
const HOST_CHARS = /^[A-Za-z0-9._~%!$&'()*+,;=-]*$/

type Fail = (problem: string, hint?: string) => never

/**
 * Parse a database URL.
 *
 * - `postgres://` / `postgresql://` (port 5432) and `mysql://` / `mariadb://`
 *   (port 3306): `scheme://[user[:password]@]host[:port][/database][?key=value&...]`.
 *   User, password, host and database are percent-decoded; write `@ : / % # ?`
 *   in a password as `%40 %3A %2F %25 %23 %3F` (raw `@ : /` also work: the
 *   user information ends at the last `@` before the query). IPv6 hosts go in
 *   brackets: `postgres://[::1]:5432/app`. Query values are percent-decoded
 *   (`+` stays `+`).
 * - `sqlite:` and `pglite:` take a path as written: `sqlite:app.db`,
 *   `sqlite:./data/app.db`, `sqlite:/var/lib/app.db`. In the SQLAlchemy style
 *   with slashes, what follows the third slash is the path, so
 *   `sqlite:///app.db` is relative and `sqlite:////var/lib/app.db` absolute.
 *   In memory: `sqlite::memory:`, `sqlite://:memory:`, `pglite:memory:`,
 *   `pglite://memory`.
 *
 * Throws a `ConfigError` (code `URL_INVALID`) naming the problem; the URL in
 * the message has its password masked.
 *
 * @example
 * parseUrl('postgres://app:p%40ss@db:6543/shop?sslmode=require')
 * // { dialect: 'postgres', driverScheme: 'postgres', host: 'db', port: 6543, user: 'app',
 * //   password: 'p@ss', database: 'shop', params: { sslmode: 'require' } }
 * parseUrl('sqlite:///data/app.db') // { dialect: 'sqlite', driverScheme: 'sqlite', path: 'data/app.db', params: {} }
 */
export function parseUrl(url: string): DatabaseUrl {
  const text = String(url).trim()
  const fail: Fail = (problem, hint) => {
    throw new ConfigError('URL_INVALID', `Invalid database URL '${maskUrl(text)}': ${problem}`, {
      hint,
    })
  }
  if (text === '') fail('it is empty')
  if (text.includes('#')) {
    fail("it contains '#'; percent-encode it as %23 (in a password, for example)")
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)
  if (!scheme) fail(`it has no scheme; expected one of ${SUPPORTED}`)
  const name = (scheme[1] ?? '').toLowerCase()
  const rest = text.slice(scheme[0].length)
  const server = SERVER_SCHEMES[name]
  if (server) return parseServerUrl({ rest, scheme: name, ...server }, fail)
  const file = FILE_SCHEMES[name]
  if (file) return parseFileUrl({ rest, scheme: name, dialect: file }, fail)
  const base = name.split('+')[0] ?? ''
  const known = SERVER_SCHEMES[base] ? `${base}://` : FILE_SCHEMES[base] ? `${base}:` : undefined
  return fail(
    `unsupported scheme '${name}:'; supported: ${SUPPORTED}`,
    known && `Drop the driver suffix: write '${known}...'.`,
  )
}

/** Percent-decode `text`, failing with a message that names `what` (never the text itself). */
function decode(text: string, what: string, fail: Fail): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return fail(`${what} has an invalid percent-escape; write a literal '%' as %25`)
  }
}

/** Split `scheme-specific-part?query` into the part and its decoded parameters. */
function splitQuery(rest: string, fail: Fail): [string, Record<string, string>] {
  const mark = rest.indexOf('?')
  if (mark === -1) return [rest, {}]
  const entries: [string, string][] = []
  for (const pair of rest.slice(mark + 1).split('&')) {
    if (pair === '') continue
    const equals = pair.indexOf('=')
    const rawKey = equals === -1 ? pair : pair.slice(0, equals)
    const key = decode(rawKey, 'a query parameter name', fail)
    if (key === '') fail('a query parameter has no name')
    const value = equals === -1 ? '' : pair.slice(equals + 1)
    entries.push([key, decode(value, `the value of query parameter '${key}'`, fail)])
  }
  // fromEntries defines own properties, so a key like `__proto__` stays a plain key.
  return [rest.slice(0, mark), Object.fromEntries(entries)]
}

function parseServerUrl(
  target: { rest: string; scheme: string; dialect: Dialect; port: number },
  fail: Fail,
): DatabaseUrl {
  const { rest, scheme } = target
  if (!rest.startsWith('//')) fail(`expected '${scheme}://' followed by the host`)
  const afterSlashes = rest.slice(2)
  const at = userInfoEnd(afterSlashes)
  const [hostAndPath, params] = splitQuery(afterSlashes.slice(at + 1), fail)
  const slash = hostAndPath.indexOf('/')
  const authority = slash === -1 ? hostAndPath : hostAndPath.slice(0, slash)
  const result: DatabaseUrl = { dialect: target.dialect, driverScheme: scheme, params }
  const { host, port } = parseHostPort(authority, fail)
  if (host !== undefined) result.host = host
  result.port = port ?? target.port
  if (at !== -1) {
    const userInfo = afterSlashes.slice(0, at)
    const colon = userInfo.indexOf(':')
    const user = decode(colon === -1 ? userInfo : userInfo.slice(0, colon), 'the user name', fail)
    if (user !== '') result.user = user
    if (colon !== -1) result.password = decode(userInfo.slice(colon + 1), 'the password', fail)
  }
  const database = slash === -1 ? '' : hostAndPath.slice(slash + 1)
  if (database.includes('/')) {
    fail(
      `the database name '${database}' contains '/'; a URL names one database (write a real '/' as %2F)`,
    )
  }
  if (database !== '') result.database = decode(database, 'the database name', fail)
  return result
}

function parseHostPort(authority: string, fail: Fail): { host?: string; port?: number } {
  let hostText = authority
  let portText: string | undefined
  let host: string | undefined
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']')
    if (close === -1) fail("the IPv6 host has no closing ']'")
    host = authority.slice(1, close)
    if (!/^[0-9A-Fa-f:.]+$/.test(host) || !host.includes(':')) {
      fail(`'[${host}]' is not an IPv6 address`)
    }
    const after = authority.slice(close + 1)
    if (after !== '' && !after.startsWith(':')) fail("unexpected text after the IPv6 host's ']'")
    if (after !== '') portText = after.slice(1)
  } else {
    const colon = authority.indexOf(':')
    if (colon !== -1) {
      hostText = authority.slice(0, colon)
      portText = authority.slice(colon + 1)
      if (portText.includes(':')) fail('an IPv6 host must be written in brackets, as in [::1]')
    }
    if (!HOST_CHARS.test(hostText)) {
      fail(`the host '${hostText}' contains characters a host name cannot have`)
    }
    const decoded = decode(hostText, 'the host', fail)
    if (decoded !== '') host = decoded
  }
  if (portText === undefined) return host === undefined ? {} : { host }
  // The port text is not echoed: when a password holds a raw '?', it may be part of the password.
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : 0
  if (port < 1 || port > 65535) fail('the port must be a number from 1 to 65535')
  return host === undefined ? { port } : { host, port }
}

function parseFileUrl(
  target: { rest: string; scheme: string; dialect: Dialect },
  fail: Fail,
): DatabaseUrl {
  const { scheme } = target
  const [body, params] = splitQuery(target.rest, fail)
  let path: string
  if (body.startsWith('//')) {
    const afterSlashes = body.slice(2)
    if (afterSlashes === MEMORY || afterSlashes === 'memory') {
      path = MEMORY
    } else if (afterSlashes === '' || afterSlashes.startsWith('/')) {
      // SQLAlchemy's rule: the path is what follows the third slash.
      path = afterSlashes.slice(1)
    } else {
      return fail(
        `'${scheme}://' is followed by a host, but ${scheme} URLs name a file: write ${scheme}:relative/app.db, ${scheme}:/absolute/app.db, ${scheme}:///relative/app.db or ${scheme}:////absolute/app.db`,
      )
    }
  } else {
    path = body === 'memory:' ? MEMORY : body
  }
  if (path === '') {
    fail(`it names no database file; write ${scheme}:path/to/app.db or ${scheme}::memory:`)
  }
  if (path !== MEMORY) path = decode(path, 'the file path', fail)
  return { dialect: target.dialect, driverScheme: scheme, path, params }
}

/**
 * Write a `DatabaseUrl` back as text; `parseUrl(formatUrl(u))` equals `u`.
 * The password is included: print `maskUrl(formatUrl(u))` instead.
 *
 * @example
 * formatUrl({ dialect: 'mysql', driverScheme: 'mariadb', host: '::1', port: 3307,
 *   user: 'root', password: 'a@b', database: 'shop', params: {} })
 * // 'mariadb://root:a%40b@[::1]:3307/shop'
 */
export function formatUrl(url: DatabaseUrl): string {
  const entries = Object.entries(url.params)
  const query =
    entries.length === 0
      ? ''
      : `?${entries.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`).join('&')}`
  if (url.dialect === 'sqlite' || url.dialect === 'pglite') {
    return `${url.driverScheme}:${formatPath(url.path ?? MEMORY)}${query}`
  }
  let userInfo = ''
  if (url.user !== undefined || url.password !== undefined) {
    const password = url.password === undefined ? '' : `:${encodeURIComponent(url.password)}`
    userInfo = `${encodeURIComponent(url.user ?? '')}${password}@`
  }
  const host =
    url.host === undefined
      ? ''
      : url.host.includes(':')
        ? `[${url.host}]`
        : encodeURIComponent(url.host)
  const port = url.port === undefined ? '' : `:${url.port}`
  const database = url.database === undefined ? '' : `/${encodeURIComponent(url.database)}`
  return `${url.driverScheme}://${userInfo}${host}${port}${database}${query}`
}

/** A file path escaped so that `parseFileUrl` reads it back unchanged. */
function formatPath(path: string): string {
  if (path === MEMORY) return MEMORY
  const escaped = path.replace(/[%?#\s]/g, (character) => encodeURIComponent(character))
  if (escaped === 'memory:') return 'memory%3A'
  // A leading '//' would read as the SQLAlchemy form: spell it in that form instead.
  return escaped.startsWith('//') ? `///${escaped}` : escaped
}
