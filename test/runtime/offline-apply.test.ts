/**
 * Offline scripts applied with the real command-line clients (`psql`, `mariadb`,
 * `sqlite3`, or better-sqlite3's exec when `sqlite3` is missing) to a fresh database give
 * the same schema, version rows and checksum records as the online run; the downgrade
 * script takes it back to empty.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { afterAll, describe, expect, it } from 'vitest'
import {
  mysqlDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/databases.js'
import { createProject, type RevisionSpec } from '../support/project.js'
import { withConnection } from './targets.js'

const has = (command: string) => spawnSync(command, ['--version']).status === 0

const REVISIONS: readonly RevisionSpec[] = [
  {
    id: 'a1',
    upgrade: [
      "await op.createTable('authors', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'name', type: 'varchar(100)', nullable: false }])",
      "await op.bulkInsert('authors', [{ id: 1, name: \"O'Hara\" }, { id: 2, name: 'Lee' }])",
    ].join('\n  '),
    downgrade: "await op.dropTable('authors')",
  },
  {
    id: 'b2',
    down: 'a1',
    upgrade: [
      "await op.createTable('books', [{ name: 'id', type: 'integer', primaryKey: true }, { name: 'author_id', type: 'integer', references: { table: 'authors', column: 'id' } }, { name: 'title', type: 'text' }])",
      "await op.createIndex('ix_books_title', 'books', ['author_id'])",
      'if (isOffline) { /* nothing to read */ }',
    ].join('\n  '),
    downgrade: "await op.dropTable('books')",
  },
  {
    id: 'c3',
    down: 'b2',
    upgrade: [
      "await op.addColumn('authors', { name: 'born', type: 'integer' })",
      "await op.execute('UPDATE authors SET born = 1900 WHERE id = 1')",
    ].join('\n  '),
    downgrade: "await op.dropColumn('authors', 'born')",
  },
]

interface Client {
  readonly name: string
  readonly available: boolean
  readonly reason: string
  create(prefix: string): Promise<TestDatabase>
  apply(database: TestDatabase, sql: string): void
  schema: readonly string[]
}

function apply(command: string, args: readonly string[], sql: string): void {
  execFileSync(command, args, { input: sql, stdio: ['pipe', 'pipe', 'pipe'] })
}

const CLIENTS: readonly Client[] = [
  {
    name: 'postgres (psql)',
    available: has('psql'),
    reason: 'psql is not installed',
    create: (prefix) => postgresDatabase(prefix),
    apply: (database, sql) => apply('psql', ['-q', '-v', 'ON_ERROR_STOP=1', database.url], sql),
    schema: [
      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name",
      "SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname",
      "SELECT conname, contype FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname",
    ],
  },
  {
    name: 'mariadb (mariadb)',
    available: has('mariadb'),
    reason: 'the mariadb client is not installed',
    create: (prefix) => mysqlDatabase(prefix),
    apply: (database, sql) => {
      const url = new URL(database.url)
      apply(
        'mariadb',
        ['-h', url.hostname, '-P', url.port || '3306', '-u', url.username, url.pathname.slice(1)],
        sql,
      )
    },
    schema: [
      'SELECT table_name, column_name, column_type, is_nullable FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, column_name',
      'SELECT table_name, index_name, column_name, non_unique FROM information_schema.statistics WHERE table_schema = DATABASE() ORDER BY table_name, index_name, seq_in_index',
    ],
  },
  {
    name: `sqlite (${has('sqlite3') ? 'sqlite3' : 'better-sqlite3 exec'})`,
    available: true,
    reason: '',
    create: async (prefix) => sqliteDatabase(prefix),
    apply: (database, sql) => {
      const path = (database as TestDatabase & { path: string }).path
      if (has('sqlite3')) {
        apply('sqlite3', ['-bail', path], sql)
        return
      }
      return withSqlite(path, sql)
    },
    schema: [
      "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    ],
  },
]

function withSqlite(path: string, sql: string): void {
  const script = `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path)}); db.exec(require('fs').readFileSync(0, 'utf8')); db.close()`
  execFileSync(process.execPath, ['-e', script], { input: sql })
}

const databases: TestDatabase[] = []
afterAll(() => Promise.all(databases.map((database) => database.drop())))

async function snapshot(url: string, queries: readonly string[]) {
  return withConnection(url, async (connection) => {
    const result: unknown[] = []
    for (const query of queries) result.push((await connection.query(query)).rows)
    const authors = await connection.query('SELECT id, name, born FROM authors ORDER BY id')
    const versions = await connection.query('SELECT version_num FROM stratum_version')
    const history = await connection.query(
      'SELECT revision, direction, checksum, outcome FROM stratum_history ORDER BY id',
    )
    return { schema: result, authors: authors.rows, versions: versions.rows, history: history.rows }
  })
}

describe.each(CLIENTS)('$name', (client) => {
  it.skipIf(!client.available)('the offline script gives the online schema', async () => {
    const online = await client.create('offline_on')
    const offline = await client.create('offline_off')
    databases.push(online, offline)
    if (!online.available || !offline.available) return
    const project = await createProject({ url: online.url, revisions: REVISIONS })
    const migrator = await project.migrator()
    try {
      const script = await migrator.upgrade('head', { sql: true })
      expect(script.sql).toContain('-- Running upgrade  -> a1')
      expect(script.sql).toContain('-- Running upgrade a1 -> b2')
      await migrator.upgrade('head')
      await migrator.close()
      client.apply(offline, script.sql)
      const expected = await snapshot(online.url, client.schema)
      const actual = await snapshot(offline.url, client.schema)
      expect(actual).toEqual(expected)
      expect(actual.versions).toEqual([{ version_num: 'c3' }])
      expect(actual.authors).toHaveLength(2)

      // A database migrated from the script is checked like one migrated online.
      const scripted = await project.migrator({ url: offline.url })
      expect(await scripted.current()).toEqual(['c3'])
      expect((await scripted.status()).changedFiles).toEqual([])
      await scripted.close()

      if (client.name.startsWith('sqlite')) {
        // SQLite drops a column with a procedure that reads the live table: not offline.
        await expect(migrator.downgrade('c3:base', { sql: true })).rejects.toThrow(
          /Revision c3: 'drop column "born" of table "authors".*cannot run offline/,
        )
        return
      }
      const down = await migrator.downgrade('c3:base', { sql: true })
      expect(down.sql).toContain('-- Running downgrade c3 -> b2')
      client.apply(offline, down.sql)
      const emptied = await withConnection(offline.url, async (connection) => ({
        authors: await connection.tableExists({ table: 'authors' }),
        versions: (await connection.query('SELECT version_num FROM stratum_version')).rows,
      }))
      expect(emptied).toEqual({ authors: false, versions: [] })
    } finally {
      await migrator.close()
      await project.remove()
    }
  })
})
