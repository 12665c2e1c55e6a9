// Issue 6's peer workload: the same N revisions as bench/upgrade-workload.mjs (each a table
// with six columns, a foreign key to the previous revision's table and an index), written
// as migration files for knex, Kysely's Migrator and node-pg-migrate. Plain JavaScript
// modules for every peer (no TypeScript loader), so the peers pay no transpiling cost.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const table = (index) => `t_${String(index).padStart(5, '0')}`
const fileName = (index, extension) =>
  `${String(index).padStart(8, '0')}_create_${table(index)}.${extension}`

function knexMigration(index) {
  const parent = index === 0 ? '' : `.references('id').inTable('${table(index - 1)}')`
  return `exports.up = async (knex) => {
  await knex.schema.createTable('${table(index)}', (t) => {
    t.integer('id').primary()
    t.integer('parent_id')${parent}
    t.string('name', 100).notNullable()
    t.decimal('amount', 10, 2)
    t.timestamp('created_at', { useTz: false })
    t.boolean('active').defaultTo(true)
    t.index(['name'], 'ix_${table(index)}_name')
  })
}
exports.down = async (knex) => {
  await knex.schema.dropTable('${table(index)}')
}
`
}

function kyselyMigration(index) {
  const parent = index === 0 ? '' : `, (c) => c.references('${table(index - 1)}.id')`
  return `export async function up(db) {
  await db.schema
    .createTable('${table(index)}')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('parent_id', 'integer'${parent})
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('amount', 'numeric(10, 2)')
    .addColumn('created_at', 'timestamp')
    .addColumn('active', 'boolean', (c) => c.defaultTo(true))
    .execute()
  await db.schema.createIndex('ix_${table(index)}_name').on('${table(index)}').column('name').execute()
}
export async function down(db) {
  await db.schema.dropTable('${table(index)}').execute()
}
`
}

function nodePgMigrateMigration(index) {
  const parent = index === 0 ? '' : `, references: '${table(index - 1)}'`
  return `export const up = (pgm) => {
  pgm.createTable('${table(index)}', {
    id: { type: 'integer', primaryKey: true },
    parent_id: { type: 'integer'${parent} },
    name: { type: 'varchar(100)', notNull: true },
    amount: { type: 'numeric(10,2)' },
    created_at: { type: 'timestamp' },
    active: { type: 'boolean', default: true },
  })
  pgm.createIndex('${table(index)}', 'name', { name: 'ix_${table(index)}_name' })
}
export const down = (pgm) => {
  pgm.dropTable('${table(index)}')
}
`
}

const knexfile = `module.exports = {
  client: 'pg',
  connection: process.env.DATABASE_URL,
  migrations: { directory: './migrations', loadExtensions: ['.cjs'] },
}
`

/**
 * Writes `count` revisions for each peer under `directory`: knex/ (knexfile.cjs and
 * migrations/*.cjs), kysely/migrations/*.mjs and node-pg-migrate/migrations/*.mjs.
 *
 * @example writePeerProjects('bench/.work/peers-100', 100)
 */
export function writePeerProjects(directory, count) {
  rmSync(directory, { recursive: true, force: true })
  const peers = [
    ['knex', 'cjs', knexMigration],
    ['kysely', 'mjs', kyselyMigration],
    ['node-pg-migrate', 'mjs', nodePgMigrateMigration],
  ]
  for (const [peer, extension, source] of peers) {
    const migrations = join(directory, peer, 'migrations')
    mkdirSync(migrations, { recursive: true })
    for (let index = 0; index < count; index++) {
      writeFileSync(join(migrations, fileName(index, extension)), source(index))
    }
  }
  writeFileSync(join(directory, 'knex', 'knexfile.cjs'), knexfile)
  return {
    knex: join(directory, 'knex'),
    kysely: join(directory, 'kysely'),
    nodePgMigrate: join(directory, 'node-pg-migrate'),
  }
}
