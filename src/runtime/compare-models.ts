/**
 * Autogenerate against a live database: the models (discovered from `config.models`)
 * compared with what the dialect's introspection reads, leaving out Stratum's own tables
 * and the `exclude` globs. Used by `Migrator.compare`, `Migrator.check` and
 * `Migrator.revision({ autogenerate: true })`.
 */
import {
  type ComparisonResult,
  compareSchemas,
  createTableFilter,
  parseRenameArgs,
  type RenameMap,
  type RenameResolver,
  renderRevisionBodies,
} from '../autogenerate/index.js'
import type { CreatedRevision, RevisionContent } from '../commands/create-revision.js'
import type { ResolvedConfig } from '../config/types.js'
import type { DialectConnection } from '../dialects/dialect.js'
import { ConfigError, MigrationError } from '../errors.js'
import { discoverModels } from '../schema/discover.js'
import type { SchemaModel } from '../schema/model.js'
import type { DatabaseContext } from './database-context.js'
import { type CurrentDetails, currentDetails } from './status.js'
import type { StateTables } from './tables.js'

/** How renames are decided when comparing the models with the database. */
export interface ModelCompareOptions {
  /**
   * Asked about each dropped + added pair that looks like a rename (the CLI prompts on a
   * terminal). Default: nothing is asked, and such pairs are a drop and an add, with a warning.
   */
  readonly renames?: RenameResolver | undefined
  /**
   * Explicit answers, as `--rename` takes them: `users.fullname=name` (a column),
   * `person=people` (a table). Bad syntax is a `UsageError`.
   */
  readonly renameArgs?: readonly string[] | undefined
}

/** The models and the parsed rename answers: everything that needs no database. */
export interface PreparedComparison {
  readonly target: SchemaModel
  readonly renameMap: RenameMap
  readonly renames: RenameResolver | undefined
}

/**
 * Parses the rename answers and imports the models (in that order: a typo in `--rename`
 * is reported before any model module runs). Throws `ConfigError` `MODELS_NOT_CONFIGURED`
 * when the config names no models, `UsageError` for a bad `--rename`, `ModelError` when
 * discovery fails.
 *
 * @example
 * const prepared = await prepareComparison(config, { renameArgs: ['users.fullname=name'] })
 */
export async function prepareComparison(
  config: ResolvedConfig,
  options: ModelCompareOptions = {},
): Promise<PreparedComparison> {
  const renameMap = parseRenameArgs(options.renameArgs ?? [])
  if (config.models.length === 0) {
    throw new ConfigError('MODELS_NOT_CONFIGURED', 'No models are configured to compare with', {
      hint: "Name the model modules in stratum.config.ts, e.g. models: ['src/db/schema.ts'] (globs allowed).",
    })
  }
  const { schema } = await discoverModels({ patterns: config.models, cwd: config.rootDir })
  return { target: schema, renameMap, renames: options.renames }
}

/** What autogenerate reads of a database, and how it read it. */
interface DatabaseSchema {
  readonly current: SchemaModel
  readonly skipTable: (table: string, schema: string | undefined) => boolean
  readonly defaultSchema: string | undefined
}

/**
 * Reads the database's schema as autogenerate sees it: Stratum's own tables and the
 * `exclude` globs left out; on PostgreSQL the connection's default schema plus `schemas`.
 *
 * @example
 * const { current } = await readDatabaseSchema({ config, connection, tables, schemas: ['billing'] })
 */
export async function readDatabaseSchema(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly schemas?: readonly string[] | undefined
}): Promise<DatabaseSchema> {
  const { connection } = input
  const { dialect } = connection
  const introspection = dialect.introspection
  if (introspection === undefined) {
    throw new MigrationError(
      'AUTOGENERATE_UNSUPPORTED',
      `The ${dialect.name} dialect cannot read a database's schema, so it cannot autogenerate`,
      { hint: 'Write the revision by hand (stratum revision -m MESSAGE without --autogenerate).' },
    )
  }
  const defaultSchema = dialect.capabilities.schemas ? await connection.defaultSchema() : undefined
  const skipTable = createTableFilter({
    exclude: input.config.exclude,
    ownTables: [input.tables.version, input.tables.history],
    ...(defaultSchema === undefined ? {} : { defaultSchema }),
  })
  const schemas =
    defaultSchema === undefined
      ? undefined
      : [...new Set([defaultSchema, ...(input.schemas ?? [])])]
  const current = await introspection.introspect(connection, {
    skipTable,
    ...(schemas === undefined ? {} : { schemas }),
  })
  return { current, skipTable, defaultSchema }
}

/**
 * Reads the database and compares it with the prepared models. PostgreSQL reads the
 * connection's default schema and every schema the models use.
 *
 * @example
 * const result = await compareWithDatabase({ config, connection, tables, prepared })
 * result.changes.map((change) => change.detail)
 */
export async function compareWithDatabase(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly prepared: PreparedComparison
}): Promise<ComparisonResult> {
  const { prepared } = input
  const { current, skipTable, defaultSchema } = await readDatabaseSchema({
    ...input,
    schemas: schemasUsed(prepared.target),
  })
  return compareSchemas({
    target: prepared.target,
    current,
    dialect: input.connection.dialect,
    renameMap: prepared.renameMap,
    skipTable,
    ...(prepared.renames === undefined ? {} : { renames: prepared.renames }),
    ...(defaultSchema === undefined ? {} : { defaultSchema }),
  })
}

/**
 * The schemas the models name (tables, enum types and foreign key targets).
 *
 * @example
 * schemasUsed(prepared.target) // ['billing']
 */
export function schemasUsed(model: SchemaModel): string[] {
  const named = [
    ...model.schemas,
    ...model.tables.flatMap((table) => [
      table.schema,
      ...table.foreignKeys.map((key) => key.referencedSchema),
    ]),
    ...model.enums.map((item) => item.schema),
  ]
  return named.filter((schema): schema is string => schema !== undefined)
}

/**
 * Refuses to autogenerate against a database that is not at the heads: the comparison
 * would repeat what the pending revisions already do (Alembic refuses too).
 *
 * @example
 * requireAtHeads(await currentDetails(context))
 */
export function requireAtHeads(details: CurrentDetails): void {
  if (details.atHeads) return
  const list = (ids: readonly string[]) => (ids.length === 0 ? 'base' : ids.join(', '))
  const several = details.heads.length > 1
  throw new MigrationError(
    'NOT_UP_TO_DATE',
    `Target database is not up to date: it is at ${list(details.rows)}, the head${several ? 's are' : ' is'} ${list(details.heads)}`,
    {
      hint: `Run 'stratum upgrade ${several ? 'heads' : 'head'}' first, then compare against the result.`,
    },
  )
}

/**
 * Whether a comparison found nothing at all: no difference, no operation.
 *
 * @example
 * if (isEmptyComparison(result)) console.log('No changes in schema detected.')
 */
export function isEmptyComparison(result: ComparisonResult): boolean {
  return result.changes.length === 0 && result.upgrade.length === 0 && result.downgrade.length === 0
}

/** A revision that autogenerate wrote, and what the comparison found. */
export interface AutogeneratedRevision extends CreatedRevision {
  /** The operations written into the file, the changes in words, and the warnings. */
  readonly comparison: ComparisonResult
  /** True when the models and the database agreed: the file has empty bodies. */
  readonly empty: boolean
}

/**
 * Writes an autogenerated revision: refuses unless the database is at the heads, then
 * lets `write` run every check on the new revision before comparing (so a bad `--head`
 * fails before any rename question is asked) and renders the comparison into the file.
 *
 * @example
 * const created = await autogenerateRevision({ context, config, prepared, write: (bodies) =>
 *   revision({ config, message: 'add email', bodies }) })
 */
export async function autogenerateRevision(input: {
  readonly context: DatabaseContext
  readonly config: ResolvedConfig
  readonly prepared: PreparedComparison
  readonly write: (bodies: () => Promise<RevisionContent>) => Promise<CreatedRevision>
}): Promise<AutogeneratedRevision> {
  const { context } = input
  requireAtHeads(await currentDetails(context))
  let comparison: ComparisonResult | undefined
  const created = await input.write(async () => {
    comparison = await compareWithDatabase({
      config: input.config,
      connection: context.connection,
      tables: context.tables,
      prepared: input.prepared,
    })
    return renderRevisionBodies(comparison)
  })
  if (comparison === undefined) throw new Error('the revision was written without comparing')
  return { ...created, comparison, empty: isEmptyComparison(comparison) }
}
