/**
 * `postWrite` commands: quoting the path for the shell, running in order in the project's
 * folder, and a failure that names the command, its exit code and its stderr while the file
 * stays written — alone, and through `revision` and `merge`.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { init } from '../../src/commands/init.js'
import { merge } from '../../src/commands/merge.js'
import { revision } from '../../src/commands/revision.js'
import { MigrationCreationError, PostWriteError } from '../../src/errors.js'
import { postWriteCommandLine, runPostWrite, shellQuote } from '../../src/script/post-write.js'
import { configFor, type TempProject, tempProject } from '../commands/project.js'

const NODE = shellQuote(process.execPath)

/** A command line running a Node script; the file's path is the script's first argument. */
const nodeScript = (script: string) => `${NODE} -e ${shellQuote(script)} {file}`

const APPEND_COMMENT = nodeScript(
  "require('fs').appendFileSync(process.argv[1], '// formatted\\n'); console.log('formatted', require('path').basename(process.argv[1]))",
)
const FAIL = nodeScript(
  "console.error('error: line one'); console.error('  line two'); console.error(''); console.error('line three'); console.error('line four'); process.exit(3)",
)

describe('postWriteCommandLine', () => {
  it('replaces {file} with the quoted path, or appends it', () => {
    expect(postWriteCommandLine('biome format --write {file}', '/a b/it.ts')).toBe(
      "biome format --write '/a b/it.ts'",
    )
    expect(postWriteCommandLine('prettier --write  ', '/x.ts')).toBe("prettier --write '/x.ts'")
    expect(postWriteCommandLine('cp {file} {file}.bak', '/x.ts')).toBe("cp '/x.ts' '/x.ts'.bak")
  })

  it('quotes every character the shell would read', () => {
    expect(shellQuote('/tmp/it\'s $HOME `x` "y".ts')).toBe("'/tmp/it'\\''s $HOME `x` \"y\".ts'")
    expect(shellQuote('C:\\a b\\c.ts', 'win32')).toBe('"C:\\a b\\c.ts"')
  })
})

describe('runPostWrite', () => {
  let project: TempProject
  let file: string
  beforeEach(() => {
    project = tempProject()
    // A name the shell would split and expand if it were not quoted.
    file = join(project.root, "it's a $file.ts")
    writeFileSync(file, 'export const x = 1\n')
  })
  afterEach(() => project.remove())

  it('runs each command in order, in the given folder, and returns its output', async () => {
    const results = await runPostWrite({
      commands: [APPEND_COMMENT, `${NODE} -e "console.log(process.cwd())" --`, APPEND_COMMENT],
      path: file,
      cwd: project.root,
    })
    expect(readFileSync(file, 'utf8')).toBe('export const x = 1\n// formatted\n// formatted\n')
    expect(results.map((r) => r.stdout)).toEqual([
      "formatted it's a $file.ts\n",
      `${project.root}\n`,
      "formatted it's a $file.ts\n",
    ])
    expect(results[0]?.command).toBe(APPEND_COMMENT)
    expect(results[0]?.commandLine).toContain(shellQuote(file))
    expect(results.every((r) => r.durationMs >= 0)).toBe(true)
  })

  it('does nothing without commands', async () => {
    expect(await runPostWrite({ commands: [], path: file, cwd: project.root })).toEqual([])
  })

  it('stops at a failing command: exit code, first lines of stderr, the file kept', async () => {
    const error = await runPostWrite({
      commands: [APPEND_COMMENT, FAIL, APPEND_COMMENT],
      path: file,
      cwd: project.root,
    }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PostWriteError)
    const failure = error as PostWriteError
    expect(failure.code).toBe('POST_WRITE_FAILED')
    expect(failure.message).toBe(
      `the revision file was written: ${file}; postWrite command \`${FAIL}\` failed (exit 3): error: line one / line two / line three`,
    )
    expect([failure.command, failure.exitCode, failure.path]).toEqual([FAIL, 3, file])
    // The first command ran, the third did not.
    expect(readFileSync(file, 'utf8')).toBe('export const x = 1\n// formatted\n')
  })

  it('says when the shell does not find the command', async () => {
    const command = 'stratum-no-such-formatter --write'
    const error = (await runPostWrite({ commands: [command], path: file, cwd: project.root }).catch(
      (e: unknown) => e,
    )) as PostWriteError
    expect(error.exitCode).toBe(127)
    expect(error.message).toMatch(
      /^the revision file was written: .*; postWrite command `stratum-no-such-formatter --write` failed \(exit 127\): .*not found/,
    )
    expect(error.hint).toContain('on PATH')
  })

  it('quotes stdout when stderr is empty, and says when there was no output', async () => {
    const quiet = `${NODE} -e "console.log('only stdout'); process.exit(1)" --`
    const silent = `${NODE} -e "process.exit(2)" --`
    const first = (await runPostWrite({ commands: [quiet], path: file, cwd: project.root }).catch(
      (e: unknown) => e,
    )) as Error
    expect(first.message).toMatch(/failed \(exit 1\): only stdout$/)
    const second = (await runPostWrite({ commands: [silent], path: file, cwd: project.root }).catch(
      (e: unknown) => e,
    )) as Error
    expect(second.message).toMatch(/failed \(exit 2\): no output$/)
  })

  it('says when a command cannot start (the folder is gone)', async () => {
    const error = (await runPostWrite({
      commands: ['true'],
      path: file,
      cwd: join(project.root, 'missing'),
    }).catch((e: unknown) => e)) as PostWriteError
    expect(error).toBeInstanceOf(PostWriteError)
    expect(error.exitCode).toBeUndefined()
    expect(error.message).toMatch(/postWrite command `true` failed \(could not start\): .*ENOENT/)
  })
})

describe('postWrite through revision and merge', () => {
  let project: TempProject
  let versions: string
  beforeEach(async () => {
    project = tempProject()
    await init({ cwd: project.root })
    versions = join(project.root, 'migrations', 'versions')
  })
  afterEach(() => project.remove())

  it('runs on the file revision writes and on the file merge writes', async () => {
    const config = configFor(project.root, { postWrite: [APPEND_COMMENT] })
    const a = await revision({ config, message: 'a', revId: 'aaa' })
    expect(readFileSync(a.path, 'utf8').endsWith('// formatted\n')).toBe(true)
    expect(a.postWrite.map((r) => r.stdout.trim())).toEqual([
      `formatted ${a.path.split('/').pop()}`,
    ])
    expect(a.revision.message).toBe('a')
    await revision({ config, message: 'b', revId: 'bbb', head: 'aaa' })
    await revision({ config, message: 'c', revId: 'ccc', head: 'aaa', splice: true })
    const merged = await merge({ config, revisions: ['heads'], message: 'merge', revId: 'mmm' })
    expect(merged.revision.downRevisions).toEqual(['bbb', 'ccc'])
    expect(readFileSync(merged.path, 'utf8').endsWith('// formatted\n')).toBe(true)
  })

  it('returns no output without postWrite commands', async () => {
    const created = await revision({ config: configFor(project.root), message: 'plain' })
    expect(created.postWrite).toEqual([])
  })

  it('keeps the file when a command fails, and says so', async () => {
    const config = configFor(project.root, { postWrite: [FAIL] })
    const error = await revision({ config, message: 'kept', revId: 'kkk' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PostWriteError)
    const [name] = readdirSync(versions)
    expect(name).toMatch(/kkk_kept\.ts$/)
    expect((error as Error).message).toContain(`written: ${join(versions, name!)};`)
  })

  it('refuses a command that leaves a file Stratum cannot read', async () => {
    const clobber = nodeScript(
      "require('fs').writeFileSync(process.argv[1], 'export const revision = 1 +')",
    )
    const config = configFor(project.root, { postWrite: [clobber] })
    const error = await revision({ config, message: 'x', revId: 'xxx' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(MigrationCreationError)
    expect((error as MigrationCreationError).code).toBe('POST_WRITE_INVALID')
    expect((error as Error).message).toMatch(
      /^the revision file was written: .*xxx_x\.ts; after the postWrite commands it no longer reads: /,
    )
    for (const name of readdirSync(versions)) rmSync(join(versions, name))
    const renamed = nodeScript(
      "const fs = require('fs'); const f = process.argv[1]; fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(\"'yyy'\", \"'zzz'\"))",
    )
    const other = configFor(project.root, { postWrite: [renamed] })
    const changed = await revision({ config: other, message: 'y', revId: 'yyy' }).catch(
      (e: unknown) => e,
    )
    expect((changed as Error).message).toContain("it declares revision 'zzz', not 'yyy'")
    expect(existsSync(versions)).toBe(true)
  })
})
