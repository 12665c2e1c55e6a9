/**
 * Throwaway databases on a server, for `stratum verify`: a new database with a unique name,
 * created and dropped over a short administrative connection of its own (the connection
 * the verification runs on is a different one, closed before the drop).
 */
import { randomBytes } from 'node:crypto'
import type { DatabaseUrl } from '../config/url.js'
import { MigrationError } from '../errors.js'
import type { DialectConnection, ScratchDatabase } from './dialect.js'

/** What a dialect supplies to create databases on its servers. */
export interface ServerScratchOptions {
  /** The server, as a URL (its database part is ignored). */
  readonly server: DatabaseUrl
  /** The database the administrative connection opens (`postgres`, `information_schema`). */
  readonly adminDatabase: string
  readonly connect: (url: DatabaseUrl) => Promise<DialectConnection>
  readonly quoteIdentifier: (name: string) => string
  /** Hides the URL's secrets in driver messages. */
  readonly mask: (text: string) => string
}

/**
 * A fresh name for a scratch database: `stratum_verify_` and 12 random hex digits.
 *
 * @example
 * scratchDatabaseName() // 'stratum_verify_5f0c1e2d3a4b'
 */
export function scratchDatabaseName(): string {
  return `stratum_verify_${randomBytes(6).toString('hex')}`
}

/**
 * Creates an empty database with a unique name on `server` and returns it with its `drop`.
 * A failure (typically missing CREATE rights) is a `MigrationError` `SCRATCH_CREATE_FAILED`
 * naming the server and the user, with a hint to pass `--scratch-url`.
 *
 * @example
 * const scratch = await createServerScratch({ server, adminDatabase: 'postgres', connect, quoteIdentifier, mask })
 * try { ... } finally { await scratch.drop() }
 */
export async function createServerScratch(options: ServerScratchOptions): Promise<ScratchDatabase> {
  const { server, quoteIdentifier, mask } = options
  const name = scratchDatabaseName()
  const where = `${hostText(server)} as user ${server.user ?? '(default)'}`
  // A failure to connect is the dialect's ConnectionError (host, user and hint included).
  const connect = () => options.connect({ ...server, database: options.adminDatabase })
  const run = async (connection: DialectConnection, sql: string) => {
    try {
      await connection.query(sql)
    } finally {
      await connection.close().catch(() => {})
    }
  }
  try {
    await run(await connect(), `CREATE DATABASE ${quoteIdentifier(name)}`)
  } catch (error) {
    if (error instanceof MigrationError) throw error
    const reason = mask(error instanceof Error ? error.message : String(error))
    throw new MigrationError(
      'SCRATCH_CREATE_FAILED',
      `Cannot create a scratch database on ${where}: ${reason}`,
      {
        cause: error,
        hint: 'verify runs the revisions in a throwaway database, which needs the right to create and drop databases; pass --scratch-url with a server (and user) that has it.',
      },
    )
  }
  let dropped = false
  return {
    url: { ...server, database: name },
    description: `${name} on ${hostText(server)}`,
    async drop() {
      if (dropped) return
      await run(await connect(), `DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`)
      dropped = true
    },
  }
}

function hostText(url: DatabaseUrl): string {
  const host = url.host ?? 'localhost'
  return `${host.includes(':') ? `[${host}]` : host}:${url.port ?? ''}`
}
