/** Small pieces every PostgreSQL compiler file shares. */
import type { DefaultValue, ReferentialAction } from '../../operations/types.js'
import type { SqlStep } from '../dialect.js'
import { literal, quoteIdentifier, quoteQualified } from './quote.js'

/** One SQL step; `transactional: false` only when the statement cannot run in a transaction. */
export function step(sql: string, options: { transactional?: boolean } = {}): SqlStep {
  return options.transactional === false ? { sql, transactional: false } : { sql }
}

/** `("a", "b")`. */
export function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdentifier).join(', ')})`
}

/** A default: a literal, or a `{ sql }` expression as written. */
export function defaultSql(value: DefaultValue): string {
  return typeof value === 'object' && value !== null ? value.sql : literal(value)
}

/** `CONSTRAINT "name" ` when the constraint is named, else nothing. */
export function constraintName(name: string | undefined): string {
  return name === undefined ? '' : `CONSTRAINT ${quoteIdentifier(name)} `
}

/** What follows `REFERENCES`: target, actions, deferrability. */
export function referenceClause(reference: {
  readonly table: string
  readonly schema?: string | undefined
  readonly columns: readonly string[]
  readonly onDelete?: ReferentialAction | undefined
  readonly onUpdate?: ReferentialAction | undefined
  readonly deferrable?: boolean | undefined
  readonly initiallyDeferred?: boolean | undefined
}): string {
  let sql = `REFERENCES ${quoteQualified(reference.table, reference.schema)} ${columnList(reference.columns)}`
  if (reference.onDelete) sql += ` ON DELETE ${reference.onDelete.toUpperCase()}`
  if (reference.onUpdate) sql += ` ON UPDATE ${reference.onUpdate.toUpperCase()}`
  if (reference.initiallyDeferred) sql += ' DEFERRABLE INITIALLY DEFERRED'
  else if (reference.deferrable === true) sql += ' DEFERRABLE'
  else if (reference.deferrable === false) sql += ' NOT DEFERRABLE'
  return sql
}
