// Issue 6's benchmark against peers: Stratum next to psql (the floor) and the TypeScript
// tools a team would pick instead — knex, Kysely's Migrator, node-pg-migrate — on the same
// generated workload, side by side in one run. Part of `npm run bench`; alone (after
// `npm run build`): `node bench/peers.mjs`. bench/README.md explains the workloads.
//
// Needs PostgreSQL (BENCH_PG_HOST/PORT/USER as bench/upgrade.mjs, a fresh database per
// measured run, dropped after), `psql`, the dev dependencies knex, node-pg-migrate and
// kysely (`npm ci`), GNU time at /usr/bin/time for peak memory and `sqlite3` for SQLite.
// Settings: BENCH_PEERS_RUNS_100 (default 3) and BENCH_PEERS_RUNS_1000 (default 2) runs of
// W1+W5 per tool, interleaved (the order rotates each round); BENCH_COLD_RUNS (default 5)
// for W2 and W3; BENCH_SECTIONS=peers,offline,peers-sqlite picks sections (default: all).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  bin,
  createDatabase,
  dropDatabase,
  hasTime,
  measure,
  peerTools,
  postgresVersion,
  stratum,
  work,
  workloadTables,
  writeScript,
} from './peers-tools.mjs'
import { writePeerProjects } from './peers-workload.mjs'
import { median, ms, seconds, table } from './report.mjs'
import { writeUpgradeProject } from './upgrade-workload.mjs'

const runsFor = {
  100: Number(process.env.BENCH_PEERS_RUNS_100 ?? 3),
  1000: Number(process.env.BENCH_PEERS_RUNS_1000 ?? 2),
}
const coldRuns = Number(process.env.BENCH_COLD_RUNS ?? 5)
const selected = process.env.BENCH_SECTIONS?.split(',').map((name) => name.trim())
const wants = (name) => selected === undefined || selected.includes(name)
const lastId = (count) => `r${String(count - 1).padStart(11, '0')}`
const mb = (kilobytes) => (kilobytes ? `${(kilobytes / 1024).toFixed(0)} MB` : 'n/a')
const LINEAR_LIMIT = 10
const OFFLINE_TARGET_MS = 350

/** Everything one workload size needs: Stratum's project, the peers' and the scripts. */
function prepare(count) {
  const directory = join(work, `peers-${count}`)
  const project = join(directory, 'stratum')
  writeUpgradeProject(project, count, 'postgres://placeholder')
  const script = (name, args) => writeScript(project, args, join(directory, `${name}.sql`))
  return {
    count,
    stratum: project,
    ...writePeerProjects(join(directory, 'peers'), count),
    upNone: script('up-none', ['upgrade', 'head', '--transaction-mode', 'none']),
    upEach: script('up-each', ['upgrade', 'head']),
    downNone: script('down-none', [
      'downgrade',
      `${lastId(count)}:base`,
      '--transaction-mode',
      'none',
    ]),
    downEach: script('down-each', ['downgrade', `${lastId(count)}:base`]),
  }
}

/** Median cold time of a status command on `database` (or `node -e ""` for the floor). */
function coldStatus(tool, database) {
  const times = []
  for (let run = 0; run < coldRuns; run++) {
    const result = tool ? tool.status(database) : measure(process.execPath, ['-e', ''])
    if (result.error) return { error: result.error }
    times.push(result.ms)
  }
  return { ms: median(times) }
}

/** W1, W2 and W5 for one size: every tool upgrades from empty, then downgrades all. */
function measureSize(paths, withStatus) {
  const tools = peerTools(paths)
  const results = tools.map(() => ({ up: [], down: [], rss: [], errors: [], status: undefined }))
  const rounds = runsFor[paths.count]
  for (let round = 0; round < rounds; round++) {
    for (let offset = 0; offset < tools.length; offset++) {
      const index = (offset + round) % tools.length
      const [tool, result] = [tools[index], results[index]]
      const database = createDatabase()
      try {
        const up = tool.up(database)
        const tables = up.error ? 0 : workloadTables(database)
        if (up.error || tables !== paths.count) {
          result.errors.push(`upgrade: ${up.error ?? `${tables} tables of ${paths.count}`}`)
          continue
        }
        result.up.push(up.ms)
        result.rss.push(up.rssKb)
        if (withStatus && tool.status && round === rounds - 1) {
          result.status = coldStatus(tool, database)
        }
        const down = tool.down(database)
        const left = down.error ? undefined : workloadTables(database)
        if (down.error || left !== 0)
          result.errors.push(`downgrade: ${down.error ?? `${left} tables left`}`)
        else result.down.push(down.ms)
      } finally {
        dropDatabase(database)
      }
    }
  }
  return tools.map((tool, index) => ({ ...tool, ...results[index] }))
}

const ratio = (value, floor) => (floor ? `${(value / floor).toFixed(2)}x` : '')
const floorOf = (rows, mode) => rows.find((row) => row.name.startsWith('psql') && row.mode === mode)

/** Prints W1 and W5 for one size: medians, ratios to the psql floor of the tool's mode. */
function printSize(count, rows) {
  const runs = runsFor[count]
  console.log(
    `\nW1 upgrade and W5 downgrade all, N = ${count.toLocaleString('en')} on PostgreSQL (fresh database per run, median of ${runs}, interleaved)`,
  )
  const lines = [
    [
      'tool',
      'transaction mode',
      'W1 upgrade',
      'vs floor',
      'W5 downgrade',
      'vs floor',
      'W1 peak RSS',
    ],
  ]
  for (const row of rows) {
    for (const error of row.errors) console.log(`  ${row.name}: FAILED ${error}`)
    const floor = floorOf(rows, row.mode)
    const up = row.up.length ? median(row.up) : undefined
    const down = row.down.length ? median(row.down) : undefined
    lines.push([
      row.name,
      row.mode,
      up === undefined ? 'failed' : seconds(up),
      up === undefined || !floor?.up.length ? '' : ratio(up, median(floor.up)),
      down === undefined ? 'failed' : seconds(down),
      down === undefined || !floor?.down.length ? '' : ratio(down, median(floor.down)),
      mb(Math.max(0, ...row.rss.filter(Boolean))),
    ])
  }
  table(lines)
}

/** W2: cold status with N applied, next to the Node start floor. */
function printStatus(count, rows) {
  console.log(
    `\nW2 status, cold process, ${count.toLocaleString('en')} applied (median of ${coldRuns})`,
  )
  const floor = coldStatus(undefined)
  const lines = [['tool', 'command', 'median', 'vs node -e ""']]
  const commands = {
    stratum: 'stratum status',
    'knex migrate:latest': 'knex migrate:status',
    'kysely Migrator': 'script: migrator.getMigrations()',
  }
  for (const row of rows) {
    if (row.name.startsWith('psql') || row.name.includes('transaction-mode')) continue
    if (!row.status) {
      const why = commands[row.name] ? 'not measured (upgrade failed)' : 'has no status command'
      lines.push([row.name.split(' ')[0], why, '', ''])
      continue
    }
    const time = row.status.error ? undefined : row.status.ms
    lines.push([
      row.name.split(' ')[0],
      commands[row.name],
      time === undefined ? `failed: ${row.status.error}` : ms(time),
      time === undefined ? '' : ratio(time, floor.ms),
    ])
  }
  lines.push(['node -e ""', '(process floor)', floor.error ? 'failed' : ms(floor.ms), '1.00x'])
  table(lines)
}

/** Stratum's growth from N = 100 to 1,000 (linear is 10x, less with start-up included). */
function printGrowth(small, large) {
  console.log('\nStratum growth from N = 100 to N = 1,000 (linear: ≤ 10x, start-up included)')
  const lines = [['tool', 'W1 growth', 'W5 growth', 'verdict']]
  for (const [index, row] of large.entries()) {
    const before = small[index]
    if (!row.up.length || !before.up.length || !row.down.length || !before.down.length) continue
    const up = median(row.up) / median(before.up)
    const down = median(row.down) / median(before.down)
    const linear = Math.max(up, down) <= LINEAR_LIMIT
    lines.push([
      row.name,
      `${up.toFixed(1)}x`,
      `${down.toFixed(1)}x`,
      linear ? 'ok (linear)' : 'MISSED (superlinear)',
    ])
  }
  table(lines)
}

/** W3: `stratum upgrade head --sql` for 1,000 revisions, cold. */
function offlineSection(paths) {
  const times = []
  for (let run = 0; run < coldRuns; run++) {
    const result = stratum(['upgrade', 'head', '--sql'], paths.stratum)
    if (result.error) {
      console.log(`\nW3 offline SQL failed: ${result.error}`)
      return
    }
    times.push(result.ms)
  }
  const time = median(times)
  console.log(
    `\nW3 offline SQL, stratum upgrade head --sql, ${paths.count.toLocaleString('en')} revisions, cold (median of ${coldRuns})`,
  )
  table([
    ['tool', 'median', 'target'],
    [
      'stratum',
      seconds(time),
      `${time <= OFFLINE_TARGET_MS ? 'ok' : 'MISSED'} (≤ ${seconds(OFFLINE_TARGET_MS)})`,
    ],
  ])
  console.log(
    '(the peers have no offline SQL mode: knex, Kysely and node-pg-migrate need a connection)',
  )
}

/** W1 on SQLite: Stratum (default, per revision) against sqlite3 running its script. */
function sqliteSection() {
  console.log('\nW1 on SQLite: stratum upgrade head vs sqlite3 running the same --sql script')
  if (spawnSync('sqlite3', ['-version']).error) {
    console.log('skipped: the sqlite3 CLI is not installed')
    return
  }
  const lines = [['N', 'sqlite3', 'stratum', 'stratum/sqlite3', 'runs']]
  for (const count of [100, 1_000]) {
    const project = join(work, `peers-sqlite-${count}`)
    const file = join(project, 'bench.db')
    writeUpgradeProject(project, count, `sqlite:${file}`)
    const script = join(project, 'upgrade.sql')
    const produced = stratum(['upgrade', 'head', '--sql'], project, { stdout: 'pipe' })
    if (produced.error) throw new Error(`stratum upgrade head --sql (SQLite): ${produced.error}`)
    rmSync(script, { force: true })
    spawnSync('sh', ['-c', 'cat > "$1"', 'sh', script], { input: produced.stdout })
    const times = { sqlite3: [], stratum: [] }
    const rounds = runsFor[count]
    for (let round = 0; round < rounds; round++) {
      for (const tool of round % 2 === 0 ? ['sqlite3', 'stratum'] : ['stratum', 'sqlite3']) {
        for (const suffix of ['', '-journal', '-wal', '-shm'])
          rmSync(file + suffix, { force: true })
        const run =
          tool === 'sqlite3'
            ? measure('sqlite3', ['-bail', file, `.read ${script}`])
            : stratum(['-q', 'upgrade', 'head'], project)
        if (run.error) throw new Error(`${tool} on SQLite, N = ${count}: ${run.error}`)
        times[tool].push(run.ms)
      }
    }
    const [floor, ours] = [median(times.sqlite3), median(times.stratum)]
    lines.push([
      count.toLocaleString('en'),
      seconds(floor),
      seconds(ours),
      ratio(ours, floor),
      String(rounds),
    ])
    rmSync(project, { recursive: true, force: true })
  }
  table(lines)
}

/** Runs the selected sections and prints their tables. Never throws for a missed target. */
export async function runPeersBench() {
  mkdirSync(work, { recursive: true })
  if (!existsSync(bin)) {
    console.log(`issue 6 peer benchmark skipped: ${bin} does not exist`)
    return
  }
  const wantsPostgres = wants('peers') || wants('offline')
  if (!wantsPostgres && !wants('peers-sqlite')) return
  console.log(
    `Issue 6: Stratum against its peers${hasTime ? '' : ' (no /usr/bin/time: no memory figures)'}`,
  )
  try {
    const server = postgresVersion()
    if (wantsPostgres && !server.ok) console.log(`PostgreSQL sections skipped: ${server.reason}`)
    if (wantsPostgres && server.ok) {
      console.log(`PostgreSQL ${server.version}; every tool in its default transaction mode`)
      const small = prepare(100)
      const large = prepare(1_000)
      if (wants('peers')) {
        const smallRows = measureSize(small, false)
        printSize(100, smallRows)
        const largeRows = measureSize(large, true)
        printSize(1_000, largeRows)
        printStatus(1_000, largeRows)
        printGrowth(
          smallRows.filter((row) => row.name.startsWith('stratum')),
          largeRows.filter((row) => row.name.startsWith('stratum')),
        )
      }
      if (wants('offline')) offlineSection(large)
    }
    if (wants('peers-sqlite')) sqliteSection()
  } catch (error) {
    console.log(`issue 6 peer benchmark stopped: ${error instanceof Error ? error.message : error}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runPeersBench()
