/**
 * Small readers the dialects use to check that a dump file is complete before a restore
 * touches the database: the first and last bytes of a text dump, and the error they throw.
 */
import { open } from 'node:fs/promises'
import { BackupError } from '../errors.js'

/**
 * The first and last `bytes` bytes of a file, as UTF-8 text (the whole file when it is
 * smaller than twice that).
 *
 * @example
 * const { head, tail } = await readEnds('dumps/app.sql', 4096)
 * tail.includes('-- PostgreSQL database dump complete')
 */
export async function readEnds(
  file: string,
  bytes: number,
): Promise<{ readonly head: string; readonly tail: string; readonly size: number }> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const read = async (position: number, length: number) => {
      const buffer = Buffer.alloc(length)
      const { bytesRead } = await handle.read(buffer, 0, length, position)
      return buffer.subarray(0, bytesRead).toString('utf8')
    }
    const head = await read(0, Math.min(bytes, size))
    const tailLength = Math.min(bytes, size)
    const tail = await read(size - tailLength, tailLength)
    return { head, tail, size }
  } finally {
    await handle.close()
  }
}

/**
 * The first `bytes` bytes of a file (fewer when it is shorter) and its size.
 *
 * @example
 * const { bytes, size } = await readHeader('dumps/app.db', 100)
 */
export async function readHeader(
  file: string,
  bytes: number,
): Promise<{ readonly bytes: Buffer; readonly size: number }> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const buffer = Buffer.alloc(Math.min(bytes, size))
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return { bytes: buffer.subarray(0, bytesRead), size }
  } finally {
    await handle.close()
  }
}

/**
 * The error for a file that is not a complete dump (code `RESTORE_FILE_INVALID`): nothing has
 * been touched when it is thrown.
 *
 * @example
 * throw invalidDump('dumps/app.sql', 'it ends before pg_dump\'s "dump complete" line (truncated?)')
 */
export function invalidDump(file: string, problem: string, cause?: unknown): BackupError {
  return new BackupError(
    'RESTORE_FILE_INVALID',
    `${file} is not a complete dump: ${problem}; the database was not touched`,
    {
      cause,
      hint: 'Restore another dump (the dumps folder keeps the newest ones), or take a new one with stratum backup.',
    },
  )
}
