/**
 * The changes a table rebuild can make, applied to a `TableDefinition` as pure
 * functions: the rebuild reads the live table, applies one change here, and writes the
 * result as the new table. Errors name the table, the column or constraint, and what
 * exists instead.
 */
import { MigrationError } from '../../errors.js'
import type {
  ColumnSpec,
  ColumnType,
  ConstraintType,
  DefaultValue,
  ForeignKeySpec,
} from '../../operations/types.js'
import {
  checkBody,
  columnList,
  columnParts,
  foreignKeyBody,
  renderDefault,
} from './column-definition.js'
import {
  constraintNames,
  findColumn,
  hasPrimaryKey,
  isEnumCheck,
  primaryKeyColumns,
} from './definition-lookup.js'
import { quoteIdentifier } from './quote.js'
import { mentions, sameName, tokenize } from './sql-tokenizer.js'
import type {
  ColumnConstraint,
  ColumnConstraintKind,
  ColumnDefinition,
  TableConstraint,
  TableDefinition,
} from './table-definition.js'
import { compileColumnType, enumCheck, INTEGER_TYPES } from './types.js'

/** One change to a table that SQLite's ALTER TABLE cannot make in place. */
export type TableChange =
  | {
      readonly kind: 'alterColumn'
      readonly column: string
      readonly type?: ColumnType | undefined
      /** A SQLite expression over the old row that computes the new value. */
      readonly using?: string | undefined
      readonly nullable?: boolean | undefined
      /** `undefined`: unchanged; `null`: dropped. */
      readonly default?: DefaultValue | undefined
    }
  | { readonly kind: 'addColumn'; readonly column: ColumnSpec }
  | { readonly kind: 'dropColumn'; readonly column: string }
  | {
      readonly kind: 'addPrimaryKey'
      readonly name?: string | undefined
      readonly columns: readonly string[]
    }
  | { readonly kind: 'addUnique'; readonly name: string; readonly columns: readonly string[] }
  | {
      readonly kind: 'addForeignKey'
      readonly foreignKey: ForeignKeySpec & { readonly name: string }
    }
  | { readonly kind: 'addCheck'; readonly name: string; readonly expression: string }
  | {
      readonly kind: 'dropConstraint'
      readonly name: string
      readonly type?: ConstraintType | undefined
    }

/**
 * The definition after `change`.
 *
 * @example
 * applyChange(parseCreateTable('CREATE TABLE t (a TEXT)'), { kind: 'alterColumn', column: 'a', nullable: false })
 * // column a now has NOT NULL
 */
export function applyChange(definition: TableDefinition, change: TableChange): TableDefinition {
  switch (change.kind) {
    case 'alterColumn':
      return alterColumn(definition, change)
    case 'addColumn':
      return addColumn(definition, change.column)
    case 'dropColumn':
      return dropColumn(definition, change.column)
    case 'addPrimaryKey':
      return addPrimaryKey(definition, change.columns, change.name)
    case 'addUnique':
      return addConstraint(definition, change.columns, {
        kind: 'unique',
        name: change.name,
        body: `UNIQUE ${columnList(change.columns)}`,
        columns: change.columns,
      })
    case 'addForeignKey':
      return addConstraint(definition, change.foreignKey.columns, {
        kind: 'foreignKey',
        name: change.foreignKey.name,
        body: foreignKeyBody(change.foreignKey),
        columns: change.foreignKey.columns,
        referencedTable: change.foreignKey.referencedTable,
      })
    case 'addCheck':
      return addConstraint(definition, [], {
        kind: 'check',
        name: change.name,
        body: checkBody(change.expression),
        columns: [],
      })
    case 'dropConstraint':
      return dropConstraint(definition, change.name, change.type)
  }
}

function replaceColumn(
  definition: TableDefinition,
  column: ColumnDefinition,
  replacement: ColumnDefinition,
): TableDefinition {
  return {
    ...definition,
    columns: definition.columns.map((candidate) =>
      candidate === column ? replacement : candidate,
    ),
  }
}

/** The order constraints are written in when Stratum rewrites a column. */
const RANK: Readonly<Record<ColumnConstraintKind, number>> = {
  primaryKey: 0,
  notNull: 1,
  null: 1,
  unique: 2,
  default: 3,
  collate: 4,
  generated: 5,
  check: 6,
  references: 7,
}

/** A column rewritten with new parts (its original text no longer applies). */
function rewritten(
  column: ColumnDefinition,
  parts: { type?: string; constraints: readonly ColumnConstraint[] },
): ColumnDefinition {
  const constraints = [...parts.constraints].sort((a, b) => RANK[a.kind] - RANK[b.kind])
  return { ...column, type: parts.type ?? column.type, constraints, source: undefined }
}

function alterColumn(
  definition: TableDefinition,
  change: Extract<TableChange, { kind: 'alterColumn' }>,
): TableDefinition {
  const column = findColumn(definition, change.column)
  let type = column.type
  let constraints = [...column.constraints]
  if (change.type !== undefined) {
    const compiled = compileColumnType(change.type)
    const portable = typeof change.type === 'string' ? change.type.trim().toLowerCase() : ''
    const autoIncrement = constraints.some((c) => c.kind === 'primaryKey' && c.autoIncrement)
    // An AUTOINCREMENT column must stay exactly INTEGER; integer types all fit in it.
    type = autoIncrement && INTEGER_TYPES.has(portable) ? 'INTEGER' : compiled.sql
    constraints = constraints.filter(
      (c) => !(c.kind === 'check' && isEnumCheck(c.body, column.name)),
    )
    if (compiled.enumValues) {
      constraints.push({
        kind: 'check',
        body: enumCheck(quoteIdentifier(column.name), compiled.enumValues),
      })
    }
  }
  if (change.nullable !== undefined) {
    constraints = constraints.filter((c) => c.kind !== 'notNull' && c.kind !== 'null')
    if (!change.nullable) constraints.push({ kind: 'notNull', body: 'NOT NULL' })
  }
  if (change.default !== undefined) {
    constraints = constraints.filter((c) => c.kind !== 'default')
    if (change.default !== null) {
      constraints.push({ kind: 'default', body: `DEFAULT ${renderDefault(change.default)}` })
    }
  }
  return replaceColumn(definition, column, rewritten(column, { type, constraints }))
}

function addColumn(definition: TableDefinition, spec: ColumnSpec): TableDefinition {
  if (definition.columns.some((column) => sameName(column.name, spec.name))) {
    throw new MigrationError(
      'COLUMN_EXISTS',
      `Table '${definition.name}' already has a column '${spec.name}'`,
    )
  }
  if (spec.primaryKey && hasPrimaryKey(definition)) throw primaryKeyExists(definition)
  const parts = columnParts(spec, {
    table: definition.name,
    inlinePrimaryKey: spec.primaryKey === true,
    inPrimaryKey: spec.primaryKey === true,
  })
  const column: ColumnDefinition = {
    name: spec.name,
    type: parts.type,
    constraints: parts.constraints,
    trailingComment: parts.trailingComment,
  }
  return { ...definition, columns: [...definition.columns, column] }
}

function dropColumn(definition: TableDefinition, name: string): TableDefinition {
  const dropped = findColumn(definition, name)
  if (definition.columns.length === 1) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `Cannot drop column '${dropped.name}': it is the only column of table '${definition.name}'`,
      { hint: 'Drop the table instead.' },
    )
  }
  const columns: ColumnDefinition[] = []
  for (const column of definition.columns) {
    if (column === dropped) continue
    const uses = (c: ColumnConstraint) =>
      (c.kind === 'check' || c.kind === 'generated') && mentions(tokenize(c.body), dropped.name)
    const generated = column.constraints.find((c) => c.kind === 'generated' && uses(c))
    if (generated) {
      throw new MigrationError(
        'INVALID_OPERATION',
        `Cannot drop column '${dropped.name}' of table '${definition.name}': generated column '${column.name}' is computed from it`,
        { hint: `Drop or change column '${column.name}' first.` },
      )
    }
    // As in PostgreSQL, a constraint that involves the dropped column goes with it.
    columns.push(
      column.constraints.some(uses)
        ? rewritten(column, { constraints: column.constraints.filter((c) => !uses(c)) })
        : column,
    )
  }
  const constraints = definition.constraints.filter(
    (constraint) =>
      !constraint.columns.some((column) => sameName(column, dropped.name)) &&
      !(constraint.kind === 'check' && mentions(tokenize(constraint.body), dropped.name)),
  )
  return { ...definition, columns, constraints }
}

function primaryKeyExists(definition: TableDefinition): MigrationError {
  return new MigrationError(
    'PRIMARY_KEY_EXISTS',
    `Table '${definition.name}' already has a primary key`,
    { hint: 'Drop the existing primary key first (dropConstraint with type primaryKey).' },
  )
}

function addPrimaryKey(
  definition: TableDefinition,
  columns: readonly string[],
  name: string | undefined,
): TableDefinition {
  if (hasPrimaryKey(definition)) throw primaryKeyExists(definition)
  const added = addConstraint(definition, columns, {
    kind: 'primaryKey',
    name,
    body: `PRIMARY KEY ${columnList(columns)}`,
    columns,
  })
  // As in PostgreSQL, primary key columns become NOT NULL.
  return withNotNull(added, columns)
}

function withNotNull(definition: TableDefinition, names: readonly string[]): TableDefinition {
  return {
    ...definition,
    columns: definition.columns.map((column) =>
      names.some((name) => sameName(name, column.name)) &&
      !column.constraints.some((c) => c.kind === 'notNull')
        ? rewritten(column, {
            constraints: [
              ...column.constraints.filter((c) => c.kind !== 'null'),
              { kind: 'notNull', body: 'NOT NULL' },
            ],
          })
        : column,
    ),
  }
}

function addConstraint(
  definition: TableDefinition,
  columns: readonly string[],
  constraint: TableConstraint,
): TableDefinition {
  for (const column of columns) findColumn(definition, column)
  const name = constraint.name
  if (name !== undefined && constraintNames(definition).some((other) => sameName(other, name))) {
    throw new MigrationError(
      'CONSTRAINT_EXISTS',
      `Table '${definition.name}' already has a constraint named '${name}'`,
    )
  }
  return { ...definition, constraints: [...definition.constraints, constraint] }
}

const KINDS: Readonly<Record<ConstraintType, readonly string[]>> = {
  primaryKey: ['primaryKey'],
  unique: ['unique'],
  check: ['check'],
  foreignKey: ['foreignKey', 'references'],
}

const DROPPABLE = new Set(['primaryKey', 'unique', 'check', 'foreignKey', 'references'])

function dropConstraint(
  definition: TableDefinition,
  name: string,
  type: ConstraintType | undefined,
): TableDefinition {
  const matches = (constraint: { kind: string; name?: string | undefined }) =>
    DROPPABLE.has(constraint.kind) &&
    constraint.name !== undefined &&
    sameName(constraint.name, name)
  const tableMatch = definition.constraints.find(matches)
  const columnMatch = definition.columns.find((column) => column.constraints.some(matches))
  const found = tableMatch ?? columnMatch?.constraints.find(matches)
  if (found) {
    if (type !== undefined && !KINDS[type].includes(found.kind)) {
      throw new MigrationError(
        'CONSTRAINT_NOT_FOUND',
        `Constraint '${name}' of table '${definition.name}' is a ${found.kind === 'references' ? 'foreignKey' : found.kind} constraint, not ${type}`,
      )
    }
    const pkColumns = primaryKeyColumns(definition)
    let next: TableDefinition = {
      ...definition,
      constraints: definition.constraints.filter((constraint) => constraint !== tableMatch),
      columns: definition.columns.map((column) =>
        column === columnMatch
          ? rewritten(column, { constraints: column.constraints.filter((c) => !matches(c)) })
          : column,
      ),
    }
    if (found.kind === 'primaryKey') next = withNotNull(next, pkColumns)
    return next
  }
  // SQLite keeps no name for an unnamed primary key, and a table has at most one: a name
  // written for another database (PostgreSQL's `users_pkey`) can only mean that one.
  if (type === 'primaryKey' && hasPrimaryKey(definition)) {
    const pkColumns = primaryKeyColumns(definition)
    const isPrimaryKey = (c: { kind: string }) => c.kind === 'primaryKey'
    return withNotNull(
      {
        ...definition,
        constraints: definition.constraints.filter((c) => !isPrimaryKey(c)),
        columns: definition.columns.map((column) =>
          column.constraints.some(isPrimaryKey)
            ? rewritten(column, { constraints: column.constraints.filter((c) => !isPrimaryKey(c)) })
            : column,
        ),
      },
      pkColumns,
    )
  }
  const names = constraintNames(definition)
  throw new MigrationError(
    'CONSTRAINT_NOT_FOUND',
    `Table '${definition.name}' has no constraint named '${name}'${names.length > 0 ? ` (named constraints: ${names.join(', ')})` : ''}`,
    {
      hint: 'SQLite can drop only constraints that were given a name; a unique index made with createIndex is dropped with dropIndex.',
    },
  )
}
