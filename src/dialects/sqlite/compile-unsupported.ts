/**
 * Operations SQLite has no counterpart for: comments, schemas and enum types. Each is an
 * UNSUPPORTED_OPERATION error naming the operation and what to do instead, never a
 * silent no-op.
 */
import { MigrationError } from '../../errors.js'
import type { OperationKind } from '../../operations/types.js'
import type { CompiledStep } from '../dialect.js'

const GUARD = "or run it only elsewhere: if (context.dialect !== 'sqlite') { ... }"

const REASONS = {
  setTableComment: [
    'SQLite has no table or column comments',
    `Comments given to createTable or addColumn are kept as SQL comments in the schema; leave this one out on SQLite, ${GUARD}`,
  ],
  createSchema: ['SQLite has no schemas', `Use table name prefixes instead, ${GUARD}`],
  dropSchema: ['SQLite has no schemas', `Leave it out on SQLite, ${GUARD}`],
  createEnum: [
    'SQLite has no enum types',
    `Give the column the type { enum: [...] }, which SQLite stores as TEXT with a CHECK, ${GUARD}`,
  ],
  dropEnum: ['SQLite has no enum types', `Leave it out on SQLite, ${GUARD}`],
  addEnumValue: [
    'SQLite has no enum types',
    `Change the column's type with alterColumn({ type: { enum: [...] } }), which rewrites its CHECK, ${GUARD}`,
  ],
} as const satisfies Partial<Record<OperationKind, readonly [string, string]>>

/** A compiler that throws UNSUPPORTED_OPERATION for `kind`. */
export function unsupported(kind: keyof typeof REASONS): () => CompiledStep[] {
  const [reason, hint] = REASONS[kind]
  return () => {
    throw new MigrationError(
      'UNSUPPORTED_OPERATION',
      `Operation ${kind} is not supported on SQLite: ${reason}`,
      { hint },
    )
  }
}
