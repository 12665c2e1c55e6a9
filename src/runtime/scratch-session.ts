/**
 * The throwaway database `stratum verify` runs on: chosen from the project's URL (or the
 * `--scratch-url`), created through the dialect's `scratch` support, and wrapped in the
 * same context every online command uses — without hooks or backups, which belong to real
 * deploys. The project's own database is never opened: only its URL is read (on MySQL the
 * scratch database is created on the same server).
 */
import type * as commands from '../commands/index.js'
import type { ResolvedConfig } from '../config/types.js'
import { type DatabaseUrl, formatUrl, parseUrl } from '../config/url.js'
import type { Dialect, DialectConnection } from '../dialects/dialect.js'
import { dialectFor } from '../dialects/registry.js'
import { ConfigError, MigrationError, UsageError } from '../errors.js'
import type { SchemaModel } from '../schema/model.js'
import { readDatabaseSchema } from './compare-models.js'
import type { DatabaseContext } from './database-context.js'
import { MigratorEventEmitter } from './events.js'
import { runIdentity } from './history-table.js'
import { masker } from './mask-error.js'
import { DEFAULT_LOCK_TIMEOUT_MS, lockScopeFor } from './session.js'
import { stateTables } from './tables.js'

/** What a snapshot of the scratch database holds, and how to compare it. */
export interface ScratchSnapshot {
  readonly schema: SchemaModel
  /** The connection's default schema (`public`), where the dialect has schemas. */
  readonly defaultSchema: string | undefined
}

/** An open scratch database: the context to run revisions in, snapshots, and the clean-up. */
export interface ScratchSession {
  /** Where it runs, for people (`PGlite in memory`, `stratum_verify_5f0c1e2d3a4b on db:3306`). */
  readonly description: string
  readonly context: DatabaseContext
  readonly dialect: Dialect
  /** The schema as it is now: every table but Stratum's own, every schema (PostgreSQL). */
  snapshot(): Promise<ScratchSnapshot>
  /** Closes the connection and drops the database (safe to call twice). */
  close(): Promise<void>
}

/** Options of {@link openScratch}. */
export interface OpenScratchOptions {
  /** A scratch server URL that replaces the automatic choice (`--scratch-url`). */
  readonly scratchUrl?: string | undefined
  readonly x?: Readonly<Record<string, string>> | undefined
  /** The project's revisions, read before anything is created. */
  readonly loaded: Pick<commands.LoadedGraph, 'graph' | 'checksums'>
}

/**
 * Creates the scratch database and connects to it. Throws a `ConfigError` when neither a
 * project URL nor a scratch URL says which database to use, a `UsageError` when the scratch
 * URL's database kind differs from the project's, a `MigrationError` `VERIFY_UNSUPPORTED`
 * when the dialect has no scratch support, `SCRATCH_CREATE_FAILED` when the server refuses.
 *
 * @example
 * const scratch = await openScratch(config, { loaded: await loadGraph(config) })
 * try { await moveOnline(scratch.context, 'upgrade', 'head') } finally { await scratch.close() }
 */
export async function openScratch(
  config: ResolvedConfig,
  options: OpenScratchOptions,
): Promise<ScratchSession> {
  const server = await scratchServer(config, options.scratchUrl)
  const dialect = await dialectFor(server)
  const support = dialect.scratch
  if (support === undefined) throw unsupported(dialect)
  const mask = masker(formatUrl(server))
  const database = await support.create(server, mask)
  let connection: DialectConnection
  try {
    connection = await dialect.connect(database.url, { applicationName: 'stratum verify' })
  } catch (error) {
    await database.drop().catch(() => {})
    throw error
  }
  const { graph, checksums } = options.loaded
  const tables = stateTables(config)
  const context: DatabaseContext = {
    connection,
    graph,
    checksums,
    tables,
    scope: lockScopeFor(database.url, tables),
    lockTimeoutMs: DEFAULT_LOCK_TIMEOUT_MS,
    mode: config.transactionPerMigration ? 'per-revision' : 'all',
    x: options.x ?? {},
    events: new MigratorEventEmitter(),
    identity: runIdentity(),
    mask,
  }
  // Every table counts on a scratch database: the `exclude` globs are for autogenerate.
  const snapshotConfig = { ...config, exclude: [] }
  let closed = false
  return {
    description: database.description,
    context,
    dialect,
    async snapshot() {
      const schemas = await support.schemas?.(connection)
      const read = await readDatabaseSchema({
        config: snapshotConfig,
        connection,
        tables,
        schemas,
      })
      return { schema: read.current, defaultSchema: read.defaultSchema }
    },
    async close() {
      if (closed) return
      closed = true
      try {
        await connection.close()
      } finally {
        await database.drop()
      }
    },
  }
}

/** The server (or in-memory URL) the scratch database is created at. */
async function scratchServer(
  config: ResolvedConfig,
  scratchUrl: string | undefined,
): Promise<DatabaseUrl> {
  const project = config.url === undefined ? undefined : parseUrl(config.url)
  if (scratchUrl !== undefined) {
    const server = parseUrl(scratchUrl)
    if (project !== undefined) {
      const [wanted, given] = await Promise.all([dialectFor(project), dialectFor(server)])
      if (wanted.name !== given.name) {
        throw new UsageError(
          `--scratch-url is a ${given.name} database, but the project's database is ${wanted.name}`,
          { hint: 'Verify the revisions on the kind of database they are written for.' },
        )
      }
    }
    return server
  }
  if (project === undefined) {
    throw new ConfigError(
      'URL_MISSING',
      'No database URL is configured, so verify cannot tell which kind of scratch database to use',
      {
        hint: "Set 'url' in stratum.config.ts, or pass --scratch-url (sqlite::memory:, pglite:memory:, mysql://user@host/).",
      },
    )
  }
  const dialect = await dialectFor(project)
  if (dialect.scratch === undefined) throw unsupported(dialect)
  return dialect.scratch.server(project)
}

function unsupported(dialect: Dialect): MigrationError {
  return new MigrationError(
    'VERIFY_UNSUPPORTED',
    `The ${dialect.name} dialect cannot create scratch databases, so verify cannot run on it`,
    { hint: "Add 'scratch' to the dialect (see DialectScratch in the Dialect interface)." },
  )
}
