import type { StratumConfig } from './types.js'

/**
 * Declare a Stratum configuration. It returns its argument unchanged: its only
 * job is to type the object in `stratum.config.ts`, so editors complete and
 * check the fields.
 *
 * @example
 * // stratum.config.ts
 * import { defineConfig } from 'stratum'
 *
 * export default defineConfig({
 *   // Keep credentials out of the repository: read them from the environment.
 *   url: process.env.DATABASE_URL,
 *   migrations: 'migrations',
 *   models: 'src/db/models/*.ts',
 * })
 */
export function defineConfig(config: StratumConfig): StratumConfig {
  return config
}
