import { existsSync } from 'node:fs'
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { CONFIG_FILE_NAMES } from '../config/index.js'
import { MigrationInitError } from '../errors.js'
import { configFileSource, DEFAULT_TEMPLATE, MIGRATIONS_README } from '../script/index.js'
import { type GitignoreResult, ignoreInGit } from './gitignore.js'

/** Options of {@link init}. */
export interface InitOptions {
  /** The working directory (default `process.cwd()`). */
  readonly cwd?: string
  /** The migrations folder to create, relative to `cwd`. Default `migrations`. */
  readonly directory?: string
  /**
   * Where to write the config file (default: `stratum.config.ts` in `cwd`). Nothing is
   * written when it exists, or when `configPath` is not given and any Stratum config file
   * is already in `cwd`.
   */
  readonly configPath?: string
}

/** What {@link init} did. */
export interface InitResult {
  /** Absolute path of the migrations folder. */
  readonly directory: string
  /** Absolute path of the config file (written now, or found). */
  readonly configPath: string
  /** False when a config file already existed and was left as it was. */
  readonly configCreated: boolean
  /** Absolute paths of every folder and file created, in creation order. */
  readonly created: readonly string[]
  /**
   * The `.gitignore` in `cwd` that keeps the dumps folder out of git (created, appended to,
   * or already listing it); undefined when the migrations folder is outside `cwd`.
   */
  readonly gitignore: GitignoreResult | undefined
}

/**
 * Create a migrations folder (`versions/`, `script.ts.tmpl`, `README.md`) and, unless one
 * exists, a `stratum.config.ts` pointing at it. Refuses a folder that exists and is not empty.
 *
 * @example
 * const result = await init({ cwd: '/path/to/project', directory: 'db/migrations' })
 * result.created // ['/path/to/project/db/migrations', '.../versions', ...]
 */
export async function init(options: InitOptions = {}): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd()
  const directory = resolve(cwd, options.directory ?? 'migrations')
  const configPath = options.configPath
    ? resolve(cwd, options.configPath)
    : (existingConfig(cwd) ?? join(cwd, 'stratum.config.ts'))
  await checkDirectory(directory)

  const created: string[] = []
  if (!existsSync(directory)) {
    await mkdir(directory, { recursive: true })
    created.push(directory)
  }
  const files: [string, string][] = [
    [join(directory, 'script.ts.tmpl'), DEFAULT_TEMPLATE],
    [join(directory, 'README.md'), MIGRATIONS_README],
  ]
  const versions = join(directory, 'versions')
  await mkdir(versions)
  created.push(versions)
  for (const [path, text] of files) {
    await writeFile(path, text, { flag: 'wx' })
    created.push(path)
  }

  const configCreated = !existsSync(configPath)
  if (configCreated) {
    const migrations = relativeImportPath(dirname(configPath), directory)
    await mkdir(dirname(configPath), { recursive: true })
    await writeFile(configPath, configText(configPath, migrations), { flag: 'wx' })
    created.push(configPath)
  }
  const gitignore = await ignoreDumps(cwd, directory)
  if (gitignore?.change === 'created') created.push(gitignore.path)
  return { directory, configPath, configCreated, created, gitignore }
}

/** Adds `<migrations>/dumps/` (where backups go by default) to the `.gitignore` of `cwd`. */
async function ignoreDumps(cwd: string, directory: string): Promise<GitignoreResult | undefined> {
  const rel = relative(cwd, directory)
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined
  const dumps = [...(rel === '' ? [] : rel.split(sep)), 'dumps'].join('/')
  return ignoreInGit(cwd, `${dumps}/`, "Stratum's database dumps (backup.folder): they hold data")
}

function existingConfig(cwd: string): string | undefined {
  return CONFIG_FILE_NAMES.map((name) => join(cwd, name)).find((path) => existsSync(path))
}

async function checkDirectory(directory: string): Promise<void> {
  const info = await stat(directory).catch(() => undefined)
  if (info === undefined) return
  if (!info.isDirectory()) {
    throw new MigrationInitError(
      'INIT_NOT_A_DIRECTORY',
      `${directory} exists and is not a folder`,
      {
        hint: 'Choose another folder: stratum init <dir>',
      },
    )
  }
  if ((await readdir(directory)).length > 0) {
    throw new MigrationInitError(
      'INIT_DIRECTORY_NOT_EMPTY',
      `Directory ${directory} already exists and is not empty`,
      { hint: 'Choose another folder (stratum init <dir>) or empty this one.' },
    )
  }
}

/** The migrations folder as the config writes it: relative, with forward slashes. */
function relativeImportPath(from: string, to: string): string {
  const rel = relative(from, to)
  if (rel === '' || isAbsolute(rel)) return rel === '' ? '.' : to
  return rel.split(sep).join('/')
}

function configText(configPath: string, migrations: string): string {
  if (extname(configPath) === '.json') {
    return `${JSON.stringify({ migrations, backup: { beforeUpgrade: true, keep: 10 } }, null, 2)}\n`
  }
  return configFileSource({ migrations })
}
