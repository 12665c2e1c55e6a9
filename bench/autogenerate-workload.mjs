// Issue 4's workload: a project whose models define N tables of 10 columns, each with a
// foreign key and an index, imported from 'stratum' as a user writes them. Two shapes:
// `tree` (table i references table ⌊(i-1)/2⌋, table 0 itself: a shallow tree) and `chain`
// (table i references table i-1, the 500-long chain Alembic 1.8 crashes on).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const name = (index) => `t_${String(index).padStart(5, '0')}`

/** The table that table `index` references in a shape. */
export function parentOf(index, shape) {
  if (shape === 'chain') return index === 0 ? 0 : index - 1
  return index === 0 ? 0 : Math.floor((index - 1) / 2)
}

function tableSource(index, shape) {
  const table = name(index)
  const parent = name(parentOf(index, shape))
  return `export const ${table} = defineTable(
  '${table}',
  {
    id: serial().primaryKey(),
    parentId: integer('parent_id').references(() => ${parent}.columns.id, { onDelete: 'cascade' }),
    name: varchar(100).notNull(),
    code: varchar(40),
    amount: numeric(10, 2),
    quantity: integer().notNull().default(0),
    active: boolean().default(true),
    note: text(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    payload: jsonb(),
  },
  (t) => ({ indexes: [index('ix_${table}_name').on(t.name)] }),
)
`
}

/** The model module for `count` tables of one shape. */
export function modelSource(count, shape) {
  const header = `import { boolean, defineTable, index, integer, jsonb, numeric, serial, text, timestamptz, varchar } from 'stratum'\n`
  const tables = Array.from({ length: count }, (_, index) => tableSource(index, shape))
  return `${header}\n${tables.join('\n')}`
}

/**
 * Writes a project (JSON config, `migrations/` with the default template and an empty
 * `versions/`, `models/schema.ts`) for `url`.
 */
export function writeAutogenerateProject({ directory, count, shape, url, template }) {
  rmSync(directory, { recursive: true, force: true })
  mkdirSync(join(directory, 'migrations', 'versions'), { recursive: true })
  mkdirSync(join(directory, 'models'))
  writeFileSync(join(directory, 'migrations', 'script.ts.tmpl'), template)
  writeFileSync(
    join(directory, 'stratum.config.json'),
    `${JSON.stringify({ url, migrations: 'migrations', models: ['models/*.ts'] }, null, 2)}\n`,
  )
  writeFileSync(join(directory, 'models', 'schema.ts'), modelSource(count, shape))
}
