/** The argument shapes of the `op` methods (see `Operations`). */
import type { QueryExecutorProvider } from 'kysely'
import type {
  CheckSpec,
  ColumnType,
  ConstraintType,
  DefaultValue,
  ForeignKeySpec,
  Operation,
  PrimaryKeySpec,
  ReferentialAction,
  UniqueSpec,
} from './types.js'

/** Receives each operation an `op` method builds: the runtime compiles and runs it, or prints it. */
export type OperationSink = (operation: Operation) => Promise<void>

/** A query object that compiles itself, such as Kysely's `sql` template (a `RawBuilder`). */
export interface CompilableQuery {
  compile(executor: QueryExecutorProvider): {
    readonly sql: string
    readonly parameters: readonly unknown[]
  }
}

/** Turns a compilable query into SQL text and parameters for the current dialect. */
export type CompileQuery = (query: CompilableQuery) => {
  readonly sql: string
  readonly parameters: readonly unknown[]
}

/** `{ schema }`: where the table lives (PostgreSQL). */
export interface SchemaOption {
  readonly schema?: string
}

export interface CreateTableOptions extends SchemaOption {
  readonly primaryKey?: PrimaryKeySpec
  readonly uniques?: readonly UniqueSpec[]
  readonly foreignKeys?: readonly ForeignKeySpec[]
  readonly checks?: readonly CheckSpec[]
  readonly comment?: string
  readonly ifNotExists?: boolean
}

export interface DropTableOptions extends SchemaOption {
  readonly ifExists?: boolean
  readonly cascade?: boolean
}

/** What `alterColumn` changes (only the fields given), and what MySQL must restate. */
export interface AlterColumnChanges extends SchemaOption {
  readonly type?: ColumnType
  readonly using?: string
  readonly nullable?: boolean
  readonly default?: DefaultValue
  readonly newName?: string
  readonly comment?: string | null
  readonly existingType?: ColumnType
  readonly existingNullable?: boolean
  readonly existingDefault?: DefaultValue
  readonly existingComment?: string | null
  readonly existingAutoIncrement?: boolean
}

export interface CreateIndexOptions extends SchemaOption {
  readonly unique?: boolean
  readonly where?: string
  readonly concurrently?: boolean
  readonly ifNotExists?: boolean
  readonly using?: string
}

export interface DropIndexOptions extends SchemaOption {
  readonly table?: string
  readonly concurrently?: boolean
  readonly ifExists?: boolean
}

export interface CreateForeignKeySpec extends SchemaOption {
  readonly table: string
  readonly columns: readonly string[]
  readonly referencedTable: string
  readonly referencedColumns: readonly string[]
  readonly referencedSchema?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

export interface DropConstraintOptions extends SchemaOption {
  readonly type?: ConstraintType
}

export interface AddEnumValueOptions extends SchemaOption {
  readonly before?: string
  readonly after?: string
  readonly ifNotExists?: boolean
}
