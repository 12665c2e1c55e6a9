/**
 * Keys, indexes and checks of one table, from the catalog rows.
 *
 * - The `PRIMARY` index is the primary key (MySQL primary keys have no other name, so
 *   the model's has none).
 * - A unique index on plain columns is a UniqueModel and not also an IndexModel: in
 *   MySQL a UNIQUE constraint is a unique index, and the catalog cannot tell how it
 *   was created. A unique index with a prefix, a descending or functional part, or a
 *   non-BTREE method stays an IndexModel with `unique: true`.
 * - The index InnoDB adds for a foreign key (named after the constraint, or after the
 *   first column when the constraint's name was generated) is left out: the model
 *   never declares it and dropping it is refused while the key exists.
 * - RESTRICT and NO ACTION (the same thing in InnoDB, and what an unspecified action
 *   means) are left out of foreign keys.
 * - MariaDB's `json_valid` check of a JSON column belongs to the column's type, and
 *   is not a check.
 */
import type { ReferentialAction, SqlExpression } from '../../operations/types.js'
import type {
  CheckModel,
  ForeignKeyModel,
  IndexModel,
  PrimaryKeyModel,
  UniqueModel,
} from '../../schema/model.js'
import { unescapeCatalogText } from './catalog-column.js'
import type { CheckRow, ForeignKeyRow, IndexRow } from './introspect-queries.js'

/** Sorts by name, in code unit order (deterministic, locale-independent). */
export const byName = <T extends { readonly name?: string | undefined }>(a: T, b: T) => {
  const left = a.name ?? ''
  const right = b.name ?? ''
  return left < right ? -1 : left > right ? 1 : 0
}

/** Rows grouped by a key, in first-seen order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const row of rows) {
    const name = key(row)
    const group = groups.get(name)
    if (group) group.push(row)
    else groups.set(name, [row])
  }
  return groups
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  CASCADE: 'cascade',
  'SET NULL': 'set null',
  'SET DEFAULT': 'set default',
}

/**
 * The foreign keys of one table (rows of KEY_COLUMN_USAGE joined to
 * REFERENTIAL_CONSTRAINTS, in column order). `referencedSchema` is set only for a
 * table in another database.
 */
export function foreignKeyModels(
  rows: readonly ForeignKeyRow[],
  database: string,
): ForeignKeyModel[] {
  const keys: ForeignKeyModel[] = []
  for (const [name, parts] of groupBy(rows, (row) => row.name)) {
    const first = parts[0] as ForeignKeyRow
    const onDelete = ACTIONS[first.deleteRule.toUpperCase()]
    const onUpdate = ACTIONS[first.updateRule.toUpperCase()]
    keys.push({
      name,
      columns: parts.map((part) => part.column),
      referencedTable: first.referencedTable,
      ...(first.referencedSchema === database ? {} : { referencedSchema: first.referencedSchema }),
      referencedColumns: parts.map((part) => part.referencedColumn),
      ...(onDelete ? { onDelete } : {}),
      ...(onUpdate ? { onUpdate } : {}),
    })
  }
  return keys.sort(byName)
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/

const identifier = (name: string) =>
  SIMPLE_NAME.test(name) ? name : `\`${name.replace(/`/g, '``')}\``

/** A key part: a column name, or `{ sql }` for a prefix, a descending part or an expression. */
function keyPart(row: IndexRow): string | SqlExpression {
  const descending = row.collation === 'D' ? ' DESC' : ''
  if (row.column === null) {
    return { sql: `${unescapeCatalogText(row.expression ?? '')}${descending}` }
  }
  if (row.subPart !== null) return { sql: `${identifier(row.column)}(${row.subPart})${descending}` }
  return descending === '' ? row.column : { sql: `${identifier(row.column)}${descending}` }
}

/** Whether an index is the one InnoDB created to serve a foreign key. */
function servesForeignKey(
  name: string,
  parts: readonly (string | SqlExpression)[],
  keys: readonly ForeignKeyModel[],
): boolean {
  return keys.some((key) => {
    const sameColumns =
      parts.length === key.columns.length &&
      parts.every((part, index) => part === key.columns[index])
    if (!sameColumns) return false
    if (name === key.name) return true
    // An unnamed key's constraint is `<table>_ibfk_<n>`; its index is named after the column.
    // (`user_id`, or `user_id_2` when that name was taken).
    const first = key.columns[0] as string
    const numbered = name.startsWith(`${first}_`) && /^\d+$/.test(name.slice(first.length + 1))
    return /_ibfk_\d+$/.test(key.name ?? '') && (name === first || numbered)
  })
}

/** The indexes of one table, sorted out into primary key, unique constraints and indexes. */
export interface TableIndexes {
  readonly primaryKey?: PrimaryKeyModel
  readonly uniques: UniqueModel[]
  readonly indexes: IndexModel[]
}

/**
 * Reads one table's STATISTICS rows (in SEQ_IN_INDEX order) as its primary key,
 * unique constraints and indexes (see the module comment for the rules).
 */
export function indexModels(
  rows: readonly IndexRow[],
  foreignKeys: readonly ForeignKeyModel[],
): TableIndexes {
  let primaryKey: PrimaryKeyModel | undefined
  const uniques: UniqueModel[] = []
  const indexes: IndexModel[] = []
  for (const [name, partRows] of groupBy(rows, (row) => row.name)) {
    const first = partRows[0] as IndexRow
    const parts = partRows.map(keyPart)
    const plain = parts.every((part) => typeof part === 'string')
    const method = first.indexType.toUpperCase()
    if (name === 'PRIMARY') {
      primaryKey = { columns: parts.map((part) => (typeof part === 'string' ? part : part.sql)) }
    } else if (first.unique && plain && method === 'BTREE') {
      uniques.push({ name, columns: parts as string[] })
    } else if (first.unique || !plain || !servesForeignKey(name, parts, foreignKeys)) {
      indexes.push({
        name,
        columns: parts,
        unique: first.unique,
        ...(method === 'BTREE' ? {} : { using: method.toLowerCase() }),
      })
    }
  }
  return {
    ...(primaryKey ? { primaryKey } : {}),
    uniques: uniques.sort(byName),
    indexes: indexes.sort(byName),
  }
}

/**
 * The check constraints of one table, MySQL 8's extra escaping undone, without the
 * `json_valid` checks that `isJsonCheck` recognises as part of a JSON column's type.
 */
export function checkModels(
  rows: readonly CheckRow[],
  options: { mariadb: boolean; isJsonCheck: (row: CheckRow) => boolean },
): CheckModel[] {
  return rows
    .filter((row) => !options.isJsonCheck(row))
    .map((row) => ({
      name: row.name,
      expression: options.mariadb ? row.clause : unescapeCatalogText(row.clause),
    }))
    .sort(byName)
}
