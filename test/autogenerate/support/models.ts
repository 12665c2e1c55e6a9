/** Short builders for schema models in tests. */
import type {
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  SchemaModel,
  TableModel,
} from '../../../src/schema/model.js'

/** A column, nullable unless said otherwise. */
export function column(
  name: string,
  type: ColumnModel['type'],
  extra: Partial<Omit<ColumnModel, 'name' | 'type'>> = {},
): ColumnModel {
  return { name, type, nullable: true, ...extra }
}

/** `id integer NOT NULL` primary key column. */
export function id(name = 'id', type = 'integer'): ColumnModel {
  return { name, type, nullable: false }
}

/** A table with an `id` primary key unless `primaryKey` is given (or null for none). */
export function table(
  name: string,
  columns: readonly ColumnModel[],
  extra: Partial<Omit<TableModel, 'name' | 'columns' | 'primaryKey'>> & {
    primaryKey?: TableModel['primaryKey'] | null
  } = {},
): TableModel {
  const { primaryKey, ...rest } = extra
  const key = primaryKey === null ? undefined : (primaryKey ?? { columns: ['id'] })
  return {
    name,
    columns,
    ...(key ? { primaryKey: key } : {}),
    uniques: [],
    foreignKeys: [],
    indexes: [],
    checks: [],
    ...rest,
  }
}

/** A foreign key on `columns` to `table(referencedColumns)` (default `id`). */
export function fk(
  columns: readonly string[],
  referencedTable: string,
  extra: Partial<Omit<ForeignKeyModel, 'columns' | 'referencedTable'>> = {},
): ForeignKeyModel {
  return { columns, referencedTable, referencedColumns: ['id'], ...extra }
}

export function schema(
  tables: readonly TableModel[],
  extra: { enums?: readonly EnumModel[]; schemas?: readonly string[] } = {},
): SchemaModel {
  return { tables, enums: extra.enums ?? [], schemas: extra.schemas ?? [] }
}

export const EMPTY: SchemaModel = { tables: [], enums: [], schemas: [] }
