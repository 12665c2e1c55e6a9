/**
 * Temporary Stratum projects for runtime tests: a folder with `stratum.config.json` and
 * revision files written from a compact description.
 *
 * @example
 * const project = await createProject({ url: db.url, revisions: [{ id: 'a1' }, { id: 'b2', down: 'a1' }] })
 * const migrator = await project.migrator()
 * await migrator.upgrade('head')
 * await project.remove()
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StratumConfig } from '../../src/config/types.js'
import { Migrator, type MigratorOptions } from '../../src/runtime/migrator.js'

/** One revision file. */
export interface RevisionSpec {
  /** Prefix of the default tables' names (`<prefix>t_<id>`). */
  readonly prefix?: string
  readonly id: string
  /** Parent(s); default none (a root). */
  readonly down?: string | readonly string[] | null
  readonly dependsOn?: readonly string[]
  readonly branchLabels?: readonly string[]
  readonly message?: string
  /** The body of `upgrade(context)` (`op`, `db`, `isOffline` are in scope); default creates table `<prefix>t_<id>`. */
  readonly upgrade?: string
  /** The body of `downgrade`; default drops `t_<id>`; `null` leaves `downgrade` out. */
  readonly downgrade?: string | null
  readonly transactional?: boolean
  /** Extra module-level code (imports...). */
  readonly header?: string
  /** File extension, default `ts`. */
  readonly extension?: 'ts' | 'js' | 'mjs' | 'mts'
}

/** A temporary project. */
export interface Project {
  readonly dir: string
  readonly versions: string
  readonly url: string
  /** Writes (or rewrites) a revision file; returns its path. */
  write(revision: RevisionSpec): string
  /** Path of a revision's file. */
  path(id: string): string
  /** Opens a Migrator on the project. */
  migrator(options?: Omit<MigratorOptions, 'cwd'>): Promise<Migrator>
  remove(): Promise<void>
}

const list = (value: readonly string[] | undefined) =>
  value === undefined || value.length === 0 ? 'null' : JSON.stringify(value)

/** The text of a revision file for `spec`. */
export function revisionSource(spec: RevisionSpec): string {
  const down =
    spec.down === undefined || spec.down === null
      ? 'null'
      : typeof spec.down === 'string'
        ? JSON.stringify(spec.down)
        : JSON.stringify(spec.down)
  const ts = (spec.extension ?? 'ts').endsWith('ts')
  const type = (text: string) => (ts ? text : '')
  const upgrade =
    spec.upgrade ??
    `await op.createTable('${spec.prefix ?? ''}t_${spec.id}', [{ name: 'id', type: 'integer', primaryKey: true }])`
  const downgrade =
    spec.downgrade === undefined
      ? `await op.dropTable('${spec.prefix ?? ''}t_${spec.id}')`
      : spec.downgrade
  const lines = [
    '/**',
    ` * ${spec.message ?? `revision ${spec.id}`}`,
    ' *',
    ` * Revision ID: ${spec.id}`,
    ' */',
    ts ? "import type { MigrationContext } from 'stratum'" : '',
    spec.header ?? '',
    '',
    `export const revision${type(': string')} = '${spec.id}'`,
    `export const downRevision${type(': string | string[] | null')} = ${down}`,
    `export const branchLabels${type(': string[] | null')} = ${list(spec.branchLabels)}`,
    `export const dependsOn${type(': string[] | null')} = ${list(spec.dependsOn)}`,
    spec.transactional === undefined ? '' : `export const transactional = ${spec.transactional}`,
    '',
    `export async function upgrade(context${type(': MigrationContext')})${type(': Promise<void>')} {`,
    '  const { op, db, isOffline } = context',
    `  ${upgrade}`,
    '}',
  ]
  if (downgrade !== null) {
    lines.push(
      '',
      `export async function downgrade(context${type(': MigrationContext')})${type(': Promise<void>')} {`,
      '  const { op, db, isOffline } = context',
      `  ${downgrade}`,
      '}',
    )
  }
  return `${lines.join('\n')}\n`
}

/**
 * Creates a project in a new temporary folder.
 *
 * @example
 * const project = await createProject({ url: 'sqlite:/tmp/x.db', revisions: [{ id: 'a1' }] })
 */
export async function createProject(options: {
  readonly url: string
  readonly revisions?: readonly RevisionSpec[]
  readonly config?: Partial<StratumConfig>
}): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'stratum-project-'))
  const versions = join(dir, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(
    join(dir, 'stratum.config.json'),
    JSON.stringify({ url: options.url, migrations: 'migrations', ...options.config }, null, 2),
  )
  const paths = new Map<string, string>()
  const project: Project = {
    dir,
    versions,
    url: options.url,
    write(revision) {
      const path = join(versions, `${revision.id}_rev.${revision.extension ?? 'ts'}`)
      const previous = paths.get(revision.id)
      if (previous !== undefined && previous !== path) rmSync(previous, { force: true })
      writeFileSync(path, revisionSource(revision))
      paths.set(revision.id, path)
      return path
    },
    path(id) {
      const path = paths.get(id)
      if (path === undefined) throw new Error(`no revision ${id} in this project`)
      return path
    },
    migrator(migratorOptions = {}) {
      return Migrator.open({ ...migratorOptions, cwd: dir })
    },
    async remove() {
      rmSync(dir, { recursive: true, force: true })
    },
  }
  for (const revision of options.revisions ?? []) project.write(revision)
  return project
}
