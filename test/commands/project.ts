// Helpers for tests that need a project folder with hand-written revision files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ResolvedConfig } from '../../src/config/types.js'

/** A temporary folder; call `remove()` when done. */
export interface TempProject {
  readonly root: string
  remove(): void
}

/** A fresh, empty temporary folder. */
export function tempProject(prefix = 'stratum-test-'): TempProject {
  const root = mkdtempSync(join(tmpdir(), prefix))
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) }
}

/** A resolved config rooted at `root` with the default layout (no config file needed). */
export function configFor(root: string, overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  const migrations = join(root, 'migrations')
  return {
    configPath: undefined,
    rootDir: root,
    url: undefined,
    migrations,
    versionPaths: [join(migrations, 'versions')],
    recursiveVersionPaths: false,
    fileTemplate: '{year}{month}{day}_{hour}{minute}-{rev}_{slug}',
    truncateSlugLength: 40,
    models: [],
    exclude: [],
    versionTable: 'stratum_version',
    versionTableSchema: undefined,
    transactionPerMigration: true,
    snapshots: false,
    backup: { beforeUpgrade: false, folder: join(migrations, 'dumps'), keep: undefined },
    logging: { level: 'info', format: 'pretty', file: undefined },
    hooks: {},
    postWrite: [],
    environment: undefined,
    protected: false,
    database: undefined,
    databases: [],
    ...overrides,
  }
}

/** What a hand-written revision file declares. */
export interface RevisionSpec {
  readonly revision: string
  readonly down?: string | readonly string[] | null
  readonly labels?: readonly string[]
  readonly dependsOn?: readonly string[]
  readonly message?: string
  /** The file name (default `<revision>.ts`). */
  readonly file?: string
}

/** The source of a minimal revision file. */
export function revisionSource(spec: RevisionSpec): string {
  const literal = (value: string | readonly string[] | null | undefined) => {
    if (value === null || value === undefined) return 'null'
    if (typeof value === 'string') return `'${value}'`
    return value.length === 0 ? 'null' : `[${value.map((v) => `'${v}'`).join(', ')}]`
  }
  return [
    '/**',
    ` * ${spec.message ?? `revision ${spec.revision}`}`,
    ' */',
    `export const revision = '${spec.revision}'`,
    `export const downRevision = ${literal(spec.down)}`,
    `export const branchLabels = ${literal(spec.labels)}`,
    `export const dependsOn = ${literal(spec.dependsOn)}`,
    '',
    'export async function upgrade() {}',
    'export async function downgrade() {}',
    '',
  ].join('\n')
}

/** Write revision files into `dir` (created if needed); returns their paths. */
export function writeRevisions(dir: string, specs: readonly RevisionSpec[]): string[] {
  mkdirSync(dir, { recursive: true })
  return specs.map((spec) => {
    const path = join(dir, spec.file ?? `${spec.revision}.ts`)
    writeFileSync(path, revisionSource(spec))
    return path
  })
}

/** A JSON config pointing at `migrations` (default layout), plus extra fields. */
export function writeJsonConfig(root: string, fields: Record<string, unknown> = {}): string {
  const path = join(root, 'stratum.config.json')
  writeFileSync(path, `${JSON.stringify({ migrations: 'migrations', ...fields }, null, 2)}\n`)
  return path
}
