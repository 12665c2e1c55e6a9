/**
 * Projects with model modules, for autogenerate tests through the API. Model files are
 * real modules found through the `models` glob, but they take the DSL from a global
 * instead of importing 'stratum': from the source tree, jiti would evaluate all of
 * Stratum again for each import (most of a second). The 'stratum' import itself is
 * proven by the e2e tests and test/schema/discover.test.ts.
 *
 * @example
 * const project = modelProject({ url })
 * project.models(`export const users = defineTable('users', { id: serial().primaryKey() })`)
 * const migrator = await project.migrator()
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResolvedConfig } from '../../src/config/types.js'
import * as stratum from '../../src/index.js'
import { Migrator } from '../../src/runtime/migrator.js'
import { DEFAULT_TEMPLATE } from '../../src/script/template.js'
import { configFor } from '../commands/project.js'

const GLOBAL = '__stratumTestDsl'
Reflect.set(globalThis, GLOBAL, stratum)

const DSL_NAMES = Object.keys(stratum).filter((name) => /^[a-z]/.test(name))

/** The first line of every model module: the DSL's functions in scope. */
export const DSL_HEADER = `const { ${DSL_NAMES.join(', ')} } = (globalThis as any).${GLOBAL}\n`

export interface ModelProject {
  readonly root: string
  readonly config: ResolvedConfig
  /** Writes `models/<file>` (default `schema.ts`): the DSL header, then `body`. */
  models(body: string, file?: string): void
  /** Opens a Migrator on the project (close it). */
  migrator(): Promise<Migrator>
  remove(): void
}

/**
 * A project folder with `migrations/` (the default template) and `models/`, configured
 * with `models: ['models/*.ts']` and `url`; nothing is written to stratum.config.
 */
export function modelProject(
  options: { readonly url: string } & Partial<Omit<ResolvedConfig, 'url'>>,
): ModelProject {
  const root = mkdtempSync(join(tmpdir(), 'stratum-models-'))
  mkdirSync(join(root, 'migrations', 'versions'), { recursive: true })
  mkdirSync(join(root, 'models'))
  writeFileSync(join(root, 'migrations', 'script.ts.tmpl'), DEFAULT_TEMPLATE)
  const config = configFor(root, { models: [join(root, 'models', '*.ts')], ...options })
  return {
    root,
    config,
    models: (body, file = 'schema.ts') =>
      writeFileSync(join(root, 'models', file), DSL_HEADER + body),
    migrator: () => Migrator.open({ config }),
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
