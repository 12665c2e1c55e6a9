/**
 * alterColumn. MySQL changes a default or a name on its own (ALTER COLUMN .. SET
 * DEFAULT, RENAME COLUMN), but a type, nullability or comment change restates the
 * whole column (MODIFY COLUMN, or CHANGE COLUMN when it is also renamed). The
 * restatement is compiled from the `existing*` fields when they say enough (the type
 * and the nullability); otherwise it is a procedure that reads the current definition
 * from information_schema, which only works online.
 */
import { MigrationError } from '../../errors.js'
import type { OperationOf } from '../../operations/types.js'
import type { CompiledStep, ProcedureStep, SqlStep } from '../dialect.js'
import { readColumn } from './catalog-column.js'
import { type ColumnDefinition, defaultSql, renderColumn } from './column.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import {
  backslashEscaping,
  modeIndependent,
  type PlainString,
  plainStringFor,
} from './statement.js'
import { columnType } from './types.js'
import { unsupported } from './unsupported.js'

type AlterColumn = OperationOf<'alterColumn'>

/** MODIFY COLUMN (or CHANGE COLUMN for a rename) with the full definition. */
function restatement(op: AlterColumn, column: Omit<ColumnDefinition, 'name'>) {
  const table = quoteTable(op)
  const renamed = op.newName !== undefined && op.newName !== op.column
  return (plain: PlainString) => {
    const definition = renderColumn({ ...column, name: op.newName ?? op.column }, plain)
    return renamed
      ? `ALTER TABLE ${table} CHANGE COLUMN ${quoteIdentifier(op.column)} ${definition}`
      : `ALTER TABLE ${table} MODIFY COLUMN ${definition}`
  }
}

/** `ALTER TABLE t RENAME COLUMN a TO b`, or nothing when the name does not change. */
function renameSteps(op: AlterColumn): SqlStep[] {
  if (op.newName === undefined || op.newName === op.column) return []
  const [column, newName] = [quoteIdentifier(op.column), quoteIdentifier(op.newName)]
  return [{ sql: `ALTER TABLE ${quoteTable(op)} RENAME COLUMN ${column} TO ${newName}` }]
}

/** A default change and/or a rename, which need nothing of the existing definition. */
function partialSteps(op: AlterColumn): SqlStep[] {
  const steps: SqlStep[] = []
  if (op.default !== undefined) {
    const type = op.existingType === undefined ? undefined : columnType(op.existingType)
    const value = defaultSql(op.default, { inColumn: false, type: type?.(backslashEscaping) })
    const change = value === undefined ? 'DROP DEFAULT' : `SET DEFAULT ${value}`
    const column = quoteIdentifier(op.column)
    steps.push({ sql: `ALTER TABLE ${quoteTable(op)} ALTER COLUMN ${column} ${change}` })
  }
  return [...steps, ...renameSteps(op)]
}

/** The procedure that reads the column online and restates it. */
function readAndRestate(op: AlterColumn): ProcedureStep {
  const where = `${op.schema ? `${op.schema}.` : ''}${op.table}.${op.column}`
  // Checked now, so that a bad type or default fails at compile time, offline too.
  const newType = op.type === undefined ? undefined : columnType(op.type)
  if (op.default !== undefined) defaultSql(op.default)
  return {
    description: `alter column ${where} (reads the current definition; pass existingType and existingNullable to compile offline)`,
    run: async (connection) => {
      const {
        definition: current,
        sqlMode,
        columnType: shown,
        typeReadable,
      } = await readColumn(connection, op)
      if (!newType && !typeReadable) {
        throw new MigrationError(
          'COLUMN_TYPE_UNREADABLE',
          `alterColumn ${where}: the catalog shows the type as ${shown}, where '?' may stand for a character it cannot hold`,
          { hint: 'Pass type (the full current type) so that the values are restated exactly.' },
        )
      }
      // Restated under its old name, then renamed: a MariaDB column CHECK names the old one.
      const build = restatement(
        { ...op, newName: undefined },
        {
          ...current,
          // A new type starts afresh: the old collation and column CHECK belonged to the old type.
          type: newType ?? current.type,
          collation: newType ? undefined : current.collation,
          check: newType ? undefined : current.check,
          nullable: op.nullable ?? current.nullable,
          defaultSql:
            op.default === undefined
              ? current.defaultSql
              : defaultSql(op.default, { type: (newType ?? current.type)(backslashEscaping) }),
          comment: op.comment !== undefined ? op.comment : current.comment,
        },
      )
      await connection.query(build(plainStringFor(sqlMode)))
      for (const step of renameSteps(op)) await connection.query(step.sql)
    },
  }
}

/**
 * Compiles alterColumn (see the module comment). Offline, a restated column is exactly
 * its type (or existingType), nullability (or existingNullable), default (or
 * existingDefault), comment (or existingComment) and existingAutoIncrement: what is
 * not given is not kept, as in Alembic. `using` throws `UNSUPPORTED_OPERATION`.
 *
 * @example
 * alterColumn({ kind: 'alterColumn', table: 'users', column: 'email', nullable: false,
 *   existingType: 'varchar(255)' })
 * // [{ sql: 'ALTER TABLE `users` MODIFY COLUMN `email` varchar(255) NOT NULL' }]
 */
export function alterColumn(op: AlterColumn): CompiledStep[] {
  const owner = `alterColumn ${op.table}.${op.column}`
  if (op.using !== undefined) {
    throw unsupported(
      `${owner} with using`,
      'MODIFY COLUMN converts values itself and takes no USING expression',
      'Drop using; convert the values with an UPDATE (op.execute) before or after the type change.',
    )
  }
  const restate = op.type !== undefined || op.nullable !== undefined || op.comment !== undefined
  if (!restate) {
    const steps = partialSteps(op)
    if (steps.length === 0) {
      throw new MigrationError('INVALID_OPERATION', `${owner} changes nothing`, {
        hint: 'Pass type, nullable, default, comment or newName.',
      })
    }
    return steps
  }
  const type = op.type ?? op.existingType
  const nullable = op.nullable ?? op.existingNullable
  if (type === undefined || nullable === undefined) return [readAndRestate(op)]
  const comment = op.comment !== undefined ? op.comment : op.existingComment
  const typeSql = columnType(type)
  const value = op.default !== undefined ? op.default : op.existingDefault
  return modeIndependent(
    restatement(op, {
      type: typeSql,
      nullable,
      defaultSql: defaultSql(value, { type: typeSql(backslashEscaping) }),
      autoIncrement: op.existingAutoIncrement,
      comment,
    }),
  )
}
