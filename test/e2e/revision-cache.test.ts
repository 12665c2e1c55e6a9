/**
 * The revision cache as users meet it: a project with `node_modules` gets
 * `node_modules/.cache/stratum/`, processes running at once all succeed and leave a valid
 * cache, and a broken cache changes nothing but speed.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cacheFileFor, RACY_MS } from '../../src/script/revision-cache.js'
import { revisionSource } from '../support/project.js'
import { ok, stratumAsync } from './stratum.js'

const COUNT = 30
let project: string
let versions: string

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'stratum-e2e-cache-'))
  versions = join(project, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  mkdirSync(join(project, 'node_modules'))
  writeFileSync(join(project, 'stratum.config.json'), '{ "migrations": "migrations" }\n')
  for (let index = 0; index < COUNT; index++) {
    const id = `r${String(index).padStart(2, '0')}`
    const down = index === 0 ? null : `r${String(index - 1).padStart(2, '0')}`
    writeFileSync(join(versions, `${id}.ts`), revisionSource({ id, down }))
  }
  // Old enough to be cached.
  await sleep(RACY_MS + 100)
})

afterAll(() => rmSync(project, { recursive: true, force: true }))

describe('revision cache (bin/stratum)', () => {
  it('processes running at once all succeed and leave one valid cache, no temporary files', async () => {
    const runs = await Promise.all(
      Array.from({ length: 8 }, () => stratumAsync(project, 'history', '--json')),
    )
    const expected = ok(project, 'history', '--json')
    for (const run of runs) {
      expect(run.code).toBe(0)
      expect(run.stderr).toBe('')
      expect(run.stdout).toBe(expected)
    }
    const cache = cacheFileFor([versions], false)!
    const folder = join(project, 'node_modules', '.cache', 'stratum')
    expect(readdirSync(folder)).toEqual([cache.slice(folder.length + 1)])
    const { files } = JSON.parse(readFileSync(cache, 'utf8')) as { files: object }
    expect(Object.keys(files)).toHaveLength(COUNT)
    expect(ok(project, 'heads')).toContain('r29')
  })

  it('gives the same answers with a broken cache, and mends it', () => {
    const expected = ok(project, 'history', '--json')
    const cache = cacheFileFor([versions], false)!
    writeFileSync(cache, '{ "format": "1:0.1.0", "files": { "migr')
    expect(ok(project, 'history', '--json')).toBe(expected)
    expect(Object.keys(JSON.parse(readFileSync(cache, 'utf8')).files)).toHaveLength(COUNT)
  })
})
