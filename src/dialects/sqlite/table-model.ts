/**
 * One SQLite table as autogenerate's `TableModel`: the catalog (pragmas) says what
 * SQLite enforces (columns, key columns, index columns, foreign key targets and
 * actions); the `CREATE TABLE` text, read by the same parser as the table rebuild, adds
 * what only the text keeps: constraint names, checks, deferrability, comments, and the
 * CHECK that makes a TEXT column an enum.
 */
import { MigrationError } from '../../errors.js'
import type { ReferentialAction, SqlExpression } from '../../operations/types.js'
import type {
  CheckModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  TableModel,
  UniqueModel,
} from '../../schema/model.js'
import { defaultFromCatalog } from './canonical-default.js'
import { columnTypeOf, normalizeDeclaredType } from './canonical-type.js'
import type { CatalogColumn, CatalogForeignKey, CatalogIndex, CatalogTable } from './catalog.js'
import { readSqlComment } from './column-definition.js'
import { checkExpression, enumCheckValues } from './definition-lookup.js'
import { parseCreateIndex } from './parse-create-index.js'
import { parseCreateTable } from './parse-create-table.js'
import { assertParsedColumns } from './read-table.js'
import { asciiLower, sameName } from './sql-tokenizer.js'
import type { ColumnConstraint, ColumnDefinition, TableDefinition } from './table-definition.js'

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  CASCADE: 'cascade',
  RESTRICT: 'restrict',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
}

/** A parsed constraint that names its columns, for matching with the catalog's. */
interface NamedConstraint {
  readonly name?: string | undefined
  readonly columns: readonly string[]
  readonly referencedTable?: string | undefined
  readonly deferrable?: boolean | undefined
  readonly initiallyDeferred?: boolean | undefined
}

/**
 * The model of one table. `tables` holds every table of the database by lower-cased
 * name, to resolve what foreign keys reference. Throws `SQL_PARSE_ERROR` naming the
 * table when its `CREATE TABLE` text cannot be read.
 *
 * @example
 * const model = tableModel(catalogTable, new Map([['users', catalogTable]]))
 */
export function tableModel(
  table: CatalogTable,
  tables: ReadonlyMap<string, CatalogTable>,
): TableModel {
  const definition = parse(table)
  assertParsedColumns(
    table.name,
    definition,
    table.columns.map((column) => column.name),
  )
  const enumChecks = new Set<ColumnConstraint>()
  const columns: ColumnModel[] = []
  table.columns.forEach((column, i) => {
    // A generated column cannot be described by a model: reporting it would make
    // autogenerate drop it. The table rebuild keeps it.
    if (column.hidden !== 0) return
    columns.push(columnModel(table, column, definition.columns[i] as ColumnDefinition, enumChecks))
  })
  const primaryKey = primaryKeyModel(table, definition)
  const comment = readSqlComment(definition.comment)
  return {
    name: table.name,
    columns,
    ...(primaryKey ? { primaryKey } : {}),
    uniques: uniqueModels(table, definition),
    foreignKeys: foreignKeyModels(table, definition, tables),
    indexes: table.indexes
      .filter((index) => index.origin === 'c')
      .map(indexModel)
      .sort(byName),
    checks: checkModels(definition, enumChecks),
    ...(comment === undefined ? {} : { comment }),
  }
}

function parse(table: CatalogTable): TableDefinition {
  try {
    return parseCreateTable(table.sql)
  } catch (error) {
    throw new MigrationError(
      'SQL_PARSE_ERROR',
      `Cannot introspect table '${table.name}': ${(error as Error).message}`,
      { cause: error, hint: 'Leave the table out of autogenerate with `exclude` in the config.' },
    )
  }
}

function columnModel(
  table: CatalogTable,
  column: CatalogColumn,
  definition: ColumnDefinition,
  enumChecks: Set<ColumnConstraint>,
): ColumnModel {
  const declared = normalizeDeclaredType(column.type)
  // Stratum writes an enum as TEXT with an unnamed CHECK (column IN (...)).
  const enumCheck =
    declared === 'TEXT'
      ? definition.constraints.find(
          (c) =>
            c.kind === 'check' &&
            c.name === undefined &&
            enumCheckValues(c.body, column.name) !== undefined,
        )
      : undefined
  if (enumCheck) enumChecks.add(enumCheck)
  const values = enumCheck && enumCheckValues(enumCheck.body, column.name)
  const type = values ? { enum: values } : columnTypeOf(column.type)
  // A rowid alias (INTEGER PRIMARY KEY of a rowid table) never holds NULL, whatever it says.
  const rowidAlias =
    declared === 'INTEGER' &&
    column.primaryKeyPosition === 1 &&
    !table.withoutRowid &&
    table.columns.filter((other) => other.primaryKeyPosition > 0).length === 1
  const value = defaultFromCatalog(column.defaultSql, type)
  const autoIncrement = definition.constraints.some(
    (c) => c.kind === 'primaryKey' && c.autoIncrement,
  )
  const comment = readSqlComment(definition.trailingComment)
  return {
    name: column.name,
    type,
    nullable: !column.notNull && !rowidAlias,
    ...(value === undefined ? {} : { default: value }),
    ...(autoIncrement ? { autoIncrement: true } : {}),
    ...(comment === undefined ? {} : { comment }),
  }
}

function primaryKeyModel(
  table: CatalogTable,
  definition: TableDefinition,
): PrimaryKeyModel | undefined {
  const columns = table.columns
    .filter((column) => column.primaryKeyPosition > 0)
    .sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition)
    .map((column) => column.name)
  if (columns.length === 0) return undefined
  const name =
    definition.constraints.find((c) => c.kind === 'primaryKey')?.name ??
    definition.columns.flatMap((column) => column.constraints).find((c) => c.kind === 'primaryKey')
      ?.name
  return name === undefined ? { columns } : { name, columns }
}

/** The parsed constraints of one kind, column constraints with their column. */
function parsedConstraints(
  definition: TableDefinition,
  tableKind: 'unique' | 'foreignKey',
  columnKind: 'unique' | 'references',
): NamedConstraint[] {
  const found: NamedConstraint[] = []
  for (const column of definition.columns) {
    for (const constraint of column.constraints) {
      if (constraint.kind === columnKind) found.push({ ...constraint, columns: [column.name] })
    }
  }
  for (const constraint of definition.constraints) {
    if (constraint.kind === tableKind) found.push(constraint)
  }
  return found
}

/** Takes the first unused parsed constraint on the same columns (and parent table). */
function claim(
  candidates: NamedConstraint[],
  columns: readonly string[],
  parent?: string,
): NamedConstraint | undefined {
  const index = candidates.findIndex(
    (candidate) =>
      candidate.columns.length === columns.length &&
      candidate.columns.every((name, i) => sameName(name, columns[i] as string)) &&
      (parent === undefined ||
        (candidate.referencedTable !== undefined && sameName(candidate.referencedTable, parent))),
  )
  return index === -1 ? undefined : candidates.splice(index, 1)[0]
}

function uniqueModels(table: CatalogTable, definition: TableDefinition): UniqueModel[] {
  const parsed = parsedConstraints(definition, 'unique', 'unique')
  return table.indexes
    .filter((index) => index.origin === 'u')
    .map((index) => {
      const columns = index.columns.map((column) => column.name ?? '')
      const name = claim(parsed, columns)?.name
      return name === undefined ? { columns } : { name, columns }
    })
    .sort(byName)
}

function indexModel(index: CatalogIndex): IndexModel {
  const parsed = parseCreateIndex(index.sql ?? '')
  if (parsed.terms.length !== index.columns.length) {
    throw new MigrationError(
      'SQL_PARSE_ERROR',
      `Stratum misread index '${index.name}': it found ${parsed.terms.length} indexed terms where SQLite has ${index.columns.length}`,
      { hint: 'Please report this with the index definition (sqlite3 app.db ".schema").' },
    )
  }
  const columns = index.columns.map((column, i): string | SqlExpression => {
    const term = parsed.terms[i]
    return column.name !== null && term?.column !== undefined
      ? column.name
      : { sql: term?.text ?? '' }
  })
  return {
    name: index.name,
    columns,
    unique: index.unique,
    ...(parsed.where === undefined ? {} : { where: parsed.where }),
  }
}

function foreignKeyModels(
  table: CatalogTable,
  definition: TableDefinition,
  tables: ReadonlyMap<string, CatalogTable>,
): ForeignKeyModel[] {
  const parsed = parsedConstraints(definition, 'foreignKey', 'references')
  // SQLite numbers foreign keys from the last declared; claim names in declaration order.
  return [...table.foreignKeys]
    .reverse()
    .map((key) => foreignKeyModel(key, parsed, tables))
    .sort(byName)
}

function foreignKeyModel(
  key: CatalogForeignKey,
  parsed: NamedConstraint[],
  tables: ReadonlyMap<string, CatalogTable>,
): ForeignKeyModel {
  const parent = tables.get(asciiLower(key.parent))
  const parentColumns = parent?.columns ?? []
  const referencedColumns = key.referencedColumns.every((column) => column !== null)
    ? key.referencedColumns.map(
        (column) => parentColumns.find((c) => sameName(c.name, column as string))?.name ?? column,
      )
    : parentColumns
        .filter((column) => column.primaryKeyPosition > 0)
        .sort((a, b) => a.primaryKeyPosition - b.primaryKeyPosition)
        .map((column) => column.name)
  const declared = claim(parsed, key.columns, key.parent)
  const onDelete = ACTIONS[key.onDelete.toUpperCase()]
  const onUpdate = ACTIONS[key.onUpdate.toUpperCase()]
  return {
    ...(declared?.name === undefined ? {} : { name: declared.name }),
    columns: key.columns,
    referencedTable: parent?.name ?? key.parent,
    referencedColumns: referencedColumns as string[],
    ...(onDelete ? { onDelete } : {}),
    ...(onUpdate ? { onUpdate } : {}),
    ...(declared?.deferrable ? { deferrable: true } : {}),
    ...(declared?.initiallyDeferred ? { initiallyDeferred: true } : {}),
  }
}

function checkModels(
  definition: TableDefinition,
  enumChecks: ReadonlySet<ColumnConstraint>,
): CheckModel[] {
  const checks: CheckModel[] = []
  const add = (constraint: { name?: string | undefined; body: string }) => {
    const expression = checkExpression(constraint.body)
    checks.push(
      constraint.name === undefined ? { expression } : { name: constraint.name, expression },
    )
  }
  for (const column of definition.columns) {
    for (const constraint of column.constraints) {
      if (constraint.kind === 'check' && !enumChecks.has(constraint)) add(constraint)
    }
  }
  for (const constraint of definition.constraints) {
    if (constraint.kind === 'check') add(constraint)
  }
  return checks.sort(byName)
}

/** By name, unnamed first; unnamed ones by their columns or expression, so the order is deterministic. */
function byName(a: Sortable, b: Sortable): number {
  const [left, right] = [sortKey(a), sortKey(b)]
  return left < right ? -1 : left > right ? 1 : 0
}

interface Sortable {
  readonly name?: string | undefined
  readonly columns?: readonly (string | SqlExpression)[]
  readonly expression?: string
}

function sortKey(item: Sortable): string {
  const content =
    item.columns
      ?.map((column) => (typeof column === 'string' ? column : column.sql))
      .join('\u0001') ??
    item.expression ??
    ''
  return `${item.name ?? ''}\u0000${content}\u0000${JSON.stringify(item)}`
}
