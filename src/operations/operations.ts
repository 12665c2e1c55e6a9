import { ArgumentChecker, describe } from './check-arguments.js'
import { checkColumnSpec, checkColumnType, checkDefault } from './check-column.js'
import { checkForeignKeyFields, checkTableDefinition } from './check-table.js'
import { frozenCopy, isPlainObject } from './freeze.js'
import type {
  AddEnumValueOptions,
  AlterColumnChanges,
  CompilableQuery,
  CompileQuery,
  CreateForeignKeySpec,
  CreateIndexOptions,
  CreateTableOptions,
  DropConstraintOptions,
  DropIndexOptions,
  DropTableOptions,
  OperationSink,
  SchemaOption,
} from './operation-options.js'
import type { ColumnSpec, ConstraintType, Operation, SqlExpression } from './types.js'

const SCHEMA = ['schema'] as const
const CONSTRAINT_TYPES: readonly ConstraintType[] = ['primaryKey', 'foreignKey', 'unique', 'check']
const ALTER_FIELDS = [
  'type',
  'using',
  'nullable',
  'default',
  'newName',
  'comment',
  'existingType',
  'existingNullable',
  'existingDefault',
  'existingComment',
  'existingAutoIncrement',
  'schema',
] as const
const CHANGES = ['type', 'nullable', 'default', 'newName', 'comment'] as const

/**
 * The `op` of a revision: one method per operation. Each checks its arguments (an
 * `InvalidOperationError`, code `INVALID_OPERATION`, naming the method and the argument),
 * builds a deeply frozen operation object and hands it to the sink, which compiles and
 * runs it (or prints it offline).
 *
 * @example
 * const op = new Operations(async (operation) => { recorded.push(operation) })
 * await op.addColumn('users', { name: 'email', type: 'varchar(255)' })
 */
export class Operations {
  readonly #sink: OperationSink
  readonly #compileQuery: CompileQuery | undefined

  /**
   * @param sink receives each operation.
   * @param compileQuery turns a Kysely `sql` template given to `execute` into text and
   *   parameters, so that operations stay plain data.
   */
  constructor(sink: OperationSink, compileQuery?: CompileQuery) {
    this.#sink = sink
    this.#compileQuery = compileQuery
  }

  async #emit(operation: Operation): Promise<void> {
    await this.#sink(frozenCopy(operation))
  }

  /**
   * Creates a table.
   *
   * @example
   * await op.createTable('users', [{ name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true }, { name: 'email', type: 'text', nullable: false }])
   */
  async createTable(
    table: string,
    columns: readonly ColumnSpec[],
    options?: CreateTableOptions,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createTable')
    const fields = check.options('options', options, [
      'schema',
      'primaryKey',
      'uniques',
      'foreignKeys',
      'checks',
      'comment',
      'ifNotExists',
    ])
    check.name('table', table)
    check.optionalName('options.schema', fields.schema)
    check.optionalString('options.comment', fields.comment)
    check.optionalBoolean('options.ifNotExists', fields.ifNotExists)
    checkTableDefinition(check, columns, fields)
    await this.#emit({ kind: 'createTable', table, columns, ...(options ?? {}) })
  }

  /**
   * Drops a table.
   *
   * @example
   * await op.dropTable('users', { ifExists: true })
   */
  async dropTable(table: string, options?: DropTableOptions): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropTable')
    const fields = check.options('options', options, ['schema', 'ifExists', 'cascade'])
    check.name('table', table)
    check.optionalName('options.schema', fields.schema)
    check.optionalBoolean('options.ifExists', fields.ifExists)
    check.optionalBoolean('options.cascade', fields.cascade)
    await this.#emit({ kind: 'dropTable', table, ...(options ?? {}) })
  }

  /**
   * Renames a table (it stays in its schema).
   *
   * @example
   * await op.renameTable('user', 'users')
   */
  async renameTable(table: string, newName: string, options?: SchemaOption): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('renameTable')
    const fields = check.options('options', options, SCHEMA)
    check.name('table', table)
    check.name('newName', newName)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'renameTable', table, newName, ...(options ?? {}) })
  }

  /**
   * Adds a column to a table.
   *
   * @example
   * await op.addColumn('users', { name: 'email', type: 'varchar(255)', nullable: true })
   */
  async addColumn(table: string, column: ColumnSpec, options?: SchemaOption): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('addColumn')
    const fields = check.options('options', options, SCHEMA)
    check.name('table', table)
    checkColumnSpec(check, 'column', column)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'addColumn', table, column, ...(options ?? {}) })
  }

  /**
   * Drops a column.
   *
   * @example
   * await op.dropColumn('users', 'email')
   */
  async dropColumn(table: string, column: string, options?: SchemaOption): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropColumn')
    const fields = check.options('options', options, SCHEMA)
    check.name('table', table)
    check.name('column', column)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'dropColumn', table, column, ...(options ?? {}) })
  }

  /**
   * Changes a column: type (with `using` on PostgreSQL), nullability, default, name or
   * comment. On MySQL give the `existing*` fields for what stays, as in Alembic.
   *
   * @example
   * await op.alterColumn('orders', 'amount', { type: 'numeric(12,2)', using: 'amount::numeric', nullable: false })
   */
  async alterColumn(table: string, column: string, changes: AlterColumnChanges): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('alterColumn')
    check.name('table', table)
    check.name('column', column)
    if (!isPlainObject(changes))
      check.fail('changes', `must be an object (got ${describe(changes)})`)
    const fields = check.options('changes', changes, ALTER_FIELDS)
    if (!CHANGES.some((field) => fields[field] !== undefined)) {
      check.fail('changes', `changes nothing; give at least one of ${CHANGES.join(', ')}`)
    }
    if (fields.type !== undefined) checkColumnType(check, 'changes.type', fields.type)
    if (fields.using !== undefined) {
      check.sqlText('changes.using', fields.using)
      if (fields.type === undefined) check.fail('changes.using', 'is only valid with a new type')
    }
    check.optionalBoolean('changes.nullable', fields.nullable)
    if (fields.default !== undefined) checkDefault(check, 'changes.default', fields.default)
    check.optionalName('changes.newName', fields.newName)
    check.optionalComment('changes.comment', fields.comment)
    if (fields.existingType !== undefined) {
      checkColumnType(check, 'changes.existingType', fields.existingType)
    }
    check.optionalBoolean('changes.existingNullable', fields.existingNullable)
    if (fields.existingDefault !== undefined) {
      checkDefault(check, 'changes.existingDefault', fields.existingDefault)
    }
    check.optionalComment('changes.existingComment', fields.existingComment)
    check.optionalBoolean('changes.existingAutoIncrement', fields.existingAutoIncrement)
    check.optionalName('changes.schema', fields.schema)
    await this.#emit({ kind: 'alterColumn', table, column, ...changes })
  }

  /**
   * Creates an index on columns or `{ sql }` expressions; partial with `where`.
   *
   * @example
   * await op.createIndex('users_email_idx', 'users', ['email'], { unique: true })
   */
  async createIndex(
    name: string,
    table: string,
    columns: readonly (string | SqlExpression)[],
    options?: CreateIndexOptions,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createIndex')
    const fields = check.options('options', options, [
      'schema',
      'unique',
      'where',
      'concurrently',
      'ifNotExists',
      'using',
    ])
    check.name('name', name)
    check.name('table', table)
    if (!Array.isArray(columns)) {
      check.fail('columns', `must be a list of column names or { sql } expressions`)
    }
    if (columns.length === 0) check.fail('columns', 'is empty; index at least one column')
    columns.forEach((column: unknown, index) => {
      if (typeof column === 'string') check.name(`columns[${index}]`, column)
      else check.sqlExpression(`columns[${index}]`, column)
    })
    check.optionalName('options.schema', fields.schema)
    check.optionalBoolean('options.unique', fields.unique)
    if (fields.where !== undefined) check.sqlText('options.where', fields.where)
    check.optionalBoolean('options.concurrently', fields.concurrently)
    check.optionalBoolean('options.ifNotExists', fields.ifNotExists)
    if (fields.using !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(String(fields.using))) {
      check.fail('options.using', `must be an index method name such as 'btree' or 'gin'`)
    }
    await this.#emit({ kind: 'createIndex', name, table, columns, ...(options ?? {}) })
  }

  /**
   * Drops an index (`table` is required on MySQL, where index names are per table).
   *
   * @example
   * await op.dropIndex('users_email_idx', { table: 'users' })
   */
  async dropIndex(name: string, options?: DropIndexOptions): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropIndex')
    const fields = check.options('options', options, [
      'table',
      'schema',
      'concurrently',
      'ifExists',
    ])
    check.name('name', name)
    check.optionalName('options.table', fields.table)
    check.optionalName('options.schema', fields.schema)
    check.optionalBoolean('options.concurrently', fields.concurrently)
    check.optionalBoolean('options.ifExists', fields.ifExists)
    await this.#emit({ kind: 'dropIndex', name, ...(options ?? {}) })
  }

  /**
   * Adds a primary key to an existing table.
   *
   * @example
   * await op.createPrimaryKey('users_pkey', 'users', ['id'])
   */
  async createPrimaryKey(
    name: string,
    table: string,
    columns: readonly string[],
    options?: SchemaOption,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createPrimaryKey')
    const fields = check.options('options', options, SCHEMA)
    check.name('name', name)
    check.name('table', table)
    check.names('columns', columns)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'createPrimaryKey', name, table, columns, ...(options ?? {}) })
  }

  /**
   * Adds a unique constraint.
   *
   * @example
   * await op.createUniqueConstraint('users_email_key', 'users', ['email'])
   */
  async createUniqueConstraint(
    name: string,
    table: string,
    columns: readonly string[],
    options?: SchemaOption,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createUniqueConstraint')
    const fields = check.options('options', options, SCHEMA)
    check.name('name', name)
    check.name('table', table)
    check.names('columns', columns)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'createUniqueConstraint', name, table, columns, ...(options ?? {}) })
  }

  /**
   * Adds a foreign key.
   *
   * @example
   * await op.createForeignKey('orders_user_fk', { table: 'orders', columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' })
   */
  async createForeignKey(name: string, spec: CreateForeignKeySpec): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createForeignKey')
    check.name('name', name)
    const fields = check.object('spec', spec, [
      'table',
      'columns',
      'referencedTable',
      'referencedColumns',
      'referencedSchema',
      'schema',
      'onDelete',
      'onUpdate',
      'deferrable',
      'initiallyDeferred',
    ])
    check.name('spec.table', fields.table)
    check.optionalName('spec.schema', fields.schema)
    checkForeignKeyFields(check, 'spec', fields)
    await this.#emit({ kind: 'createForeignKey', name, ...spec })
  }

  /**
   * Adds a check constraint; `expression` is SQL.
   *
   * @example
   * await op.createCheckConstraint('orders_amount_positive', 'orders', 'amount > 0')
   */
  async createCheckConstraint(
    name: string,
    table: string,
    expression: string,
    options?: SchemaOption,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createCheckConstraint')
    const fields = check.options('options', options, SCHEMA)
    check.name('name', name)
    check.name('table', table)
    check.sqlText('expression', expression)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'createCheckConstraint', name, table, expression, ...(options ?? {}) })
  }

  /**
   * Drops a constraint (`type` is required on MySQL and SQLite).
   *
   * @example
   * await op.dropConstraint('orders_user_fk', 'orders', { type: 'foreignKey' })
   */
  async dropConstraint(
    name: string,
    table: string,
    options?: DropConstraintOptions,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropConstraint')
    const fields = check.options('options', options, ['type', 'schema'])
    check.name('name', name)
    check.name('table', table)
    check.optionalName('options.schema', fields.schema)
    if (fields.type !== undefined && !CONSTRAINT_TYPES.includes(fields.type as ConstraintType)) {
      check.fail(
        'options.type',
        `must be one of ${CONSTRAINT_TYPES.map((type) => `'${type}'`).join(', ')} (got ${describe(fields.type)})`,
      )
    }
    await this.#emit({ kind: 'dropConstraint', name, table, ...(options ?? {}) })
  }

  /**
   * Sets a table's comment; `null` removes it.
   *
   * @example
   * await op.setTableComment('users', 'People who can sign in')
   */
  async setTableComment(
    table: string,
    comment: string | null,
    options?: SchemaOption,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('setTableComment')
    const fields = check.options('options', options, SCHEMA)
    check.name('table', table)
    if (comment === undefined)
      check.fail('comment', 'is missing; give a string, or null to remove it')
    check.optionalComment('comment', comment)
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'setTableComment', table, comment, ...(options ?? {}) })
  }

  /**
   * Creates a schema (PostgreSQL).
   *
   * @example
   * await op.createSchema('billing', { ifNotExists: true })
   */
  async createSchema(name: string, options?: { readonly ifNotExists?: boolean }): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createSchema')
    const fields = check.options('options', options, ['ifNotExists'])
    check.name('name', name)
    check.optionalBoolean('options.ifNotExists', fields.ifNotExists)
    await this.#emit({ kind: 'createSchema', name, ...(options ?? {}) })
  }

  /**
   * Drops a schema (PostgreSQL); `cascade` drops what it contains.
   *
   * @example
   * await op.dropSchema('billing', { ifExists: true, cascade: true })
   */
  async dropSchema(
    name: string,
    options?: { readonly ifExists?: boolean; readonly cascade?: boolean },
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropSchema')
    const fields = check.options('options', options, ['ifExists', 'cascade'])
    check.name('name', name)
    check.optionalBoolean('options.ifExists', fields.ifExists)
    check.optionalBoolean('options.cascade', fields.cascade)
    await this.#emit({ kind: 'dropSchema', name, ...(options ?? {}) })
  }

  /**
   * Creates a named enum type (PostgreSQL); columns use it as `{ enum: values, name }`.
   *
   * @example
   * await op.createEnum('mood', ['sad', 'ok', 'happy'])
   */
  async createEnum(name: string, values: readonly string[], options?: SchemaOption): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('createEnum')
    const fields = check.options('options', options, SCHEMA)
    check.name('name', name)
    check.names('values', values, 'value')
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'createEnum', name, values, ...(options ?? {}) })
  }

  /**
   * Drops an enum type (PostgreSQL).
   *
   * @example
   * await op.dropEnum('mood', { ifExists: true })
   */
  async dropEnum(
    name: string,
    options?: { readonly schema?: string; readonly ifExists?: boolean },
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('dropEnum')
    const fields = check.options('options', options, ['schema', 'ifExists'])
    check.name('name', name)
    check.optionalName('options.schema', fields.schema)
    check.optionalBoolean('options.ifExists', fields.ifExists)
    await this.#emit({ kind: 'dropEnum', name, ...(options ?? {}) })
  }

  /**
   * Adds a value to an enum type (PostgreSQL), optionally `before` or `after` another.
   *
   * @example
   * await op.addEnumValue('mood', 'meh', { after: 'sad' })
   */
  async addEnumValue(name: string, value: string, options?: AddEnumValueOptions): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('addEnumValue')
    const fields = check.options('options', options, ['schema', 'before', 'after', 'ifNotExists'])
    check.name('name', name)
    check.name('value', value)
    check.optionalName('options.schema', fields.schema)
    check.optionalName('options.before', fields.before)
    check.optionalName('options.after', fields.after)
    check.optionalBoolean('options.ifNotExists', fields.ifNotExists)
    if (fields.before !== undefined && fields.after !== undefined) {
      check.fail('options', "gives both 'before' and 'after'; give at most one")
    }
    await this.#emit({ kind: 'addEnumValue', name, value, ...(options ?? {}) })
  }

  /**
   * Runs raw SQL: a string (with `$1`-style parameters on PostgreSQL, `?` elsewhere) or a
   * Kysely `sql` template, whose values become parameters.
   *
   * @example
   * await op.execute(sql`UPDATE users SET active = ${true} WHERE last_seen IS NOT NULL`)
   */
  async execute(query: string | CompilableQuery, parameters?: readonly unknown[]): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('execute')
    if (parameters !== undefined && !Array.isArray(parameters)) {
      check.fail('parameters', `must be a list (got ${describe(parameters)})`)
    }
    if (typeof query === 'string') {
      check.sqlText('sql', query)
      await this.#emit({ kind: 'execute', sql: query, ...(parameters ? { parameters } : {}) })
      return
    }
    if (typeof (query as Partial<CompilableQuery> | null)?.compile !== 'function') {
      check.fail('sql', `must be a SQL string or a Kysely sql template (got ${describe(query)})`)
    }
    if (parameters !== undefined) {
      check.fail('parameters', 'cannot be given with a sql template; its values are the parameters')
    }
    const compileQuery = this.#compileQuery
    if (!compileQuery) {
      check.fail('sql', 'is a query object, but this op has no query compiler; pass a string')
    }
    const compiled = compileQuery(query)
    const extra = compiled.parameters.length > 0 ? { parameters: compiled.parameters } : {}
    await this.#emit({ kind: 'execute', sql: compiled.sql, ...extra })
  }

  /**
   * Inserts rows (literals are quoted by the dialect; offline they are inlined).
   *
   * @example
   * await op.bulkInsert('roles', [{ id: 1, name: 'admin' }, { id: 2, name: 'reader' }])
   */
  async bulkInsert(
    table: string,
    rows: readonly Readonly<Record<string, unknown>>[],
    options?: SchemaOption,
  ): Promise<void> {
    const check: ArgumentChecker = new ArgumentChecker('bulkInsert')
    const fields = check.options('options', options, SCHEMA)
    check.name('table', table)
    if (!Array.isArray(rows))
      check.fail('rows', `must be a list of objects (got ${describe(rows)})`)
    rows.forEach((row, index) => {
      if (!isPlainObject(row)) {
        check.fail(`rows[${index}]`, `must be an object of column values (got ${describe(row)})`)
      }
    })
    check.optionalName('options.schema', fields.schema)
    await this.#emit({ kind: 'bulkInsert', table, rows, ...(options ?? {}) })
  }
}
