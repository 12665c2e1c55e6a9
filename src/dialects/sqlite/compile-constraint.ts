/**
 * Constraint operations for SQLite. Its ALTER TABLE cannot add or drop constraints, so
 * each one rebuilds the table. A unique constraint could be imitated with a unique
 * index, but a rebuild gives a real UNIQUE constraint: introspection then finds a
 * constraint (as on the other databases), and `dropConstraint` can remove it by name.
 */
import type {
  CreateCheckConstraint,
  CreateForeignKey,
  CreatePrimaryKey,
  CreateUniqueConstraint,
  DropConstraint,
} from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { checkBody, columnList, foreignKeyBody } from './column-definition.js'
import { quoteIdentifier } from './quote.js'
import { rebuildStep } from './rebuild-table.js'

const named = (name: string | undefined) => (name === undefined ? '' : ` ${quoteIdentifier(name)}`)

/**
 * Adds a primary key (its columns become NOT NULL, as in PostgreSQL) by rebuilding the table.
 *
 * @example
 * compileCreatePrimaryKey({ kind: 'createPrimaryKey', table: 't', columns: ['id'] })[0].description
 * // 'rebuild table "t" to add primary key ("id")'
 */
export function compileCreatePrimaryKey(operation: CreatePrimaryKey): CompiledStep[] {
  return [
    rebuildStep(
      operation,
      { kind: 'addPrimaryKey', name: operation.name, columns: operation.columns },
      `add primary key${named(operation.name)} ${columnList(operation.columns)}`,
    ),
  ]
}

/** Adds a named UNIQUE constraint by rebuilding the table. */
export function compileCreateUniqueConstraint(operation: CreateUniqueConstraint): CompiledStep[] {
  return [
    rebuildStep(
      operation,
      { kind: 'addUnique', name: operation.name, columns: operation.columns },
      `add unique constraint${named(operation.name)} ${columnList(operation.columns)}`,
    ),
  ]
}

/** Adds a named foreign key by rebuilding the table; existing rows must satisfy it. */
export function compileCreateForeignKey(operation: CreateForeignKey): CompiledStep[] {
  const { kind: _kind, table: _table, schema: _schema, ...foreignKey } = operation
  return [
    rebuildStep(
      operation,
      { kind: 'addForeignKey', foreignKey },
      `add foreign key${named(operation.name)} ${foreignKeyBody(foreignKey).replace(/^FOREIGN KEY /, '')}`,
    ),
  ]
}

/** Adds a named CHECK constraint by rebuilding the table; existing rows must satisfy it. */
export function compileCreateCheckConstraint(operation: CreateCheckConstraint): CompiledStep[] {
  return [
    rebuildStep(
      operation,
      { kind: 'addCheck', name: operation.name, expression: operation.expression },
      `add check constraint${named(operation.name)} ${checkBody(operation.expression).replace(/^CHECK /, '')}`,
    ),
  ]
}

/**
 * Drops a named constraint by rebuilding the table. An unnamed primary key is found by
 * `type: 'primaryKey'` whatever the name (a table has one; SQLite stores no name).
 */
export function compileDropConstraint(operation: DropConstraint): CompiledStep[] {
  return [
    rebuildStep(
      operation,
      { kind: 'dropConstraint', name: operation.name, type: operation.type },
      `drop constraint${named(operation.name)}`,
    ),
  ]
}
