/**
 * Runs one corpus scenario through the API, as a user would run the commands: models v1 →
 * `revision --autogenerate` → `upgrade head` → autogenerate again finds nothing; models v2
 * → the same; `downgrade -1` → the database reads as it did at v1; `downgrade base` → empty.
 * (The model modules take the DSL from a global: see test/support/model-project.ts.)
 */
import { expect } from 'vitest'
import {
  type ChangeKind,
  type ComparisonResult,
  compareSchemas,
} from '../../../src/autogenerate/index.js'
import { parseUrl } from '../../../src/config/url.js'
import type { Dialect } from '../../../src/dialects/dialect.js'
import { dialectFor } from '../../../src/dialects/registry.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import { modelProject } from '../../support/model-project.js'
import { resetDatabase } from './reset-database.js'
import { expectedKinds, type Scenario } from './scenarios.js'

/** The dialect of a test database URL. */
export function dialectOf(url: string): Promise<Dialect> {
  return dialectFor(parseUrl(url))
}

/** Why `dialect` skips `scenario`, for the test name; '' when it runs. */
export function skipReason(scenario: Scenario, dialect: Dialect): string {
  return scenario.skip?.(dialect) ?? ''
}

/** The known gap that makes `scenario` fail on `dialect`, for the test name; '' when none. */
export function knownGap(scenario: Scenario, dialect: Dialect): string {
  return scenario.knownGap?.(dialect) ?? ''
}

function expectNothing(result: ComparisonResult, when: string): void {
  expect({ when, changes: result.changes, upgrade: result.upgrade }).toEqual({
    when,
    changes: [],
    upgrade: [],
  })
}

/**
 * After the downgrade the database must read as it did at v1. Where the downgrade cannot
 * restore everything (`tolerated` change kinds), the comparison says what differs instead.
 */
async function expectSameSchema(options: {
  readonly dialect: Dialect
  readonly now: SchemaModel
  readonly before: SchemaModel
  readonly tolerated: readonly ChangeKind[]
}): Promise<void> {
  const { dialect, before, tolerated } = options
  const now = unnamedPrimaryKeys(options)
  if (tolerated.length === 0) {
    expect(now).toEqual(before)
    return
  }
  const left = await compareSchemas({ target: before, current: now, dialect })
  expect(left.changes.filter((change) => !tolerated.includes(change.kind))).toEqual([])
}

/**
 * SQLite stores no name for a primary key written inline, but `op.createPrimaryKey` needs
 * one: a downgrade that recreates such a key gives it `<table>_pkey` (a name SQLite keeps
 * and nothing else uses). Only that difference is forgiven.
 */
function unnamedPrimaryKeys(options: {
  readonly dialect: Dialect
  readonly now: SchemaModel
  readonly before: SchemaModel
}): SchemaModel {
  const { dialect, now, before } = options
  if (dialect.name !== 'sqlite') return now
  const tables = now.tables.map((table) => {
    const earlier = before.tables.find((other) => other.name === table.name)
    const key = table.primaryKey
    if (key?.name !== `${table.name}_pkey` || earlier?.primaryKey?.name !== undefined) return table
    const { name: _, ...unnamed } = key
    return { ...table, primaryKey: unnamed }
  })
  return { ...now, tables }
}

/**
 * Runs `scenario` on the database at `url` (which must hold no model tables), in a new
 * project folder; leaves the database at base with no model tables.
 */
export async function runScenario(url: string, scenario: Scenario): Promise<void> {
  const project = modelProject({ url })
  const models = (body: string) => project.models(body)
  const migrator = await project.migrator()
  try {
    const dialect = await dialectOf(url)
    const read = () =>
      migrator.introspect(scenario.schemas === undefined ? {} : { schemas: scenario.schemas })
    expect((await read()).tables).toEqual([])

    models(scenario.v1)
    const first = await migrator.revision({ autogenerate: true, message: 'v1' })
    expect(first.empty).toBe(false)
    expect(first.comparison.warnings).toEqual([])
    await migrator.upgrade('head')
    expectNothing(await migrator.compare(), 'after upgrading to v1')
    const v1 = await read()

    models(scenario.v2)
    const renameArgs = scenario.renames === undefined ? {} : { renameArgs: scenario.renames }
    const second = await migrator.revision({ autogenerate: true, message: 'v2', ...renameArgs })
    const kinds = new Set(second.comparison.changes.map((change) => change.kind))
    expect([...kinds]).toEqual(expect.arrayContaining([...expectedKinds(scenario, dialect)]))
    if (!scenario.warns) expect(second.comparison.warnings).toEqual([])
    else expect(second.comparison.warnings).not.toEqual([])
    await migrator.upgrade('head')
    expectNothing(await migrator.compare(), 'after upgrading to v2')

    await migrator.downgrade('-1')
    const tolerated = scenario.irreversible?.(dialect) ?? []
    await expectSameSchema({ dialect, now: await read(), before: v1, tolerated })
    await migrator.downgrade('base')
    const empty = await read()
    expect({ tables: empty.tables, enums: empty.enums }).toEqual({ tables: [], enums: [] })
  } catch (error) {
    await migrator.close()
    await resetDatabase(url)
    throw error
  } finally {
    await migrator.close()
    project.remove()
  }
}
