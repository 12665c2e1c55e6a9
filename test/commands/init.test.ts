import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import { MigrationInitError } from '../../src/errors.js'
import { type TempProject, tempProject } from './project.js'

describe('init', () => {
  let project: TempProject
  beforeEach(() => {
    project = tempProject()
  })
  afterEach(() => project.remove())

  it('creates the migrations folder and a config pointing at it', async () => {
    const { root } = project
    const result = await init({ cwd: root })
    const dir = join(root, 'migrations')
    expect(result.directory).toBe(dir)
    expect(result.configPath).toBe(join(root, 'stratum.config.ts'))
    expect(result.configCreated).toBe(true)
    expect(result.created).toEqual([
      dir,
      join(dir, 'versions'),
      join(dir, 'script.ts.tmpl'),
      join(dir, 'README.md'),
      join(root, 'stratum.config.ts'),
      join(root, '.gitignore'),
    ])
    for (const path of result.created) expect(existsSync(path)).toBe(true)
    expect(readFileSync(result.configPath, 'utf8')).toContain("'migrations'")
  })

  it('writes a nested folder as a relative path in the config', async () => {
    const result = await init({ cwd: project.root, directory: 'db/migrations' })
    expect(result.directory).toBe(join(project.root, 'db', 'migrations'))
    expect(readFileSync(result.configPath, 'utf8')).toContain("'db/migrations'")
  })

  it('keeps an existing config of any kind', async () => {
    const existing = join(project.root, 'stratum.config.json')
    writeFileSync(existing, '{"migrations":"elsewhere"}\n')
    const result = await init({ cwd: project.root })
    expect(result.configCreated).toBe(false)
    expect(result.configPath).toBe(existing)
    expect(readFileSync(existing, 'utf8')).toBe('{"migrations":"elsewhere"}\n')
    expect(existsSync(join(project.root, 'stratum.config.ts'))).toBe(false)
    expect(result.created).not.toContain(existing)
  })

  it('writes the config where configPath says', async () => {
    const result = await init({ cwd: project.root, configPath: 'config/stratum.config.json' })
    expect(result.configPath).toBe(join(project.root, 'config', 'stratum.config.json'))
    expect(JSON.parse(readFileSync(result.configPath, 'utf8'))).toEqual({
      migrations: '../migrations',
      backup: { beforeUpgrade: true, keep: 10 },
    })
  })

  it('accepts an existing empty folder', async () => {
    mkdirSync(join(project.root, 'migrations'))
    const result = await init({ cwd: project.root })
    expect(result.created[0]).toBe(join(project.root, 'migrations', 'versions'))
  })

  it('refuses a folder that is not empty, and writes nothing', async () => {
    mkdirSync(join(project.root, 'migrations'))
    writeFileSync(join(project.root, 'migrations', 'notes.txt'), 'x')
    const error = await init({ cwd: project.root }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationInitError)
    expect((error as MigrationInitError).code).toBe('INIT_DIRECTORY_NOT_EMPTY')
    expect((error as Error).message).toContain('not empty')
    expect(existsSync(join(project.root, 'stratum.config.ts'))).toBe(false)
  })

  it('refuses a path that is a file', async () => {
    writeFileSync(join(project.root, 'migrations'), 'x')
    await expect(init({ cwd: project.root })).rejects.toThrow(/not a folder/)
  })
})
