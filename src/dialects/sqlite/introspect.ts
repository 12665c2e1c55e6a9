/**
 * Autogenerate's view of a SQLite database: every table read into the normalised
 * `SchemaModel` with a fixed number of queries, and the canonical spellings that make
 * equal types, defaults and expressions compare equal.
 */
import type { SchemaModel, TableModel } from '../../schema/model.js'
import type { DialectConnection, DialectIntrospection, IntrospectOptions } from '../dialect.js'
import { canonicalDefault } from './canonical-default.js'
import { canonicalExpression } from './canonical-expression.js'
import { canonicalType } from './canonical-type.js'
import { readCatalog } from './catalog.js'
import { asciiLower } from './sql-tokenizer.js'
import { tableModel } from './table-model.js'
import { unmodelledSqlite } from './unmodelled.js'

/**
 * Reads every ordinary table of the main database (not views, virtual tables, or
 * SQLite's `sqlite_*` tables; not the tables `skipTable` refuses) in three queries,
 * however many tables there are. SQLite has no schemas and no enum types: `schemas`
 * is ignored, and the model's `enums` and `schemas` are empty.
 *
 * @example
 * const schema = await introspectSqlite(connection, { skipTable: (name) => name === 'stratum_version' })
 * schema.tables.map((table) => table.name) // ['posts', 'users']
 */
export async function introspectSqlite(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<SchemaModel> {
  const catalog = await readCatalog(connection)
  const byName = new Map(catalog.map((table) => [asciiLower(table.name), table]))
  const tables: TableModel[] = catalog
    .filter((table) => !options.skipTable?.(table.name, undefined))
    .map((table) => tableModel(table, byName))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { tables, enums: [], schemas: [] }
}

/**
 * The SQLite dialect's introspection, the `introspection` member of `sqliteDialect`.
 *
 * @example
 * const schema = await sqliteIntrospection.introspect(connection)
 * sqliteIntrospection.canonicalType('timestamp') === sqliteIntrospection.canonicalType('DATETIME') // true
 */
export const sqliteIntrospection: DialectIntrospection = Object.freeze({
  introspect: introspectSqlite,
  canonicalType,
  canonicalDefault,
  canonicalExpression,
  unmodelled: unmodelledSqlite,
})
