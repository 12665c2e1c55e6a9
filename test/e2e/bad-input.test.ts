import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  type RevisionSpec,
  type TempProject,
  tempProject,
  writeJsonConfig,
  writeRevisions,
} from '../commands/project.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

// Every bad input ends with one clear line (and maybe a hint), no stack trace, the right code.
describe('e2e: bad input', () => {
  let project: TempProject
  let cwd: string
  let versions: string
  beforeEach(() => {
    project = tempProject('stratum-e2e-')
    cwd = project.root
    versions = join(cwd, 'migrations', 'versions')
    writeJsonConfig(cwd)
  })
  afterEach(() => project.remove())

  const graph = (...specs: RevisionSpec[]) => writeRevisions(versions, specs)

  describe('invalid graphs fail every read command', () => {
    it('a duplicate id names both files', () => {
      graph({ revision: 'a1', file: 'one.ts' }, { revision: 'a1', file: 'two.ts' })
      for (const command of ['heads', 'history', 'branches']) {
        const line = expectOneLineError(stratum(cwd, command), 1)
        expect(line).toContain("'a1'")
        expect(line).toContain('one.ts')
        expect(line).toContain('two.ts')
      }
    })

    it('a missing parent names the child and the missing id', () => {
      graph({ revision: 'a1' }, { revision: 'b2', down: 'zz9' })
      const line = expectOneLineError(stratum(cwd, 'history'), 1)
      expect(line).toContain('b2')
      expect(line).toContain('zz9')
    })

    it('a cycle lists its members', () => {
      graph(
        { revision: 'a1', down: 'c3' },
        { revision: 'b2', down: 'a1' },
        { revision: 'c3', down: 'b2' },
      )
      const line = expectOneLineError(stratum(cwd, 'heads'), 1)
      for (const id of ['a1', 'b2', 'c3']) expect(line).toContain(id)
    })

    it('a label declared twice', () => {
      graph({ revision: 'a1', labels: ['main'] }, { revision: 'b2', labels: ['main'] })
      const line = expectOneLineError(stratum(cwd, 'heads'), 1)
      expect(line).toContain("'main'")
      expect(line).toContain('a1')
      expect(line).toContain('b2')
    })

    it('an id with a reserved character', () => {
      graph({ revision: 'a@1', file: 'bad.ts' })
      const line = expectOneLineError(stratum(cwd, 'heads'), 1)
      expect(line).toContain('a@1')
    })

    it('a malformed file is named with its line', () => {
      mkdirSync(versions, { recursive: true })
      writeFileSync(
        join(versions, 'broken.ts'),
        "/** broken */\nconst id = 'x'\nexport const revision = id\nexport const downRevision = null\n",
      )
      const line = expectOneLineError(stratum(cwd, 'history'), 1)
      expect(line).toMatch(/broken\.ts:3\b/)
    })
  })

  it('an unknown command and an unknown flag are bad usage (exit 2)', () => {
    expect(expectOneLineError(stratum(cwd, 'upgrayed'), 2)).toContain("unknown command 'upgrayed'")
    expect(expectOneLineError(stratum(cwd, 'heads', '--hedas'), 2)).toContain(
      "unknown option '--hedas'",
    )
    expect(expectOneLineError(stratum(cwd, 'merge', '-m', 'x'), 2)).toContain(
      'missing required argument',
    )
  })

  it('a config field of the wrong type names the field (exit 1)', () => {
    writeJsonConfig(cwd, { truncateSlugLength: 'long' })
    expect(expectOneLineError(stratum(cwd, 'heads'), 1)).toContain('truncateSlugLength')
  })

  it('a missing config says to run init (exit 1)', () => {
    const empty = tempProject('stratum-e2e-')
    try {
      const result = stratum(empty.root, 'history')
      expectOneLineError(result, 1)
      expect(result.stderr).toMatch(/hint: .*stratum init/)
    } finally {
      empty.remove()
    }
  })

  it('an empty versions folder: heads and history print nothing (exit 0)', () => {
    graph()
    expect(ok(cwd, 'heads')).toBe('')
    expect(ok(cwd, 'history')).toBe('')
    expect(ok(cwd, 'heads', '--json')).toBe('[]\n')
  })

  describe('revision', () => {
    beforeEach(() => {
      // init keeps the JSON config (and says so on stderr) and writes the template.
      expect(stratum(cwd, 'init').code).toBe(0)
    })

    it('on several heads without --head lists the heads (exit 1)', () => {
      graph({ revision: 'a1' }, { revision: 'b2' })
      const result = stratum(cwd, 'revision', '-m', 'next')
      const line = expectOneLineError(result, 1)
      expect(line).toContain('a1')
      expect(line).toContain('b2')
      expect(result.stderr).toContain('--head')
    })

    it('--rev-id with a reserved character (exit 1), nothing written', () => {
      const line = expectOneLineError(stratum(cwd, 'revision', '-m', 'x', '--rev-id', 'ab:cd'), 1)
      expect(line).toContain("':'")
      expect(ok(cwd, 'heads')).toBe('')
    })

    it('a --rev-id that exists (exit 1)', () => {
      graph({ revision: 'a1' })
      const line = expectOneLineError(stratum(cwd, 'revision', '-m', 'x', '--rev-id', 'a1'), 1)
      expect(line).toContain("'a1' already exists")
    })
  })
})
