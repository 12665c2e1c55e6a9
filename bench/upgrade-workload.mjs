// A project of N revisions in a straight line, each creating a table with six columns,
// a foreign key to the previous revision's table and an index: issue 3's workload.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const id = (index) => `r${String(index).padStart(11, '0')}`
const table = (index) => `t_${String(index).padStart(5, '0')}`

function revisionSource(index) {
  const parent = index === 0 ? 'null' : `'${id(index - 1)}'`
  const reference =
    index === 0 ? '' : `, references: { table: '${table(index - 1)}', column: 'id' }`
  return `/**
 * create ${table(index)}
 */
import type { MigrationContext } from 'stratum'

export const revision = '${id(index)}'
export const downRevision: string | string[] | null = ${parent}
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade({ op }: MigrationContext): Promise<void> {
  await op.createTable('${table(index)}', [
    { name: 'id', type: 'integer', primaryKey: true },
    { name: 'parent_id', type: 'integer'${reference} },
    { name: 'name', type: 'varchar(100)', nullable: false },
    { name: 'amount', type: 'numeric(10,2)' },
    { name: 'created_at', type: 'timestamp' },
    { name: 'active', type: 'boolean', default: true },
  ])
  await op.createIndex('ix_${table(index)}_name', '${table(index)}', ['name'])
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.dropTable('${table(index)}')
}
`
}

/** Writes a project (JSON config + versions/) with `count` revisions for `url`. */
export function writeUpgradeProject(directory, count, url) {
  rmSync(directory, { recursive: true, force: true })
  const versions = join(directory, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(
    join(directory, 'stratum.config.json'),
    `${JSON.stringify({ url, migrations: 'migrations' }, null, 2)}\n`,
  )
  for (let index = 0; index < count; index++) {
    writeFileSync(join(versions, `${id(index)}_create_${table(index)}.ts`), revisionSource(index))
  }
}
