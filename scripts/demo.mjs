// `npm run demo`: a guided tour in a throwaway folder, on the embedded SQLite default.
// Every line it prints is a real `stratum` command and its real output.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = join(dirname(dirname(fileURLToPath(import.meta.url))), 'bin', 'stratum')
const project = mkdtempSync(join(tmpdir(), 'stratum-demo-'))
const keep = process.argv.includes('--keep')

function stratum(...args) {
  console.log(`\n$ stratum ${args.map((a) => (/[\s>]/.test(a) ? `"${a}"` : a)).join(' ')}`)
  const env = { ...process.env }
  delete env.DATABASE_URL // the demo uses the config's SQLite fallback
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: project,
    encoding: 'utf8',
    env,
  })
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  if (result.status !== 0) throw new Error(`stratum ${args[0]} exited with ${result.status}`)
  return result.stdout
}

/** Writes a revision with `stratum revision`, then fills in its upgrade and downgrade. */
function revision(message, revId, upgrade, downgrade, ...flags) {
  const path = join(
    project,
    stratum('revision', '-m', message, '--rev-id', revId, ...flags, '-q').trim(),
  )
  const source = readFileSync(path, 'utf8')
    .replace('// Write the schema changes of this revision here, with op.', upgrade)
    .replace('// Undo the upgrade here, in reverse order.', downgrade)
  writeFileSync(path, source)
}

try {
  console.log(`A new project in ${project}`)
  stratum('init')
  revision(
    'create users table',
    'a1b2c3d4e5f6',
    `await op.createTable('users', [
    { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
    { name: 'name', type: 'text', nullable: false },
  ])`,
    `await op.dropTable('users')`,
  )
  revision(
    'add email to users',
    'b2c3d4e5f6a7',
    `await op.addColumn('users', { name: 'email', type: 'varchar(255)' })`,
    `await op.dropColumn('users', 'email')`,
  )
  // A teammate branched from the first revision at the same time.
  revision(
    'create orders table',
    'c3d4e5f6a7b8',
    `await op.createTable('orders', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'user_id', type: 'integer', references: { table: 'users', column: 'id' } },
  ])`,
    `await op.dropTable('orders')`,
    '--head',
    'a1b2c3d4e5f6',
    '--splice',
  )
  stratum('heads')
  stratum('merge', 'heads', '-m', 'merge users and orders', '--rev-id', 'd4e5f6a7b8c9')
  stratum('history')
  stratum('upgrade', 'head')
  stratum('current')
  stratum('downgrade', 'b2c3') // a merge has two parents, so name where to go
  stratum('status')
  stratum('upgrade', 'head')
  stratum('history', '--indicate-current')
  stratum('upgrade', 'base:a1b2c3d4e5f6', '--sql')
} finally {
  if (keep) console.log(`\nKept ${project}`)
  else rmSync(project, { recursive: true, force: true })
}
