/**
 * Operations are data: `op.addColumn(...)` builds one of these frozen objects, a
 * dialect compiles it to SQL, offline mode prints that SQL, and autogenerate renders
 * the same objects back into a revision file. Every operation has a `kind`; each
 * dialect's compiler is a table keyed by `kind`, so a new operation does not compile
 * until every dialect handles it or declares it unsupported.
 */

/** A raw SQL expression, for defaults, checks, index expressions and `using`. */
export interface SqlExpression {
  readonly sql: string
}

/**
 * A column default: a literal (quoted by the dialect) or a raw SQL expression.
 * `{ sql: 'now()' }`, `{ sql: 'CURRENT_TIMESTAMP' }`, `0`, `'draft'`, `true`, `null`.
 */
export type DefaultValue = string | number | boolean | null | SqlExpression

export type ReferentialAction = 'cascade' | 'restrict' | 'no action' | 'set null' | 'set default'

/**
 * A column type. Portable names, compiled per dialect: `integer`, `bigint`, `smallint`,
 * `boolean`, `text`, `varchar(n)`, `char(n)`, `numeric(p,s)`, `real`, `double`,
 * `date`, `time`, `timestamp`, `timestamptz`, `interval`, `json`, `jsonb`, `uuid`,
 * `bytes`, `<type>[]` (PostgreSQL arrays). Any other string is passed to the database
 * as a native type (`tsvector`, `mediumtext`, `citext`...). An enum column on
 * PostgreSQL names its enum type; on MySQL use `{ enum: [...] }`.
 */
export type ColumnType = string | { readonly enum: readonly string[]; readonly name?: string }

/** A foreign key declared inline on a column. */
export interface ColumnReference {
  readonly table: string
  readonly column: string
  readonly schema?: string
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

/** A column definition, as used by `createTable` and `addColumn`. */
export interface ColumnSpec {
  readonly name: string
  readonly type: ColumnType
  /** Default `true`, except for primary key columns. */
  readonly nullable?: boolean
  readonly default?: DefaultValue
  readonly primaryKey?: boolean
  /** Identity (PostgreSQL), AUTO_INCREMENT (MySQL), INTEGER PRIMARY KEY AUTOINCREMENT (SQLite). */
  readonly autoIncrement?: boolean
  readonly unique?: boolean
  readonly references?: ColumnReference
  readonly comment?: string
}

/** Where a table lives: `schema` only on dialects with schemas (PostgreSQL). */
export interface TableTarget {
  readonly table: string
  readonly schema?: string
}

export interface PrimaryKeySpec {
  readonly columns: readonly string[]
  readonly name?: string
}

export interface UniqueSpec {
  readonly columns: readonly string[]
  readonly name?: string
}

export interface ForeignKeySpec {
  readonly columns: readonly string[]
  readonly referencedTable: string
  readonly referencedColumns: readonly string[]
  readonly referencedSchema?: string
  readonly name?: string
  readonly onDelete?: ReferentialAction
  readonly onUpdate?: ReferentialAction
  readonly deferrable?: boolean
  readonly initiallyDeferred?: boolean
}

export interface CheckSpec {
  readonly expression: string
  readonly name?: string
}

export interface CreateTable extends TableTarget {
  readonly kind: 'createTable'
  readonly columns: readonly ColumnSpec[]
  readonly primaryKey?: PrimaryKeySpec
  readonly uniques?: readonly UniqueSpec[]
  readonly foreignKeys?: readonly ForeignKeySpec[]
  readonly checks?: readonly CheckSpec[]
  readonly comment?: string
  readonly ifNotExists?: boolean
}

export interface DropTable extends TableTarget {
  readonly kind: 'dropTable'
  readonly ifExists?: boolean
  readonly cascade?: boolean
}

export interface RenameTable extends TableTarget {
  readonly kind: 'renameTable'
  readonly newName: string
}

export interface AddColumn extends TableTarget {
  readonly kind: 'addColumn'
  readonly column: ColumnSpec
}

export interface DropColumn extends TableTarget {
  readonly kind: 'dropColumn'
  readonly column: string
}

/**
 * Changes one column. Only the given fields change. MySQL's ALTER restates the whole
 * column, so there the `existing*` fields describe what is kept (as in Alembic).
 */
export interface AlterColumn extends TableTarget {
  readonly kind: 'alterColumn'
  readonly column: string
  readonly type?: ColumnType
  /** PostgreSQL: the USING expression of a type change, e.g. `amount::numeric`. */
  readonly using?: string
  readonly nullable?: boolean
  /** A new default; `null` drops the default (a literal NULL default is `{ sql: 'NULL' }`). */
  readonly default?: DefaultValue
  readonly newName?: string
  /** A new comment; `null` removes it. */
  readonly comment?: string | null
  readonly existingType?: ColumnType
  readonly existingNullable?: boolean
  readonly existingDefault?: DefaultValue
  readonly existingComment?: string | null
  readonly existingAutoIncrement?: boolean
}

export interface CreateIndex extends TableTarget {
  readonly kind: 'createIndex'
  readonly name: string
  /** Column names, or `{ sql }` expressions where the dialect supports them. */
  readonly columns: readonly (string | SqlExpression)[]
  readonly unique?: boolean
  /** A partial index's predicate (PostgreSQL, SQLite). */
  readonly where?: string
  /** PostgreSQL `CREATE INDEX CONCURRENTLY` (the revision must be `transactional = false`). */
  readonly concurrently?: boolean
  readonly ifNotExists?: boolean
  /** PostgreSQL index method (`btree`, `gin`, `gist`...). */
  readonly using?: string
}

export interface DropIndex {
  readonly kind: 'dropIndex'
  readonly name: string
  /** Required on MySQL, where index names are per table. */
  readonly table?: string
  readonly schema?: string
  readonly concurrently?: boolean
  readonly ifExists?: boolean
}

export interface CreatePrimaryKey extends TableTarget, PrimaryKeySpec {
  readonly kind: 'createPrimaryKey'
}

export interface CreateUniqueConstraint extends TableTarget {
  readonly kind: 'createUniqueConstraint'
  readonly name: string
  readonly columns: readonly string[]
}

export interface CreateForeignKey extends TableTarget, ForeignKeySpec {
  readonly kind: 'createForeignKey'
  readonly name: string
}

export interface CreateCheckConstraint extends TableTarget {
  readonly kind: 'createCheckConstraint'
  readonly name: string
  readonly expression: string
}

export type ConstraintType = 'primaryKey' | 'foreignKey' | 'unique' | 'check'

export interface DropConstraint extends TableTarget {
  readonly kind: 'dropConstraint'
  readonly name: string
  /** Required on MySQL (each kind is dropped with its own statement) and SQLite. */
  readonly type?: ConstraintType
}

export interface SetTableComment extends TableTarget {
  readonly kind: 'setTableComment'
  /** `null` removes the comment. */
  readonly comment: string | null
}

export interface CreateSchema {
  readonly kind: 'createSchema'
  readonly name: string
  readonly ifNotExists?: boolean
}

export interface DropSchema {
  readonly kind: 'dropSchema'
  readonly name: string
  readonly ifExists?: boolean
  readonly cascade?: boolean
}

export interface CreateEnum {
  readonly kind: 'createEnum'
  readonly name: string
  readonly schema?: string
  readonly values: readonly string[]
}

export interface DropEnum {
  readonly kind: 'dropEnum'
  readonly name: string
  readonly schema?: string
  readonly ifExists?: boolean
}

export interface AddEnumValue {
  readonly kind: 'addEnumValue'
  readonly name: string
  readonly schema?: string
  readonly value: string
  readonly before?: string
  readonly after?: string
  readonly ifNotExists?: boolean
}

/** Raw SQL. `parameters` are inlined as literals in offline mode. */
export interface Execute {
  readonly kind: 'execute'
  readonly sql: string
  readonly parameters?: readonly unknown[]
}

export interface BulkInsert extends TableTarget {
  readonly kind: 'bulkInsert'
  readonly rows: readonly Readonly<Record<string, unknown>>[]
}

/** Every operation Stratum knows. */
export type Operation =
  | CreateTable
  | DropTable
  | RenameTable
  | AddColumn
  | DropColumn
  | AlterColumn
  | CreateIndex
  | DropIndex
  | CreatePrimaryKey
  | CreateUniqueConstraint
  | CreateForeignKey
  | CreateCheckConstraint
  | DropConstraint
  | SetTableComment
  | CreateSchema
  | DropSchema
  | CreateEnum
  | DropEnum
  | AddEnumValue
  | Execute
  | BulkInsert

export type OperationKind = Operation['kind']

/** The operation of one kind, e.g. `OperationOf<'addColumn'>` is `AddColumn`. */
export type OperationOf<K extends OperationKind> = Extract<Operation, { kind: K }>
