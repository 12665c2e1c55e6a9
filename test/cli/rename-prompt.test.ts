// The terminal prompt behind `revision --autogenerate`: one [y/N] question per candidate.
import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import type { RenameCandidate } from '../../src/autogenerate/index.js'
import { RenamePrompt, renameQuestion } from '../../src/cli/rename-prompt.js'
import { Capture } from './run-main.js'

const column = (from: string, to: string, schema?: string): RenameCandidate => ({
  kind: 'column',
  table: 'users',
  from,
  to,
  similarity: 0.8,
  ...(schema === undefined ? {} : { schema }),
})
const table = (from: string, to: string): RenameCandidate => ({
  kind: 'table',
  table: to,
  from,
  to,
  similarity: 1,
})

/** A fake terminal: a stream that says it is a TTY. */
function terminal(): PassThrough & { isTTY: boolean } {
  return Object.assign(new PassThrough(), { isTTY: true })
}

describe('renameQuestion', () => {
  it('names columns with their table (and schema), tables with "table"', () => {
    expect(renameQuestion(column('fullname', 'name'))).toBe(
      'Was users.fullname renamed to users.name? [y/N] ',
    )
    expect(renameQuestion(column('total', 'amount', 'billing'))).toBe(
      'Was billing.users.total renamed to billing.users.amount? [y/N] ',
    )
    expect(renameQuestion(table('person', 'people'))).toBe(
      'Was table person renamed to people? [y/N] ',
    )
  })
})

describe('RenamePrompt', () => {
  it('asks one question per candidate and reads y, yes, n and an empty answer', async () => {
    const input = terminal()
    const output = new Capture(true)
    const prompt = new RenamePrompt({ input, output })
    const answers = prompt.resolver([
      column('a', 'b'),
      column('c', 'd'),
      column('e', 'f'),
      column('g', 'h'),
    ])
    input.write('y\nn\n\nYES\n')
    expect(await answers).toEqual([true, false, false, true])
    prompt.close()
    expect(output.text).toBe(
      [
        'Was users.a renamed to users.b? [y/N] ',
        'Was users.c renamed to users.d? [y/N] ',
        'Was users.e renamed to users.f? [y/N] ',
        'Was users.g renamed to users.h? [y/N] ',
      ].join(''),
    )
  })

  it('asks again after an answer it does not understand', async () => {
    const input = terminal()
    const output = new Capture(true)
    const prompt = new RenamePrompt({ input, output })
    const answer = prompt.resolver([table('person', 'people')])
    input.write('maybe\ny\n')
    expect(await answer).toEqual([true])
    prompt.close()
    expect(output.text).toBe(
      "Was table person renamed to people? [y/N] Please answer 'y' or 'n'.\nWas table person renamed to people? [y/N] ",
    )
  })

  it('keeps answers typed ahead for the next call (tables, then columns)', async () => {
    const input = terminal()
    const prompt = new RenamePrompt({ input, output: new Capture(true) })
    const tables = prompt.resolver([table('person', 'people')])
    input.write('y\ny\n')
    expect(await tables).toEqual([true])
    expect(await prompt.resolver([column('fullname', 'name')])).toEqual([true])
    prompt.close()
  })

  it('takes the end of the input as no, for every question left', async () => {
    const input = terminal()
    const output = new Capture(true)
    const prompt = new RenamePrompt({ input, output })
    const answers = prompt.resolver([column('a', 'b'), column('c', 'd')])
    input.end('y\n')
    expect(await answers).toEqual([true, false])
    prompt.close()
  })

  it('reads nothing when there is nothing to ask', async () => {
    const input = terminal()
    const prompt = new RenamePrompt({ input, output: new Capture(true) })
    expect(await prompt.resolver([])).toEqual([])
    prompt.close()
    expect(input.listenerCount('data')).toBe(0)
  })
})
