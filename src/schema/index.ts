/**
 * The model DSL and model discovery. Public (re-exported from the package root): the
 * builders, `sqlExpr`, the inference types and `discoverModels`; the rest is internal.
 */
export {
  type AnyColumnBuilder,
  ColumnBuilder,
  type ColumnConfig,
  type ColumnThunk,
  type ReferenceOptions,
} from './column.js'
export {
  type CheckDefinition,
  checkConstraint,
  type ForeignKeyDefinition,
  foreignKey,
  IndexBuilder,
  type IndexConfig,
  index,
  type PrimaryKeyDefinition,
  primaryKey,
  type UniqueDefinition,
  unique,
} from './constraints.js'
export {
  type DiscoveredModels,
  type DiscoverModelsOptions,
  discoverModels,
} from './discover.js'
export { type EnumType, enumType, isEnumType } from './enum-type.js'
export { expandBraces, expandGlob, globToRegExp, hasGlobSyntax } from './glob.js'
export type {
  ArrayValue,
  BigintValue,
  DateTimeValue,
  InferColumn,
  InferDatabase,
  InferTable,
  NumericValue,
  TableKey,
} from './infer.js'
export type {
  CheckModel,
  ColumnModel,
  EnumModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  SchemaModel,
  TableModel,
  UniqueModel,
} from './model.js'
export { isSqlExpression, type SqlExprValue, sqlExpr } from './sql-expr.js'
export {
  type AnyTable,
  type ColumnMap,
  defineTable,
  isTable,
  type SchemaOf,
  type SchemaScope,
  schema,
  type Table,
  type TableColumns,
  type TableOptions,
} from './table.js'
export type { TableColumn, TableRef } from './table-column.js'
export { tableModel } from './table-model.js'
export {
  bigint,
  bigserial,
  blob,
  boolean,
  bytes,
  char,
  date,
  double,
  integer,
  interval,
  json,
  jsonb,
  nativeType,
  numeric,
  real,
  serial,
  smallint,
  text,
  time,
  timestamp,
  timestamptz,
  uuid,
  varchar,
} from './types.js'
