/**
 * Reads PostgreSQL's catalog back for the apply tests: what a table, its columns,
 * constraints, indexes and comments look like after the operations ran.
 */
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import type { Operation, TableTarget } from '../../../src/operations/types.js'

/** Compiles and runs operations one step at a time (outside any transaction unless opened). */
export async function apply(connection: DialectConnection, ...operations: Operation[]) {
  for (const operation of operations) {
    for (const step of postgresDialect.compile(operation)) {
      if (!('sql' in step)) throw new Error(`unexpected procedure ${step.description}`)
      await connection.query(step.sql, step.parameters ?? [])
    }
  }
}

const regclass = (target: TableTarget) => postgresDialect.quoteTable(target)

export interface ColumnInfo {
  name: string
  type: string
  notNull: boolean
  default: string | null
  identity: string
  comment: string | null
}

/** Columns in order, with their exact type, NOT NULL, default expression, identity, comment. */
export async function columns(
  connection: DialectConnection,
  target: TableTarget,
): Promise<ColumnInfo[]> {
  const { rows } = await connection.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS "notNull", pg_get_expr(d.adbin, d.adrelid) AS "default",
       a.attidentity::text AS identity, col_description(a.attrelid, a.attnum) AS comment
     FROM pg_attribute a
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
    [regclass(target)],
  )
  return rows as unknown as ColumnInfo[]
}

export interface ConstraintInfo {
  name: string
  type: string
  definition: string
  deferrable: boolean
  deferred: boolean
}

/** Constraints by name: `p` primary key, `u` unique, `f` foreign key, `c` check. */
export async function constraints(
  connection: DialectConnection,
  target: TableTarget,
): Promise<ConstraintInfo[]> {
  const { rows } = await connection.query(
    `SELECT conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS definition,
       condeferrable AS deferrable, condeferred AS deferred
     FROM pg_constraint WHERE conrelid = $1::regclass AND contype <> 'n' ORDER BY conname`,
    [regclass(target)],
  )
  return rows as unknown as ConstraintInfo[]
}

export interface IndexInfo {
  name: string
  definition: string
  unique: boolean
  valid: boolean
}

/** Indexes of a table, by name, with their full definition. */
export async function indexes(
  connection: DialectConnection,
  target: TableTarget,
): Promise<IndexInfo[]> {
  const { rows } = await connection.query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition,
       i.indisunique AS unique, i.indisvalid AS valid
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
    [regclass(target)],
  )
  return rows as unknown as IndexInfo[]
}

/** A table's comment, or null. */
export async function tableComment(
  connection: DialectConnection,
  target: TableTarget,
): Promise<string | null> {
  const { rows } = await connection.query(
    `SELECT obj_description($1::regclass, 'pg_class') AS comment`,
    [regclass(target)],
  )
  return (rows[0]?.comment as string | null) ?? null
}

/** An enum type's labels in their sort order. */
export async function enumValues(
  connection: DialectConnection,
  name: string,
  schema = 'public',
): Promise<string[]> {
  const { rows } = await connection.query(
    `SELECT e.enumlabel AS label FROM pg_enum e
     JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE t.typname = $1 AND n.nspname = $2 ORDER BY e.enumsortorder`,
    [name, schema],
  )
  return rows.map((row) => row.label as string)
}

/** Whether a schema exists. */
export async function schemaExists(connection: DialectConnection, name: string): Promise<boolean> {
  const { rows } = await connection.query(
    'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1',
    [name],
  )
  return rows[0]?.n === 1
}

/** Names of the ordinary tables of a schema. */
export async function tableNames(connection: DialectConnection, schema: string): Promise<string[]> {
  const { rows } = await connection.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
    [schema],
  )
  return rows.map((row) => row.name as string)
}
