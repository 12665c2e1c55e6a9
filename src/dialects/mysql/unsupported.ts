import { MigrationError } from '../../errors.js'

/**
 * The error for what MySQL/MariaDB cannot do: code `UNSUPPORTED_OPERATION`, naming
 * the operation and the dialect, with what to do instead as the hint.
 *
 * @example
 * throw unsupported("createIndex 'ix' with where", 'MySQL has no partial indexes', 'Index the whole column.')
 */
export function unsupported(operation: string, reason: string, hint: string): MigrationError {
  return new MigrationError(
    'UNSUPPORTED_OPERATION',
    `${operation} is not supported on MySQL/MariaDB: ${reason}`,
    { hint },
  )
}
