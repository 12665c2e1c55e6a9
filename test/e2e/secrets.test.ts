// Passwords never reach stdout, stderr or the log file: through bin/stratum, on MariaDB (a
// throwaway user with a password, since MariaDB checks it) and PostgreSQL (trust auth here,
// so a wrong password still connects; a closed port is the failing case), with passwords
// holding `@ : / % # ?`, percent-encoded in the URL and raw where the URL parser takes them,
// in the config or with --url, for upgrade, current, status, downgrade, --json and --verbose.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import mysql from 'mysql2/promise'
import { afterAll, describe, expect, it } from 'vitest'
import type { StratumConfig } from '../../src/config/types.js'
import {
  MYSQL_SERVER_URL,
  mysqlDatabase,
  postgresDatabase,
  type TestDatabase,
} from '../support/databases.js'
import { createProject, type Project } from '../support/project.js'
import { type RunResult, stratum } from './stratum.js'

const LONG = 240_000

/** Every character the brief names, and fragments no output would otherwise hold. */
const PASSWORD = 'Kx9q@Vw2:Jm7/Pz%4#Hb?Yt'
/** Only `@ : /`: the URL parser takes it raw (the user information ends at the last `@`). */
const RAW_PASSWORD = 'Rw8@Nq3:Lk5/Gt6'
const WRONG_PASSWORD = 'Wq1@Zx2:Cv3/Bn%4#Mk?Lp'
/** A raw `?` alone: the parser then reads a port out of the password. */
const QUERY_PASSWORD = 'Qz7@Yw4:Ux5?Tv6'

/** The forms a password must not appear in: raw, percent-encoded (either case), and its pieces. */
function forms(password: string): string[] {
  const encoded = encodeURIComponent(password)
  const pieces = password.split(/[@:/]/).filter((piece) => piece.length >= 3)
  return [
    password,
    encoded,
    encoded.toLowerCase(),
    password.slice(password.indexOf('@') + 1),
    ...pieces,
  ]
}

const FORBIDDEN = [
  ...new Set([PASSWORD, RAW_PASSWORD, WRONG_PASSWORD, QUERY_PASSWORD].flatMap(forms)),
]

function expectNoSecret(where: string, text: string): void {
  for (const secret of FORBIDDEN) {
    if (text.includes(secret)) throw new Error(`${where} shows '${secret}':\n${text}`)
  }
}

const enc = encodeURIComponent

/** The commands each scenario runs (with the URL in the config, or as --url). */
const COMMANDS = [
  ['--verbose', 'upgrade'],
  ['--json', 'upgrade'],
  ['--verbose', 'current'],
  ['--json', 'current'],
  ['--verbose', 'status'],
  ['--json', 'status'],
  ['--verbose', '--json', 'downgrade', 'base'],
]

interface Scenario {
  readonly name: string
  readonly url: string
  /** Where the URL is given. */
  readonly via: 'config' | 'flag'
  /** What the commands do: connect and work, or fail with this error text. */
  readonly outcome: 'works' | RegExp
  readonly format: 'json' | 'pretty'
}

/** Runs every command of the scenario and checks stdout, stderr and the log file. */
async function runScenario(scenario: Scenario): Promise<RunResult[]> {
  const config: Partial<StratumConfig> = {
    logging: { file: 'logs/stratum.log', format: scenario.format },
  }
  const project: Project = await createProject({
    url: scenario.via === 'config' ? scenario.url : '',
    config: { ...config, versionTable: `sv_${randomBytes(3).toString('hex')}` },
    revisions: [{ id: 'a1', prefix: `s${randomBytes(3).toString('hex')}_`, message: 'add users' }],
  })
  const results: RunResult[] = []
  try {
    for (const argv of COMMANDS) {
      const args = scenario.via === 'flag' ? ['--url', scenario.url, ...argv] : argv
      const result = stratum(project.dir, ...args)
      const what = `${scenario.name}: stratum ${argv.join(' ')}`
      expectNoSecret(`${what} (stdout)`, result.stdout)
      expectNoSecret(`${what} (stderr)`, result.stderr)
      if (scenario.outcome === 'works') {
        expect(result.code, `${what}\n${result.stderr}`).toBe(0)
      } else {
        expect(result.code, what).toBe(1)
        expect(result.stderr).toMatch(scenario.outcome)
        if (argv.includes('--json')) {
          const document = JSON.parse(result.stdout) as { error: { message: string } }
          expect(document.error.message).toMatch(scenario.outcome)
        }
      }
      results.push(result)
    }
    const log = join(project.dir, 'logs', 'stratum.log')
    if (existsSync(log)) {
      const text = readFileSync(log, 'utf8')
      expectNoSecret(`${scenario.name}: the log file`, text)
      if (scenario.outcome === 'works') expect(text).toMatch(/:\*\*\*@/)
    }
    return results
  } finally {
    await project.remove()
  }
}

// --- MariaDB: a user that really has the password ---------------------------------------

const maria = await mysqlDatabase('e2e_secrets')
const USER = `stratum_s_${randomBytes(3).toString('hex')}`
const RAW_USER = `${USER}r`

async function asRoot(work: (connection: mysql.Connection) => Promise<void>): Promise<void> {
  const connection = await mysql.createConnection({ uri: MYSQL_SERVER_URL })
  try {
    await work(connection)
  } finally {
    await connection.end()
  }
}

if (maria.available) {
  await asRoot(async (root) => {
    for (const [user, password] of [
      [USER, PASSWORD],
      [RAW_USER, RAW_PASSWORD],
    ] as const) {
      await root.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password])
      await root.query(`GRANT ALL ON \`${maria.name}\`.* TO ?@?`, [user, '%'])
    }
  })
}

afterAll(async () => {
  if (maria.available) {
    await asRoot(async (root) => {
      for (const user of [USER, RAW_USER]) await root.query('DROP USER IF EXISTS ?@?', [user, '%'])
    })
  }
  await maria.drop()
})

/** A URL on the test server's host and port for `user` and the raw `password` text. */
function mariaUrl(database: TestDatabase, user: string, password: string): string {
  const server = new URL(MYSQL_SERVER_URL)
  return `mysql://${user}:${password}@${server.hostname}:${server.port || 3306}/${database.name}`
}

describe.skipIf(!maria.available)('secrets on MariaDB', () => {
  it(
    'the right password, percent-encoded, in the config and with --url (json log)',
    async () => {
      for (const via of ['config', 'flag'] as const) {
        await runScenario({
          name: `encoded via ${via}`,
          url: mariaUrl(maria, USER, enc(PASSWORD)),
          via,
          outcome: 'works',
          format: 'json',
        })
      }
    },
    LONG,
  )

  it(
    'the right password written raw (@ : / only), pretty log',
    async () => {
      await runScenario({
        name: 'raw',
        url: mariaUrl(maria, RAW_USER, RAW_PASSWORD),
        via: 'flag',
        outcome: 'works',
        format: 'pretty',
      })
    },
    LONG,
  )

  it(
    'a wrong password: access denied, in every output and the log',
    async () => {
      for (const via of ['config', 'flag'] as const) {
        await runScenario({
          name: `wrong via ${via}`,
          url: mariaUrl(maria, USER, enc(WRONG_PASSWORD)),
          via,
          outcome: /Access denied/,
          format: via === 'config' ? 'json' : 'pretty',
        })
      }
    },
    LONG,
  )

  it(
    'a password written raw with # and ? (the parser refuses the URL, and its message hides it)',
    async () => {
      for (const via of ['config', 'flag'] as const) {
        await runScenario({
          name: `raw # ? via ${via}`,
          url: mariaUrl(maria, USER, PASSWORD),
          via,
          outcome: /Invalid database URL/,
          format: 'json',
        })
      }
      // A raw `?` alone: the parser reads a port out of the password; still hidden.
      await runScenario({
        name: 'raw ? only',
        url: mariaUrl(maria, USER, QUERY_PASSWORD),
        via: 'flag',
        outcome: /Invalid database URL/,
        format: 'json',
      })
    },
    LONG,
  )
})

describe.skipIf(!maria.available)('a revision whose error quotes the URL', () => {
  it(
    'is masked on stderr, in --json, in the log and in the history table',
    async () => {
      const url = mariaUrl(maria, USER, enc(PASSWORD))
      const project = await createProject({
        url,
        config: { logging: { file: 'logs/stratum.log' }, versionTable: 'sq_version' },
        revisions: [
          {
            id: 'a1',
            prefix: 'sq_',
            // Live (it reads `db` first), so the failure is also recorded in the history table.
            upgrade: [
              'await db.selectNoFrom((eb) => eb.lit(1).as("one")).execute()',
              'throw new Error("cannot reach " + context.x.url + " (password " + context.x.password + ")")',
            ].join('\n  '),
          },
        ],
      })
      try {
        const x = ['-x', `url=${url}`, '-x', `password=${PASSWORD}`]
        for (const argv of [['upgrade'], ['--verbose', '--json', 'upgrade']]) {
          const result = stratum(project.dir, ...x, ...argv)
          expect(result.code).toBe(1)
          expect(result.stderr).toMatch(/cannot reach mysql:\/\/stratum_s_\w+:\*\*\*@/)
          expectNoSecret('stderr', result.stderr)
          expectNoSecret('stdout', result.stdout)
        }
        expectNoSecret('the log', readFileSync(join(project.dir, 'logs', 'stratum.log'), 'utf8'))
        await asRoot(async (root) => {
          const [rows] = await root.query(
            `SELECT error FROM \`${maria.name}\`.sq_version_history WHERE revision = 'a1'`,
          )
          const errors = (rows as { error: string }[]).map((row) => row.error)
          expect(errors.length).toBeGreaterThan(0)
          for (const error of errors) expectNoSecret('the history table', error)
        })
      } finally {
        await project.remove()
      }
    },
    LONG,
  )
})

// --- PostgreSQL: trust auth, so any password connects -----------------------------------

const pg = await postgresDatabase('e2e_secrets')
afterAll(() => pg.drop())

function pgUrl(password: string, port?: number): string {
  const url = new URL(pg.url)
  return `postgres://${url.username || 'postgres'}:${password}@${url.hostname}:${port ?? (url.port || 5432)}${url.pathname}`
}

describe.skipIf(!pg.available)('secrets on PostgreSQL', () => {
  it(
    'a password with every special character connects (trust) and shows nowhere',
    async () => {
      for (const [via, password] of [
        ['config', enc(PASSWORD)],
        ['flag', enc(WRONG_PASSWORD)],
        ['flag', RAW_PASSWORD],
      ] as const) {
        await runScenario({
          name: `pg ${via} ${password}`,
          url: pgUrl(password),
          via,
          outcome: 'works',
          format: 'json',
        })
      }
    },
    LONG,
  )

  it(
    'a closed port: connection refused, password hidden',
    async () => {
      for (const via of ['config', 'flag'] as const) {
        await runScenario({
          name: `pg closed port via ${via}`,
          url: pgUrl(enc(PASSWORD), 9),
          via,
          outcome: /ECONNREFUSED/,
          format: 'pretty',
        })
      }
    },
    LONG,
  )
})
