/**
 * What a round trip must bring back: the catalog as introspection reads it, a checksum of
 * every table's rows (Stratum's own tables included), and the version rows.
 */
import { createHash } from 'node:crypto'
import type { DialectConnection } from '../../src/dialects/dialect.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { withConnection } from '../runtime/targets.js'

export interface Snapshot {
  readonly schema: SchemaModel
  /** Table name → SHA-256 of its rows (sorted, as JSON). */
  readonly rows: Readonly<Record<string, string>>
  readonly versions: readonly string[]
}

const OWN = new Set(['stratum_version', 'stratum_history'])

function plain(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex')
  if (value !== null && typeof value === 'object' && 'type' in value && 'data' in value) {
    return Buffer.from((value as { data: number[] }).data).toString('hex')
  }
  return value
}

/** SHA-256 of a table's rows, order-independent. */
export async function rowsDigest(connection: DialectConnection, table: string): Promise<string> {
  const { rows } = await connection.query(
    `SELECT * FROM ${connection.dialect.quoteTable({ table })}`,
  )
  const lines = rows.map((row) => JSON.stringify(row, plain)).sort()
  return createHash('sha256').update(lines.join('\n')).digest('hex')
}

/** The state of the database at `url`, on a fresh connection (close Migrators on PGlite first). */
export function snapshot(url: string): Promise<Snapshot> {
  return withConnection(url, async (connection) => {
    const introspection = connection.dialect.introspection
    if (introspection === undefined) throw new Error('no introspection')
    const schema = await introspection.introspect(connection, { skipTable: (t) => OWN.has(t) })
    const rows: Record<string, string> = {}
    for (const table of [...schema.tables.map((t) => t.name), ...OWN]) {
      if (await connection.tableExists({ table })) rows[table] = await rowsDigest(connection, table)
    }
    const versions = (await connection.tableExists({ table: 'stratum_version' }))
      ? (await connection.query('SELECT version_num FROM stratum_version')).rows
          .map((row) => String(row.version_num))
          .sort()
      : []
    return { schema, rows, versions }
  })
}
