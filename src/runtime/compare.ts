/** `compare()`: the programmatic comparison of the models with a database, in one call. */
import type { ComparisonResult } from '../autogenerate/index.js'
import type { ModelCompareOptions } from './compare-models.js'
import { Migrator } from './migrator.js'
import type { MigratorOptions } from './migrator-options.js'

/** Options of {@link compare}: where the project is (as `Migrator.open`) and how to rename. */
export type CompareModelsOptions = Pick<MigratorOptions, 'cwd' | 'configPath' | 'url' | 'config'> &
  ModelCompareOptions

/**
 * Opens the project's `Migrator`, compares the models with the database, and closes it.
 * The result's `upgrade` is what `revision --autogenerate` would write; an empty `changes`
 * means the database matches the models.
 *
 * @example
 * import { compare } from 'stratum'
 *
 * const { upgrade, changes, warnings } = await compare({ cwd: '/app', url: process.env.DATABASE_URL })
 * for (const change of changes) console.log(change.detail)
 */
export async function compare(options: CompareModelsOptions = {}): Promise<ComparisonResult> {
  const { renames, renameArgs, ...open } = options
  const migrator = await Migrator.open(open)
  try {
    return await migrator.compare({ renames, renameArgs })
  } finally {
    await migrator.close()
  }
}
