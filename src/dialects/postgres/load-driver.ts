/**
 * Drivers are optional peer dependencies, loaded only when a connection is opened.
 * The package is looked up from Stratum itself first, then from the working directory
 * (the user's project), so a globally installed Stratum finds the project's driver.
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConnectionError } from '../../errors.js'

function isMissing(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code
  const message = String((error as { message?: unknown } | null)?.message ?? '')
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    (message.includes(`'${packageName}'`) || message.includes(`"${packageName}"`))
  )
}

async function importFromWorkingDirectory(packageName: string): Promise<unknown> {
  const resolved = createRequire(join(process.cwd(), 'noop.js')).resolve(packageName)
  return import(pathToFileURL(resolved).href)
}

/**
 * Imports a driver package. A package that is not installed is a `ConnectionError`
 * (code `DRIVER_MISSING`) naming it and the install command; a package that is there
 * but fails to load is `DRIVER_LOAD_FAILED` with the original error as its cause.
 *
 * @example
 * const pg = await loadDriver('pg', 'PostgreSQL')
 */
export async function loadDriver(packageName: string, database: string): Promise<unknown> {
  let error: unknown
  try {
    return await import(packageName)
  } catch (caught) {
    error = caught
  }
  if (isMissing(error, packageName)) {
    try {
      return await importFromWorkingDirectory(packageName)
    } catch (caught) {
      if (!isMissing(caught, packageName)) error = caught
    }
  }
  if (isMissing(error, packageName)) {
    throw new ConnectionError(
      'DRIVER_MISSING',
      `The ${database} driver package '${packageName}' is not installed`,
      { hint: `Install it in your project: npm install ${packageName}`, cause: error },
    )
  }
  throw new ConnectionError(
    'DRIVER_LOAD_FAILED',
    `The ${database} driver package '${packageName}' failed to load: ${(error as Error)?.message ?? String(error)}`,
    { cause: error },
  )
}
