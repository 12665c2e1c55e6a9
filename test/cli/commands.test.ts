import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { commandName } from '../../src/cli/commands.js'
import { runMain } from './run-main.js'

/** The global options of `stratum` that matter here: some take a value, some do not. */
function program(): Command {
  return new Command('stratum')
    .option('-c, --config <path>')
    .option('--url <url>')
    .option('--db <name>')
    .option('--json')
    .option('-x, --x-arg <key=value>')
    .option('-q, --quiet')
}

describe('commandName', () => {
  it.each([
    [['status'], 'status'],
    [['--url', 'sqlite:app.db', 'upgrade', 'head'], 'upgrade'],
    [['--db', 'upgrade', 'status'], 'status'],
    [['-c', 'current', '--json', 'current'], 'current'],
    [['--url=sqlite:app.db', '-q', 'stamp', 'base'], 'stamp'],
    [['-xkey=value', 'history'], 'history'],
    [['-x', 'key=value', 'heads'], 'heads'],
    [['--', 'show'], 'show'],
    [['--json'], undefined],
    [[], undefined],
  ])('%j names %s', (argv, expected) => {
    expect(commandName(program(), argv)).toBe(expected)
  })
})

describe('loading only the command that runs', () => {
  it('a value of a global option that looks like a command is not taken for one', async () => {
    const result = await runMain(['--db', 'upgrade', 'heads'], { cwd: '/nonexistent' })
    // heads ran (and failed on the missing config), rather than 'upgrade' being registered alone.
    expect(result.stderr).not.toContain('unknown command')
    expect(result.stderr).toContain('No stratum.config.ts')
    expect(result.code).toBe(1)
  })

  it('an unknown command still gets a suggestion from every command', async () => {
    const result = await runMain(['upgrde'], { cwd: '/nonexistent' })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("unknown command 'upgrde' (Did you mean upgrade?)")
  })
})
