import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { maskSecrets } from '../../src/config/mask.js'
import { findTool, requireTool, runTool, type Tool } from '../../src/dialects/backup-tool.js'
import { BackupError } from '../../src/errors.js'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stratum-tool-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

const sh: Tool = { name: 'sh', path: '/bin/sh' }
const noMask = (text: string) => text

/** A failing run's error. */
async function failure(run: Parameters<typeof runTool>[0]): Promise<BackupError> {
  const error = await runTool(run).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(BackupError)
  return error as BackupError
}

describe('findTool and requireTool', () => {
  it('finds the first name that is an executable file on PATH', () => {
    writeFileSync(join(folder, 'mysqldump'), '#!/bin/sh\n')
    chmodSync(join(folder, 'mysqldump'), 0o755)
    writeFileSync(join(folder, 'mariadb-dump'), 'not executable')
    expect(findTool(['mariadb-dump', 'mysqldump'], `relative/bin:${folder}`)).toEqual({
      name: 'mysqldump',
      path: join(folder, 'mysqldump'),
    })
    expect(findTool(['pg_dump'], folder)).toBeUndefined()
  })

  it('names every tool it looked for and how to install one', () => {
    const saved = process.env.PATH
    process.env.PATH = folder
    try {
      const error = (() => {
        try {
          requireTool(['mariadb-dump', 'mysqldump'], { restoring: false, install: 'apt install x' })
        } catch (caught) {
          return caught as BackupError
        }
      })()
      expect(error?.code).toBe('BACKUP_TOOL_MISSING')
      expect(error?.message).toBe(
        'Neither mariadb-dump nor mysqldump is on PATH: Stratum needs one of them to back up this database',
      )
      expect(error?.hint).toBe('Install it (apt install x) or add its folder to PATH.')
      expect(() => requireTool(['psql'], { restoring: true, install: 'x' })).toThrow(
        /^psql is not on PATH: Stratum needs it to restore this database$/,
      )
    } finally {
      process.env.PATH = saved
    }
  })
})

describe('runTool', () => {
  it('appends stdout to the output file, feeds stdin, and sets and removes variables', async () => {
    const output = join(folder, 'out.txt')
    const input = join(folder, 'in.txt')
    writeFileSync(output, 'first\n')
    writeFileSync(input, 'from the file\n')
    process.env.STRATUM_TEST_INHERITED = 'inherited'
    try {
      await runTool({
        tool: sh,
        // The shell expands the variables, not JavaScript.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: shell syntax
        args: ['-c', 'echo "${SECRET_VAR}-${STRATUM_TEST_INHERITED:-unset}"; cat'],
        env: { SECRET_VAR: 'set', STRATUM_TEST_INHERITED: undefined },
        output,
        input: { prelude: 'prelude\n', file: input },
        failureCode: 'BACKUP_FAILED',
        mask: noMask,
      })
    } finally {
      delete process.env.STRATUM_TEST_INHERITED
    }
    expect(readFileSync(output, 'utf8')).toBe('first\nset-unset\nprelude\nfrom the file\n')
  })

  it('quotes the end of stderr on a non-zero exit, with secrets masked', async () => {
    const error = await failure({
      tool: { name: 'pg_dump', path: '/bin/sh' },
      args: ['-c', 'echo noise >&2; echo "password authentication failed: p@ss" >&2; exit 3'],
      env: {},
      failureCode: 'BACKUP_FAILED',
      mask: (text) => maskSecrets(text, ['p@ss']),
      hint: 'Check the URL.',
    })
    expect(error.code).toBe('BACKUP_FAILED')
    expect(error.message).toBe(
      'pg_dump failed (exit 3): noise / password authentication failed: ***',
    )
    expect(error.hint).toBe('Check the URL.')
  })

  it('masks passwords of URLs a tool echoes even without the URL', async () => {
    const error = await failure({
      tool: sh,
      args: ['-c', 'echo "cannot reach postgres://app:hunter2@db/shop" >&2; exit 1'],
      env: {},
      failureCode: 'BACKUP_FAILED',
      mask: noMask,
    })
    expect(error.message).not.toContain('hunter2')
    expect(error.message).toContain('postgres://app:***@db/shop')
  })

  it('says when the file size limit (SIGXFSZ) stopped the tool', async () => {
    const output = join(folder, 'dump.partial')
    const error = await failure({
      tool: { name: 'head', path: '/bin/sh' },
      args: ['-c', 'ulimit -f 1; exec head -c 100000 /dev/zero'],
      env: {},
      output,
      failureCode: 'BACKUP_FAILED',
      mask: noMask,
    })
    expect(error.message).toBe(
      `head was stopped by the file size limit (ulimit -f) while writing ${output}`,
    )
  })

  it('reports a full disk as the tool reports it (writing to /dev/full)', async () => {
    const error = await failure({
      tool: { name: 'head', path: '/bin/sh' },
      args: ['-c', 'exec head -c 100000 /dev/zero'],
      env: {},
      output: '/dev/full',
      failureCode: 'BACKUP_FAILED',
      mask: noMask,
    })
    expect(error.message).toMatch(/^head failed \(exit 1\): .*No space left on device/)
  })

  it('reports a tool killed by a signal, and one that cannot start', async () => {
    const killed = await failure({
      tool: sh,
      args: ['-c', 'kill -TERM $$'],
      env: {},
      failureCode: 'RESTORE_FAILED',
      mask: noMask,
    })
    expect(killed.message).toBe('sh was killed by SIGTERM')
    expect(killed.code).toBe('RESTORE_FAILED')
    const missing = await failure({
      tool: { name: 'gone', path: join(folder, 'gone') },
      args: [],
      env: {},
      failureCode: 'BACKUP_FAILED',
      mask: noMask,
    })
    expect(missing.message).toBe(`Cannot start ${join(folder, 'gone')}: ENOENT`)
  })
})
