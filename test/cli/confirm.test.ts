// Confirmation of destructive commands in a protected environment, answered on a terminal.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import { createProject } from '../support/project.js'
import { Capture } from './run-main.js'

const dataDir = mkdtempSync(join(tmpdir(), 'stratum-confirm-'))
const project = await createProject({
  url: `sqlite:${join(dataDir, 'app.db')}`,
  revisions: [{ id: 'a1' }, { id: 'a2', down: 'a1' }],
  config: { environments: { production: { protected: true } } },
})
afterAll(async () => {
  await project.remove()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Run the CLI with a terminal on stdin that answers `answer`. */
async function answered(argv: string[], answer: string | undefined) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true })
  const stdout = new Capture()
  const stderr = new Capture()
  const running = main(argv, { stdin, stdout, stderr, cwd: project.dir, env: { NO_COLOR: '1' } })
  if (answer === undefined) stdin.end()
  else stdin.write(answer)
  return { code: await running, stdout: stdout.text, stderr: stderr.text }
}

async function current(): Promise<string[]> {
  const stdout = new Capture()
  await main(['current', '--json'], { stdout, stderr: new Capture(), cwd: project.dir, env: {} })
  return (JSON.parse(stdout.text) as { revision: string }[]).map((row) => row.revision)
}

describe('a protected environment', () => {
  it('asks before a downgrade and stops on no', async () => {
    expect((await answered(['upgrade'], undefined)).code).toBe(0)
    for (const answer of ['n\n', '\n', 'whatever\n', undefined]) {
      const result = await answered(['--env', 'production', 'downgrade', '-1'], answer)
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        "The environment 'production' is protected: downgrade to -1? [y/N] ",
      )
      expect(result.stderr).toContain('Cancelled: nothing was changed')
      expect(await current()).toEqual(['a2'])
    }
  })

  it('goes on after yes', async () => {
    const result = await answered(['--env', 'production', 'downgrade', '-1'], 'YES\n')
    expect(result.code).toBe(0)
    expect(await current()).toEqual(['a1'])
  })

  it('asks before stamp --purge, not before a plain stamp', async () => {
    const refused = await answered(['--env', 'production', 'stamp', '--purge', 'a2'], 'n\n')
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('empty the version table and stamp a2?')
    expect(await current()).toEqual(['a1'])
    expect((await answered(['--env', 'production', 'stamp', 'a2'], undefined)).code).toBe(0)
    expect(await current()).toEqual(['a2'])
  })

  it('does not ask outside the protected environment', async () => {
    expect((await answered(['stamp', 'a1'], undefined)).code).toBe(0)
    expect((await answered(['upgrade'], undefined)).code).toBe(0)
    const result = await answered(['downgrade', '-1'], undefined)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(await current()).toEqual(['a1'])
  })
})
