/** `addColumn`, `dropColumn` and `alterColumn` for SQLite. */
import { MigrationError } from '../../errors.js'
import type { AddColumn, AlterColumn, ColumnSpec, DropColumn } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { columnParts, commentUnsupported, isConstantDefault } from './column-definition.js'
import { dropColumnStep } from './drop-column.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import { rebuildStep } from './rebuild-table.js'
import { renderColumn } from './table-definition.js'

/**
 * `ALTER TABLE ... ADD COLUMN` when SQLite allows it, else the table rebuild. SQLite's
 * ADD COLUMN cannot add a PRIMARY KEY or UNIQUE column, a NOT NULL column without a
 * non-null default, a column whose default is CURRENT_* or an expression, or (with
 * foreign keys enforced) a REFERENCES column with a non-null default.
 *
 * @example
 * compileAddColumn({ kind: 'addColumn', table: 'users', column: { name: 'age', type: 'integer' } })
 * // [{ sql: 'ALTER TABLE "users" ADD COLUMN "age" INTEGER' }]
 */
export function compileAddColumn(operation: AddColumn): CompiledStep[] {
  const table = quoteTable(operation)
  const spec = operation.column
  const parts = columnParts(spec, {
    table: operation.table,
    inlinePrimaryKey: spec.primaryKey === true,
    inPrimaryKey: spec.primaryKey === true,
  })
  const reason = addColumnLimit(spec)
  if (reason !== undefined) {
    return [
      rebuildStep(
        operation,
        { kind: 'addColumn', column: spec },
        `add column ${quoteIdentifier(spec.name)} (SQLite's ADD COLUMN cannot add ${reason})`,
      ),
    ]
  }
  const column = renderColumn({
    name: spec.name,
    type: parts.type,
    constraints: parts.constraints,
    trailingComment: parts.trailingComment,
  })
  return [{ sql: `ALTER TABLE ${table} ADD COLUMN ${column}` }]
}

/** Why SQLite's ADD COLUMN cannot add this column, or undefined when it can. */
export function addColumnLimit(spec: ColumnSpec): string | undefined {
  if (spec.primaryKey || spec.autoIncrement) return 'a primary key column'
  if (spec.unique) return 'a UNIQUE column'
  const hasDefault = spec.default !== undefined && spec.default !== null
  if (spec.nullable === false && !hasDefault) return 'a NOT NULL column without a default'
  if (spec.default !== undefined && !isConstantDefault(spec.default)) {
    return 'a column whose default is not a constant'
  }
  if (spec.references && hasDefault) return 'a foreign key column with a non-null default'
  return undefined
}

/**
 * `dropColumn`: SQLite's DROP COLUMN, or the table rebuild when the column is indexed
 * or constrained (decided against the live schema, so it is a procedure step).
 */
export function compileDropColumn(operation: DropColumn): CompiledStep[] {
  return [dropColumnStep(operation)]
}

/**
 * `alterColumn`: a rename is SQLite's `RENAME COLUMN`; a new type, nullability or
 * default rebuilds the table (SQLite's ALTER cannot change a column). `using` is a
 * SQLite expression over the old row that computes the new value. The `existing*`
 * fields are not needed: the rebuild reads the live table. Comments are
 * UNSUPPORTED_OPERATION (SQLite has none).
 *
 * @example
 * compileAlterColumn({ kind: 'alterColumn', table: 'users', column: 'mail', newName: 'email' })
 * // [{ sql: 'ALTER TABLE "users" RENAME COLUMN "mail" TO "email"' }]
 */
export function compileAlterColumn(operation: AlterColumn): CompiledStep[] {
  const table = quoteTable(operation)
  const column = quoteIdentifier(operation.column)
  if (operation.comment !== undefined) {
    throw commentUnsupported(`alterColumn on ${table}.${column}`)
  }
  const steps: CompiledStep[] = []
  let name = operation.column
  if (operation.newName !== undefined && operation.newName !== operation.column) {
    steps.push({
      sql: `ALTER TABLE ${table} RENAME COLUMN ${column} TO ${quoteIdentifier(operation.newName)}`,
    })
    name = operation.newName
  }
  const changes: string[] = []
  if (operation.type !== undefined) changes.push('type')
  if (operation.nullable !== undefined) changes.push('nullability')
  if (operation.default !== undefined) changes.push('default')
  if (operation.using !== undefined && operation.type === undefined) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `alterColumn on ${table}.${column} has \`using\` but no new \`type\``,
    )
  }
  if (changes.length > 0) {
    steps.push(
      rebuildStep(
        operation,
        {
          kind: 'alterColumn',
          column: name,
          type: operation.type,
          using: operation.using,
          nullable: operation.nullable,
          default: operation.default,
        },
        `change the ${changes.join(', ')} of column ${quoteIdentifier(name)}`,
      ),
    )
  }
  if (steps.length === 0) {
    throw new MigrationError(
      'INVALID_OPERATION',
      `alterColumn on ${table}.${column} changes nothing`,
      { hint: 'Give at least one of type, nullable, default or newName.' },
    )
  }
  return steps
}
