/**
 * Scenario 7: the database cannot be reached or refuses us. A refused port, an unknown
 * host, a server that accepts the connection and never answers, a wrong password (MariaDB:
 * the PostgreSQL server here trusts every local user), a SQLite file in a missing folder:
 * one clean error line (and a hint) within the connect timeout, naming host, port and user,
 * never the password — in text and in `--json`.
 *
 * Related: test/dialects/{postgres,mysql}/connection.test.ts check the connect errors
 * through the API (and the timeout with a short `connectTimeoutMs`); this file checks the
 * CLI with its defaults.
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONNECT_DEFAULTS } from '../../src/dialects/postgres/connection.js'
import { expectOneLineError } from '../e2e/stratum.js'
import { dropTargets } from '../runtime/targets.js'
import { MYSQL_SERVER_URL } from '../support/databases.js'
import { createProject, type Project } from '../support/project.js'
import { DROP_TIMEOUT_MS, query, reliabilityTargets, runStratum, type TimedRun } from './support.js'

const { all, targets } = await reliabilityTargets('unreachable')
const mariadb = targets.find((target) => target.name === 'mariadb')!
const postgres = targets.find((target) => target.name === 'postgres')!
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

const CONNECT_TIMEOUT_MS = CONNECT_DEFAULTS.connectTimeoutMs
const PASSWORD = `pw-${randomBytes(6).toString('hex')}:@/%`
const encoded = encodeURIComponent(PASSWORD)

let project: Project
let silent: Server
let silentPort = 0
const sockets: Socket[] = []
beforeAll(async () => {
  project = await createProject({ url: 'sqlite::memory:', revisions: [{ id: 'a' }] })
  // Accepts connections and never says a word.
  silent = createServer((socket) => sockets.push(socket))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
  silentPort = (silent.address() as { port: number }).port
})
afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise((resolve) => silent.close(resolve))
  await project.remove()
})

/** `stratum --url URL ...args` in the project. */
const against = (url: string, ...args: string[]) => runStratum(project.dir, '--url', url, ...args)

/** One clean error line naming `names`, never the password, in text and in --json. */
function expectClean(run: TimedRun, names: readonly string[]): string {
  const line = expectOneLineError(run, 1)
  for (const name of names) expect(line).toContain(name)
  for (const output of [run.stdout, run.stderr]) {
    expect(output).not.toContain(PASSWORD)
    expect(output).not.toContain(encoded)
  }
  return line
}

async function expectCleanJson(url: string): Promise<void> {
  const run = await against(url, 'current', '--json')
  expect(run.code).toBe(1)
  const document = JSON.parse(run.stdout) as { error: { code: string; message: string } }
  expect(document.error.code).toBe('CONNECTION_FAILED')
  expect(run.stdout).not.toContain(PASSWORD)
  expect(run.stdout).not.toContain(encoded)
}

const server = (scheme: string, user: string, host: string, port: number) =>
  `${scheme}://${user}:${encoded}@${host}:${port}/app`

describe('unreachable databases', () => {
  it.concurrent.each([
    { name: 'postgres', scheme: 'postgres' },
    { name: 'mariadb', scheme: 'mysql' },
  ])('$name: a refused port and an unknown host fail at once', async ({ scheme }) => {
    const refused = server(scheme, 'deploy', '127.0.0.1', 1)
    for (const command of [['current'], ['upgrade', 'head']]) {
      const run = await against(refused, ...command)
      expectClean(run, ['127.0.0.1', ':1', 'deploy'])
      expect(run.ms).toBeLessThan(CONNECT_TIMEOUT_MS)
    }
    await expectCleanJson(refused)
    const unknown = await against(server(scheme, 'deploy', 'nonexistent.invalid', 5432), 'current')
    expectClean(unknown, ['nonexistent.invalid', 'deploy'])
    expect(unknown.ms).toBeLessThan(CONNECT_TIMEOUT_MS)
  })

  it.concurrent.each([
    { name: 'postgres', scheme: 'postgres' },
    { name: 'mariadb', scheme: 'mysql' },
  ])(
    '$name: a server that never answers gives up after the connect timeout',
    async ({ scheme }) => {
      // What a run that fails at once takes here: starting the CLI, on a busy machine too.
      const baseline = await against(server(scheme, 'deploy', '127.0.0.1', 1), 'current')
      const run = await against(server(scheme, 'deploy', '127.0.0.1', silentPort), 'current')
      expectClean(run, ['127.0.0.1', String(silentPort), 'deploy'])
      expect(run.ms).toBeGreaterThanOrEqual(CONNECT_TIMEOUT_MS - 100)
      expect(run.ms).toBeLessThan(CONNECT_TIMEOUT_MS + baseline.ms + 2000)
    },
    40_000,
  )

  it.concurrent('sqlite: a file in a folder that does not exist is named', async () => {
    const run = await against('sqlite:/nonexistent-folder-of-stratum/app.db', 'upgrade', 'head')
    expectClean(run, ['/nonexistent-folder-of-stratum/app.db'])
  })

  it.concurrent('mariadb: a wrong password names host, port and user, never the password', async () => {
    if (!mariadb.database.available) return
    const user = `stratum_rel_${randomBytes(3).toString('hex')}`
    const admin = mariadb.database.url
    await query(admin, `CREATE USER '${user}'@'%' IDENTIFIED BY 'the-right-one'`)
    await query(admin, `CREATE USER '${user}'@'localhost' IDENTIFIED BY 'the-right-one'`)
    try {
      const host = new URL(MYSQL_SERVER_URL)
      const url = `mysql://${user}:${encoded}@${host.hostname}:${host.port || 3306}/${mariadb.database.name}`
      const run = await against(url, 'upgrade', 'head')
      const line = expectClean(run, [host.hostname, String(host.port || 3306), user])
      expect(line).toMatch(/Access denied/)
      expect(run.ms).toBeLessThan(CONNECT_TIMEOUT_MS)
      await expectCleanJson(url)
    } finally {
      await query(admin, `DROP USER IF EXISTS '${user}'@'%'`)
      await query(admin, `DROP USER IF EXISTS '${user}'@'localhost'`)
    }
  })

  it.concurrent('postgres: the password of a URL that cannot connect is never shown', async () => {
    if (!postgres.database.available) return
    // The server trusts local users, so a wrong password cannot be refused here: a
    // database that does not exist makes the server refuse instead, after the password.
    const url = new URL(postgres.database.url)
    url.password = PASSWORD
    url.pathname = '/no_such_database_of_stratum'
    const run = await against(url.toString(), 'upgrade', 'head')
    expectClean(run, [url.hostname, url.port, 'postgres', 'no_such_database_of_stratum'])
  })
})
