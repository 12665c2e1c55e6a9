/** Primary keys, unique, foreign key and check constraints, and dropping them. */
import { MigrationError } from '../../errors.js'
import type {
  CheckSpec,
  ForeignKeySpec,
  OperationOf,
  ReferentialAction,
} from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { quoteIdentifier, quoteTable } from './quote.js'
import { unsupported } from './unsupported.js'

/** `(`a`, `b`)` */
export const columnList = (columns: readonly string[]) =>
  `(${columns.map(quoteIdentifier).join(', ')})`

/** `CONSTRAINT `name` ` when named, else nothing (the server names it). */
const constraintName = (name: string | undefined) =>
  name === undefined ? '' : `CONSTRAINT ${quoteIdentifier(name)} `

function action(value: ReferentialAction, owner: string): string {
  if (value === 'set default') {
    throw unsupported(
      `${owner} with ON DELETE/UPDATE SET DEFAULT`,
      'InnoDB rejects SET DEFAULT actions',
      "Use 'set null', 'restrict', 'no action' or 'cascade'.",
    )
  }
  return value.toUpperCase()
}

/**
 * A foreign key clause for CREATE TABLE or ADD. Deferrable keys throw
 * `UNSUPPORTED_OPERATION`: MySQL checks every key immediately.
 *
 * @example
 * foreignKeySql({ columns: ['user_id'], referencedTable: 'users', referencedColumns: ['id'], onDelete: 'cascade' }, 'createTable orders')
 * // 'FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE'
 */
export function foreignKeySql(key: ForeignKeySpec, owner: string): string {
  if (key.deferrable || key.initiallyDeferred) {
    throw unsupported(
      `${owner}: deferrable foreign key${key.name ? ` '${key.name}'` : ''}`,
      'MySQL checks foreign keys immediately',
      'Drop `deferrable`, and order the statements (or SET FOREIGN_KEY_CHECKS = 0 around them) instead.',
    )
  }
  const target = quoteTable({ table: key.referencedTable, schema: key.referencedSchema })
  let sql = `${constraintName(key.name)}FOREIGN KEY ${columnList(key.columns)} REFERENCES ${target} ${columnList(key.referencedColumns)}`
  if (key.onDelete) sql += ` ON DELETE ${action(key.onDelete, owner)}`
  if (key.onUpdate) sql += ` ON UPDATE ${action(key.onUpdate, owner)}`
  return sql
}

/** `CONSTRAINT `name` UNIQUE (...)` */
export const uniqueSql = (name: string | undefined, columns: readonly string[]) =>
  `${constraintName(name)}UNIQUE ${columnList(columns)}`

/** `CONSTRAINT `name` CHECK (expr)` */
export const checkSql = (check: CheckSpec) =>
  `${constraintName(check.name)}CHECK (${check.expression})`

/** Primary keys have no name in MySQL (they are always `PRIMARY`), so none is written. */
export const primaryKeySql = (columns: readonly string[]) => `PRIMARY KEY ${columnList(columns)}`

const alter = (op: { table: string; schema?: string | undefined }, clause: string) => [
  { sql: `ALTER TABLE ${quoteTable(op)} ${clause}` },
]

/** `ALTER TABLE t ADD PRIMARY KEY (...)` */
export function createPrimaryKey(op: OperationOf<'createPrimaryKey'>): CompiledStep[] {
  return alter(op, `ADD ${primaryKeySql(op.columns)}`)
}

/** `ALTER TABLE t ADD CONSTRAINT name UNIQUE (...)` */
export function createUniqueConstraint(op: OperationOf<'createUniqueConstraint'>): CompiledStep[] {
  return alter(op, `ADD ${uniqueSql(op.name, op.columns)}`)
}

/** `ALTER TABLE t ADD CONSTRAINT name FOREIGN KEY ... REFERENCES ...` */
export function createForeignKey(op: OperationOf<'createForeignKey'>): CompiledStep[] {
  return alter(op, `ADD ${foreignKeySql(op, `createForeignKey '${op.name}'`)}`)
}

/** `ALTER TABLE t ADD CONSTRAINT name CHECK (expr)` (enforced from MySQL 8.0.16, MariaDB 10.2). */
export function createCheckConstraint(op: OperationOf<'createCheckConstraint'>): CompiledStep[] {
  return alter(op, `ADD ${checkSql(op)}`)
}

/**
 * MySQL drops each kind of constraint with its own clause, so `type` is required:
 * DROP FOREIGN KEY, DROP PRIMARY KEY, DROP INDEX (unique), DROP CONSTRAINT (check).
 */
export function dropConstraint(op: OperationOf<'dropConstraint'>): CompiledStep[] {
  const name = quoteIdentifier(op.name)
  switch (op.type) {
    case 'foreignKey':
      return alter(op, `DROP FOREIGN KEY ${name}`)
    case 'primaryKey':
      return alter(op, 'DROP PRIMARY KEY')
    case 'unique':
      return alter(op, `DROP INDEX ${name}`)
    case 'check':
      return alter(op, `DROP CONSTRAINT ${name}`)
    default:
      throw new MigrationError(
        'CONSTRAINT_TYPE_REQUIRED',
        `dropConstraint '${op.name}' on ${op.table} needs a type on MySQL/MariaDB`,
        { hint: "Pass type: 'foreignKey', 'primaryKey', 'unique' or 'check'." },
      )
  }
}
