// The words of `verify`'s differences, from autogenerate's changes.
import { describe, expect, it } from 'vitest'
import type { Change } from '../../src/autogenerate/index.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import { describeDifference, roundTripDifferences } from '../../src/runtime/schema-diff-text.js'
import type { SchemaModel, TableModel } from '../../src/schema/model.js'

const change = (kind: Change['kind'], detail: string): Change => ({ kind, detail })

describe('describeDifference', () => {
  it('words what is left, what is missing and what changed, and by which step', () => {
    const cases: [Change, boolean, string][] = [
      [
        change('createTable', 'table audit added'),
        true,
        'downgrade of r3 leaves table audit (added by its upgrade)',
      ],
      [
        change('dropColumn', 'column users.name dropped'),
        false,
        'downgrade of r3 does not restore column users.name (dropped by its downgrade)',
      ],
      [
        change('removeEnumValue', "enum mood: value(s) 'ok' removed"),
        true,
        "downgrade of r3 does not restore enum mood: value(s) 'ok' (dropped by its upgrade)",
      ],
      [
        change('changeIndex', 'index ix on users changed'),
        true,
        'downgrade of r3 leaves index ix on users changed (by its upgrade)',
      ],
      [
        change('columnType', 'column users.email: type varchar(200) -> text'),
        true,
        'downgrade of r3 leaves column users.email: type varchar(200) -> text (before the upgrade -> after the downgrade, as its upgrade changed it)',
      ],
    ]
    for (const [input, fromUpgrade, text] of cases) {
      expect(describeDifference('r3', input, fromUpgrade).text).toBe(text)
    }
    expect(describeDifference('r3', cases[4]![0], true)).toMatchObject({
      kind: 'changed',
      object: 'column users.email',
      by: 'upgrade',
    })
  })
})

describe('roundTripDifferences', () => {
  const users = (columns: TableModel['columns']): SchemaModel => ({
    tables: [{ name: 'users', columns, uniques: [], foreignKeys: [], indexes: [], checks: [] }],
    enums: [],
    schemas: [],
  })
  const id = { name: 'id', type: 'integer', nullable: false } as const
  const email = (type: string) => ({ name: 'email', type, nullable: true }) as const

  it('is empty when the schema came back, whatever the column order', async () => {
    const before = users([id, email('text')])
    const restored = users([email('text'), id])
    const upgraded = users([id])
    const differences = await roundTripDifferences(
      'r3',
      { before, upgraded, restored },
      { dialect: sqliteDialect },
    )
    expect(differences).toEqual([])
  })

  it('says which step changed a column', async () => {
    const before = users([id, email('varchar(200)')])
    const upgraded = users([id, email('text')])
    const differences = await roundTripDifferences(
      'r3',
      { before, upgraded, restored: upgraded },
      { dialect: sqliteDialect },
    )
    expect(differences.map((d) => [d.kind, d.by])).toEqual([['changed', 'upgrade']])
  })
})
