// Issue 4's benchmark: `stratum revision --autogenerate` end to end against PostgreSQL,
// as cold CLI processes, with the in-process split that locates a miss. Part of
// `npm run bench`; alone (after `npm run build`): `node bench/autogenerate.mjs`.
//
// Needs: PostgreSQL on 127.0.0.1:5432, user postgres without a password (BENCH_PG_HOST,
// BENCH_PG_PORT, BENCH_PG_USER change that) with the right to create databases (dropped
// after), and `psql`. Without them the benchmark is skipped with a note; a missed target
// is printed, never a failure of the process.
//
// The workload (bench/autogenerate-workload.mjs): one model module defining N tables of
// 10 columns, each with a foreign key and an index, importing from 'stratum' as a user
// writes it; N = 200 and 500 (issue 6's W4), BENCH_AUTOGEN_SIZES changes that. Two shapes
// of the foreign keys: `tree` (table i references table ⌊(i-1)/2⌋) and `chain` (table i
// references table i-1: the 500-long chain Alembic 1.8 crashes on with a RecursionError).
// For each size and shape, cold processes (median of BENCH_AUTOGEN_RUNS, default 5):
// (a) `revision --autogenerate -m x` against an empty database (must create N tables);
// (b) the same against an identical database, built by `upgrade head` of the revision (a)
//     wrote (must find no operation), and `check` there (must exit 0).
// Target: under 0.6 s each (Alembic 1.8: 2.9 s and 6.0 s on the same work). Each row
// also shows the CPU time (user + system) and peak RSS from GNU time (/usr/bin/time, when
// installed), and the footer `node -e ""` and the load average: on a busy machine the
// wall clock says more about the neighbours than about Stratum.
// Then the split (a fresh process per run, running the steps through dist/ in order):
// imports, config, model discovery, connect, introspection, compare, render.
//
// BENCH_STRATUM_BIN runs another build of the CLI (the split always uses this dist/).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { writeAutogenerateProject } from './autogenerate-workload.mjs'
import {
  bin,
  createDatabase,
  dropDatabase,
  hasTime,
  pgUrl,
  postgresVersion,
  root,
  work,
} from './postgres.mjs'
import { median, ms, table } from './report.mjs'

const dist = join(root, 'dist')
const runs = Number(process.env.BENCH_AUTOGEN_RUNS ?? 5)
const sizes = (process.env.BENCH_AUTOGEN_SIZES ?? '200,500').split(',').map(Number)
const shapes = ['tree', 'chain']
const TARGET_MS = 600
const verdict = (time) => (time < TARGET_MS ? 'ok (< 0.6 s)' : 'MISSED (< 0.6 s)')

const TIME = '/usr/bin/time'

/**
 * Runs a command, timed from spawn to exit, with its CPU time (user + system) and peak
 * RSS from GNU time when it is installed: CPU time suffers less than the wall clock from
 * other work on the machine.
 */
function measure(file, args, cwd) {
  const usage = join(work, `usage-${process.pid}`)
  const [command, argv] = hasTime
    ? [TIME, ['-f', '%U %S %M', '-o', usage, file, ...args]]
    : [file, args]
  const start = process.hrtime.bigint()
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  let cpuMs
  let rssKb
  if (hasTime && existsSync(usage)) {
    const [user, system, rss] = readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ')
    cpuMs = (Number(user) + Number(system)) * 1000
    rssKb = Number(rss)
    rmSync(usage, { force: true })
  }
  return { ...result, ms, cpuMs, rssKb }
}

/** One cold `stratum` process: its times, output, and the revision file it wrote (if any). */
function stratum(project, url, args) {
  const result = measure(process.execPath, [bin, '--url', url, ...args], project)
  const written = /^Generating (\S+) \.\.\. done$/m.exec(result.stdout ?? '')?.[1]
  return {
    ms: result.ms,
    cpuMs: result.cpuMs,
    rssKb: result.rssKb,
    status: result.status,
    stderr: result.stderr ?? '',
    file: written === undefined ? undefined : join(project, written),
    error: result.error,
  }
}

/** Medians of the runs' wall and CPU times, and the largest peak RSS. */
function summary(results) {
  const cpu = results.map((result) => result.cpuMs).filter((value) => value !== undefined)
  const rss = results.map((result) => result.rssKb).filter((value) => value !== undefined)
  return {
    ms: median(results.map((result) => result.ms)),
    cpuMs: cpu.length > 0 ? median(cpu) : undefined,
    rssKb: rss.length > 0 ? Math.max(...rss) : undefined,
  }
}

const operationCount = (source, name) => source.split(`await op.${name}(`).length - 1

/**
 * Times `revision --autogenerate` `runs` times; `expect` checks each written file (returns
 * a problem or undefined). Every file is removed after its run except the last when `keep`.
 */
function timeAutogenerate({ project, url, expect, keep }) {
  const results = []
  let kept
  for (let run = 0; run < runs; run++) {
    const result = stratum(project, url, ['revision', '--autogenerate', '-m', 'x'])
    if (result.status !== 0 || result.file === undefined) {
      const why = result.error ?? result.stderr.trim().split('\n').slice(-2).join(' | ')
      return { error: `exit ${result.status}: ${why}` }
    }
    const problem = expect(readFileSync(result.file, 'utf8'))
    if (keep && run === runs - 1 && !problem) kept = result.file
    else rmSync(result.file)
    if (problem) return { error: problem }
    results.push(result)
  }
  return { ...summary(results), file: kept }
}

function timeCheck(project, url) {
  const results = []
  for (let run = 0; run < runs; run++) {
    const result = stratum(project, url, ['check'])
    if (result.status !== 0) return { error: `check exited ${result.status}: ${result.stderr}` }
    results.push(result)
  }
  return summary(results)
}

/** The split: a fresh process per run (this file with --split), medians per step. */
function timeSplit(project, url) {
  const samples = []
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--split', project, url],
      { encoding: 'utf8', maxBuffer: 1 << 26 },
    )
    if (result.status !== 0) return { error: result.stderr.trim().split('\n').slice(-2).join(' ') }
    samples.push(JSON.parse(result.stdout))
  }
  const steps = Object.keys(samples[0])
  return Object.fromEntries(steps.map((step) => [step, median(samples.map((s) => s[step]))]))
}

const SPLIT_STEPS = ['boot', 'imports', 'config', 'models', 'connect', 'introspect', 'compare']

/** One size and shape: (a) empty, (b) identical, each end to end and split. */
function measureShape({ count, shape, template, rows, splitRows, created }) {
  const project = join(work, `autogenerate-${shape}-${count}`)
  writeAutogenerateProject({
    directory: project,
    count,
    shape,
    url: pgUrl('placeholder'),
    template,
  })
  const label = `${count} ${shape}`
  const empty = createDatabase('stratum_bench_autogen')
  created.push(empty)
  const createsAll = (source) => {
    const found = operationCount(source, 'createTable')
    return found === count ? undefined : `expected ${count} createTable, found ${found}`
  }
  const a = timeAutogenerate({ project, url: pgUrl(empty), expect: createsAll, keep: true })
  const row = (state, command, result) =>
    rows.push(
      result.error
        ? [label, state, command, 'failed', '', '', `MISSED: ${result.error}`]
        : [
            label,
            state,
            command,
            ms(result.ms),
            result.cpuMs === undefined ? 'n/a' : ms(result.cpuMs),
            result.rssKb === undefined ? 'n/a' : `${(result.rssKb / 1024).toFixed(0)} MB`,
            verdict(result.ms),
          ],
    )
  row('empty', 'revision --autogenerate', a)
  const split = (state, url) => {
    const s = timeSplit(project, url)
    if (s.error) splitRows.push([label, state, `failed: ${s.error}`])
    else
      splitRows.push([
        label,
        state,
        ...[...SPLIT_STEPS, 'render'].map((k) => ms(s[k])),
        ms(s.total),
      ])
  }
  split('empty', pgUrl(empty))
  if (a.file === undefined) return
  const identical = createDatabase('stratum_bench_autogen')
  created.push(identical)
  const upgrade = stratum(project, pgUrl(identical), ['-q', 'upgrade', 'head'])
  if (upgrade.status !== 0) {
    rows.push([label, 'identical', 'upgrade head', 'failed', upgrade.stderr.trim()])
    return
  }
  const noOperations = (source) => {
    const found = source.split('await op.').length - 1
    return found === 0 ? undefined : `expected no operation, found ${found}`
  }
  row(
    'identical',
    'revision --autogenerate',
    timeAutogenerate({ project, url: pgUrl(identical), expect: noOperations, keep: false }),
  )
  row('identical', 'check', timeCheck(project, pgUrl(identical)))
  split('identical', pgUrl(identical))
  rmSync(a.file)
}

/** Runs every size and shape and prints the two tables. Never throws for a missed target. */
export async function runAutogenerateBench() {
  console.log(
    `Issue 4: autogenerate against PostgreSQL — ${bin === join(root, 'bin', 'stratum') ? 'bin/stratum' : bin}\n`,
  )
  if (!existsSync(bin)) {
    console.log(`skipped: ${bin} does not exist`)
    return
  }
  const server = postgresVersion()
  if (!server.ok) {
    console.log(`skipped: PostgreSQL is not reachable (${server.reason})`)
    return
  }
  const { DEFAULT_TEMPLATE: template } = await import(
    pathToFileURL(join(dist, 'script', 'template.js')).href
  )
  mkdirSync(work, { recursive: true })
  const floor = summary(Array.from({ length: runs }, () => measure(process.execPath, ['-e', ''])))
  const rows = [
    ['tables, shape', 'database', 'stratum …', 'median', 'CPU (user+sys)', 'peak RSS', 'target'],
  ]
  const splitRows = [
    ['tables, shape', 'database', 'node boot', ...SPLIT_STEPS.slice(1), 'render', 'total'],
  ]
  const created = []
  try {
    for (const count of sizes) {
      for (const shape of shapes) measureShape({ count, shape, template, rows, splitRows, created })
    }
  } catch (error) {
    console.log(`stopped: ${error instanceof Error ? error.message : error}`)
  } finally {
    for (const database of created) dropDatabase(database)
  }
  console.log(
    `PostgreSQL ${server.version}; cold processes, median of ${runs}; 10 columns, a foreign key and an index per table`,
  )
  table(rows)
  const load = loadavg().map((value) => value.toFixed(1))
  const floorCpu = floor.cpuMs === undefined ? '' : ` (CPU ${ms(floor.cpuMs)})`
  console.log(
    `node -e "" (process floor): ${ms(floor.ms)}${floorCpu}; load average ${load.join(' ')} (other work on the machine inflates every figure)\n`,
  )
  console.log(
    `Where the time goes (a fresh process per run, steps in order through dist/, median of ${runs})`,
  )
  table(splitRows)
  console.log(
    '(the CLI also reads the version table and the revision folder, and writes and re-reads the file)',
  )
}

/** The --split child: runs the steps in order and prints each step's milliseconds as JSON. */
async function split(project, url) {
  const times = { boot: performance.now() }
  let mark = performance.now()
  const step = (name) => {
    const now = performance.now()
    times[name] = now - mark
    mark = now
  }
  const load = (path) => import(pathToFileURL(join(dist, path)).href)
  const [
    { Migrator },
    models,
    { compareSchemas, renderRevisionBodies },
    { dialectFor },
    { parseUrl },
    { stateTables },
  ] = await Promise.all([
    load('runtime/migrator.js'),
    load('runtime/compare-models.js'),
    load('autogenerate/index.js'),
    load('dialects/registry.js'),
    load('config/url.js'),
    load('runtime/tables.js'),
  ])
  step('imports')
  const migrator = await Migrator.open({ cwd: project, url })
  const { config } = migrator
  step('config')
  const prepared = await models.prepareComparison(config)
  step('models')
  const parsed = parseUrl(url)
  const connection = await (await dialectFor(parsed)).connect(parsed)
  step('connect')
  const read = await models.readDatabaseSchema({ config, connection, tables: stateTables(config) })
  step('introspect')
  const comparison = await compareSchemas({
    target: prepared.target,
    current: read.current,
    dialect: connection.dialect,
    skipTable: read.skipTable,
    defaultSchema: read.defaultSchema,
  })
  step('compare')
  renderRevisionBodies(comparison)
  step('render')
  times.total = performance.now()
  await connection.close()
  await migrator.close()
  process.stdout.write(JSON.stringify(times))
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === '--split') {
    await split(process.argv[3], process.argv[4])
  } else if (!existsSync(join(dist, 'cli', 'main.js'))) {
    console.error('bench: dist/ is missing; run `npm run build` first (npm run bench does).')
  } else {
    await runAutogenerateBench()
  }
}
