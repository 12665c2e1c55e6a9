// Autogenerate as a user runs it, through the built bin/stratum, on the four databases:
// model files importing from 'stratum' (resolved to the running package), revision
// --autogenerate, upgrade, check, an edited model with a --rename, downgrade -1.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { SchemaModel } from '../../src/schema/model.js'
import { tempProject } from '../commands/project.js'
import { createTargets, dropTargets, withConnection } from '../runtime/targets.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

const targets = await createTargets('e2e_autogen')
afterAll(() => dropTargets(targets))

const V1 = `import { defineTable, index, integer, serial, text, varchar } from 'stratum'

export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  fullname: text(),
})

export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
})
`

// An added column, a renamed one (the --rename answer), an added index.
const V2 = `import { defineTable, index, integer, serial, text, varchar } from 'stratum'

export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  name: text(),
  age: integer(),
}, (t) => ({ indexes: [index('ix_users_age').on(t.age)] }))

export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
  title: varchar(200).notNull(),
})
`

/** The database as autogenerate reads it (Stratum's own tables left out). */
function catalog(url: string): Promise<SchemaModel> {
  return withConnection(url, async (connection) => {
    const introspection = connection.dialect.introspection
    if (introspection === undefined) throw new Error('no introspection')
    const own = new Set(['stratum_version', 'stratum_history'])
    return introspection.introspect(connection, { skipTable: (table) => own.has(table) })
  })
}

const LONG = 180_000

/** `stratum init`, with the config it writes replaced by a JSON one. */
function initProject(cwd: string, config: Record<string, unknown>): void {
  ok(cwd, 'init')
  rmSync(join(cwd, 'stratum.config.ts'))
  writeFileSync(join(cwd, 'stratum.config.json'), JSON.stringify(config))
  mkdirSync(join(cwd, 'models'))
}

describe.each(targets)('autogenerate e2e on $name', (target) => {
  const { database } = target

  it.skipIf(!database.available)(
    'models → revision --autogenerate → upgrade → check; edit, --rename → upgrade → check; downgrade -1',
    async () => {
      const project = tempProject('stratum-e2e-autogen-')
      const cwd = project.root
      const model = (text: string) => writeFileSync(join(cwd, 'models', 'schema.ts'), text)
      try {
        initProject(cwd, { url: database.url, models: ['models/*.ts'] })
        model(V1)

        const first = stratum(cwd, 'revision', '--autogenerate', '-m', 'init')
        expect(first.code).toBe(0)
        expect(first.stderr).toBe('  Detected table users added\n  Detected table posts added\n')
        const path = /^Generating (\S+) \.\.\. done\n$/.exec(first.stdout)?.[1] ?? ''
        const source = readFileSync(join(cwd, path), 'utf8')
        expect(source).toContain("await op.createTable('users', [")
        expect(source).toContain("await op.createTable('posts', [")
        expect(source).toContain("await op.dropTable('users')")

        // Not at the head yet: both refuse.
        const behind = stratum(cwd, 'check')
        expect(expectOneLineError(behind, 1)).toMatch(
          /^stratum: error: Target database is not up to date: it is at base, the head is [0-9a-f]{12}$/,
        )
        expectOneLineError(stratum(cwd, 'revision', '--autogenerate', '-m', 'early'), 1)

        ok(cwd, 'upgrade', 'head')
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')
        const before = await catalog(database.url)
        expect(before.tables.map((table) => table.name)).toEqual(['posts', 'users'])

        model(V2)
        const differ = stratum(cwd, 'check')
        expect(differ.code).toBe(1)
        expect(differ.stdout.trimEnd().split('\n')).toEqual([
          'New upgrade operations detected (4 changes):',
          '  column users.name added',
          '  column users.age added',
          '  column users.fullname dropped',
          '  index ix_users_age on users added',
        ])
        expect(differ.stderr).toContain('--rename users.fullname=name')

        const bad = stratum(cwd, 'revision', '--autogenerate', '-m', 'v2', '--rename', 'users.x')
        expect(expectOneLineError(bad, 2)).toBe("stratum: error: --rename 'users.x': has no =")

        const second = stratum(
          cwd,
          'revision',
          '--autogenerate',
          '-m',
          'profile',
          '--rename',
          'users.fullname=name',
        )
        expect(second.code).toBe(0)
        expect(second.stderr).toBe(
          [
            '  Detected column users.fullname renamed to name',
            '  Detected column users.age added',
            '  Detected index ix_users_age on users added',
            '',
          ].join('\n'),
        )
        ok(cwd, 'upgrade', 'head')
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')

        ok(cwd, 'downgrade', '-1')
        expect(await catalog(database.url)).toEqual(before)
      } finally {
        project.remove()
      }
    },
    LONG,
  )
})

describe('autogenerate e2e errors', () => {
  const sqlite = targets.find((target) => target.name === 'sqlite')

  it('a model that fails to import names the file (exit 1)', () => {
    const project = tempProject('stratum-e2e-autogen-')
    const cwd = project.root
    try {
      initProject(cwd, { url: sqlite?.database.url, models: ['models/*.ts'] })
      writeFileSync(
        join(cwd, 'models', 'users.ts'),
        "import { defineTable, serial } from 'stratum'\nexport const users = defineTable('users', { id: serial().primaryKey() })\n",
      )
      writeFileSync(
        join(cwd, 'models', 'broken.ts'),
        "import { missingHelper } from './nowhere'\nexport const t = missingHelper()\n",
      )
      const line = expectOneLineError(stratum(cwd, 'revision', '--autogenerate', '-m', 'x'), 1)
      expect(line).toMatch(/^stratum: error: models\/broken\.ts: import failed: .*nowhere/)
      expectOneLineError(stratum(cwd, 'check'), 1)
    } finally {
      project.remove()
    }
  })

  it('no models configured: exit 1 with the setting to add', () => {
    const project = tempProject('stratum-e2e-autogen-')
    const cwd = project.root
    try {
      initProject(cwd, { url: sqlite?.database.url })
      const result = stratum(cwd, 'check')
      expectOneLineError(result, 1)
      expect(result.stderr).toContain("models: ['src/db/schema.ts']")
    } finally {
      project.remove()
    }
  })
})
