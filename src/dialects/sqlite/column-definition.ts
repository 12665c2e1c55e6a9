/**
 * SQL for the pieces of a table definition: one column from a `ColumnSpec`, defaults,
 * foreign key clauses, and the primary key, unique and check constraints. Shared by
 * `createTable`, `addColumn` and the table rebuild.
 */
import { MigrationError } from '../../errors.js'
import type {
  ColumnReference,
  ColumnSpec,
  DefaultValue,
  ForeignKeySpec,
  ReferentialAction,
} from '../../operations/types.js'
import { assertNoSchema, literal, quoteIdentifier } from './quote.js'
import type { ColumnConstraint } from './table-definition.js'
import { compileColumnType, enumCheck, INTEGER_TYPES } from './types.js'

/** How a column is rendered inside its table. */
export interface ColumnContext {
  /** The table, for error messages. */
  readonly table: string
  /** The column is the table's only primary key column, declared on the column itself. */
  readonly inlinePrimaryKey: boolean
  /** The column is part of the table's primary key (inline or table-level): NOT NULL by default. */
  readonly inPrimaryKey: boolean
}

/** A column's declared type and constraints, before they are joined into text. */
export interface ColumnParts {
  readonly type: string
  readonly constraints: readonly ColumnConstraint[]
  /** The column's comment as an SQL block comment, e.g. `/* user email *\/`. */
  readonly trailingComment?: string
}

/**
 * The parts of one column definition: type, then PRIMARY KEY [AUTOINCREMENT], NOT NULL,
 * UNIQUE, DEFAULT, the enum CHECK, REFERENCES, and the comment as a block comment.
 */
export function columnParts(spec: ColumnSpec, context: ColumnContext): ColumnParts {
  const column = quoteIdentifier(spec.name)
  const compiled = compileColumnType(spec.type)
  let type = compiled.sql
  const constraints: ColumnConstraint[] = []
  if (spec.autoIncrement) {
    checkAutoIncrement(spec, context)
    // AUTOINCREMENT needs the exact type name INTEGER (a rowid alias); it is 64-bit anyway.
    type = 'INTEGER'
  }
  if (context.inlinePrimaryKey) {
    constraints.push({
      kind: 'primaryKey',
      body: spec.autoIncrement ? 'PRIMARY KEY AUTOINCREMENT' : 'PRIMARY KEY',
      autoIncrement: spec.autoIncrement === true,
    })
  }
  const nullable = spec.nullable ?? !context.inPrimaryKey
  if (!nullable) constraints.push({ kind: 'notNull', body: 'NOT NULL' })
  if (spec.unique) constraints.push({ kind: 'unique', body: 'UNIQUE' })
  if (spec.default !== undefined) {
    constraints.push({ kind: 'default', body: `DEFAULT ${renderDefault(spec.default)}` })
  }
  if (compiled.enumValues) {
    constraints.push({ kind: 'check', body: enumCheck(column, compiled.enumValues) })
  }
  if (spec.references) {
    constraints.push({
      kind: 'references',
      name: spec.references.name,
      body: `REFERENCES ${referencesClause(spec.references)}`,
      referencedTable: spec.references.table,
    })
  }
  return spec.comment
    ? { type, constraints, trailingComment: sqlComment(spec.comment) }
    : { type, constraints }
}

/**
 * A comment as an SQL block comment. SQLite has no comment catalog, but it keeps the
 * text of `CREATE TABLE` (comments included) in `sqlite_master`, so a comment written
 * there stays visible in the schema (`.schema`) and to introspection.
 *
 * A `*` followed by `/` inside the text is written with a space between them.
 *
 * @example
 * sqlComment('user email') // the text between block comment markers
 */
export function sqlComment(text: string): string {
  return `/* ${text.replace(/\*\//g, '* /')} */`
}

/**
 * The text of the block comments in `raw` (comments as the parser keeps them around a
 * column or between a table's name and its column list), the inverse of `sqlComment`;
 * undefined when there is none. Line comments (`--`) are notes in hand-written SQL, not
 * comments Stratum wrote, and are left out.
 *
 * @example
 * readSqlComment('/' + '* user email *' + '/') // 'user email'
 */
export function readSqlComment(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const texts = [...raw.matchAll(/\/\*([\s\S]*?)\*\//g)]
    .map((match) => (match[1] ?? '').trim().replace(/\* \//g, '*/'))
    .filter((text) => text !== '')
  return texts.length === 0 ? undefined : texts.join('\n')
}

function checkAutoIncrement(spec: ColumnSpec, context: ColumnContext): void {
  const portable = typeof spec.type === 'string' ? spec.type.trim().toLowerCase() : ''
  if (!INTEGER_TYPES.has(portable)) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `autoIncrement on column '${spec.name}' of table '${context.table}' needs an integer type, not '${String(spec.type)}'`,
      { hint: "SQLite's AUTOINCREMENT works only on an INTEGER PRIMARY KEY column." },
    )
  }
  if (!context.inlinePrimaryKey) {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `autoIncrement on column '${spec.name}' of table '${context.table}' needs that column to be the table's only primary key column`,
      {
        hint: "SQLite's AUTOINCREMENT works only on a single INTEGER PRIMARY KEY column; mark it `primaryKey: true` and no other column.",
      },
    )
  }
}

/**
 * A default as SQL: literals through `literal`; SQL expressions as written when they are
 * a literal or a `CURRENT_*` keyword, else in parentheses (SQLite's DEFAULT needs them).
 *
 * @example
 * renderDefault('draft')                     // "'draft'"
 * renderDefault({ sql: 'CURRENT_TIMESTAMP' }) // 'CURRENT_TIMESTAMP'
 * renderDefault({ sql: "datetime('now')" })   // "(datetime('now'))"
 */
export function renderDefault(value: DefaultValue): string {
  if (value === null || typeof value !== 'object') return literal(value)
  const sql = value.sql.trim()
  if (isConstantDefault(value) || /^CURRENT_(TIMESTAMP|DATE|TIME)$/i.test(sql)) return sql
  if (sql.startsWith('(') && sql.endsWith(')') && wrapsWhole(sql)) return sql
  return `(${sql})`
}

const CONSTANT_SQL =
  /^([-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?|'([^']|'')*'|[xX]'[0-9A-Fa-f]*'|NULL|TRUE|FALSE)$/i

/**
 * Whether a default is a constant that SQLite's `ALTER TABLE ADD COLUMN` accepts (not
 * `CURRENT_*`, not an expression in parentheses).
 */
export function isConstantDefault(value: DefaultValue): boolean {
  if (value === null || typeof value !== 'object') return true
  return CONSTANT_SQL.test(value.sql.trim())
}

/** Whether `sql` (which starts with `(`) is one parenthesised group. */
function wrapsWhole(sql: string): boolean {
  let depth = 0
  let quote: string | undefined
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]
    if (quote) {
      if (c === quote) quote = undefined
    } else if (c === "'" || c === '"') quote = c
    else if (c === '(') depth++
    else if (c === ')' && --depth === 0 && i < sql.length - 1) return false
  }
  return depth === 0
}

const ACTIONS: Readonly<Record<ReferentialAction, string>> = {
  cascade: 'CASCADE',
  restrict: 'RESTRICT',
  'no action': 'NO ACTION',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
}

interface ReferenceOptions {
  readonly onDelete?: ReferentialAction | undefined
  readonly onUpdate?: ReferentialAction | undefined
  readonly deferrable?: boolean | undefined
  readonly initiallyDeferred?: boolean | undefined
}

/** `ON DELETE ... ON UPDATE ... DEFERRABLE INITIALLY ...`, with a leading space, or ''. */
function referenceOptions(options: ReferenceOptions): string {
  let text = ''
  for (const [event, action] of [
    ['DELETE', options.onDelete],
    ['UPDATE', options.onUpdate],
  ] as const) {
    if (action === undefined) continue
    const sql = ACTIONS[action]
    if (!sql) {
      throw new MigrationError('INVALID_OPERATION', `Unknown referential action '${action}'`)
    }
    text += ` ON ${event} ${sql}`
  }
  // INITIALLY DEFERRED implies DEFERRABLE, as in PostgreSQL.
  if (options.initiallyDeferred) text += ' DEFERRABLE INITIALLY DEFERRED'
  else if (options.deferrable) text += ' DEFERRABLE INITIALLY IMMEDIATE'
  return text
}

/** `"parent" ("id") ON DELETE CASCADE ...` for an inline column reference. */
export function referencesClause(reference: ColumnReference): string {
  assertNoSchema(reference.schema, `the reference to '${reference.table}'`)
  return `${quoteIdentifier(reference.table)} (${quoteIdentifier(reference.column)})${referenceOptions(reference)}`
}

/** `FOREIGN KEY ("a") REFERENCES "parent" ("id") ...` (without a CONSTRAINT prefix). */
export function foreignKeyBody(spec: ForeignKeySpec): string {
  assertNoSchema(spec.referencedSchema, `the foreign key to '${spec.referencedTable}'`)
  if (spec.columns.length === 0 || spec.columns.length !== spec.referencedColumns.length) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `Foreign key to '${spec.referencedTable}' needs as many referenced columns as columns (${spec.columns.length} and ${spec.referencedColumns.length})`,
    )
  }
  return `FOREIGN KEY ${columnList(spec.columns)} REFERENCES ${quoteIdentifier(spec.referencedTable)} ${columnList(spec.referencedColumns)}${referenceOptions(spec)}`
}

/** `("a", "b")`. */
export function columnList(columns: readonly string[]): string {
  if (columns.length === 0) {
    throw new MigrationError('INVALID_OPERATION', 'A constraint needs at least one column')
  }
  return `(${columns.map(quoteIdentifier).join(', ')})`
}

/** `CHECK (expression)`. */
export function checkBody(expression: string): string {
  return `CHECK (${expression})`
}

/** The error for table and column comments, which SQLite does not store. */
export function commentUnsupported(what: string): MigrationError {
  return new MigrationError(
    'UNSUPPORTED_OPERATION',
    `SQLite has no table or column comments (${what} has a comment)`,
    {
      hint: "Leave the comment out on SQLite, or set it only elsewhere: if (context.dialect !== 'sqlite') ...",
    },
  )
}
