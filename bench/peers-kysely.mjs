// Kysely's Migrator as a command, the tiny script a Kysely user writes (Kysely ships no
// CLI): `node bench/peers-kysely.mjs up|down|status <migrations folder>` with DATABASE_URL
// set. `up` is migrateToLatest, `down` is migrateTo(NO_MIGRATIONS) (both one transaction
// on PostgreSQL, Kysely's default), `status` lists getMigrations() with executedAt.
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { FileMigrationProvider, Kysely, Migrator, NO_MIGRATIONS, PostgresDialect } from 'kysely'
import pg from 'pg'

const [command, folder] = process.argv.slice(2)
const db = new Kysely({
  dialect: new PostgresDialect({
    pool: new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 1 }),
  }),
})
const migrator = new Migrator({
  db,
  provider: new FileMigrationProvider({ fs, path, migrationFolder: path.resolve(folder) }),
})
try {
  if (command === 'status') {
    const migrations = await migrator.getMigrations()
    const applied = migrations.filter((migration) => migration.executedAt !== undefined)
    console.log(`${applied.length} applied, ${migrations.length - applied.length} pending`)
  } else if (command === 'up' || command === 'down') {
    const { error } =
      command === 'up' ? await migrator.migrateToLatest() : await migrator.migrateTo(NO_MIGRATIONS)
    if (error) throw error
  } else {
    throw new Error(`unknown command '${command}': up, down or status`)
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exitCode = 1
} finally {
  await db.destroy()
}
