/**
 * The normalised schema: the one shape that TypeScript models produce, that every
 * dialect's introspection returns, that autogenerate compares, and that schema
 * snapshots store as JSON. Plain, JSON-serialisable data; arrays are in a
 * deterministic order (tables by schema then name, columns in table order, the rest
 * by name) so two equal schemas serialise identically.
 *
 * It deliberately reuses the operation types (`ColumnType`, `DefaultValue`,
 * `ReferentialAction`): a table of the model becomes a `createTable` operation
 * without translation.
 */
import type {
  ColumnType,
  DefaultValue,
  ReferentialAction,
  SqlExpression,
} from '../operations/types.js'

/** A whole database (or the part of it the models describe). */
export interface SchemaModel {
  readonly tables: readonly TableModel[]
  /** Named enum types (PostgreSQL). MySQL enums are inline column types. */
  readonly enums: readonly EnumModel[]
  /** Named schemas other than the default one (PostgreSQL). */
  readonly schemas: readonly string[]
}

export interface TableModel {
  readonly name: string
  /** Undefined means the connection's default schema. */
  readonly schema?: string
  readonly columns: readonly ColumnModel[]
  readonly primaryKey?: PrimaryKeyModel
  readonly uniques: readonly UniqueModel[]
  readonly foreignKeys: readonly ForeignKeyModel[]
  readonly indexes: readonly IndexModel[]
  readonly checks: readonly CheckModel[]
  readonly comment?: string
  /** Model-only hint: the table's previous name, so autogenerate renames instead of drop + create. */
  readonly renamedFrom?: string
}

export interface ColumnModel {
  readonly name: string
  /** A portable type (`integer`, `varchar(255)`, `timestamptz`, `text[]`...), an enum, or a native type. */
  readonly type: ColumnType
  readonly nullable: boolean
  /** Undefined means no default. */
  readonly default?: DefaultValue
  /** Identity / serial / AUTO_INCREMENT / AUTOINCREMENT. */
  readonly autoIncrement?: boolean
  readonly comment?: string
  /** Model-only hint: the column's previous name. */
  readonly renamedFrom?: string
}

export interface PrimaryKeyModel {
  readonly name?: string
  readonly columns: readonly string[]
}

export interface UniqueModel {
  readonly name?: string
  readonly columns: readonly string[]
}

export interface ForeignKeyModel {
  readonly name?: string
  readonly columns: readonly string[]
  readonly referencedTable: string
  readonly referencedSchema?: string
  readonly referencedColumns: readonly string[]
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

export interface IndexModel {
  readonly name: string
  readonly columns: readonly (string | SqlExpression)[]
  readonly unique: boolean
  /** A partial index's predicate. */
  readonly where?: string
  /** Index method when not the default (`gin`, `gist`...). */
  readonly using?: string
}

export interface CheckModel {
  readonly name?: string
  readonly expression: string
}

export interface EnumModel {
  readonly name: string
  readonly schema?: string
  readonly values: readonly string[]
}
