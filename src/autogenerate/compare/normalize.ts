/**
 * Brings both sides to one footing before comparing: the default schema written out
 * or not, skipped tables removed, and what the dialect cannot store (comments on
 * SQLite, deferrable keys on MySQL, enum types outside PostgreSQL) left out, so that
 * it is never reported as a difference.
 */
import type { DialectCapabilities } from '../../dialects/dialect.js'
import type {
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  SchemaModel,
  TableModel,
} from '../../schema/model.js'
import { displayName, tableKey } from './names.js'

export interface NormalizeOptions {
  readonly capabilities: DialectCapabilities
  readonly defaultSchema?: string
  readonly skipTable?: (table: string, schema: string | undefined) => boolean
  /** Collects warnings about model settings the dialect ignores (target side only). */
  readonly warn?: (text: string) => void
}

/**
 * A copy of `model` ready for comparison.
 *
 * @example
 * normalizeModel(model, { capabilities: postgresDialect.capabilities, defaultSchema: 'public' })
 */
export function normalizeModel(model: SchemaModel, options: NormalizeOptions): SchemaModel {
  const { capabilities } = options
  const schemaOf = (schema: string | undefined) =>
    schema === options.defaultSchema || !capabilities.schemas ? undefined : schema
  const tables = model.tables
    .filter((table) => !options.skipTable?.(table.name, table.schema))
    .map((table) => normalizeTable(table, schemaOf, options))
    .sort((a, b) => compareKeys(tableKey(a.name, a.schema), tableKey(b.name, b.schema)))
  const schemas = new Set<string>()
  if (capabilities.schemas) {
    for (const schema of model.schemas) {
      const normal = schemaOf(schema)
      if (normal !== undefined) schemas.add(normal)
    }
    for (const table of tables) if (table.schema !== undefined) schemas.add(table.schema)
  }
  const enums = capabilities.enumTypes ? normalizeEnums(model.enums, tables, schemaOf) : []
  return { tables, enums, schemas: [...schemas].sort(compareKeys) }
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function normalizeTable(
  table: TableModel,
  schemaOf: (schema: string | undefined) => string | undefined,
  options: NormalizeOptions,
): TableModel {
  const { capabilities } = options
  const keyColumns = new Set(table.primaryKey?.columns ?? [])
  const columns = table.columns.map((column): ColumnModel => {
    let normal = column
    // A primary key column is NOT NULL whatever the model says; the catalog will say so.
    if (keyColumns.has(column.name) && column.nullable) normal = { ...normal, nullable: false }
    if (!capabilities.comments && normal.comment !== undefined) {
      const { comment: _comment, ...rest } = normal
      normal = rest
    }
    return normal
  })
  const foreignKeys = table.foreignKeys.map((key) => normalizeForeignKey(table, key, options))
  const { comment, schema: _schema, ...rest } = table
  return {
    ...rest,
    ...(schemaOf(table.schema) === undefined ? {} : { schema: schemaOf(table.schema) }),
    ...(capabilities.comments && comment !== undefined ? { comment } : {}),
    columns,
    foreignKeys: foreignKeys.map((key) => {
      const referencedSchema = schemaOf(key.referencedSchema)
      const { referencedSchema: _old, ...keyRest } = key
      return referencedSchema === undefined ? keyRest : { ...keyRest, referencedSchema }
    }),
  }
}

function normalizeForeignKey(
  table: TableModel,
  key: ForeignKeyModel,
  options: NormalizeOptions,
): ForeignKeyModel {
  if (options.capabilities.deferrableConstraints) return key
  if (!key.deferrable && !key.initiallyDeferred) return key
  const { deferrable: _deferrable, initiallyDeferred: _initially, ...rest } = key
  options.warn?.(
    `${displayName(table.name, table.schema)}: foreign key ${key.name ?? `(${key.columns.join(', ')})`} is declared deferrable, which this database does not support; it is created as an ordinary foreign key`,
  )
  return rest
}

/**
 * The enum types, plus those that only appear as column types (a model that names an
 * enum on a column but does not list it still needs the type created).
 */
function normalizeEnums(
  enums: readonly EnumModel[],
  tables: readonly TableModel[],
  schemaOf: (schema: string | undefined) => string | undefined,
): EnumModel[] {
  const out = new Map<string, EnumModel>()
  const names = new Set<string>()
  for (const model of enums) {
    const schema = schemaOf(model.schema)
    const { schema: _schema, ...rest } = model
    out.set(tableKey(model.name, schema), schema === undefined ? rest : { ...rest, schema })
    // Columns name a type of another schema qualified (`billing.status`).
    names.add(model.name)
    if (model.schema !== undefined) names.add(`${model.schema}.${model.name}`)
  }
  for (const table of tables) {
    for (const column of table.columns) {
      const type = column.type
      if (typeof type === 'string' || type.name === undefined || names.has(type.name)) continue
      names.add(type.name)
      const dot = type.name.indexOf('.')
      const name = dot < 0 ? type.name : type.name.slice(dot + 1)
      const schema = dot < 0 ? undefined : schemaOf(type.name.slice(0, dot))
      out.set(tableKey(name, schema), {
        name,
        ...(schema === undefined ? {} : { schema }),
        values: type.enum,
      })
    }
  }
  return [...out.entries()].sort(([a], [b]) => compareKeys(a, b)).map(([, model]) => model)
}
