/**
 * `pull`: the live database written as model files. Reads it (read-database.ts), renders
 * the files (render-models.ts), refuses to overwrite files that exist unless `force`,
 * then writes them and says which `models` setting finds them when the config has none.
 */
import { existsSync, statSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { ResolvedConfig } from '../config/types.js'
import type { DialectConnection, UnmodelledObject } from '../dialects/dialect.js'
import { MigrationError } from '../errors.js'
import type { StateTables } from '../runtime/tables.js'
import type { PullSplit } from './model-plan.js'
import { readDatabase } from './read-database.js'
import { renderModels } from './render-models.js'

/** Options of `Migrator.pull`. */
export interface PullOptions {
  /** The folder to write into, relative to the working directory. Default `models`. */
  readonly out?: string | undefined
  /** PostgreSQL schemas to read; default every schema of the database's own. */
  readonly schemas?: readonly string[] | undefined
  /** `table` (default): a file per table; `schema`: a file per schema. */
  readonly split?: PullSplit | undefined
  /** Overwrite files that exist. */
  readonly force?: boolean | undefined
}

/** What `pull` wrote. */
export interface PullResult {
  /** The output folder (absolute). */
  readonly directory: string
  /** Each file written (absolute path) and the tables it defines. */
  readonly files: readonly { readonly path: string; readonly tables: readonly string[] }[]
  /** What the model DSL cannot express, as listed in the files. */
  readonly unmodelled: readonly UnmodelledObject[]
  /** Objects the files note beyond `unmodelled` (a column setting the DSL lacks). */
  readonly notes: readonly string[]
  /** `models: ['models/**\/*.ts']` to add to the config, when it names no models. */
  readonly modelsHint: string | undefined
}

/** A path for messages and the config: relative to `from` with `/`, when inside it. */
function shown(path: string, from: string): string {
  const rel = relative(from, path)
  if (rel === '') return '.'
  return rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/')
}

/**
 * Reads the database on `connection` and writes its models into `out`. Throws
 * `MigrationError` `PULL_FILES_EXIST` (naming them) when a file to write exists and
 * `force` is not set, before writing anything; `PULL_NOTHING` when the database has no
 * tables or enum types; `PULL_MISSING_REFERENCE` when a foreign key leaves the schemas read.
 *
 * @example
 * const result = await pullModels({ config, connection, tables, cwd: '/app', out: 'src/db' })
 * result.files.map((file) => file.path) // ['/app/src/db/album.ts', ...]
 */
export async function pullModels(
  input: PullOptions & {
    readonly config: ResolvedConfig
    readonly connection: DialectConnection
    readonly tables: StateTables
    readonly cwd: string
  },
): Promise<PullResult> {
  const directory = resolve(input.cwd, input.out ?? 'models')
  if (existsSync(directory) && !statSync(directory).isDirectory()) {
    throw new MigrationError(
      'PULL_NOT_A_FOLDER',
      `${shown(directory, input.cwd)} is not a folder`,
      {
        hint: 'Choose another folder with --out.',
      },
    )
  }
  const read = await readDatabase({ ...input, schemas: input.schemas })
  if (read.schema.tables.length === 0 && read.schema.enums.length === 0) {
    throw new MigrationError('PULL_NOTHING', 'The database has no tables to pull', {
      hint: 'Check the database URL (and --schema); Stratum leaves out its own tables and the exclude globs.',
    })
  }
  const files = renderModels(read.schema, {
    split: input.split,
    defaultSchema: read.defaultSchema,
    unmodelled: read.unmodelled,
  }).map((file) => ({ ...file, absolute: join(directory, ...file.path.split('/')) }))
  const existing = files.filter((file) => existsSync(file.absolute))
  if (existing.length > 0 && input.force !== true) {
    const names = existing.map((file) => shown(file.absolute, input.cwd))
    const list =
      names.length > 3
        ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
        : names.join(', ')
    throw new MigrationError('PULL_FILES_EXIST', `Not overwriting ${list}`, {
      hint: 'Pass --force to overwrite them, or choose another folder with --out.',
    })
  }
  for (const file of files) {
    await mkdir(dirname(file.absolute), { recursive: true })
    await writeFile(file.absolute, file.text)
  }
  const notes = files.flatMap((file) => file.notes)
  return {
    directory,
    files: files.map((file) => ({ path: file.absolute, tables: file.tables })),
    unmodelled: read.unmodelled,
    notes,
    modelsHint:
      input.config.models.length > 0
        ? undefined
        : `models: ['${shown(directory, input.config.rootDir)}/**/*.ts']`,
  }
}
