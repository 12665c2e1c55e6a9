/**
 * PostgreSQL's catalog read into the normalised schema (src/schema/model.ts) with a
 * fixed number of queries (introspect-queries.ts), whatever the number of tables.
 *
 * Conventions of the result: a table, enum or referenced table in the connection's
 * default schema (`current_schema()`) has no `schema`; types are canonical
 * (canonical-type.ts), enum columns `{ enum, name }` with `name` schema-qualified
 * outside the default schema; identity and serial columns are `autoIncrement` with no
 * default; NULL defaults are no default; optional fields are absent when unset
 * (`onDelete`/`onUpdate` for NO ACTION, `deferrable` when not, `using` for btree).
 * Not represented: generated columns' expressions (no default is reported for them),
 * identity ALWAYS vs BY DEFAULT, index INCLUDE columns, exclusion constraints,
 * NULLS NOT DISTINCT, constraint validity.
 */
import { MigrationError } from '../../errors.js'
import type { ReferentialAction } from '../../operations/types.js'
import type {
  CheckModel,
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  IndexModel,
  SchemaModel,
  TableModel,
  UniqueModel,
} from '../../schema/model.js'
import type { DialectConnection, DialectIntrospection, IntrospectOptions } from '../dialect.js'
import { canonicalDefault, defaultFromCatalog } from './canonical-default.js'
import { canonicalExpression } from './canonical-expression.js'
import { canonicalType } from './canonical-type.js'
import { indexItems, textArray, tidyExpression } from './catalog-text.js'
import {
  COLUMNS_SQL,
  CONSTRAINTS_SQL,
  type ColumnRow,
  type ConstraintRow,
  ENUMS_SQL,
  type EnumRow,
  INDEXES_SQL,
  type IndexRow,
  SCHEMAS_SQL,
  type SchemaRow,
  TABLES_SQL,
  type TableRow,
} from './introspect-queries.js'
import { SqlSyntaxError, tokenize } from './sql-tokens.js'
import { unmodelledPostgres, userSchemasPostgres } from './unmodelled.js'

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
}

/** Code-point order, the same on every machine (no locale). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

const byName = (a: { readonly name?: string }, b: { readonly name?: string }) =>
  byText(a.name ?? '', b.name ?? '')

/** Everything of one table, gathered from the per-kind queries. */
interface TableParts {
  readonly row: TableRow
  readonly columns: ColumnModel[]
  primaryKey?: { name: string; columns: string[] }
  readonly uniques: UniqueModel[]
  readonly foreignKeys: ForeignKeyModel[]
  readonly indexes: IndexModel[]
  readonly checks: CheckModel[]
}

/** What the builders need to know about where things live. */
interface Context {
  /** `current_schema()`, whose objects carry no schema. */
  readonly current: string | null
  readonly enums: ReadonlyMap<string, EnumRow>
}

const key = (schema: string, name: string) => `${schema}\u0000${name}`

/** A schema as the model writes it: absent for the default one. */
function schemaField(context: Context, schema: string | null): { schema?: string } {
  return schema === null || schema === context.current ? {} : { schema }
}

function columnModel(row: ColumnRow, context: Context): ColumnModel {
  const enumRow =
    row.enum_schema !== null && row.enum_name !== null
      ? context.enums.get(key(row.enum_schema, row.enum_name))
      : undefined
  const type = enumRow
    ? {
        enum: textArray(enumRow.labels),
        name:
          enumRow.schema === context.current ? enumRow.name : `${enumRow.schema}.${enumRow.name}`,
      }
    : canonicalType(row.type)
  const autoIncrement = row.identity === 'a' || row.identity === 'd' || row.serial
  const value =
    autoIncrement || row.generated !== '' || row.default === null
      ? undefined
      : defaultFromCatalog(row.default, type)
  return {
    name: row.name,
    type,
    nullable: !row.not_null,
    ...(value === undefined ? {} : { default: value }),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    ...(row.comment === null ? {} : { comment: row.comment }),
  }
}

function addConstraint(parts: TableParts, row: ConstraintRow, context: Context): void {
  const name = row.name
  const columns = textArray(row.columns)
  if (row.type === 'p') parts.primaryKey = { name, columns }
  else if (row.type === 'u') parts.uniques.push({ name, columns })
  else if (row.type === 'c') {
    parts.checks.push({ name, expression: tidyExpression(row.expression ?? '') })
  } else if (row.type === 'f') {
    const onDelete = ACTIONS[row.on_delete]
    const onUpdate = ACTIONS[row.on_update]
    const referencedSchema = schemaField(context, row.referenced_schema).schema
    parts.foreignKeys.push({
      name,
      columns,
      referencedTable: row.referenced_table ?? '',
      ...(referencedSchema === undefined ? {} : { referencedSchema }),
      referencedColumns: textArray(row.referenced_columns),
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
      ...(row.deferrable ? { deferrable: true } : {}),
      ...(row.deferred ? { initiallyDeferred: true } : {}),
    })
  }
}

/** Whether an index item is just the column's name (quoted or not), with no options. */
function isPlainColumn(item: string, column: string | undefined): column is string {
  if (!column) return false
  const tokens = tokenize(item)
  const only = tokens[0]
  return (
    tokens.length === 1 && (only?.kind === 'word' || only?.kind === 'name') && only.value === column
  )
}

/** The key items of an index's definition; a definition that cannot be read is an error. */
function readIndexItems(row: IndexRow, definition: string): string[] {
  try {
    return indexItems(definition)
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error
    throw new MigrationError(
      'INTROSPECTION_FAILED',
      `Cannot read the definition of index '${row.name}' on '${row.schema}.${row.table}': ${definition}`,
      { cause: error, hint: 'Exclude the table from autogenerate, and report the definition.' },
    )
  }
}

function indexModel(row: IndexRow): IndexModel {
  const keyColumns = textArray(row.key_columns)
  // No definition: every key item is a plain column (see INDEXES_SQL).
  const columns =
    row.definition === null
      ? keyColumns
      : readIndexItems(row, row.definition).map((item, position) => {
          const column = keyColumns[position]
          return isPlainColumn(item, column) ? column : { sql: item }
        })
  return {
    name: row.name,
    columns,
    unique: row.unique,
    ...(row.predicate === null ? {} : { where: tidyExpression(row.predicate) }),
    ...(row.method === 'btree' ? {} : { using: row.method }),
  }
}

function tableModel(parts: TableParts, context: Context): TableModel {
  const { row } = parts
  return {
    name: row.name,
    ...schemaField(context, row.schema),
    columns: parts.columns,
    ...(parts.primaryKey ? { primaryKey: parts.primaryKey } : {}),
    uniques: parts.uniques.sort(byName),
    foreignKeys: parts.foreignKeys.sort(byName),
    indexes: parts.indexes.sort(byName),
    checks: parts.checks.sort(byName),
    ...(row.comment === null ? {} : { comment: row.comment }),
  }
}

const bySchemaAndName = (
  a: { readonly schema?: string; readonly name: string },
  b: { readonly schema?: string; readonly name: string },
) => byText(a.schema ?? '', b.schema ?? '') || byText(a.name, b.name)

async function rows<T>(
  connection: DialectConnection,
  sql: string,
  parameters: unknown[],
): Promise<readonly T[]> {
  const result = await connection.query(sql, parameters)
  return result.rows as unknown as readonly T[]
}

/**
 * Reads the tables of the requested schemas (default: the current one) with their
 * columns, keys, indexes, checks and comments, plus the enum types, in six queries.
 *
 * @example
 * const schema = await introspectPostgres(connection, { skipTable: (name) => name === 'stratum_version' })
 */
export async function introspectPostgres(
  connection: DialectConnection,
  options: IntrospectOptions = {},
): Promise<SchemaModel> {
  const parameters = [options.schemas === undefined ? null : [...options.schemas]]
  // One after another: a pg client queues concurrent queries anyway, and warns about it.
  const schemaRows = await rows<SchemaRow>(connection, SCHEMAS_SQL, parameters)
  const tableRows = await rows<TableRow>(connection, TABLES_SQL, parameters)
  const columnRows = await rows<ColumnRow>(connection, COLUMNS_SQL, parameters)
  const constraintRows = await rows<ConstraintRow>(connection, CONSTRAINTS_SQL, parameters)
  const indexRows = await rows<IndexRow>(connection, INDEXES_SQL, parameters)
  const enumRows = await rows<EnumRow>(connection, ENUMS_SQL, [])
  const current = schemaRows[0]?.current ?? null
  const context: Context = {
    current,
    enums: new Map(enumRows.map((row) => [key(row.schema, row.name), row])),
  }
  const skip = options.skipTable ?? (() => false)
  const tables = new Map<string, TableParts>()
  for (const row of tableRows) {
    if (skip(row.name, schemaField(context, row.schema).schema)) continue
    const parts = { row, columns: [], uniques: [], foreignKeys: [], indexes: [], checks: [] }
    tables.set(key(row.schema, row.name), parts)
  }
  for (const row of columnRows) {
    tables.get(key(row.schema, row.table))?.columns.push(columnModel(row, context))
  }
  for (const row of constraintRows) {
    const parts = tables.get(key(row.schema, row.table))
    if (parts) addConstraint(parts, row, context)
  }
  for (const row of indexRows) {
    tables.get(key(row.schema, row.table))?.indexes.push(indexModel(row))
  }
  const requested = new Set(textArray(schemaRows[0]?.existing))
  const enums: EnumModel[] = enumRows
    .filter((row) => requested.has(row.schema) && !row.extension)
    .map((row) => ({
      name: row.name,
      ...schemaField(context, row.schema),
      values: textArray(row.labels),
    }))
  return {
    tables: [...tables.values()].map((parts) => tableModel(parts, context)).sort(bySchemaAndName),
    enums: enums.sort(bySchemaAndName),
    schemas: [...requested].filter((schema) => schema !== current).sort(byText),
  }
}

/**
 * Autogenerate's view of PostgreSQL (and PGlite): catalog reading and the canonical
 * spellings of types, defaults and expressions.
 *
 * @example
 * const model = await postgresIntrospection.introspect(connection, { schemas: ['public', 'billing'] })
 * postgresIntrospection.canonicalType('int4') === postgresIntrospection.canonicalType('integer') // true
 */
export const postgresIntrospection: DialectIntrospection = {
  introspect: introspectPostgres,
  canonicalType,
  canonicalDefault,
  canonicalExpression,
  unmodelled: unmodelledPostgres,
  userSchemas: userSchemasPostgres,
}
