// Issue 3's benchmark: Stratum running migrations next to psql (and sqlite3) running the
// same SQL, measured side by side in one run. Part of `npm run bench`; alone (after
// `npm run build`): `node bench/upgrade.mjs`.
//
// Needs: PostgreSQL on 127.0.0.1:5432, user postgres without a password (BENCH_PG_HOST,
// BENCH_PG_PORT, BENCH_PG_USER change that) with the right to create databases (a fresh
// one for every measured run, dropped after), `psql`, GNU time at
// /usr/bin/time for peak memory, and `sqlite3` for the SQLite section. What is missing is
// skipped with a note; a missed target is printed, never a failure of the process.
//
// What it measures (N = 1,000 revisions, each a table with six columns, a foreign key to
// the previous revision's table and an index: bench/upgrade-workload.mjs):
// 1. `upgrade head` from an empty database, per revision (Stratum's default vs
//    `psql -f` of `stratum upgrade head --sql`, which has BEGIN/COMMIT around each revision)
//    and in one transaction (`--transaction-mode all` vs `psql -1 -f` of the
//    `--transaction-mode none` script). Both run the same DDL and version-table statements
//    and a history row per revision (online, Stratum's row also says who ran it, checks
//    the version table and gets its duration in the next round trip). Medians of BENCH_UPGRADE_RUNS runs (default 3), interleaved
//    (the order alternates each round) so both share the machine's noise. Target: ≤ 1.15x.
// 2. `current` and `status`, cold processes (median of BENCH_COLD_RUNS, default 7), with
//    1,000 applied by `stratum upgrade` (target < 0.25 s), and with N = 100, 1,000, 5,000
//    applied by psql from the offline script (flat as N grows; the history table then
//    holds every revision's checksum, as after a real run, so `status` checks every
//    file; applying 5,000 this way takes about 11 s). `node -e ""` is the floor.
//    BENCH_SKIP_5000=1 leaves 5,000 out.
// 3. Peak memory (RSS) of every Stratum process: target under 90 MB.
// 4. `downgrade base` of the 1,000 tables per revision (Stratum's default) must succeed;
//    the one-transaction downgrade is shown for comparison (it holds a lock per dropped
//    object until it commits and can exhaust PostgreSQL's lock table, `out of shared
//    memory`, depending on max_locks_per_transaction and the catalog).
// 5. The same upgrade on SQLite against the sqlite3 CLI running the same script.
//
// BENCH_STRATUM_BIN runs another build of the CLI (to compare before and after a change);
// BENCH_SECTIONS=upgrade,read,downgrade,sqlite picks sections (default: all).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  bin,
  createDatabase,
  dropDatabase,
  hasTime,
  measure,
  pgQuery,
  pgServer,
  pgUrl,
  postgresVersion,
  psql,
  psqlArgs,
  root,
  stratum,
  work,
} from './postgres.mjs'
import { median, ms, seconds, table } from './report.mjs'
import { writeUpgradeProject } from './upgrade-workload.mjs'

const N = 1_000
const upgradeRuns = Number(process.env.BENCH_UPGRADE_RUNS ?? 3)
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 7)
const RATIO_TARGET = 1.15
const COLD_TARGET_MS = 250
const MEMORY_TARGET_MB = 90
const FLAT_TARGET = 1.2
const sections = new Set(
  (process.env.BENCH_SECTIONS ?? 'upgrade,read,downgrade,sqlite').split(',').map((s) => s.trim()),
)

const id = (index) => `r${String(index).padStart(11, '0')}`
const mb = (kilobytes) => (kilobytes === undefined ? 'n/a' : `${(kilobytes / 1024).toFixed(0)} MB`)
const verdict = (ok, target) => `${ok ? 'ok' : 'MISSED'} (${target})`

/** Checks that a database holds the workload's N tables and is at the last revision. */
function checkApplied(database, count) {
  const tables = pgQuery(
    database,
    "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'",
  )
  const version = pgQuery(database, 'SELECT version_num FROM stratum_version')
  if (Number(tables) !== count || version !== id(count - 1)) {
    return `expected ${count} tables at ${id(count - 1)}, found ${tables} at '${version}'`
  }
  return undefined
}

/** Writes the offline script for `project` (`upgrade head --sql` with extra flags) to a file. */
function writeScript(project, url, flags, file) {
  const result = stratum(['--url', url, 'upgrade', 'head', '--sql', ...flags], project)
  if (result.error) throw new Error(`stratum upgrade head --sql failed: ${result.error}`)
  writeFileSync(file, result.stdout)
  return file
}

/** 1. upgrade head: Stratum vs psql, both transaction modes. Returns the databases it kept. */
function upgradeSection(project) {
  const placeholder = pgUrl('placeholder')
  const perRevisionSql = writeScript(
    project,
    placeholder,
    [],
    join(work, 'upgrade-per-revision.sql'),
  )
  const noTransactionSql = writeScript(
    project,
    placeholder,
    ['--transaction-mode', 'none'],
    join(work, 'upgrade-none.sql'),
  )
  const modes = [
    {
      name: 'per revision',
      psql: ['-f', perRevisionSql],
      psqlLabel: 'psql -f (BEGIN/COMMIT per revision)',
      stratum: [],
    },
    {
      name: 'one transaction',
      psql: ['-1', '-f', noTransactionSql],
      psqlLabel: 'psql -1 -f',
      stratum: ['--transaction-mode', 'all'],
    },
  ]
  const kept = {}
  const results = modes.map(() => ({ psql: [], stratum: [], rss: [], psqlRss: [], errors: [] }))
  for (let round = 0; round < upgradeRuns; round++) {
    for (const [index, mode] of modes.entries()) {
      const result = results[index]
      const order = round % 2 === 0 ? ['psql', 'stratum'] : ['stratum', 'psql']
      for (const tool of order) {
        const database = createDatabase()
        const run =
          tool === 'psql'
            ? measure('psql', [...psqlArgs(database), '-v', 'ON_ERROR_STOP=1', ...mode.psql], {
                stdout: 'ignore',
              })
            : stratum(['--url', pgUrl(database), '-q', 'upgrade', 'head', ...mode.stratum], project)
        const problem = run.error ?? checkApplied(database, N)
        if (problem) result.errors.push(`${tool}: ${problem}`)
        else {
          result[tool].push(run.ms)
          if (tool === 'stratum') result.rss.push(run.rssKb)
          else result.psqlRss.push(run.rssKb)
        }
        const last = round === upgradeRuns - 1 && tool === 'stratum' && !problem
        if (last) kept[mode.name] = database
        else dropDatabase(database)
      }
    }
  }
  console.log(
    `upgrade head, ${N.toLocaleString('en')} revisions (a fresh database per run, median of ${upgradeRuns}, interleaved)`,
  )
  const rows = [
    ['mode', 'psql', 'stratum', 'stratum/psql', 'target', 'stratum peak RSS', 'psql ran'],
  ]
  for (const [index, mode] of modes.entries()) {
    const result = results[index]
    for (const error of result.errors) console.log(`  ${mode.name}: FAILED ${error}`)
    if (result.psql.length === 0 || result.stratum.length === 0) {
      rows.push([mode.name, 'n/a', 'n/a', 'n/a', 'MISSED (runs failed)', '', mode.psqlLabel])
      continue
    }
    const ratio = median(result.stratum) / median(result.psql)
    const peak = Math.max(...result.rss.filter(Boolean))
    rows.push([
      mode.name,
      seconds(median(result.psql)),
      seconds(median(result.stratum)),
      `${ratio.toFixed(2)}x`,
      verdict(ratio <= RATIO_TARGET, `≤ ${RATIO_TARGET}x`),
      `${mb(peak)} ${Number.isFinite(peak) ? verdict(peak / 1024 < MEMORY_TARGET_MB, `< ${MEMORY_TARGET_MB} MB`) : ''}`,
      mode.psqlLabel,
    ])
  }
  table(rows)
  return kept
}

/** Median cold time and peak RSS of `stratum <args>` in `project` (`node -e ""` without args). */
function cold(args, project) {
  const times = []
  const rss = []
  for (let i = 0; i < coldRuns; i++) {
    const run = args
      ? stratum(args, project, { stdout: 'ignore' })
      : measure(process.execPath, ['-e', ''], { cwd: project, stdout: 'ignore' })
    if (run.error) return { error: run.error }
    times.push(run.ms)
    rss.push(run.rssKb)
  }
  return { ms: median(times), rssKb: Math.max(...rss.filter(Boolean)) }
}

/** 2. and 3. current and status, cold, in each state (`count` marks the N series). */
function readSection(states) {
  console.log(`\ncurrent and status, cold processes (median of ${coldRuns})`)
  const floor = cold(undefined, work)
  const rows = [['state', 'current', 'status', 'target', 'peak RSS (max)', 'setup']]
  const series = []
  for (const { label, project, url, setup, count } of states) {
    const current = cold(['--url', url, 'current'], project)
    const status = cold(['--url', url, 'status'], project)
    if (current.error || status.error) {
      rows.push([label, 'failed', 'failed', current.error ?? status.error, '', setup])
      continue
    }
    const peak = Math.max(current.rssKb, status.rssKb)
    rows.push([
      label,
      ms(current.ms),
      ms(status.ms),
      verdict(Math.max(current.ms, status.ms) < COLD_TARGET_MS, `< ${COLD_TARGET_MS} ms`),
      `${mb(peak)} ${verdict(peak / 1024 < MEMORY_TARGET_MB, `< ${MEMORY_TARGET_MB} MB`)}`,
      setup,
    ])
    if (count !== undefined) series.push({ count, current: current.ms, status: status.ms })
  }
  rows.push(['node -e "" (process floor)', ms(floor.ms), '', '', mb(floor.rssKb), ''])
  table(rows)
  if (series.length < 2) return
  const [first, last] = [series[0], series.at(-1)]
  for (const name of ['current', 'status']) {
    const growth = last[name] / first[name]
    console.log(
      `${name}: ${growth.toFixed(2)}x from N = ${first.count.toLocaleString('en')} to ${last.count.toLocaleString('en')}, ${verdict(growth <= FLAT_TARGET, `flat: ≤ ${FLAT_TARGET}x`)}`,
    )
  }
}

/** A database at the head of an N-revision project, applied by psql from the offline script. */
function appliedWithPsql(count) {
  const project = join(work, `upgrade-${count}`)
  writeUpgradeProject(project, count, pgUrl('placeholder'))
  const database = createDatabase()
  const start = performance.now()
  const script = writeScript(project, pgUrl(database), [], join(work, `upgrade-${count}.sql`))
  const result = psql(database, ['-f', script])
  if (result.status !== 0) throw new Error(`psql failed: ${result.stderr.trim()}`)
  return { project, database, setupMs: performance.now() - start }
}

/** 4. downgrade base of the kept databases. */
function downgradeSection(project, kept) {
  console.log(`\ndowngrade base, ${N.toLocaleString('en')} tables`)
  const rows = [['mode', 'time', 'peak RSS', 'result']]
  for (const [name, flags, expectation] of [
    ['per revision (default)', [], 'must succeed'],
    ['one transaction (for comparison)', ['--transaction-mode', 'all'], 'informational'],
  ]) {
    const database = kept[name.startsWith('per') ? 'per revision' : 'one transaction']
    if (database === undefined) {
      rows.push([name, '', '', 'skipped: no upgraded database'])
      continue
    }
    const run = stratum(['--url', pgUrl(database), '-q', 'downgrade', 'base', ...flags], project)
    const left = run.error ? undefined : pgQuery(database, 'SELECT count(*) FROM stratum_version')
    const ok = !run.error && left === '0'
    const outcome = ok ? 'ok' : `failed: ${run.error ?? `${left} version rows left`}`
    rows.push([
      name,
      seconds(run.ms),
      mb(run.rssKb),
      expectation === 'must succeed' ? (ok ? 'ok' : `MISSED ${outcome}`) : outcome,
    ])
  }
  table(rows)
}

/** 5. SQLite: Stratum vs the sqlite3 CLI on the same scripts. */
function sqliteSection() {
  console.log(
    `\nSQLite: upgrade head, ${N.toLocaleString('en')} revisions (median of ${upgradeRuns})`,
  )
  if (spawnSync('sqlite3', ['-version']).error) {
    console.log('skipped: the sqlite3 CLI is not installed')
    return
  }
  const project = join(work, 'upgrade-sqlite')
  const file = join(work, 'upgrade-sqlite.db')
  const url = `sqlite:${file}`
  writeUpgradeProject(project, N, url)
  const modes = [
    { name: 'per revision', flags: [] },
    { name: 'one transaction', flags: ['--transaction-mode', 'all'] },
  ]
  const rows = [['mode', 'sqlite3', 'stratum', 'stratum/sqlite3', 'stratum peak RSS']]
  for (const mode of modes) {
    const script = writeScript(project, url, mode.flags, join(work, 'upgrade-sqlite.sql'))
    const times = { sqlite3: [], stratum: [] }
    const rss = []
    let error
    for (let round = 0; round < upgradeRuns && !error; round++) {
      for (const tool of round % 2 === 0 ? ['sqlite3', 'stratum'] : ['stratum', 'sqlite3']) {
        for (const suffix of ['', '-journal', '-wal', '-shm'])
          rmSync(file + suffix, { force: true })
        const run =
          tool === 'sqlite3'
            ? measure('sqlite3', ['-bail', file, `.read ${script}`], { stdout: 'ignore' })
            : stratum(['-q', 'upgrade', 'head', ...mode.flags], project)
        if (run.error) {
          error = `${tool}: ${run.error}`
          break
        }
        times[tool].push(run.ms)
        if (tool === 'stratum') rss.push(run.rssKb)
      }
    }
    if (error) {
      rows.push([mode.name, '', '', `failed: ${error}`, ''])
      continue
    }
    const ratio = median(times.stratum) / median(times.sqlite3)
    rows.push([
      mode.name,
      seconds(median(times.sqlite3)),
      seconds(median(times.stratum)),
      `${ratio.toFixed(2)}x`,
      mb(Math.max(...rss.filter(Boolean))),
    ])
  }
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  table(rows)
  console.log('(no target: shown to compare; SQLite statements are cheap, so start-up weighs more)')
}

/** Runs every section and prints its tables. Never throws for a missed target. */
export async function runUpgradeBench() {
  mkdirSync(work, { recursive: true })
  if (!existsSync(bin)) {
    console.log(`issue 3 benchmark skipped: ${bin} does not exist`)
    return
  }
  console.log(
    `Issue 3: migrations against real databases — ${bin === join(root, 'bin', 'stratum') ? 'bin/stratum' : bin}${hasTime ? '' : ' (no /usr/bin/time: no memory figures)'}\n`,
  )
  const server = postgresVersion()
  const created = []
  try {
    if (!server.ok) {
      console.log(`PostgreSQL sections skipped: ${server.reason}`)
    } else if (['upgrade', 'read', 'downgrade'].some((name) => sections.has(name))) {
      console.log(`PostgreSQL ${server.version} at ${pgServer.host}:${pgServer.port}\n`)
      const project = join(work, `upgrade-${N}`)
      writeUpgradeProject(project, N, pgUrl('placeholder'))
      const kept = sections.has('upgrade') ? upgradeSection(project) : {}
      created.push(...Object.values(kept))
      const states = []
      if (kept['per revision']) {
        states.push({
          label: `${N.toLocaleString('en')} applied by stratum upgrade`,
          project,
          url: pgUrl(kept['per revision']),
          setup: 'the last per-revision run',
        })
      }
      const counts = process.env.BENCH_SKIP_5000 === '1' ? [100, 1_000] : [100, 1_000, 5_000]
      for (const count of sections.has('read') ? counts : []) {
        const applied = appliedWithPsql(count)
        created.push(applied.database)
        states.push({
          label: `N = ${count.toLocaleString('en')} (psql applied the --sql script)`,
          project: applied.project,
          url: pgUrl(applied.database),
          setup: seconds(applied.setupMs),
          count,
        })
      }
      if (sections.has('read')) readSection(states)
      if (sections.has('downgrade')) downgradeSection(project, kept)
    }
  } catch (error) {
    console.log(`issue 3 benchmark stopped: ${error instanceof Error ? error.message : error}`)
  } finally {
    for (const database of created) dropDatabase(database)
  }
  try {
    if (sections.has('sqlite')) sqliteSection()
  } catch (error) {
    console.log(`SQLite section stopped: ${error instanceof Error ? error.message : error}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js')) && !process.env.BENCH_STRATUM_BIN) {
    console.error('bench: dist/ is missing; run `npm run build` first (npm run bench does).')
  } else {
    await runUpgradeBench()
  }
}
