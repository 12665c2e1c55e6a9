/** The shapes autogenerate's comparison takes and returns. */
import type { Dialect } from '../../dialects/dialect.js'
import type { Operation } from '../../operations/types.js'
import type { SchemaModel } from '../../schema/model.js'

/** What comparing needs of a dialect: its capabilities and canonical spellings. */
export type CompareDialect = Pick<
  Dialect,
  'name' | 'capabilities' | 'maxIdentifierLength' | 'introspection'
>

/** A dropped and an added table (or column) that may be one thing renamed. */
export interface RenameCandidate {
  readonly kind: 'table' | 'column'
  /** The table's schema; undefined for the default schema. */
  readonly schema?: string
  /** For a column: the table (its name in the models). For a table: the new name. */
  readonly table: string
  /** The name in the database. */
  readonly from: string
  /** The name in the models. */
  readonly to: string
  /** 0 to 1: how alike the two look (names for columns, column sets for tables). */
  readonly similarity: number
}

/**
 * Decides which candidates are renames: one answer per candidate, `true` for a rename.
 * The CLI prompts on a terminal; tests inject answers. A yes that conflicts with an
 * earlier yes (the same name renamed twice) is ignored with a warning.
 */
export type RenameResolver = (candidates: readonly RenameCandidate[]) => Promise<readonly boolean[]>

/** One `--rename` answer for a table: `old=new`, or `schema.old=schema.new`. */
export interface TableRename {
  readonly schema?: string
  readonly from: string
  readonly to: string
}

/** One `--rename` answer for a column: `table.old=new`, or `schema.table.old=new`. */
export interface ColumnRename {
  readonly schema?: string
  /** The table, by its name in the models (its old name is accepted too). */
  readonly table: string
  readonly from: string
  readonly to: string
}

/** Explicit rename answers (`--rename`), as authoritative as `renamedFrom` in a model. */
export interface RenameMap {
  readonly tables: readonly TableRename[]
  readonly columns: readonly ColumnRename[]
}

export interface CompareOptions {
  /** What the models describe. */
  readonly target: SchemaModel
  /** What the database holds (introspected). */
  readonly current: SchemaModel
  /** Its canonical functions decide equality; its capabilities what is compared at all. */
  readonly dialect: CompareDialect
  /** Asked about dropped + added pairs that look alike. Default: no renames. */
  readonly renames?: RenameResolver
  /** Explicit renames (`--rename`): applied before anything is asked. */
  readonly renameMap?: RenameMap
  /** Tables neither created, dropped nor changed (`exclude` globs, Stratum's own tables). */
  readonly skipTable?: (table: string, schema: string | undefined) => boolean
  /** The connection's default schema (`public`): a table in it compares as unqualified. */
  readonly defaultSchema?: string
}

/** What changed, in words, for `check` and `--json`. */
export type ChangeKind =
  | 'createSchema'
  | 'createEnum'
  | 'dropEnum'
  | 'addEnumValue'
  | 'removeEnumValue'
  | 'reorderEnumValues'
  | 'createTable'
  | 'dropTable'
  | 'renameTable'
  | 'tableComment'
  | 'addColumn'
  | 'dropColumn'
  | 'renameColumn'
  | 'columnType'
  | 'columnNullable'
  | 'columnDefault'
  | 'columnComment'
  | 'columnAutoIncrement'
  | 'createIndex'
  | 'dropIndex'
  | 'changeIndex'
  | 'createPrimaryKey'
  | 'dropPrimaryKey'
  | 'changePrimaryKey'
  | 'createUnique'
  | 'dropUnique'
  | 'changeUnique'
  | 'createForeignKey'
  | 'dropForeignKey'
  | 'changeForeignKey'
  | 'createCheck'
  | 'dropCheck'
  | 'changeCheck'

export interface Change {
  readonly kind: ChangeKind
  readonly schema?: string
  /** The table (its name in the models), when the change concerns one. */
  readonly table?: string
  readonly column?: string
  /** The constraint, index or enum type. */
  readonly name?: string
  /** One readable line: `column users.email: type varchar(100) -> text`. */
  readonly detail: string
}

/** A comment the renderer writes above an operation. */
export interface OperationNote {
  /** Index of the operation it precedes; the list's length for a note after the last. */
  readonly before: number
  /** `warning` notes are written as `// WARNING: ...`. */
  readonly level: 'warning' | 'info'
  readonly text: string
}

export interface ComparisonResult {
  /** Operations that bring the database to the models, dependencies first. */
  readonly upgrade: readonly Operation[]
  /** The exact reverse of `upgrade`, in reverse order, recreating what it drops. */
  readonly downgrade: readonly Operation[]
  /** Comments for the rendered upgrade and downgrade (warnings, data-loss notes). */
  readonly notes: {
    readonly upgrade: readonly OperationNote[]
    readonly downgrade: readonly OperationNote[]
  }
  /** Every difference found; empty when the database matches the models. */
  readonly changes: readonly Change[]
  /** Things a person must read: likely renames done as drop + add, manual steps. */
  readonly warnings: readonly string[]
}
