/**
 * Loading better-sqlite3, an optional peer dependency, and the small part of its API
 * Stratum uses (declared here so that Stratum's types do not need its type package).
 */
import { ConnectionError } from '../../errors.js'

/** A prepared statement, as far as Stratum uses it. */
export interface DriverStatement {
  readonly reader: boolean
  all(...parameters: unknown[]): unknown[]
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint }
  get(...parameters: unknown[]): unknown
  iterate(...parameters: unknown[]): IterableIterator<unknown>
}

/** A better-sqlite3 `Database`, as far as Stratum uses it. */
export interface DriverDatabase {
  readonly open: boolean
  readonly inTransaction: boolean
  prepare(sql: string): DriverStatement
  exec(sql: string): unknown
  close(): unknown
}

export interface DriverOptions {
  readonly readonly?: boolean
  readonly fileMustExist?: boolean
  /** Busy timeout in milliseconds. */
  readonly timeout?: number
}

export type DriverConstructor = new (path: string, options?: DriverOptions) => DriverDatabase

/** The package users install for SQLite. */
export const DRIVER_PACKAGE = 'better-sqlite3'

/**
 * Imports better-sqlite3. A missing package is a ConnectionError `DRIVER_MISSING`
 * naming it and the install command. `importer` exists for tests.
 *
 * @example
 * const Database = await loadDriver()
 * const db = new Database(':memory:')
 */
export async function loadDriver(
  importer: () => Promise<unknown> = () => import('better-sqlite3'),
): Promise<DriverConstructor> {
  let module: unknown
  try {
    module = await importer()
  } catch (error) {
    const code = (error as { code?: unknown }).code
    const missing =
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String((error as Error).message).includes(DRIVER_PACKAGE)
    if (missing) {
      throw new ConnectionError(
        'DRIVER_MISSING',
        `The SQLite driver '${DRIVER_PACKAGE}' is not installed`,
        { cause: error, hint: `Install it: npm install ${DRIVER_PACKAGE}` },
      )
    }
    throw new ConnectionError(
      'DRIVER_LOAD_FAILED',
      `The SQLite driver '${DRIVER_PACKAGE}' could not be loaded: ${(error as Error).message}`,
      { cause: error, hint: `Reinstall it for this Node version: npm rebuild ${DRIVER_PACKAGE}` },
    )
  }
  const candidate = (module as { default?: unknown }).default ?? module
  if (typeof candidate !== 'function') {
    throw new ConnectionError(
      'DRIVER_LOAD_FAILED',
      `The package '${DRIVER_PACKAGE}' does not export a Database class`,
    )
  }
  return candidate as DriverConstructor
}
