/** Autogenerate: compare the models with the database, and render the result as TypeScript. */
export { compareSchemas } from './compare/compare.js'
export { parseRenameArgs } from './compare/parse-rename-args.js'
export { renameArgument } from './compare/renames.js'
export { createTableFilter } from './compare/table-filter.js'
export type {
  Change,
  ChangeKind,
  ColumnRename,
  CompareDialect,
  CompareOptions,
  ComparisonResult,
  OperationNote,
  RenameCandidate,
  RenameMap,
  RenameResolver,
  TableRename,
} from './compare/types.js'
export { renderOperation } from './render/render-operation.js'
export { type RenderOptions, renderComment, renderOperations } from './render/render-operations.js'
export { type RevisionBodies, renderRevisionBodies } from './render/render-revision-bodies.js'
