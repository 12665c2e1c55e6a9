// The commands issue 6's peer benchmark times (bench/peers.mjs): process measurement, the
// throwaway PostgreSQL databases, and for every tool how it upgrades, downgrades and
// reports status. Every tool runs in its default transaction mode.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
export const work = join(root, 'bench', '.work')
export const bin = resolve(process.env.BENCH_STRATUM_BIN ?? join(root, 'bin', 'stratum'))
const binaries = join(root, 'node_modules', '.bin')
const kyselyScript = join(root, 'bench', 'peers-kysely.mjs')
const pg = {
  host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  port: process.env.BENCH_PG_PORT ?? '5432',
  user: process.env.BENCH_PG_USER ?? 'postgres',
}
const TIME = '/usr/bin/time'
export const hasTime = existsSync(TIME)

/** The URL of a database on the benchmark server (no password: trust or ~/.pgpass). */
export const pgUrl = (database) => `postgres://${pg.user}@${pg.host}:${pg.port}/${database}`
const psqlArgs = (database) => [
  '-X',
  '-q',
  '-h',
  pg.host,
  '-p',
  pg.port,
  '-U',
  pg.user,
  '-d',
  database,
]

/**
 * Runs a command, timed from spawn to exit, with its peak RSS (kilobytes) from GNU time.
 * Never throws: a failure comes back as `error`.
 *
 * @example measure('psql', ['--version']).ms
 */
export function measure(command, args, options = {}) {
  const rssFile = join(work, `rss-peers-${process.pid}`)
  const [file, argv] = hasTime
    ? [TIME, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, args]
  const start = process.hrtime.bigint()
  const result = spawnSync(file, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', options.stdout ?? 'ignore', 'pipe'],
  })
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6
  let rssKb
  if (hasTime && existsSync(rssFile)) {
    rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) || undefined
    rmSync(rssFile, { force: true })
  }
  const failed =
    result.error ?? (result.status !== 0 ? result.stderr || `exit ${result.status}` : '')
  return {
    ms: elapsedMs,
    rssKb,
    stdout: result.stdout ?? '',
    error: failed ? String(failed).trim().split('\n').slice(-3).join(' | ') : undefined,
  }
}

/** Runs one SQL statement with psql and returns its unaligned output; throws on failure. */
export function pgQuery(database, sql) {
  const result = spawnSync('psql', [...psqlArgs(database), '-v', 'ON_ERROR_STOP=1', '-tAc', sql], {
    encoding: 'utf8',
  })
  if (result.error) throw new Error(`psql: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`psql: ${result.stderr.trim()}`)
  return result.stdout.trim()
}

/** The server's version, or why it cannot be reached. */
export function postgresVersion() {
  try {
    return { ok: true, version: pgQuery('postgres', 'SHOW server_version') }
  } catch (error) {
    return { ok: false, reason: error.message.split('\n')[0] }
  }
}

let databaseCount = 0
/** Creates a throwaway database and returns its name. */
export function createDatabase() {
  const name = `stratum_peers_${process.pid}_${databaseCount++}`
  pgQuery('postgres', `CREATE DATABASE ${name}`)
  return name
}
/** Drops a throwaway database. */
export const dropDatabase = (name) => pgQuery('postgres', `DROP DATABASE IF EXISTS ${name}`)

/** How many of the workload's tables (`t_…`) a database holds. */
export const workloadTables = (database) =>
  Number(
    pgQuery(
      database,
      "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'",
    ),
  )

/** Stratum's CLI with some arguments, run in `cwd`. */
export const stratum = (args, cwd, options = {}) =>
  measure(process.execPath, [bin, ...args], { cwd, ...options })

/** Writes `stratum <args> --sql` output of a project to a file and returns the file. */
export function writeScript(project, args, file) {
  const result = stratum(['--url', pgUrl('placeholder'), ...args, '--sql'], project, {
    stdout: 'pipe',
  })
  if (result.error) throw new Error(`stratum ${args.join(' ')} --sql failed: ${result.error}`)
  writeFileSync(file, result.stdout)
  return file
}

const psqlFile = (database, flags, file) =>
  measure('psql', [...psqlArgs(database), '-v', 'ON_ERROR_STOP=1', ...flags, '-f', file])

/**
 * The tools of one workload size. `paths` holds the Stratum project, the peers' projects
 * (writePeerProjects) and the offline scripts (`upNone`, `upEach`, `downNone`, `downEach`).
 * `mode` is the transaction mode each runs in; `floor` names the psql row it is compared to.
 *
 * @example peerTools(paths).map((tool) => tool.name)
 */
export function peerTools(paths) {
  const env = (database) => ({ env: { DATABASE_URL: pgUrl(database) } })
  const knex = (database, args) =>
    measure(join(binaries, 'knex'), ['--knexfile', 'knexfile.cjs', ...args], {
      cwd: paths.knex,
      ...env(database),
    })
  const kysely = (database, command) =>
    measure(process.execPath, [kyselyScript, command, 'migrations'], {
      cwd: paths.kysely,
      ...env(database),
    })
  const nodePgMigrate = (database, args) =>
    measure(join(binaries, 'node-pg-migrate'), [...args, '-m', 'migrations'], {
      cwd: paths.nodePgMigrate,
      ...env(database),
    })
  const project = paths.stratum
  return [
    {
      name: 'psql -1 (floor)',
      mode: 'one transaction',
      up: (database) => psqlFile(database, ['-1'], paths.upNone),
      down: (database) => psqlFile(database, ['-1'], paths.downNone),
    },
    {
      name: 'psql (floor)',
      mode: 'per revision',
      up: (database) => psqlFile(database, [], paths.upEach),
      down: (database) => psqlFile(database, [], paths.downEach),
    },
    {
      name: 'stratum',
      mode: 'per revision',
      up: (database) => stratum(['--url', pgUrl(database), '-q', 'upgrade', 'head'], project),
      down: (database) => stratum(['--url', pgUrl(database), '-q', 'downgrade', 'base'], project),
      status: (database) => stratum(['--url', pgUrl(database), 'status'], project),
    },
    {
      name: 'stratum --transaction-mode all',
      mode: 'one transaction',
      up: (database) =>
        stratum(
          ['--url', pgUrl(database), '-q', 'upgrade', 'head', '--transaction-mode', 'all'],
          project,
        ),
      down: (database) =>
        stratum(
          ['--url', pgUrl(database), '-q', 'downgrade', 'base', '--transaction-mode', 'all'],
          project,
        ),
    },
    {
      name: 'knex migrate:latest',
      mode: 'one transaction',
      up: (database) => knex(database, ['migrate:latest']),
      down: (database) => knex(database, ['migrate:rollback', '--all']),
      status: (database) => knex(database, ['migrate:status']),
    },
    {
      name: 'kysely Migrator',
      mode: 'one transaction',
      up: (database) => kysely(database, 'up'),
      down: (database) => kysely(database, 'down'),
      status: (database) => kysely(database, 'status'),
    },
    {
      name: 'node-pg-migrate',
      mode: 'one transaction',
      up: (database) => nodePgMigrate(database, ['up']),
      down: (database) => nodePgMigrate(database, ['down', String(paths.count)]),
    },
  ]
}
