import { stat } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** The config file names `loadConfig` looks for, in order of precedence within one folder. */
export const CONFIG_FILE_NAMES = [
  'stratum.config.ts',
  'stratum.config.mts',
  'stratum.config.js',
  'stratum.config.mjs',
  'stratum.config.json',
] as const

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/**
 * Find the config file for `cwd`: the first of `CONFIG_FILE_NAMES` in `cwd`,
 * else in its parent, and so on up to the file system root. Returns its
 * absolute path, or undefined when there is none.
 *
 * @example
 * await findConfigFile('/repo/packages/api/src') // '/repo/packages/api/stratum.config.ts'
 */
export async function findConfigFile(cwd: string): Promise<string | undefined> {
  let folder = resolve(cwd)
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = join(folder, name)
      if (await isFile(candidate)) return candidate
    }
    const parent = dirname(folder)
    if (parent === folder) return undefined
    folder = parent
  }
}
