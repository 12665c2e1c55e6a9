/**
 * Kysely, loaded on first use. Importing it costs 50-100 ms, which `current`, `status` and
 * an `upgrade` whose revisions only use `op` never need; the dialects therefore import only
 * its types and build their Kysely instances through {@link kyselyModule} when a revision
 * first touches `db`, an `op.execute` gets a `sql` template, or offline mode compiles one.
 *
 * `DialectConnection.kysely` is a synchronous property, so the first use loads Kysely
 * synchronously: on Node with `require(esm)` (20.19+, 22.12+) that is Kysely's ES module
 * build, the very instance a revision's `import { sql } from 'kysely'` gets; on older Node
 * it is Kysely's CommonJS build.
 */
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

/** Kysely's exports. */
export type KyselyModule = typeof import('kysely')

let loaded: KyselyModule | undefined

/**
 * Kysely's module, loaded synchronously on the first call (resolved from Stratum itself,
 * as a static import would be).
 *
 * @example
 * const { Kysely, SqliteDialect } = kyselyModule()
 */
export function kyselyModule(): KyselyModule {
  if (loaded !== undefined) return loaded
  const require = createRequire(import.meta.url)
  // `require` of the ES build returns the same module `import('kysely')` does, loaded once.
  const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true
  loaded = (
    canRequireEsm ? require(fileURLToPath(import.meta.resolve('kysely'))) : require('kysely')
  ) as KyselyModule
  return loaded
}

/** Whether Kysely has been loaded in this process (for tests of the lazy paths). */
export function isKyselyLoaded(): boolean {
  return loaded !== undefined
}
