import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type DatabaseUrl, formatUrl, parseUrl } from '../../src/config/url.js'
import { ConfigError } from '../../src/errors.js'

/** The error `parseUrl` throws for `url`. */
function parseError(url: string): ConfigError {
  try {
    parseUrl(url)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    return error as ConfigError
  }
  throw new Error(`parseUrl accepted ${url}`)
}

describe('parseUrl: server databases', () => {
  it.each<[string, DatabaseUrl]>([
    [
      'postgres://app:secret@db.example.com:6543/shop',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: 'db.example.com',
        port: 6543,
        user: 'app',
        password: 'secret',
        database: 'shop',
        params: {},
      },
    ],
    [
      'postgresql://localhost/shop',
      {
        dialect: 'postgres',
        driverScheme: 'postgresql',
        host: 'localhost',
        port: 5432,
        database: 'shop',
        params: {},
      },
    ],
    [
      'mysql://root@127.0.0.1/app',
      {
        dialect: 'mysql',
        driverScheme: 'mysql',
        host: '127.0.0.1',
        port: 3306,
        user: 'root',
        database: 'app',
        params: {},
      },
    ],
    [
      'mariadb://root:pw@maria:3307',
      {
        dialect: 'mysql',
        driverScheme: 'mariadb',
        host: 'maria',
        port: 3307,
        user: 'root',
        password: 'pw',
        params: {},
      },
    ],
    [
      'POSTGRES://u@h/d',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: 'h',
        port: 5432,
        user: 'u',
        database: 'd',
        params: {},
      },
    ],
    [
      'postgres:///shop',
      { dialect: 'postgres', driverScheme: 'postgres', port: 5432, database: 'shop', params: {} },
    ],
    [
      'postgres://%2Fvar%2Frun%2Fpostgresql/shop',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: '/var/run/postgresql',
        port: 5432,
        database: 'shop',
        params: {},
      },
    ],
    [
      'postgres://u:p@[::1]:6000/db',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: '::1',
        port: 6000,
        user: 'u',
        password: 'p',
        database: 'db',
        params: {},
      },
    ],
    [
      'mysql://[2001:db8::7]/db',
      {
        dialect: 'mysql',
        driverScheme: 'mysql',
        host: '2001:db8::7',
        port: 3306,
        database: 'db',
        params: {},
      },
    ],
    [
      'postgres://h/db?sslmode=require&application_name=my%20app&flag&x=a%3Db',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: 'h',
        port: 5432,
        database: 'db',
        params: { sslmode: 'require', application_name: 'my app', flag: '', x: 'a=b' },
      },
    ],
    [
      'postgres://my%20user:pw@h/my%2Fdb',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: 'h',
        port: 5432,
        user: 'my user',
        password: 'pw',
        database: 'my/db',
        params: {},
      },
    ],
    [
      '  postgres://h/db\n',
      {
        dialect: 'postgres',
        driverScheme: 'postgres',
        host: 'h',
        port: 5432,
        database: 'db',
        params: {},
      },
    ],
  ])('%s', (url, expected) => {
    expect(parseUrl(url)).toEqual(expected)
  })

  it.each([
    ['p%40ss', 'p@ss'],
    ['a%3Ab', 'a:b'],
    ['a%2Fb', 'a/b'],
    ['100%25', '100%'],
    ['a%23b', 'a#b'],
    ['a%3Fb', 'a?b'],
    ['%40%3A%2F%25%23%3F', '@:/%#?'],
    ['caf%C3%A9', 'café'],
  ])('decodes the password %s', (encoded, password) => {
    const url = parseUrl(`postgres://app:${encoded}@db:5432/shop?sslmode=disable`)
    expect(url).toMatchObject({ user: 'app', password, host: 'db', database: 'shop' })
  })

  it.each([
    ['p@ss', 'p@ss'],
    ['a:b:c', 'a:b:c'],
    ['a/b', 'a/b'],
  ])('also reads a raw %s in the password (the user part ends at the last @)', (raw, password) => {
    expect(parseUrl(`mysql://root:${raw}@db/app`)).toMatchObject({
      user: 'root',
      password,
      host: 'db',
      database: 'app',
    })
  })

  it('keeps an empty password apart from no password', () => {
    expect(parseUrl('postgres://u:@h/d').password).toBe('')
    expect(parseUrl('postgres://u@h/d')).not.toHaveProperty('password')
  })

  it('reads a password without a user name', () => {
    expect(parseUrl('postgres://:pw@h/d')).toMatchObject({ password: 'pw' })
    expect(parseUrl('postgres://:pw@h/d')).not.toHaveProperty('user')
  })

  it('does not let a __proto__ query parameter touch the prototype', () => {
    const { params } = parseUrl('postgres://h/d?__proto__=x')
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(params, '__proto__')?.value).toBe('x')
  })
})

describe('parseUrl: file databases', () => {
  it.each<[string, string, 'sqlite' | 'pglite']>([
    ['sqlite:path/to/db.sqlite', 'path/to/db.sqlite', 'sqlite'],
    ['sqlite:./x.db', './x.db', 'sqlite'],
    ['sqlite:../up/x.db', '../up/x.db', 'sqlite'],
    ['sqlite:/abs/x.db', '/abs/x.db', 'sqlite'],
    // SQLAlchemy's style: the path is what follows the third slash.
    ['sqlite:///rel.db', 'rel.db', 'sqlite'],
    ['sqlite:///abs/x.db', 'abs/x.db', 'sqlite'],
    ['sqlite:////abs/x.db', '/abs/x.db', 'sqlite'],
    ['sqlite:my%20db.sqlite', 'my db.sqlite', 'sqlite'],
    ['sqlite::memory:', ':memory:', 'sqlite'],
    ['sqlite://:memory:', ':memory:', 'sqlite'],
    ['sqlite:///:memory:', ':memory:', 'sqlite'],
    ['pglite:./pgdata', './pgdata', 'pglite'],
    ['pglite:/var/lib/pgdata', '/var/lib/pgdata', 'pglite'],
    ['pglite:memory:', ':memory:', 'pglite'],
    ['pglite::memory:', ':memory:', 'pglite'],
    ['pglite://memory', ':memory:', 'pglite'],
    ['pglite:////abs/pgdata', '/abs/pgdata', 'pglite'],
  ])('%s', (url, path, dialect) => {
    expect(parseUrl(url)).toEqual({ dialect, driverScheme: dialect, path, params: {} })
  })

  it('reads query parameters after the path', () => {
    expect(parseUrl('sqlite:app.db?mode=ro&cache=shared')).toEqual({
      dialect: 'sqlite',
      driverScheme: 'sqlite',
      path: 'app.db',
      params: { mode: 'ro', cache: 'shared' },
    })
  })
})

describe('parseUrl: errors', () => {
  it.each([
    ['', /it is empty/],
    [
      'localhost:5432/db',
      /unsupported scheme 'localhost:'; supported: postgres:\/\/, postgresql:\/\/, mysql:\/\/, mariadb:\/\/, sqlite:, pglite:/,
    ],
    ['./app.db', /no scheme/],
    ['oracle://u@h/db', /unsupported scheme 'oracle:'/],
    ['postgres:h/db', /expected 'postgres:\/\/' followed by the host/],
    ['postgres://h:99999/db', /the port must be a number from 1 to 65535/],
    ['postgres://h:0/db', /the port must be a number/],
    ['postgres://h:/db', /the port must be a number/],
    ['postgres://::1/db', /IPv6 host must be written in brackets/],
    ['postgres://[::1/db', /no closing '\]'/],
    ['postgres://[nothost]/db', /is not an IPv6 address/],
    ['postgres://[::1]x/db', /unexpected text after/],
    ['postgres://h st/db', /the host 'h st' contains characters/],
    ['postgres://h/a/b', /contains '\/'/],
    ['postgres://u:p%zz@h/db', /the password has an invalid percent-escape/],
    ['postgres://u%zz@h/db', /the user name has an invalid percent-escape/],
    ['postgres://h/d%zz', /the database name has an invalid percent-escape/],
    ['postgres://h/d?x=%zz', /the value of query parameter 'x' has an invalid percent-escape/],
    ['postgres://h/d?=1', /a query parameter has no name/],
    ['sqlite:', /names no database file/],
    ['sqlite://', /names no database file/],
    ['sqlite:///', /names no database file/],
    ['sqlite://host/x.db', /is followed by a host/],
    ['pglite:', /names no database file/],
  ])('%j', (url, problem) => {
    const error = parseError(url)
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toMatch(problem)
  })

  it('hints at the scheme without a SQLAlchemy driver suffix', () => {
    const error = parseError('postgresql+psycopg2://u@h/db')
    expect(error.message).toMatch(/unsupported scheme 'postgresql\+psycopg2:'/)
    expect(error.hint).toBe("Drop the driver suffix: write 'postgresql://...'.")
  })

  it.each([
    'postgres://app:hunter2@h:notaport/db',
    'postgres://app:hunter2@h/a/b',
    'postgres://app:hunter2@[::1/db',
    'postgres://app:hunter2@h/db?x=%zz',
    'mysql://app:hunter2@h st/db',
    'postgres://app:hun#ter2@h/db',
    'postgres://app:hun?ter2@h/db',
    'postgres://app:hun ter2@h:1x/db',
    'oracle://app:hunter2@h/db',
  ])('masks the password in the message for %s', (url) => {
    const error = parseError(url)
    expect(error.message).toContain('***')
    expect(error.message).not.toMatch(/hunter2|hun.ter2|ter2/)
  })
})

describe('formatUrl', () => {
  it('writes a URL back', () => {
    expect(
      formatUrl({
        dialect: 'mysql',
        driverScheme: 'mariadb',
        host: '::1',
        port: 3307,
        user: 'root',
        password: 'a@b',
        database: 'shop',
        params: {},
      }),
    ).toBe('mariadb://root:a%40b@[::1]:3307/shop')
    expect(formatUrl(parseUrl('sqlite:///rel.db?mode=ro'))).toBe('sqlite:rel.db?mode=ro')
    expect(formatUrl(parseUrl('pglite://memory'))).toBe('pglite::memory:')
  })

  it.each([
    'postgres://app:%40%3A%2F%25%23%3F@db.example.com:6543/shop?sslmode=require',
    'postgresql://%2Fvar%2Frun%2Fpostgresql/shop',
    'mysql://[2001:db8::7]:3306/db',
    'mariadb://:pw@h/d',
    'postgres://u:@h',
    'sqlite:////var/lib/app.db',
    'sqlite:a%3Fb%23c%25d.db',
    'sqlite:memory%3A',
    'sqlite://///server/share/x.db',
    'pglite:./pgdata?x=1',
  ])('round-trips %s', (url) => {
    const parsed = parseUrl(url)
    expect(parseUrl(formatUrl(parsed))).toEqual(parsed)
  })

  it('round-trips any server URL (property)', () => {
    const text = fc.string({ minLength: 1, unit: 'binary' }).filter((s) => s.trim() === s)
    const server = fc.record(
      {
        dialect: fc.constantFrom('postgres' as const, 'mysql' as const),
        host: fc.oneof(fc.domain(), fc.ipV6()),
        port: fc.integer({ min: 1, max: 65535 }),
        user: text,
        password: fc.string({ unit: 'binary' }),
        database: text,
        params: fc.dictionary(fc.string({ minLength: 1 }), fc.string()),
      },
      { requiredKeys: ['dialect', 'host', 'port', 'params'] },
    )
    fc.assert(
      fc.property(server, (url) => {
        const value: DatabaseUrl = {
          ...url,
          driverScheme: url.dialect === 'postgres' ? 'postgresql' : 'mariadb',
          params: { ...url.params },
        }
        expect(parseUrl(formatUrl(value))).toEqual(value)
      }),
    )
  })

  it('round-trips any file path (property)', () => {
    const path = fc
      .string({ minLength: 1, unit: 'binary' })
      .filter((s) => s.trim() !== '' && s !== ':memory:')
    fc.assert(
      fc.property(path, fc.constantFrom('sqlite' as const, 'pglite' as const), (file, dialect) => {
        const value: DatabaseUrl = { dialect, driverScheme: dialect, path: file, params: {} }
        expect(parseUrl(formatUrl(value))).toEqual(value)
      }),
    )
  })
})
