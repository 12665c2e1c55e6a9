/** Operations MySQL/MariaDB has no counterpart for. */
import type { OperationOf } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'
import { unsupported } from './unsupported.js'

const SCHEMA_HINT =
  'A MySQL schema is a database: create it outside migrations (CREATE DATABASE) and point the URL or `schema` at it.'

const ENUM_HINT =
  "Use an inline column type { enum: ['a', 'b'] }; change its values with alterColumn."

/** Refused: a MySQL schema is a database, which migrations inside a database do not create. */
export function createSchema(op: OperationOf<'createSchema'>): CompiledStep[] {
  throw unsupported(
    `createSchema '${op.name}'`,
    'MySQL has no schemas inside a database',
    SCHEMA_HINT,
  )
}

/** Refused, like createSchema. */
export function dropSchema(op: OperationOf<'dropSchema'>): CompiledStep[] {
  throw unsupported(
    `dropSchema '${op.name}'`,
    'MySQL has no schemas inside a database',
    SCHEMA_HINT,
  )
}

/** Refused: MySQL enums are column types, not named types. */
export function createEnum(op: OperationOf<'createEnum'>): CompiledStep[] {
  throw unsupported(`createEnum '${op.name}'`, 'MySQL has no named enum types', ENUM_HINT)
}

/** Refused, like createEnum. */
export function dropEnum(op: OperationOf<'dropEnum'>): CompiledStep[] {
  throw unsupported(`dropEnum '${op.name}'`, 'MySQL has no named enum types', ENUM_HINT)
}

/** Refused, like createEnum. */
export function addEnumValue(op: OperationOf<'addEnumValue'>): CompiledStep[] {
  throw unsupported(`addEnumValue '${op.name}'`, 'MySQL has no named enum types', ENUM_HINT)
}
