/**
 * Model files of the plain shape (imports from 'stratum', `export const` tables, type
 * annotations at most) load without a transpiler and share the running Stratum; any
 * other shape goes through jiti and reads the same.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ModelError } from '../../src/errors.js'
import * as stratum from '../../src/index.js'
import { discoverModels } from '../../src/schema/index.js'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stratum-fast-models-'))
})
afterEach(async () => {
  Reflect.deleteProperty(globalThis, SEEN)
  await rm(root, { recursive: true, force: true })
})

const PLAIN = `import type { TableColumn } from 'stratum'
import { defineTable, index, integer, serial, varchar } from 'stratum'

export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
})

export const posts = defineTable(
  'posts',
  {
    id: serial().primaryKey(),
    authorId: integer('author_id').references(() => users.columns.id, { onDelete: 'cascade' }),
  },
  (t) => ({ indexes: [index('ix_posts_author').on(t.authorId)] }),
)

export const count: number = 2
globalThis.__stratumFastPathSeen = defineTable
`
const SEEN = '__stratumFastPathSeen'

/** The DSL from the source tree (jiti transpiles less of Stratum than for 'stratum'). */
const DSL = JSON.stringify(fileURLToPath(new URL('../../src/schema/index.ts', import.meta.url)))

// A generic call is TypeScript the fast path leaves to jiti.
const GENERIC = PLAIN.replace('varchar(255).notNull()', 'varchar(255).notNull().$type<string>()')
  .replace("import type { TableColumn } from 'stratum'", 'import type { TableColumn } from ' + DSL)
  .replace("} from 'stratum'", `} from ${DSL}`)

async function discover(source: string) {
  await writeFile(join(root, 'schema.ts'), source)
  return discoverModels({ patterns: [join(root, '*.ts')], cwd: root })
}

describe('model discovery without a transpiler', () => {
  it('reads a plain model file with the running Stratum (instanceof holds)', async () => {
    const { schema } = await discover(PLAIN)
    expect(schema.tables.map((table) => table.name)).toEqual(['posts', 'users'])
    const posts = schema.tables.find((table) => table.name === 'posts')
    expect(posts?.foreignKeys).toEqual([
      {
        columns: ['author_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      },
    ])
    expect(posts?.indexes).toEqual([
      { name: 'ix_posts_author', columns: ['author_id'], unique: false },
    ])

    // The fast path's mark: 'stratum' is this process's own module, not a copy jiti made.
    expect(Reflect.get(globalThis, SEEN)).toBe(stratum.defineTable)
  })

  it('reads the same model when the file needs jiti', async () => {
    const plain = await discover(PLAIN)
    const generic = await discover(GENERIC)
    expect(generic.schema).toEqual(plain.schema)
    // jiti evaluated its own copy of Stratum for that file.
    expect(Reflect.get(globalThis, SEEN)).not.toBe(stratum.defineTable)
  })

  it('names the file and the first line when a plain model file throws', async () => {
    const source = `${PLAIN}\nthrow new Error('boom\\nmore')\n`
    const error = await discover(source).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ModelError)
    expect((error as ModelError).code).toBe('MODEL_IMPORT_FAILED')
    expect((error as ModelError).message).toBe('schema.ts: import failed: boom')
  })

  it('keeps the code of an invalid definition in a plain model file', async () => {
    const source = `import { defineTable, text } from 'stratum'
export const t = defineTable('t', { a: text('x'), b: text('x') })
`
    const error = await discover(source).catch((caught: unknown) => caught)
    expect((error as ModelError).code).toBe('MODEL_INVALID')
    expect((error as ModelError).message).toBe(
      "schema.ts: Table 't': columns 'a' and 'b' are both named 'x'",
    )
  })
})
