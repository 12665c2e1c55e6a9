import type { ArgumentChecker } from './check-arguments.js'
import { describe } from './check-arguments.js'
import { isPlainObject } from './freeze.js'
import type { ColumnSpec, ColumnType } from './types.js'

const COLUMN_FIELDS = [
  'name',
  'type',
  'nullable',
  'default',
  'primaryKey',
  'autoIncrement',
  'unique',
  'references',
  'comment',
] as const

const REFERENCE_FIELDS = [
  'table',
  'column',
  'schema',
  'name',
  'onDelete',
  'onUpdate',
  'deferrable',
  'initiallyDeferred',
] as const

/**
 * A column type: a non-empty type name, or `{ enum: [...], name? }` with distinct values.
 *
 * @example
 * checkColumnType(new ArgumentChecker('addColumn'), 'column.type', 'varchar(255)')
 */
export function checkColumnType(
  check: ArgumentChecker,
  argument: string,
  value: unknown,
): ColumnType {
  if (typeof value === 'string') return check.name(argument, value)
  if (!isPlainObject(value)) {
    return check.fail(
      argument,
      `must be a type name such as 'text' or { enum: [...] } (got ${describe(value)})`,
    )
  }
  check.keys(argument, value, ['enum', 'name'])
  check.names(`${argument}.enum`, value.enum, 'value')
  check.optionalName(`${argument}.name`, value.name)
  return value as unknown as ColumnType
}

/** A default: a string, a finite number, a boolean, null, or `{ sql: '...' }`. */
export function checkDefault(check: ArgumentChecker, argument: string, value: unknown): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) check.fail(argument, `must be a finite number (got ${value})`)
    return
  }
  if (isPlainObject(value)) {
    check.sqlExpression(argument, value)
    return
  }
  check.fail(
    argument,
    `must be a string, number, boolean, null or { sql: '...' } (got ${describe(value)})`,
  )
}

/** Foreign key options shared by inline references and `createForeignKey`. */
export function checkForeignKeyOptions(
  check: ArgumentChecker,
  argument: string,
  value: Record<string, unknown>,
): void {
  check.optionalAction(`${argument}.onDelete`, value.onDelete)
  check.optionalAction(`${argument}.onUpdate`, value.onUpdate)
  const deferrable = check.optionalBoolean(`${argument}.deferrable`, value.deferrable)
  const initially = check.optionalBoolean(`${argument}.initiallyDeferred`, value.initiallyDeferred)
  if (initially && deferrable === false) {
    check.fail(
      argument,
      'is initiallyDeferred but not deferrable; a deferred check must be deferrable',
    )
  }
}

/**
 * One column definition; returns it unchanged when valid.
 *
 * @example
 * checkColumnSpec(new ArgumentChecker('addColumn'), 'column', { name: 'email', type: 'text' })
 */
export function checkColumnSpec(
  check: ArgumentChecker,
  argument: string,
  value: unknown,
): ColumnSpec {
  const spec = check.object(argument, value, COLUMN_FIELDS)
  const name = check.name(`${argument}.name`, spec.name)
  const at = `${argument} '${name}'`
  if (spec.type === undefined) check.fail(at, "has no type; give one, e.g. type: 'text'")
  checkColumnType(check, `${at}: type`, spec.type)
  const nullable = check.optionalBoolean(`${at}: nullable`, spec.nullable)
  const primaryKey = check.optionalBoolean(`${at}: primaryKey`, spec.primaryKey)
  const autoIncrement = check.optionalBoolean(`${at}: autoIncrement`, spec.autoIncrement)
  check.optionalBoolean(`${at}: unique`, spec.unique)
  check.optionalString(`${at}: comment`, spec.comment)
  if (spec.default !== undefined) checkDefault(check, `${at}: default`, spec.default)
  if (primaryKey && nullable === true) {
    check.fail(at, 'is a primary key and cannot be nullable')
  }
  if (autoIncrement && spec.default !== undefined) {
    check.fail(at, 'has both autoIncrement and a default; the database generates its values')
  }
  if (spec.references !== undefined) {
    const reference = check.object(`${at}: references`, spec.references, REFERENCE_FIELDS)
    check.name(`${at}: references.table`, reference.table)
    check.name(`${at}: references.column`, reference.column)
    check.optionalName(`${at}: references.schema`, reference.schema)
    check.optionalName(`${at}: references.name`, reference.name)
    checkForeignKeyOptions(check, `${at}: references`, reference)
  }
  return spec as unknown as ColumnSpec
}
