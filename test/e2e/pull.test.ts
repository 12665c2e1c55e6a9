// Adopting an existing database as a user does it, through the built bin/stratum: build a
// sample database (Chinook on the four databases, Pagila on PostgreSQL) from its SQL,
// `stratum pull` (one file per table), `stratum check` passes; `stratum baseline --stamp`,
// `check` passes; the baseline upgrades an empty database to the same catalog, and
// downgrading it to base leaves only Stratum's own tables.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { UnmodelledObject } from '../../src/dialects/dialect.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { tempProject } from '../commands/project.js'
import { fixture } from '../pull/support.js'
import { createTargets, dropTargets, type Target, withConnection } from '../runtime/targets.js'
import { postgresDatabase, type TestDatabase } from '../support/databases.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

const sources = await createTargets('e2e_pull')
const empties = await createTargets('e2e_pull_new')
afterAll(() => Promise.all([dropTargets(sources), dropTargets(empties)]))

const OWN = new Set(['stratum_version', 'stratum_history'])

/** The database as introspection reads it (every schema of its own), Stratum's tables left out. */
function catalog(url: string): Promise<{ schema: SchemaModel; unmodelled: UnmodelledObject[] }> {
  return withConnection(url, async (connection) => {
    const introspection = connection.dialect.introspection
    if (introspection?.unmodelled === undefined) throw new Error('no introspection')
    const schemas = await introspection.userSchemas?.(connection)
    const options = {
      ...(schemas === undefined ? {} : { schemas }),
      skipTable: (table: string) => OWN.has(table),
    }
    return {
      schema: await introspection.introspect(connection, options),
      unmodelled: [...(await introspection.unmodelled(connection, options))],
    }
  })
}

/** `stratum init`, then its config file removed (each test writes a JSON one). */
function initProject(cwd: string): void {
  ok(cwd, 'init')
  rmSync(join(cwd, 'stratum.config.ts'))
}

const SAMPLES: Record<Target['name'], string> = {
  sqlite: 'chinook/sqlite.sql',
  pglite: 'chinook/postgres.sql',
  postgres: 'chinook/postgres.sql',
  mariadb: 'chinook/mariadb.sql',
}

const cases = sources.map((source, index) => ({
  name: source.name,
  source,
  empty: empties[index] as Target,
}))

describe.each(cases)('pull and baseline e2e on $name', ({ name, source, empty }) => {
  it.skipIf(!source.database.available)(
    'pull → check; baseline --stamp → check; upgrade an empty database → same catalog; downgrade → nothing',
    async () => {
      const project = tempProject('stratum-e2e-pull-')
      const cwd = project.root
      const config = (extra: Record<string, unknown>) =>
        writeFileSync(
          join(cwd, 'stratum.config.json'),
          JSON.stringify({ url: source.database.url, migrations: 'migrations', ...extra }),
        )
      try {
        await withConnection(source.database.url, (connection) =>
          connection.executeBatch([fixture(SAMPLES[name])]),
        )
        const original = await catalog(source.database.url)
        initProject(cwd)
        config({})

        const pulled = stratum(cwd, 'pull')
        expect(pulled.code).toBe(0)
        const lines = pulled.stdout.trimEnd().split('\n')
        const shared = original.unmodelled.some((item) => item.table === undefined)
        expect(lines.slice(0, -1)).toEqual([
          ...(shared ? ['Wrote models/_schema.ts'] : []),
          ...original.schema.tables.map((table) =>
            expect.stringMatching(new RegExp(`^Wrote models/\\w+\\.ts \\(${table.name}\\)$`)),
          ),
        ])
        expect(lines.at(-1)).toBe(
          "Add to the config: models: ['models/**/*.ts'], then 'stratum check' compares them with the database",
        )
        if (original.unmodelled.length === 0) expect(pulled.stderr).toBe('')
        else expect(pulled.stderr).toMatch(/^stratum: warning: \d+ objects? not modelled: /)

        config({ models: ['models/**/*.ts'] })
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')

        const again = stratum(cwd, 'pull')
        expect(expectOneLineError(again, 1)).toMatch(
          /^stratum: error: Not overwriting models\/\w+\.ts, models\/\w+\.ts, models\/\w+\.ts and \d+ more$/,
        )
        expectOneLineError(stratum(cwd, 'pull', '--split', 'rows'), 2)

        const baseline = stratum(cwd, 'baseline', '-m', 'baseline', '--stamp')
        expect(baseline.code).toBe(0)
        const path = /^Generating (\S+) \.\.\. done\n/.exec(baseline.stdout)?.[1] ?? ''
        expect(baseline.stdout).toMatch(/\nStamped the database at [0-9a-f]{12}\n$/)
        expect(readFileSync(join(cwd, path), 'utf8')).toContain(
          'export const downRevision: string | string[] | null = null',
        )
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')
        expectOneLineError(stratum(cwd, 'baseline'), 1)

        ok(cwd, '--url', empty.database.url, 'upgrade', 'head')
        const built = await catalog(empty.database.url)
        expect(built.schema).toEqual(original.schema)
        expect(built.unmodelled).toEqual(original.unmodelled.filter((item) => item.create))
        ok(cwd, '--url', empty.database.url, 'downgrade', 'base')
        const emptied = await catalog(empty.database.url)
        expect(emptied).toEqual({ schema: { tables: [], enums: [], schemas: [] }, unmodelled: [] })
      } finally {
        project.remove()
      }
    },
    240_000,
  )
})

const pagila = [await postgresDatabase('e2e_pagila'), await postgresDatabase('e2e_pagila_new')]
afterAll(() => Promise.all(pagila.map((database) => database.drop())))

describe('pull and baseline e2e on Pagila (PostgreSQL)', () => {
  const [source, empty] = pagila as [TestDatabase, TestDatabase]

  it.skipIf(!source.available)(
    'lists what the DSL cannot express, and the baseline carries what has SQL',
    async () => {
      const project = tempProject('stratum-e2e-pagila-')
      const cwd = project.root
      try {
        await withConnection(source.url, (connection) =>
          connection.executeBatch([fixture('pagila/postgres.sql')]),
        )
        initProject(cwd)
        writeFileSync(
          join(cwd, 'stratum.config.json'),
          JSON.stringify({ url: source.url, migrations: 'migrations', models: ['models/*.ts'] }),
        )
        const pulled = stratum(cwd, 'pull', '--schema', 'public', '--split', 'schema')
        expect(pulled.code).toBe(0)
        expect(pulled.stdout).toMatch(/^Wrote models\/public\.ts \(actor, address, /)
        expect(pulled.stderr.split('\n')).toEqual([
          'stratum: warning: 9 objects not modelled: the model DSL cannot express them (listed at the top of the files):',
          '  - domain year (integer)',
          '  - function film_in_stock(p_film_id integer, p_store_id integer)',
          '  - function last_updated()',
          '  - view actor_info',
          '  - trigger last_updated on actor',
          '  - trigger last_updated on customer',
          '  - trigger last_updated on film',
          "  - partition payment_p2022_01 on payment (FOR VALUES FROM ('2022-01-01 00:00:00+00') TO ('2022-02-01 00:00:00+00'))",
          '  - partitioned table payment (PARTITION BY RANGE (payment_date))',
          '',
        ])
        const models = readFileSync(join(cwd, 'models', 'public.ts'), 'utf8')
        expect(models).toContain('// - domain year (integer)\n')
        expect(models).toContain(
          "export const mpaaRating = enumType('mpaa_rating', ['G', 'PG', 'PG-13', 'R', 'NC-17'])",
        )
        expect(models).toContain("releaseYear: nativeType('release_year', 'year'),")
        expect(models).toContain("specialFeatures: text('special_features').array(),")
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')

        const baseline = stratum(cwd, 'baseline', '--rev-id', 'ba5e11e0a9e1')
        expect(baseline.code).toBe(0)
        expect(baseline.stderr).toContain(
          'stratum: warning: 2 objects cannot be recreated by the baseline (listed in it)',
        )
        expect(baseline.stdout).toContain("mark it with 'stratum stamp ba5e11e0a9e1'")
        ok(cwd, 'stamp', 'ba5e11e0a9e1')
        expect(ok(cwd, 'check')).toBe('No new upgrade operations detected.\n')
        ok(cwd, '--url', empty.url, 'upgrade', 'head')
        expect(ok(cwd, '--url', empty.url, 'check')).toBe('No new upgrade operations detected.\n')
        ok(cwd, '--url', empty.url, 'downgrade', 'base')
        expect((await catalog(empty.url)).unmodelled).toEqual([])
      } finally {
        project.remove()
      }
    },
    240_000,
  )
})
