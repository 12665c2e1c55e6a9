/** Schemas and enum types. */
import type {
  AddEnumValue,
  CreateEnum,
  CreateSchema,
  DropEnum,
  DropSchema,
} from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { step } from './compile-common.js'
import { quoteIdentifier, quoteQualified, quoteString } from './quote.js'

/**
 * `CREATE SCHEMA [IF NOT EXISTS] ...`.
 *
 * @example
 * compileCreateSchema({ kind: 'createSchema', name: 'billing' }) // [{ sql: 'CREATE SCHEMA "billing"' }]
 */
export function compileCreateSchema(op: CreateSchema): CompiledStep[] {
  return [
    step(`CREATE SCHEMA ${op.ifNotExists ? 'IF NOT EXISTS ' : ''}${quoteIdentifier(op.name)}`),
  ]
}

/**
 * `DROP SCHEMA [IF EXISTS] ... [CASCADE]`.
 *
 * @example
 * compileDropSchema({ kind: 'dropSchema', name: 'billing', cascade: true })
 */
export function compileDropSchema(op: DropSchema): CompiledStep[] {
  const ifExists = op.ifExists ? 'IF EXISTS ' : ''
  return [step(`DROP SCHEMA ${ifExists}${quoteIdentifier(op.name)}${op.cascade ? ' CASCADE' : ''}`)]
}

/**
 * `CREATE TYPE ... AS ENUM (...)`.
 *
 * @example
 * compileCreateEnum({ kind: 'createEnum', name: 'mood', values: ['sad', 'ok'] })
 * // [{ sql: `CREATE TYPE "mood" AS ENUM ('sad', 'ok')` }]
 */
export function compileCreateEnum(op: CreateEnum): CompiledStep[] {
  const values = op.values.map(quoteString).join(', ')
  return [step(`CREATE TYPE ${quoteQualified(op.name, op.schema)} AS ENUM (${values})`)]
}

/**
 * `DROP TYPE [IF EXISTS] ...`.
 *
 * @example
 * compileDropEnum({ kind: 'dropEnum', name: 'mood' }) // [{ sql: 'DROP TYPE "mood"' }]
 */
export function compileDropEnum(op: DropEnum): CompiledStep[] {
  return [step(`DROP TYPE ${op.ifExists ? 'IF EXISTS ' : ''}${quoteQualified(op.name, op.schema)}`)]
}

/**
 * `ALTER TYPE ... ADD VALUE [IF NOT EXISTS] ... [BEFORE | AFTER ...]`. Since PostgreSQL
 * 12 this runs inside a transaction, but the new value cannot be used before it commits.
 *
 * @example
 * compileAddEnumValue({ kind: 'addEnumValue', name: 'mood', value: 'meh', after: 'sad' })
 * // [{ sql: `ALTER TYPE "mood" ADD VALUE 'meh' AFTER 'sad'` }]
 */
export function compileAddEnumValue(op: AddEnumValue): CompiledStep[] {
  let sql = `ALTER TYPE ${quoteQualified(op.name, op.schema)} ADD VALUE `
  if (op.ifNotExists) sql += 'IF NOT EXISTS '
  sql += quoteString(op.value)
  if (op.before !== undefined) sql += ` BEFORE ${quoteString(op.before)}`
  else if (op.after !== undefined) sql += ` AFTER ${quoteString(op.after)}`
  return [step(sql)]
}
