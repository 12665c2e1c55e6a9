/**
 * The whole database as `pull` and `baseline` read it: the tables, enum types and
 * schemas the model DSL expresses, and the objects it cannot express. Stratum's own
 * tables and the `exclude` globs are left out, as autogenerate leaves them out.
 */
import type { ResolvedConfig } from '../config/types.js'
import type { DialectConnection, UnmodelledObject } from '../dialects/dialect.js'
import { MigrationError, UsageError } from '../errors.js'
import { readDatabaseSchema } from '../runtime/compare-models.js'
import type { StateTables } from '../runtime/tables.js'
import type { SchemaModel } from '../schema/model.js'

/** What was read. */
export interface DatabaseRead {
  readonly schema: SchemaModel
  /** In the order a new database creates them. */
  readonly unmodelled: readonly UnmodelledObject[]
  /** The connection's default schema (`public`); undefined without schemas. */
  readonly defaultSchema: string | undefined
  readonly skipTable: (table: string, schema: string | undefined) => boolean
}

/** Keeps the tables, enum types and schemas of `wanted` (a default-schema table has none). */
function onlySchemas(
  model: SchemaModel,
  wanted: ReadonlySet<string>,
  defaultSchema: string | undefined,
): SchemaModel {
  const keep = (schema: string | undefined) => wanted.has(schema ?? defaultSchema ?? '')
  return {
    tables: model.tables.filter((table) => keep(table.schema)),
    enums: model.enums.filter((item) => keep(item.schema)),
    schemas: model.schemas.filter((schema) => wanted.has(schema)),
  }
}

/**
 * Reads the database: on PostgreSQL every schema of its own (or `schemas`), elsewhere the
 * connection's database. Throws `UsageError` for `schemas` on a database without schemas
 * and `MigrationError` `AUTOGENERATE_UNSUPPORTED` for a dialect that cannot introspect.
 *
 * @example
 * const { schema, unmodelled } = await readDatabase({ config, connection, tables })
 */
export async function readDatabase(input: {
  readonly config: ResolvedConfig
  readonly connection: DialectConnection
  readonly tables: StateTables
  readonly schemas?: readonly string[] | undefined
}): Promise<DatabaseRead> {
  const { connection } = input
  const { dialect } = connection
  const introspection = dialect.introspection
  const requested = input.schemas ?? []
  if (requested.length > 0 && !dialect.capabilities.schemas) {
    throw new UsageError(`--schema needs a database with schemas; ${dialect.name} has none`, {
      hint: 'Leave out --schema: the whole database is read.',
    })
  }
  const schemas =
    requested.length > 0
      ? requested
      : dialect.capabilities.schemas
        ? await introspection?.userSchemas?.(connection)
        : undefined
  const read = await readDatabaseSchema({ ...input, schemas })
  const { defaultSchema, skipTable } = read
  const wanted = new Set(schemas ?? [])
  const schema =
    requested.length > 0 ? onlySchemas(read.current, wanted, defaultSchema) : read.current
  if (requested.length > 0) {
    const found = new Set([
      ...(defaultSchema === undefined ? [] : [defaultSchema]),
      ...read.current.schemas,
    ])
    const missing = requested.filter((name) => !found.has(name))
    if (missing.length > 0) {
      throw new MigrationError(
        'SCHEMA_NOT_FOUND',
        `No schema named ${missing.join(', ')} in the database`,
        {
          hint: 'Check the --schema names (they are case-sensitive).',
        },
      )
    }
  }
  const unmodelled =
    (await introspection?.unmodelled?.(connection, {
      ...(schemas === undefined ? {} : { schemas }),
      skipTable,
    })) ?? []
  return { schema, unmodelled, defaultSchema, skipTable }
}
