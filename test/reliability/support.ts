/**
 * Shared by the reliability suite: the three databases it attacks (PostgreSQL, MariaDB,
 * SQLite), the built CLI started as a child process that can be timed and killed, and
 * questions asked of the servers behind Stratum's back (who holds the lock, is a session
 * still there, what the tables hold).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseUrl } from '../../src/config/url.js'
import type { LockHolder, LockScope } from '../../src/dialects/dialect.js'
import { lockScopeFor } from '../../src/runtime/session.js'
import { stateTables } from '../../src/runtime/tables.js'
import type { RunResult } from '../e2e/stratum.js'
import { createTargets, type Target, withConnection } from '../runtime/targets.js'

const BIN = fileURLToPath(new URL('../../bin/stratum', import.meta.url))

/** How long `afterAll` may take to drop a file's databases (a busy server is slow at it). */
export const DROP_TIMEOUT_MS = 60_000

/** The line the CLI prints on stderr when it starts waiting for the migration lock. */
export const WAITING = 'Waiting for the migration lock'

/**
 * The targets of one test file: every database `createTargets` makes (drop them all in
 * `afterAll`) and the three the suite runs on (PGlite is one process's, so a second
 * process cannot reach it).
 *
 * @example
 * const { all, targets } = await reliabilityTargets('kill')
 * afterAll(() => dropTargets(all))
 */
export async function reliabilityTargets(
  prefix: string,
): Promise<{ all: Target[]; targets: Target[] }> {
  const all = await createTargets(prefix)
  return { all, targets: all.filter((target) => target.name !== 'pglite') }
}

/**
 * On SQLite, a database file of its own named `name`, next to the target's (dropped with
 * it); other targets as they are. Tests that run at the same time would otherwise measure
 * SQLite's single writer (and its busy timeout on a loaded machine), not Stratum.
 *
 * @example
 * const target = ownFile(shared, 'case-3')
 */
export function ownFile(target: Target, name: string): Target {
  if (target.name !== 'sqlite') return target
  const path = join(dirname(target.database.name), `${name}.db`)
  return { ...target, database: { ...target.database, url: `sqlite:${path}`, name: path } }
}

/** One run of `bin/stratum`, with its wall time. */
export interface TimedRun extends RunResult {
  /** From spawn to exit (milliseconds). */
  readonly ms: number
  /** From spawn to the first "Waiting for the migration lock" line; undefined if none. */
  readonly waitingAtMs: number | undefined
}

/** A `bin/stratum` process still running. */
export interface Running {
  readonly child: ChildProcess
  readonly done: Promise<TimedRun>
  /** What it printed so far. */
  output(): { stdout: string; stderr: string }
  /** `kill -9`, then wait for the exit. */
  kill(): Promise<void>
}

/**
 * Starts `node bin/stratum ...args` in `cwd` (NO_COLOR set, DATABASE_URL unset, `env` added).
 *
 * @example
 * const run = startStratum(dir, ['upgrade', 'head'], { SLOW: '1' })
 * await run.kill()
 */
export function startStratum(
  cwd: string,
  args: readonly string[],
  extraEnv: Record<string, string> = {},
): Running {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extraEnv }
  delete env.DATABASE_URL
  const started = performance.now()
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env })
  let stdout = ''
  let stderr = ''
  let waitingAtMs: number | undefined
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
    if (waitingAtMs === undefined && stderr.includes(WAITING)) {
      waitingAtMs = performance.now() - started
    }
  })
  const done = new Promise<TimedRun>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ code, stdout, stderr, ms: performance.now() - started, waitingAtMs }),
    )
  })
  return {
    child,
    done,
    output: () => ({ stdout, stderr }),
    async kill() {
      child.kill('SIGKILL')
      await done
    },
  }
}

/** Runs `bin/stratum` to its end without blocking the event loop. */
export function runStratum(cwd: string, ...args: string[]): Promise<TimedRun> {
  return startStratum(cwd, args).done
}

/**
 * Polls `condition` every `intervalMs` until it holds; throws naming `what` after `timeoutMs`.
 *
 * @example
 * await waitFor(() => existsSync(marker), { what: 'the marker file' })
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number; intervalMs?: number },
): Promise<number> {
  const started = performance.now()
  const deadline = started + (options.timeoutMs ?? 10_000)
  for (;;) {
    if (await condition()) return performance.now() - started
    if (performance.now() > deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs ?? 10_000} ms waiting for ${options.what}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50))
  }
}

/**
 * Like {@link waitFor}, for a condition a running CLI should bring about: fails at once,
 * with what it printed, if the run ends first.
 *
 * @example
 * await waitForRun(run, () => existsSync(marker), { what: 'revision b to start' })
 */
export async function waitForRun(
  run: Running,
  condition: () => boolean | Promise<boolean>,
  options: { what: string; timeoutMs?: number },
): Promise<number> {
  let ended: TimedRun | undefined
  void run.done.then((result) => {
    ended = result
  })
  const waited = waitFor(async () => {
    if (await condition()) return true
    if (ended !== undefined) {
      throw new Error(
        `the run ended (exit ${ended.code}) before ${options.what}:\n${ended.stderr}${ended.stdout}`,
      )
    }
    return false
  }, options)
  return waited.catch((error: Error) => {
    const { stdout, stderr } = run.output()
    throw new Error(`${error.message}\nThe run printed:\n${stderr}${stdout}`)
  })
}

/** Rows of one query on a fresh connection. */
export async function query(
  url: string,
  sql: string,
  parameters: readonly unknown[] = [],
): Promise<readonly Record<string, unknown>[]> {
  return withConnection(url, async (connection) => (await connection.query(sql, parameters)).rows)
}

/** The migration lock's scope for a version table of `url`'s database. */
export function lockScope(url: string, versionTable: string): LockScope {
  return lockScopeFor(parseUrl(url), stateTables({ versionTable, versionTableSchema: undefined }))
}

/** Who holds the migration lock of `versionTable`, asked on a fresh connection. */
export function lockHolder(url: string, versionTable: string): Promise<LockHolder | undefined> {
  return withConnection(url, (connection) => connection.lockHolder(lockScope(url, versionTable)))
}

/** Whether the server still has session `pid` (PostgreSQL backend pid, MariaDB connection id). */
export async function sessionExists(target: Target, pid: number | string): Promise<boolean> {
  const sql =
    target.name === 'mariadb'
      ? 'SELECT ID FROM information_schema.PROCESSLIST WHERE ID = ?'
      : 'SELECT pid FROM pg_stat_activity WHERE pid = $1'
  return (await query(target.database.url, sql, [Number(pid)])).length > 0
}

/** Ends session `pid` from the server side (`pg_terminate_backend`, `KILL`). */
export async function terminateSession(target: Target, pid: number | string): Promise<void> {
  if (target.name === 'mariadb') await query(target.database.url, `KILL ${Number(pid)}`)
  else await query(target.database.url, 'SELECT pg_terminate_backend($1)', [Number(pid)])
}

/**
 * Whether another session of this database is running a statement that starts with
 * (MariaDB) or contains (PostgreSQL, which shows the whole batch) `fragment`.
 */
export async function statementRunning(target: Target, fragment: string): Promise<boolean> {
  const sql =
    target.name === 'mariadb'
      ? 'SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID() AND INFO LIKE ?'
      : "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE $1"
  const pattern = target.name === 'mariadb' ? `${fragment}%` : `%${fragment}%`
  return (await query(target.database.url, sql, [pattern])).length > 0
}

/** A statement that sleeps on the server; undefined on SQLite (which has none). */
export function serverSleep(target: Target, seconds: number): string | undefined {
  if (target.name === 'postgres') return `SELECT pg_sleep(${seconds})`
  if (target.name === 'mariadb') return `SELECT SLEEP(${seconds})`
  return undefined
}

/** The query that lists the tables of the database (column `name`). */
export function tablesSql(target: Target): string {
  if (target.name === 'sqlite') return "SELECT name FROM sqlite_master WHERE type = 'table'"
  return target.name === 'mariadb'
    ? 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()'
    : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
}

/** The tables of the database, sorted. */
export async function tableNames(target: Target): Promise<string[]> {
  return (await query(target.database.url, tablesSql(target))).map((row) => String(row.name)).sort()
}

/**
 * Everything Stratum may change, to compare before and after: the tables (those starting
 * with `prefix` when given, and the state tables), the version rows and the whole history
 * table (when they exist).
 *
 * @example
 * const before = await snapshot(target, 'v_one')
 * expect(await snapshot(target, 'v_one')).toEqual(before)
 */
export async function snapshot(
  target: Target,
  versionTable: string,
  prefix?: string,
): Promise<unknown> {
  const history = versionTable === 'stratum_version' ? 'stratum_history' : `${versionTable}_history`
  const tables = (await tableNames(target)).filter(
    (table) =>
      prefix === undefined ||
      table.startsWith(prefix) ||
      table === versionTable ||
      table === history,
  )
  const read = async (table: string, order: string) =>
    tables.includes(table)
      ? (await query(target.database.url, `SELECT * FROM ${table} ORDER BY ${order}`)).map((row) =>
          JSON.stringify(row),
        )
      : null
  return {
    tables,
    versions: await read(versionTable, 'version_num'),
    history: await read(history, 'id'),
  }
}

/** The version rows of `versionTable`, sorted; `[]` when the table is missing. */
export async function versionRows(target: Target, versionTable: string): Promise<string[]> {
  if (!(await tableNames(target)).includes(versionTable)) return []
  return (await query(target.database.url, `SELECT version_num AS v FROM ${versionTable}`))
    .map((row) => String(row.v))
    .sort()
}

/** How many times each revision wrote its name into a counter table. */
export async function counts(target: Target, table: string): Promise<Record<string, number>> {
  const rows = await query(
    target.database.url,
    `SELECT revision, COUNT(*) AS n FROM ${table} GROUP BY revision ORDER BY revision`,
  )
  return Object.fromEntries(rows.map((row) => [String(row.revision), Number(row.n)]))
}

/**
 * `node:fs` inside a revision's code without an import: a revision that imports nothing but
 * Stratum's types loads on the fast path, where an import would cost a jiti load (seconds on
 * a busy machine, enough to upset the timing of a scenario).
 */
export const FS = "process.getBuiltinModule('node:fs')"

/** A stack trace's line, as Node prints it. */
export const STACK_LINE = /\n\s+at /
