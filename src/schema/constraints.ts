/**
 * Table-level constraints and indexes, written in a table's options:
 * `primaryKey`, `unique`, `foreignKey`, `index`, `check`. They hold the table's
 * columns (`t.email`) and are resolved to SQL names when the model is built.
 */
import { ModelError } from '../errors.js'
import type { SqlExpression } from '../operations/types.js'
import type { ColumnThunk, ReferenceOptions } from './column.js'
import { isSqlExpression } from './sql-expr.js'
import type { TableColumn } from './table-column.js'

/** A primary key over one or more columns. */
export interface PrimaryKeyDefinition {
  readonly kind: 'primaryKey'
  readonly name?: string
  readonly columns: readonly TableColumn[]
}

/** A unique constraint over one or more columns. */
export interface UniqueDefinition {
  readonly kind: 'unique'
  readonly name?: string
  readonly columns: readonly TableColumn[]
}

/** A foreign key over one or more columns. */
export interface ForeignKeyDefinition extends ReferenceOptions {
  readonly kind: 'foreignKey'
  readonly columns: readonly TableColumn[]
  /** Returns the referenced columns, in the order of `columns`. */
  readonly references: ColumnThunk
}

/** A check constraint. */
export interface CheckDefinition {
  readonly kind: 'check'
  readonly name?: string
  readonly expression: string
}

/** What an index records. */
export interface IndexConfig {
  readonly name: string
  readonly columns: readonly (TableColumn | SqlExpression)[]
  readonly unique: boolean
  readonly where: string | undefined
  readonly using: string | undefined
}

function sqlText(value: string | SqlExpression, what: string): string {
  if (typeof value === 'string') return value
  if (isSqlExpression(value)) return value.sql
  throw new ModelError('MODEL_INVALID', `${what} must be SQL text or sqlExpr\`...\``)
}

function nonEmptyName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '') {
    throw new ModelError('MODEL_INVALID', `${what} must be a non-empty string`)
  }
  return name
}

function checkColumns<C>(columns: readonly C[], what: string): readonly C[] {
  if (!Array.isArray(columns) || columns.length === 0) {
    throw new ModelError('MODEL_INVALID', `${what} needs at least one column`)
  }
  return Object.freeze([...columns])
}

/**
 * A primary key over several columns (implies not null on each). For one column,
 * `.primaryKey()` on the column reads better.
 *
 * @example
 * defineTable('memberships', {
 *   userId: integer('user_id').notNull(),
 *   groupId: integer('group_id').notNull(),
 * }, (t) => ({ primaryKey: primaryKey({ columns: [t.userId, t.groupId] }) }))
 */
export function primaryKey(options: {
  readonly columns: readonly TableColumn[]
  readonly name?: string
}): PrimaryKeyDefinition {
  const columns = checkColumns(options.columns, 'primaryKey()')
  const name = options.name === undefined ? {} : { name: nonEmptyName(options.name, 'name') }
  return Object.freeze({ kind: 'primaryKey', ...name, columns })
}

/**
 * A unique constraint; `name` is optional (the database names an unnamed one).
 *
 * @example
 * (t) => ({ uniques: [unique('uq_slots_room_time').on(t.roomId, t.startsAt)] })
 */
export function unique(name?: string): {
  on(...columns: TableColumn[]): UniqueDefinition
} {
  const named = name === undefined ? {} : { name: nonEmptyName(name, 'unique() name') }
  return {
    on: (...columns) =>
      Object.freeze({ kind: 'unique', ...named, columns: checkColumns(columns, 'unique()') }),
  }
}

/**
 * A foreign key over several columns. `references` returns the referenced columns (one
 * per column, same order) and is called only when the model is built, so tables may
 * reference each other in a cycle.
 *
 * @example
 * (t) => ({
 *   foreignKeys: [
 *     foreignKey({
 *       columns: [t.orderId, t.lineNo],
 *       references: () => [orderLines.columns.orderId, orderLines.columns.lineNo],
 *       onDelete: 'cascade',
 *     }),
 *   ],
 * })
 */
export function foreignKey(
  options: ReferenceOptions & {
    readonly columns: readonly TableColumn[]
    readonly references: ColumnThunk
  },
): ForeignKeyDefinition {
  const columns = checkColumns(options.columns, 'foreignKey()')
  if (typeof options.references !== 'function') {
    throw new ModelError(
      'MODEL_INVALID',
      'foreignKey(): references must be a function returning the referenced columns',
    )
  }
  return Object.freeze({ ...options, kind: 'foreignKey', columns })
}

/**
 * A check constraint, named or not. The expression is SQL, as text or `sqlExpr`. (Not
 * called `check`, which is the name of the command that compares models and database.)
 *
 * @example
 * (t) => ({
 *   checks: [
 *     checkConstraint('ck_price_positive', sqlExpr`${t.price} > 0`),
 *     checkConstraint("email <> ''"),   // unnamed: the database names it
 *   ],
 * })
 */
export function checkConstraint(expression: string | SqlExpression): CheckDefinition
export function checkConstraint(name: string, expression: string | SqlExpression): CheckDefinition
export function checkConstraint(
  first: string | SqlExpression,
  second?: string | SqlExpression,
): CheckDefinition {
  if (second === undefined) {
    return Object.freeze({
      kind: 'check',
      expression: sqlText(first, 'checkConstraint() expression'),
    })
  }
  const name = nonEmptyName(first, 'checkConstraint() name')
  return Object.freeze({
    kind: 'check',
    name,
    expression: sqlText(second, 'checkConstraint() expression'),
  })
}

/**
 * An index, from `index(name).on(...)`. Each method returns a new index.
 *
 * @example
 * index('ix_posts_author').on(t.authorId, t.createdAt)
 */
export class IndexBuilder {
  readonly kind = 'index' as const
  readonly config: IndexConfig

  constructor(config: IndexConfig) {
    this.config = Object.freeze({ ...config })
    Object.freeze(this)
  }

  /**
   * A unique index.
   *
   * @example
   * index('ix_users_email_lower').on(sqlExpr`lower(email)`).unique()
   */
  unique(): IndexBuilder {
    return new IndexBuilder({ ...this.config, unique: true })
  }

  /**
   * A partial index: only rows matching `predicate` (PostgreSQL, SQLite).
   *
   * @example
   * index('ix_users_active_email').on(t.email).where(sqlExpr`deleted_at IS NULL`)
   */
  where(predicate: string | SqlExpression): IndexBuilder {
    return new IndexBuilder({ ...this.config, where: sqlText(predicate, 'where()') })
  }

  /**
   * The index method when not the default (PostgreSQL: `gin`, `gist`, `brin`...).
   *
   * @example
   * index('ix_documents_search').on(t.search).using('gin')
   */
  using(method: string): IndexBuilder {
    return new IndexBuilder({ ...this.config, using: nonEmptyName(method, 'using()') })
  }
}

/**
 * An index named `name` (required: indexes are dropped by name). `on` takes the table's
 * columns and `sqlExpr` expressions (expressions: PostgreSQL, SQLite, MySQL 8.0.13+).
 *
 * @example
 * (t) => ({
 *   indexes: [
 *     index('ix_posts_author_created').on(t.authorId, t.createdAt),
 *     index('ix_users_email_lower').on(sqlExpr`lower(email)`).unique(),
 *     index('ix_jobs_pending').on(t.runAt).where("status = 'pending'"),
 *   ],
 * })
 */
export function index(name: string): {
  on(...columns: (TableColumn | SqlExpression)[]): IndexBuilder
} {
  const checked = nonEmptyName(name, 'index() name')
  return {
    on: (...columns) =>
      new IndexBuilder({
        name: checked,
        columns: checkColumns(columns, `index '${checked}'`),
        unique: false,
        where: undefined,
        using: undefined,
      }),
  }
}
