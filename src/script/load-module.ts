/**
 * Loading user modules (configs, revision files, models) without a build step: jiti
 * transpiles TypeScript, and `import ... from 'stratum'` inside them resolves to the
 * running Stratum even where the user's project has not installed it.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Jiti } from 'jiti'

/** Options of {@link importModule}. */
export interface ImportModuleOptions {
  /**
   * Evaluate the module again even if this process imported it before (default `true`),
   * so a test or a watcher sees edits. Transpiled code is still cached on disk by content.
   */
  readonly fresh?: boolean
}

let entry: string | null | undefined

/**
 * This package's entry, which `'stratum'` maps to inside user modules: `src/index.ts`
 * when running from source, `dist/index.js` when built; undefined when neither exists.
 *
 * @example
 * stratumEntry() // '/app/node_modules/stratum/dist/index.js'
 */
export function stratumEntry(): string | undefined {
  if (entry === undefined) {
    const order = import.meta.url.endsWith('.ts')
      ? ['../index.ts', '../index.js']
      : ['../index.js', '../index.ts']
    entry =
      order.map((file) => fileURLToPath(new URL(file, import.meta.url))).find(existsSync) ?? null
  }
  return entry ?? undefined
}

let api: Promise<Record<string, unknown>> | undefined

/**
 * The running Stratum's exports, imported natively (once), for the model and revision files
 * that import from `'stratum'` through the fast path: the same module instances as this
 * process's, so `instanceof` holds across the boundary. `{}` when no entry exists.
 *
 * @example
 * const { defineTable } = await stratumApi()
 */
export function stratumApi(): Promise<Record<string, unknown>> {
  if (api === undefined) {
    const entry = stratumEntry()
    api =
      entry === undefined
        ? Promise.resolve({})
        : (import(pathToFileURL(entry).href) as Promise<Record<string, unknown>>)
  }
  return api
}

const instances = new Map<boolean, Jiti>()

/** A jiti instance; jiti itself is imported on first use (a cold start without it is faster). */
async function jitiFor(fresh: boolean): Promise<Jiti> {
  let jiti = instances.get(fresh)
  if (jiti === undefined) {
    const { createJiti } = await import('jiti')
    const alias = stratumEntry()
    jiti = createJiti(import.meta.url, {
      moduleCache: !fresh,
      // The transpiled source is cached on disk, keyed by content: warm loads skip Babel.
      fsCache: true,
      ...(alias === undefined ? {} : { alias: { stratum: alias } }),
    })
    instances.set(fresh, jiti)
  }
  return jiti
}

/**
 * Imports a TypeScript or JavaScript module by absolute path and returns its namespace.
 * Errors thrown while loading propagate unchanged (callers wrap them with the file name).
 *
 * @example
 * const namespace = await importModule('/app/stratum.config.ts')
 * namespace.default
 */
export async function importModule(
  file: string,
  options: ImportModuleOptions = {},
): Promise<Record<string, unknown>> {
  const jiti = await jitiFor(options.fresh ?? true)
  const namespace = await jiti.import(file)
  return (typeof namespace === 'object' && namespace !== null ? namespace : {}) as Record<
    string,
    unknown
  >
}
