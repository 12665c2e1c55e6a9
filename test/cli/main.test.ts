// biome-ignore-all lint/suspicious/noTemplateCurlyInString: revision templates use ${name} placeholders
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.js'
import {
  type TempProject,
  tempProject,
  writeJsonConfig,
  writeRevisions,
} from '../commands/project.js'
import { Capture, runMain } from './run-main.js'

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version

describe('main: usage and errors', () => {
  let project: TempProject
  beforeEach(() => {
    project = tempProject()
  })
  afterEach(() => project.remove())
  const run = (...argv: string[]) => runMain(argv, { cwd: project.root })

  it('prints the version and help, exit 0', async () => {
    const version = await run('--version')
    expect(version).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' })
    const help = await run('--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('Usage: stratum')
    for (const command of ['init', 'revision', 'merge', 'heads', 'branches', 'history', 'show']) {
      expect(help.stdout).toContain(command)
    }
    const sub = await run('revision', '--help')
    expect(sub.code).toBe(0)
    expect(sub.stdout).toContain('--branch-label')
  })

  it.each([
    [['nope'], /^stratum: error: unknown command 'nope'/],
    [['heads', '--nope'], /^stratum: error: unknown option '--nope'/],
    [['show'], /^stratum: error: missing required argument 'rev'/],
    [['-x', 'novalue', 'heads'], /^stratum: error: option .* argument 'novalue' is invalid/],
    [['history', '-r', 'base'], /^stratum: error: History range 'base' has no ':'/],
    [['heads', 'extra'], /^stratum: error: too many arguments/],
  ])('%j is bad usage: exit 2, one line and a hint', async (argv, pattern) => {
    writeJsonConfig(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), [])
    const result = await run(...argv)
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toMatch(pattern)
    const lines = result.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toMatch(/^ {2}hint: /)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('stratum alone prints the help on stderr, exit 2', async () => {
    const result = await run()
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('Usage: stratum')
  })

  it('a missing config: exit 1, hint at init', async () => {
    const result = await run('heads')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^stratum: error: /)
    expect(result.stderr).toMatch(/hint: .*init/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })

  it('a config field of the wrong type: exit 1, names the field', async () => {
    writeJsonConfig(project.root, { versionTable: 42 })
    const result = await run('heads')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/^stratum: error: .*versionTable/)
  })

  it('--json errors: the line on stderr and a JSON document on stdout', async () => {
    const result = await run('heads', '--json')
    expect(result.code).toBe(1)
    const doc = JSON.parse(result.stdout) as { error: { code: string; message: string } }
    expect(doc.error.code).toBe('CONFIG_NOT_FOUND')
    expect(doc.error.message).toBe(result.stderr.split('\n')[0]?.replace('stratum: error: ', ''))
    const usage = await run('--json', 'nope')
    expect(usage.code).toBe(2)
    expect(JSON.parse(usage.stdout)).toMatchObject({ error: { code: 'USAGE' } })
  })

  it('masks the password of --url in every message', async () => {
    writeJsonConfig(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), [])
    const url = 'postgres://app:hunter2secret@localhost/app'
    const result = await run('--url', url, 'show', 'hunter2secret')
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('***')
    expect(result.stderr).not.toContain('hunter2secret')
    const verbose = await run('--url', url, '--verbose', 'show', 'hunter2secret')
    expect(verbose.stderr).not.toContain('hunter2secret')
  })

  it('--verbose prints the stack and the cause chain', async () => {
    writeJsonConfig(project.root, { versionTable: 42 })
    const result = await run('--verbose', 'heads')
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/\n\s+at /)
  })

  it('an unexpected error is an internal error with a hint to use --verbose', async () => {
    writeJsonConfig(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), [{ revision: 'a1' }])
    const stdout = {
      write(): boolean {
        throw new TypeError('stdout exploded')
      },
    }
    const stderr = new Capture()
    const code = await main(['heads'], { stdout, stderr, cwd: project.root, env: {} })
    expect(code).toBe(1)
    expect(stderr.text).toMatch(/^stratum: internal error: stdout exploded\n {2}hint: .*--verbose/)
  })
})

describe('main: colour', () => {
  let project: TempProject
  beforeEach(() => {
    project = tempProject()
    writeJsonConfig(project.root)
    writeRevisions(join(project.root, 'migrations', 'versions'), [{ revision: 'a1' }])
  })
  afterEach(() => project.remove())

  it('colours a terminal unless NO_COLOR is set; never pipes or --json', async () => {
    const tty = await runMain(['heads'], { cwd: project.root, tty: true })
    expect(tty.stdout).toContain('\u001b[')
    const noColor = await runMain(['heads'], {
      cwd: project.root,
      tty: true,
      env: { NO_COLOR: '1' },
    })
    expect(noColor.stdout).toBe('a1 (head)\n')
    const pipe = await runMain(['heads'], { cwd: project.root })
    expect(pipe.stdout).toBe('a1 (head)\n')
    const json = await runMain(['heads', '--json'], { cwd: project.root, tty: true })
    expect(json.stdout).not.toContain('\u001b[')
  })
})

describe('main: -x', () => {
  let project: TempProject
  beforeEach(() => {
    project = tempProject()
  })
  afterEach(() => project.remove())

  it('collects repeated -x key=value pairs for the template', async () => {
    const init = await runMain(['--config', 'stratum.config.json', 'init'], { cwd: project.root })
    expect(init.code).toBe(0)
    const template = join(project.root, 'migrations', 'script.ts.tmpl')
    writeFileSync(
      template,
      readFileSync(template, 'utf8').replace(
        ' * ${message}',
        ' * ${message} by ${x.who} (${x.ticket})',
      ),
    )
    const result = await runMain(
      ['-x', 'who=ada', '--x-arg', 'ticket=T-1=2', 'revision', '-m', 'first', '--quiet'],
      { cwd: project.root },
    )
    expect(result.code).toBe(0)
    const path = join(project.root, result.stdout.trim())
    expect(readFileSync(path, 'utf8')).toContain('first by ada (T-1=2)')
  })
})
