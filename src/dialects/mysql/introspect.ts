/**
 * MySQL/MariaDB introspection: the connection's database (DATABASE()) read into the
 * normalised schema with a fixed number of information_schema queries
 * (introspect-queries.ts), and the canonical spellings autogenerate compares with.
 *
 * The database is the only one read: MySQL has no schemas inside a database, so
 * `schemas` is ignored and tables have no `schema`. Views are not read. MySQL enums
 * are inline column types (`{ enum: [...] }`), so `enums` and `schemas` are empty.
 *
 * Not in the model, so not read: ON UPDATE CURRENT_TIMESTAMP, generated column
 * expressions (such a column reads as a plain column), character sets and
 * collations, index comments and visibility, CHECK ... NOT ENFORCED.
 */
import type { ColumnModel, SchemaModel, TableModel } from '../../schema/model.js'
import type { DialectConnection, DialectIntrospection, IntrospectOptions } from '../dialect.js'
import { canonicalDefault } from './canonical-default.js'
import { canonicalExpression } from './canonical-expression.js'
import { canonicalType } from './canonical-type.js'
import { columnModel } from './introspect-column.js'
import { byName, checkModels, foreignKeyModels, groupBy, indexModels } from './introspect-keys.js'
import { type CatalogRows, type CheckRow, readCatalog } from './introspect-queries.js'
import { unmodelledMysql } from './unmodelled.js'

/**
 * Whether a check is the one MariaDB adds to a JSON column: written on the column
 * (`LEVEL = 'Column'`, named after it) and exactly `json_valid(column)`.
 */
function jsonCheckOf(row: CheckRow): string | undefined {
  if (row.level !== 'Column') return undefined
  const expected = canonicalExpression(`json_valid(\`${row.name.replace(/`/g, '``')}\`)`)
  return canonicalExpression(row.clause) === expected ? row.name : undefined
}

/**
 * Assembles catalog rows into the schema: tables by name, columns in table order,
 * keys, indexes and checks by name.
 *
 * @example
 * buildSchema(await readCatalog(connection), { skipTable: (name) => name === 'stratum_version' })
 */
export function buildSchema(rows: CatalogRows, options: IntrospectOptions = {}): SchemaModel {
  const skip = options.skipTable ?? (() => false)
  const columns = groupBy(rows.columns, (row) => row.tableName)
  const indexes = groupBy(rows.indexes, (row) => row.tableName)
  const foreignKeys = groupBy(rows.foreignKeys, (row) => row.tableName)
  const checks = groupBy(rows.checks, (row) => row.tableName)
  const tables: TableModel[] = []
  for (const table of rows.tables) {
    if (skip(table.name, undefined)) continue
    const tableChecks = checks.get(table.name) ?? []
    const jsonColumns = new Set(tableChecks.map(jsonCheckOf).filter((name) => name !== undefined))
    const tableColumns: ColumnModel[] = (columns.get(table.name) ?? []).map((row) =>
      columnModel(row, {
        mariadb: rows.mariadb,
        jsonCheck: rows.mariadb && jsonColumns.has(row.name),
      }),
    )
    const jsonTypes = new Set(
      tableColumns.filter((column) => column.type === 'json').map((column) => column.name),
    )
    const keys = foreignKeyModels(foreignKeys.get(table.name) ?? [], rows.database)
    const {
      primaryKey,
      uniques,
      indexes: tableIndexes,
    } = indexModels(indexes.get(table.name) ?? [], keys)
    tables.push({
      name: table.name,
      columns: tableColumns,
      ...(primaryKey ? { primaryKey } : {}),
      uniques,
      foreignKeys: keys,
      indexes: tableIndexes,
      checks: checkModels(tableChecks, {
        mariadb: rows.mariadb,
        isJsonCheck: (row) => {
          const column = jsonCheckOf(row)
          return column !== undefined && jsonTypes.has(column)
        },
      }),
      ...(table.comment === '' ? {} : { comment: table.comment }),
    })
  }
  return { tables: tables.sort(byName), enums: [], schemas: [] }
}

/**
 * Reads the connection's database into the normalised schema, with six catalog
 * queries however many tables there are.
 *
 * @example
 * const schema = await introspectMysql(connection, { skipTable: (name) => name.startsWith('stratum_') })
 * schema.tables.map((table) => table.name)
 */
export async function introspectMysql(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<SchemaModel> {
  return buildSchema(await readCatalog(connection), options)
}

/**
 * Autogenerate's view of MySQL/MariaDB.
 *
 * @example
 * mysqlIntrospection.canonicalType('integer') === mysqlIntrospection.canonicalType('int(11)') // true
 */
export const mysqlIntrospection: DialectIntrospection = {
  introspect: introspectMysql,
  canonicalType,
  canonicalDefault,
  canonicalExpression,
  unmodelled: unmodelledMysql,
}
