/**
 * Adding a line to a project's `.gitignore` (creating the file when there is none), as
 * `init` does for the dumps folder: database dumps hold data and do not belong in git.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** What {@link ignoreInGit} did. */
export interface GitignoreResult {
  /** Absolute path of the `.gitignore`. */
  readonly path: string
  /** `created` (new file), `appended` (line added), or `present` (it already had the line). */
  readonly change: 'created' | 'appended' | 'present'
}

/** The spellings of one folder pattern that ignore the same thing (`a/b/`, `/a/b`...). */
function sameFolder(line: string, entry: string): boolean {
  const bare = (text: string) => text.trim().replace(/^\//, '').replace(/\/$/, '')
  return bare(line) === bare(entry)
}

/**
 * Ensures `.gitignore` in `folder` has the line `entry` (a folder pattern such as
 * `migrations/dumps/`), under a comment saying why; never adds it twice.
 *
 * @example
 * await ignoreInGit('/app', 'migrations/dumps/', "Stratum's database dumps")
 * // { path: '/app/.gitignore', change: 'appended' }
 */
export async function ignoreInGit(
  folder: string,
  entry: string,
  comment: string,
): Promise<GitignoreResult> {
  const path = join(folder, '.gitignore')
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (existing?.split(/\r?\n/).some((line) => sameFolder(line, entry))) {
    return { path, change: 'present' }
  }
  const separator =
    existing === undefined || existing === '' ? '' : existing.endsWith('\n') ? '\n' : '\n\n'
  await writeFile(path, `${existing ?? ''}${separator}# ${comment}\n${entry}\n`)
  return { path, change: existing === undefined ? 'created' : 'appended' }
}
