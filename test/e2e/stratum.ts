// Runs the built `bin/stratum` as a user would, in a given folder.
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../../bin/stratum', import.meta.url))

/** What one run of `bin/stratum` printed and returned. */
export interface RunResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Run `node bin/stratum ...args` in `cwd` (NO_COLOR set, DATABASE_URL unset). */
export function stratum(cwd: string, ...args: string[]): RunResult {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete env.DATABASE_URL
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Run and expect exit 0 with nothing on stderr; returns stdout. */
export function ok(cwd: string, ...args: string[]): string {
  const result = stratum(cwd, ...args)
  if (result.code !== 0 || result.stderr !== '') {
    throw new Error(
      `stratum ${args.join(' ')} exited ${result.code}:\n${result.stderr}${result.stdout}`,
    )
  }
  return result.stdout
}

/**
 * An error the way users must see it: the exit code, then one `stratum: error:` line and at
 * most a hint line on stderr, never a stack trace. Returns the first line.
 */
export function expectOneLineError(result: RunResult, code: number): string {
  const lines = result.stderr.trimEnd().split('\n')
  const problems: string[] = []
  if (result.code !== code) problems.push(`exit ${result.code}, expected ${code}`)
  if (!/^stratum: error: \S/.test(lines[0] ?? '')) problems.push('no "stratum: error:" line')
  if (lines.length > 2 || (lines.length === 2 && !/^ {2}hint: \S/.test(lines[1] ?? ''))) {
    problems.push('more than one error line and a hint')
  }
  if (/\n\s+at /.test(result.stderr)) problems.push('a stack trace')
  if (problems.length > 0) throw new Error(`${problems.join('; ')}:\n${result.stderr}`)
  return lines[0] ?? ''
}

/** Run `node bin/stratum ...args` in `cwd` without blocking (for runs at the same time). */
export function stratumAsync(cwd: string, ...args: string[]): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' }
  delete env.DATABASE_URL
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}
