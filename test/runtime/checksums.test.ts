import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checksumOf, fileChecksum, fileChecksums } from '../../src/runtime/checksums.js'

describe('checksums', () => {
  it('ignores a byte-order mark and CRLF line endings', () => {
    const plain = checksumOf('a\nb\n')
    expect(checksumOf('\uFEFFa\r\nb\r\n')).toBe(plain)
    expect(checksumOf('a\nb')).not.toBe(plain)
    expect(plain).toMatch(/^[0-9a-f]{64}$/)
  })

  it('reads files, and maps unreadable ones to undefined', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stratum-sum-'))
    try {
      writeFileSync(join(dir, 'a.ts'), 'x\r\n')
      expect(await fileChecksum(join(dir, 'a.ts'))).toBe(checksumOf('x\n'))
      const sums = await fileChecksums([join(dir, 'a.ts'), join(dir, 'missing.ts')])
      expect(sums.get(join(dir, 'missing.ts'))).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
