import { join } from 'node:path'
import pc from 'picocolors'
import { describe, expect, it } from 'vitest'
import { describeError } from '../../src/cli/format-error.js'
import { formatRevisionBlock, formatRevisionLine } from '../../src/cli/format-revision.js'
import { displayPath } from '../../src/cli/output.js'
import { ConfigError, MigrationError, UsageError } from '../../src/errors.js'
import { RevisionGraph } from '../../src/revision/index.js'

const colors = pc.createColors(false)

describe('describeError', () => {
  const base = { verbose: false, secrets: [], colors }

  it('a Stratum error: one line, its hint, exit 1, its code in JSON', () => {
    const error = new ConfigError('CONFIG_INVALID', 'bad field', { hint: 'fix it' })
    expect(describeError(error, base)).toEqual({
      exitCode: 1,
      lines: ['stratum: error: bad field', '  hint: fix it'],
      json: { error: { code: 'CONFIG_INVALID', message: 'bad field', hint: 'fix it' } },
    })
  })

  it('a usage error exits 2', () => {
    expect(describeError(new UsageError('no'), base).exitCode).toBe(2)
  })

  it('anything else is an internal error that suggests --verbose', () => {
    const report = describeError(new RangeError('oops'), base)
    expect(report.exitCode).toBe(1)
    expect(report.lines[0]).toBe('stratum: internal error: oops')
    expect(report.lines[1]).toMatch(/--verbose/)
    expect(report.json.error.code).toBe('INTERNAL')
    expect(describeError('a string', base).lines[0]).toBe('stratum: internal error: a string')
  })

  it('--verbose adds the stack and the cause chain, masked', () => {
    const cause = new Error('driver said password=s3cret')
    const error = new MigrationError('CONNECT', 'cannot connect', { cause })
    const report = describeError(error, { ...base, verbose: true, secrets: ['s3cret'] })
    const text = report.lines.join('\n')
    expect(text).toMatch(/^stratum: error: cannot connect\nMigrationError: cannot connect\n\s+at /)
    expect(text).toContain('caused by: Error: driver said password=***')
    expect(text).not.toContain('s3cret')
  })

  it('masks secrets in the message and the hint', () => {
    const error = new MigrationError('X', 'login pw1 failed', { hint: 'check pw1' })
    const report = describeError(error, { ...base, secrets: ['pw1'] })
    expect(report.lines).toEqual(['stratum: error: login *** failed', '  hint: check ***'])
    expect(report.json.error.message).toBe('login *** failed')
  })

  it('shows paths under the working directory relative to it (text only)', () => {
    const cwd = join('/', 'work', 'project')
    const error = new MigrationError('X', `${join(cwd, 'migrations', 'a.ts')}:3: bad`)
    const report = describeError(error, { ...base, cwd })
    expect(report.lines[0]).toBe(`stratum: error: ${join('migrations', 'a.ts')}:3: bad`)
    expect(report.json.error.message).toContain(cwd)
  })
})

describe('formatRevisionLine and formatRevisionBlock', () => {
  const graph = RevisionGraph.build([
    {
      revision: 'a1',
      downRevisions: [],
      branchLabels: [],
      dependsOn: [],
      message: 'one',
      path: '',
    },
    {
      revision: 'b1',
      downRevisions: [],
      branchLabels: ['b'],
      dependsOn: ['a1'],
      message: '',
      path: '',
    },
  ])
  const all = { colors, parents: true, headMarkers: true, treeMarkers: true, message: true }

  it('shows dependencies after the parents, effective heads, and no empty message', () => {
    expect(formatRevisionLine(graph.get('a1'), all)).toBe('<base> -> a1 (effective head), one')
    expect(formatRevisionLine(graph.get('b1'), all)).toBe('<base> (a1) -> b1 (b) (head)')
    expect(formatRevisionLine(graph.get('b1'), { colors })).toBe('b1 (b)')
  })

  it('the verbose block lists dependencies and labels', () => {
    expect(formatRevisionBlock(graph.get('b1'), { colors, path: 'x.ts' })).toBe(
      'Rev: b1 (head)\nParent: <base>\nDepends on: a1\nBranch names: b\nPath: x.ts',
    )
  })
})

describe('displayPath', () => {
  it('relative inside the working directory, unchanged outside', () => {
    const cwd = join('/', 'p')
    expect(displayPath(join(cwd, 'm', 'a.ts'), cwd)).toBe(join('m', 'a.ts'))
    expect(displayPath(cwd, cwd)).toBe('.')
    expect(displayPath(join('/', 'other', 'a.ts'), cwd)).toBe(join('/', 'other', 'a.ts'))
    expect(displayPath('', cwd)).toBe('')
  })
})
