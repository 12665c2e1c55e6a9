import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderOperations } from '../../src/autogenerate/index.js'
import { readableOperation } from './support/arbitrary-operations.js'

/** The file as Biome (the repository's formatter) would write it. */
function biomeFormat(file: string): string {
  return execFileSync('npx', ['biome', 'format', '--stdin-file-path=revision.ts'], {
    input: file,
    encoding: 'utf8',
  })
}

describe('rendered statements', () => {
  it('are formatted as Biome formats them', () => {
    const ops = fc.sample(readableOperation, { numRuns: 600, seed: 20260101 })
    const body = renderOperations(ops, { indent: '  ' })
    const file = `export async function upgrade({ op }: { op: Ops }): Promise<void> {\n${body}\n}\n`
    const formatted = biomeFormat(file)
    // Compare line by line so that a failure shows the first statement that differs.
    const ours = file.split('\n')
    const theirs = formatted.split('\n')
    const first = ours.findIndex((line, i) => line !== theirs[i])
    expect(first === -1 ? '' : ours.slice(Math.max(0, first - 3), first + 8).join('\n')).toBe(
      first === -1 ? '' : theirs.slice(Math.max(0, first - 3), first + 8).join('\n'),
    )
    expect(formatted).toBe(file)
  })
})
