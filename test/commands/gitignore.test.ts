import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ignoreInGit } from '../../src/commands/gitignore.js'
import { init } from '../../src/commands/init.js'
import { type TempProject, tempProject } from './project.js'

let project: TempProject
beforeEach(() => {
  project = tempProject()
})
afterEach(() => project.remove())

const gitignore = () => readFileSync(join(project.root, '.gitignore'), 'utf8')

describe('ignoreInGit', () => {
  it('creates the file, then never adds the line twice', async () => {
    const first = await ignoreInGit(project.root, 'migrations/dumps/', 'dumps')
    expect(first).toEqual({ path: join(project.root, '.gitignore'), change: 'created' })
    expect(gitignore()).toBe('# dumps\nmigrations/dumps/\n')
    const again = await ignoreInGit(project.root, 'migrations/dumps/', 'dumps')
    expect(again.change).toBe('present')
    expect(gitignore()).toBe('# dumps\nmigrations/dumps/\n')
  })

  it('appends after existing lines, and counts other spellings as present', async () => {
    writeFileSync(join(project.root, '.gitignore'), 'node_modules\ndist/')
    expect((await ignoreInGit(project.root, 'db/dumps/', 'dumps')).change).toBe('appended')
    expect(gitignore()).toBe('node_modules\ndist/\n\n# dumps\ndb/dumps/\n')
    writeFileSync(join(project.root, '.gitignore'), 'node_modules\r\n/migrations/dumps\r\n')
    expect((await ignoreInGit(project.root, 'migrations/dumps/', 'dumps')).change).toBe('present')
  })
})

describe('init and .gitignore', () => {
  it('adds the dumps folder of the migrations folder it creates', async () => {
    writeFileSync(join(project.root, '.gitignore'), 'node_modules/\n')
    const result = await init({ cwd: project.root, directory: 'db/migrations' })
    expect(result.gitignore?.change).toBe('appended')
    expect(result.created).not.toContain(join(project.root, '.gitignore'))
    expect(gitignore()).toContain('\ndb/migrations/dumps/\n')
    expect(readFileSync(result.configPath, 'utf8')).toContain(
      'backup: { beforeUpgrade: true, keep: 10 },',
    )
  })

  it('leaves .gitignore alone when the migrations folder is outside the project', async () => {
    const outside = tempProject()
    try {
      const result = await init({ cwd: project.root, directory: join(outside.root, 'migrations') })
      expect(result.gitignore).toBeUndefined()
    } finally {
      outside.remove()
    }
  })
})
