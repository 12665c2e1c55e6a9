// What every benchmark section shares: where the work folder and the CLI are, timing a
// process with its peak memory, and the throwaway databases on the PostgreSQL server
// (BENCH_PG_HOST, BENCH_PG_PORT, BENCH_PG_USER; no password: trust or ~/.pgpass).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = dirname(dirname(fileURLToPath(import.meta.url)))
export const work = join(root, 'bench', '.work')
/** The CLI under test; BENCH_STRATUM_BIN runs another build (to compare before and after). */
export const bin = resolve(process.env.BENCH_STRATUM_BIN ?? join(root, 'bin', 'stratum'))
export const pgServer = {
  host: process.env.BENCH_PG_HOST ?? '127.0.0.1',
  port: process.env.BENCH_PG_PORT ?? '5432',
  user: process.env.BENCH_PG_USER ?? 'postgres',
}
const TIME = '/usr/bin/time'
export const hasTime = existsSync(TIME)

/** The URL of a database on the benchmark server. */
export const pgUrl = (database) =>
  `postgres://${pgServer.user}@${pgServer.host}:${pgServer.port}/${database}`

/** psql's connection arguments for `database`. */
export const psqlArgs = (database) => [
  '-X',
  '-q',
  '-h',
  pgServer.host,
  '-p',
  pgServer.port,
  '-U',
  pgServer.user,
  '-d',
  database,
]

/**
 * Runs a command, timed from spawn to exit, with its peak RSS (kilobytes) from GNU time.
 * Never throws: a failure comes back as `error`. `stdout` is piped unless told otherwise.
 *
 * @example measure('psql', ['--version']).ms
 */
export function measure(command, args, options = {}) {
  const rssFile = join(work, `rss-${process.pid}`)
  const [file, argv] = hasTime
    ? [TIME, ['-f', '%M', '-o', rssFile, command, ...args]]
    : [command, args]
  const start = process.hrtime.bigint()
  const result = spawnSync(file, argv, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
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

/** Stratum's CLI with some arguments, run in `cwd`. */
export const stratum = (args, cwd, options = {}) =>
  measure(process.execPath, [bin, ...args], { cwd, ...options })

/** psql with ON_ERROR_STOP on `database`; the spawnSync result. */
export function psql(database, args) {
  return spawnSync('psql', [...psqlArgs(database), '-v', 'ON_ERROR_STOP=1', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

/** Runs one SQL statement with psql and returns its unaligned output; throws on failure. */
export function pgQuery(database, sql) {
  const result = psql(database, ['-tA', '-c', sql])
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
export function createDatabase(prefix = 'stratum_bench') {
  const name = `${prefix}_${process.pid}_${databaseCount++}`
  pgQuery('postgres', `CREATE DATABASE ${name}`)
  return name
}

/** Drops a throwaway database; never throws (a failure is the next run's leftover). */
export const dropDatabase = (name) => psql('postgres', ['-c', `DROP DATABASE IF EXISTS ${name}`])
