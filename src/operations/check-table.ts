import type { ArgumentChecker } from './check-arguments.js'
import { checkColumnSpec, checkForeignKeyOptions } from './check-column.js'
import type { ColumnSpec } from './types.js'

const CONSTRAINT_FIELDS = ['columns', 'name'] as const
const FOREIGN_KEY_FIELDS = [
  'columns',
  'referencedTable',
  'referencedColumns',
  'referencedSchema',
  'name',
  'onDelete',
  'onUpdate',
  'deferrable',
  'initiallyDeferred',
] as const

/** Column names that must belong to the table being created. */
function checkKnownColumns(
  check: ArgumentChecker,
  argument: string,
  names: readonly string[],
  known: ReadonlySet<string>,
): void {
  for (const name of names) {
    if (!known.has(name)) {
      check.fail(argument, `names '${name}', which is not a column of the table`)
    }
  }
}

/** A foreign key's own fields (both column lists, same length, options). */
export function checkForeignKeyFields(
  check: ArgumentChecker,
  argument: string,
  spec: Record<string, unknown>,
): readonly string[] {
  const columns = check.names(`${argument}.columns`, spec.columns)
  check.name(`${argument}.referencedTable`, spec.referencedTable)
  const referenced = check.names(`${argument}.referencedColumns`, spec.referencedColumns)
  check.optionalName(`${argument}.referencedSchema`, spec.referencedSchema)
  if (columns.length !== referenced.length) {
    check.fail(
      argument,
      `has ${columns.length} column(s) but ${referenced.length} referenced column(s); they pair up one to one`,
    )
  }
  checkForeignKeyOptions(check, argument, spec)
  return columns
}

/**
 * The columns and table-level constraints of `createTable`: distinct column names, and
 * constraints that only name the table's columns.
 *
 * @example
 * checkTableDefinition(check, [{ name: 'id', type: 'integer', primaryKey: true }], {})
 */
export function checkTableDefinition(
  check: ArgumentChecker,
  columns: unknown,
  options: Record<string, unknown>,
): readonly ColumnSpec[] {
  if (!Array.isArray(columns)) check.fail('columns', 'must be a list of column definitions')
  if (columns.length === 0) check.fail('columns', 'is empty; a table needs at least one column')
  const known = new Set<string>()
  const specs = columns.map((column, index) => {
    const spec = checkColumnSpec(check, `columns[${index}]`, column)
    if (known.has(spec.name)) check.fail('columns', `defines column '${spec.name}' twice`)
    known.add(spec.name)
    return spec
  })
  if (options.primaryKey !== undefined) {
    const key = check.object('options.primaryKey', options.primaryKey, CONSTRAINT_FIELDS)
    const names = check.names('options.primaryKey.columns', key.columns)
    check.optionalName('options.primaryKey.name', key.name)
    checkKnownColumns(check, 'options.primaryKey.columns', names, known)
    const flagged = specs.filter((spec) => spec.primaryKey).map((spec) => spec.name)
    if (flagged.length > 0) {
      check.fail(
        'options.primaryKey',
        `is given while column(s) ${flagged.join(', ')} also say primaryKey: true; use one or the other`,
      )
    }
  }
  check.list('options.uniques', options.uniques).forEach((value, index) => {
    const unique = check.object(`options.uniques[${index}]`, value, CONSTRAINT_FIELDS)
    const names = check.names(`options.uniques[${index}].columns`, unique.columns)
    check.optionalName(`options.uniques[${index}].name`, unique.name)
    checkKnownColumns(check, `options.uniques[${index}].columns`, names, known)
  })
  check.list('options.foreignKeys', options.foreignKeys).forEach((value, index) => {
    const argument = `options.foreignKeys[${index}]`
    const key = check.object(argument, value, FOREIGN_KEY_FIELDS)
    check.optionalName(`${argument}.name`, key.name)
    checkKnownColumns(
      check,
      `${argument}.columns`,
      checkForeignKeyFields(check, argument, key),
      known,
    )
  })
  check.list('options.checks', options.checks).forEach((value, index) => {
    const spec = check.object(`options.checks[${index}]`, value, ['expression', 'name'])
    check.sqlText(`options.checks[${index}].expression`, spec.expression)
    check.optionalName(`options.checks[${index}].name`, spec.name)
  })
  return specs
}
