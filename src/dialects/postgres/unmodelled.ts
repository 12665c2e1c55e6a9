/**
 * What PostgreSQL holds beyond what the model DSL expresses (extensions, domains,
 * composite and range types, standalone sequences, functions, views, triggers, rules,
 * exclusion constraints, partitioning, inheritance, foreign tables, generated columns,
 * row security policies), read in one query (unmodelled-queries.ts), and the schemas a
 * database's own objects live in.
 */
import type { DialectConnection, IntrospectOptions, UnmodelledObject } from '../dialect.js'
import { UNMODELLED_SQL, type UnmodelledRow } from './unmodelled-queries.js'

/**
 * The objects of the requested schemas (default: the current one) that the models cannot
 * hold, in the order a new database must create them; those attached to a skipped table
 * (Stratum's own, `exclude` globs) are left out.
 *
 * @example
 * const objects = await unmodelledPostgres(connection, { schemas: ['public'] })
 * objects.map((item) => item.kind) // ['domain', 'function', 'view', 'trigger']
 */
export async function unmodelledPostgres(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<readonly UnmodelledObject[]> {
  const current = await connection.defaultSchema()
  const parameters = [options.schemas === undefined ? null : [...options.schemas]]
  const { rows } = await connection.query(UNMODELLED_SQL, parameters)
  const skip = options.skipTable ?? (() => false)
  return (rows as unknown as readonly UnmodelledRow[]).flatMap((row): UnmodelledObject[] => {
    const schema = row.schema === current ? undefined : row.schema
    if (row.table !== null && skip(row.table, schema)) return []
    return [
      {
        kind: row.kind,
        ...(schema === undefined ? {} : { schema }),
        name: row.name,
        ...(row.table === null ? {} : { table: row.table }),
        ...(row.detail === null ? {} : { detail: row.detail }),
        ...(row.create === null || row.drop === null ? {} : { create: row.create, drop: row.drop }),
        ...(row.phase === null || row.create === null ? {} : { phase: row.phase }),
      },
    ]
  })
}

const USER_SCHEMAS_SQL = `SELECT n.nspname::text AS name FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'
  AND NOT EXISTS (
    SELECT 1 FROM pg_catalog.pg_depend e
    WHERE e.classid = 'pg_catalog.pg_namespace'::regclass AND e.objid = n.oid AND e.deptype = 'e'
  )
ORDER BY 1`

/**
 * Every schema but PostgreSQL's own (`pg_*`, `information_schema`) and those an
 * extension created.
 *
 * @example
 * await userSchemasPostgres(connection) // ['billing', 'public']
 */
export async function userSchemasPostgres(connection: DialectConnection): Promise<string[]> {
  const { rows } = await connection.query(USER_SCHEMAS_SQL)
  return rows.map((row) => String(row.name))
}
