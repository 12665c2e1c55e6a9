import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  checksumPathOf,
  digestFile,
  readChecksumFile,
  writeChecksumFile,
} from '../../src/backup/checksum.js'

let folder: string
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'stratum-checksum-'))
})
afterEach(() => rmSync(folder, { recursive: true, force: true }))

describe('checksum files', () => {
  it('digests a file and writes a sha256sum line beside it', async () => {
    const dump = join(folder, 'app_20261126T230501Z_base.sql')
    writeFileSync(dump, 'hello\n')
    const digest = await digestFile(dump)
    expect(digest).toEqual({
      sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
      bytes: 6,
    })
    const path = await writeChecksumFile(dump, digest.sha256)
    expect(path).toBe(checksumPathOf(dump))
    expect(readFileSync(path, 'utf8')).toBe(`${digest.sha256}  app_20261126T230501Z_base.sql\n`)
    expect(await readChecksumFile(dump)).toBe(digest.sha256)
  })

  it('is checked by sha256sum -c as well', async () => {
    const dump = join(folder, 'a.sql')
    writeFileSync(dump, 'x'.repeat(100_000))
    await writeChecksumFile(dump, (await digestFile(dump)).sha256)
    const check = spawnSync('sha256sum', ['-c', 'a.sql.sha256'], { cwd: folder, encoding: 'utf8' })
    if (check.error !== undefined) return // no coreutils here: the format test above still holds
    expect(check.stdout).toBe('a.sql: OK\n')
  })

  it('never overwrites a checksum file', async () => {
    const dump = join(folder, 'a.sql')
    writeFileSync(dump, 'x')
    await writeChecksumFile(dump, 'a'.repeat(64))
    await expect(writeChecksumFile(dump, 'b'.repeat(64))).rejects.toThrow(/EEXIST/)
  })

  it('reads undefined for a missing file, and refuses a malformed one', async () => {
    const dump = join(folder, 'a.sql')
    expect(await readChecksumFile(dump)).toBeUndefined()
    writeFileSync(`${dump}.sha256`, 'not a checksum\n')
    await expect(readChecksumFile(dump)).rejects.toThrow(/does not hold a sha256sum line/)
    writeFileSync(`${dump}.sha256`, `${'AB'.repeat(32)} *a.sql\n`)
    expect(await readChecksumFile(dump)).toBe('ab'.repeat(32))
  })
})
