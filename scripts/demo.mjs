// `npm run demo`: a guided tour in a throwaway folder. Every line it prints is a real
// `stratum` command and its real output.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const bin = join(dirname(dirname(fileURLToPath(import.meta.url))), 'bin', 'stratum')
const project = mkdtempSync(join(tmpdir(), 'stratum-demo-'))
const keep = process.argv.includes('--keep')

function stratum(...args) {
  console.log(`\n$ stratum ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`)
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: project, encoding: 'utf8' })
  process.stdout.write(result.stdout)
  process.stderr.write(result.stderr)
  if (result.status !== 0) throw new Error(`stratum ${args[0]} exited with ${result.status}`)
  return result.stdout
}

try {
  console.log(`A new project in ${project}`)
  stratum('init')
  stratum('revision', '-m', 'create users table', '--rev-id', 'a1b2c3d4e5f6')
  stratum('revision', '-m', 'add email to users', '--rev-id', 'b2c3d4e5f6a7')
  // A teammate branched from the first revision at the same time.
  stratum(
    'revision',
    '-m',
    'create orders table',
    '--head',
    'a1b2c3d4e5f6',
    '--splice',
    '--rev-id',
    'c3d4e5f6a7b8',
  )
  stratum('heads')
  stratum('merge', 'heads', '-m', 'merge users and orders', '--rev-id', 'd4e5f6a7b8c9')
  stratum('history')
  stratum('branches')
  stratum('show', 'head')
} finally {
  if (keep) console.log(`\nKept ${project}`)
  else rmSync(project, { recursive: true, force: true })
}
