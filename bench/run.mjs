// Stratum's benchmark: `npm run bench`. Prints medians and ratios from one run; it is
// never a timed test. Targets come from the issues and are reported, not asserted.
// Sections: the revision graph (cold commands over 10,000 files, planning growth), then
// issue 3's runs against PostgreSQL and SQLite (bench/upgrade.mjs, which documents its
// requirements and settings; `node bench/upgrade.mjs` runs it alone), then issue 4's
// autogenerate against PostgreSQL (bench/autogenerate.mjs; alone: `node bench/autogenerate.mjs`),
// then issue 6's side-by-side run against the peers (bench/peers.mjs; alone: `node bench/peers.mjs`).
// bench/README.md lists the workloads and the latest figures.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runAutogenerateBench } from './autogenerate.mjs'
import { generateGraph, writeProject } from './graph-workload.mjs'
import { runPeersBench } from './peers.mjs'
import { median, ms, table } from './report.mjs'
import { runUpgradeBench } from './upgrade.mjs'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const work = join(root, 'bench', '.work')
const bin = join(root, 'bin', 'stratum')
const runs = Number(process.env.BENCH_RUNS ?? 7)

function timeCommand(args, cwd) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    const result = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 })
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6
    if (result.status !== 0) {
      throw new Error(`${args.join(' ')} failed (${result.status}): ${result.stderr}`)
    }
    times.push(elapsed)
  }
  return median(times)
}

function timeInProcess(fn) {
  const times = []
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint()
    fn()
    times.push(Number(process.hrtime.bigint() - start) / 1e6)
  }
  return median(times)
}

if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first (npm run bench does).')
  process.exit(1)
}
console.log(
  `Stratum benchmark — node ${process.version}, ${cpus().length} cores, median of ${runs} runs\n`,
)

// 1. Cold start over 10,000 revision files: the target is under 1 s each.
const project = join(work, 'graph-10000')
const revisions = 10_000
writeProject(project, revisions)
const nodeFloor = timeCommand(['-e', ''], project)
const coldRows = [['command (10,000 revisions, cold process)', 'median', 'vs node -e ""', 'target']]
for (const command of [
  ['heads'],
  ['history'],
  ['branches'],
  ['heads', '--json'],
  ['history', '--json'],
]) {
  const time = timeCommand([bin, ...command], project)
  const verdict = time < 1000 ? 'ok (< 1 s)' : 'MISSED (< 1 s)'
  coldRows.push([
    `stratum ${command.join(' ')}`,
    ms(time),
    `${(time / nodeFloor).toFixed(1)}x`,
    verdict,
  ])
}
coldRows.push(['node -e "" (process floor)', ms(nodeFloor), '1.0x', ''])
table(coldRows)

// 2. Planning must grow linearly (or n log n): time per revision should stay flat as n doubles.
const { RevisionGraph, planUpgrade, planDowngrade, historyRange } = await import(
  join(root, 'dist', 'revision', 'index.js')
)
console.log('\nPlanning over generated graphs (in process)')
const scaleRows = [
  [
    'revisions',
    'build',
    'upgrade base→heads',
    'downgrade heads→base',
    'history',
    'µs/rev (all)',
    'growth vs n/2',
  ],
]
let previous
for (const size of [2_500, 5_000, 10_000, 20_000, 40_000]) {
  const metas = generateGraph(size)
  const build = timeInProcess(() => RevisionGraph.build(metas))
  const graph = RevisionGraph.build(metas)
  const heads = graph.heads()
  const up = timeInProcess(() => planUpgrade(graph, [], 'heads'))
  const down = timeInProcess(() => planDowngrade(graph, heads, 'base'))
  const history = timeInProcess(() => historyRange(graph, ':'))
  const total = build + up + down + history
  const growth = previous ? `${(total / previous).toFixed(2)}x` : ''
  scaleRows.push([
    size.toLocaleString('en'),
    ms(build),
    ms(up),
    ms(down),
    ms(history),
    ((total * 1000) / size).toFixed(2),
    growth,
  ])
  previous = total
}
table(scaleRows)
console.log(
  '\nLinear planning doubles its time when n doubles (growth ≈ 2x); quadratic would show ≈ 4x.',
)

// 3. Issue 3: running migrations against PostgreSQL (and SQLite) next to psql / sqlite3.
console.log('')
await runUpgradeBench()

// 4. Issue 4: autogenerate against PostgreSQL, 200 and 500 tables, empty and identical.
console.log('')
await runAutogenerateBench()

// 5. Issue 6: the same workloads through psql, sqlite3 and the peers (knex, Kysely, node-pg-migrate).
console.log('')
await runPeersBench()
