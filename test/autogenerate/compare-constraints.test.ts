import { describe, expect, it } from 'vitest'
import type { TableModel } from '../../src/schema/model.js'
import { mysqlLike, pgLike, sqliteLike } from './support/fake-dialect.js'
import { column, fk, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const teams = table('teams', [id()])
const needsIndex = {
  ...mysqlLike,
  capabilities: { ...mysqlLike.capabilities, foreignKeysNeedIndex: true },
}
const members = (extra: Partial<TableModel> = {}) =>
  table(
    'members',
    [
      column('team_id', 'integer', { nullable: false }),
      column('user_id', 'integer', { nullable: false }),
      column('role', 'text'),
    ],
    { primaryKey: { columns: ['team_id', 'user_id'] }, ...extra },
  )

describe('compareSchemas: keys, checks and indexes', () => {
  it('creates a composite primary key at table level', async () => {
    const result = await expectRoundTrip({
      target: schema([members()]),
      current: schema([]),
      dialect: pgLike,
    })
    expect(result.upgrade[0]).toMatchObject({ primaryKey: { columns: ['team_id', 'user_id'] } })
    expect(result.upgrade[0]).toMatchObject({
      columns: [{ name: 'team_id', nullable: false }, { name: 'user_id', nullable: false }, {}],
    })
  })

  it('changes a primary key: drop, then create', async () => {
    const result = await expectRoundTrip({
      target: schema([members({ primaryKey: { columns: ['user_id', 'team_id'] } })]),
      current: schema([
        members({ primaryKey: { name: 'members_pkey', columns: ['team_id', 'user_id'] } }),
      ]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'dropConstraint', name: 'members_pkey', table: 'members', type: 'primaryKey' },
      {
        kind: 'createPrimaryKey',
        name: 'members_pkey',
        table: 'members',
        columns: ['user_id', 'team_id'],
      },
    ])
    expect(result.changes).toMatchObject([{ kind: 'changePrimaryKey' }])
  })

  it('adds and drops unique constraints, naming the unnamed', async () => {
    const result = await expectRoundTrip({
      target: schema([members({ uniques: [{ columns: ['user_id', 'role'] }] })]),
      current: schema([members({ uniques: [{ name: 'members_role_key', columns: ['role'] }] })]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'dropConstraint', name: 'members_role_key', table: 'members', type: 'unique' },
      {
        kind: 'createUniqueConstraint',
        name: 'members_user_id_role_key',
        table: 'members',
        columns: ['user_id', 'role'],
      },
    ])
  })

  it('matches constraints by name when both sides name them', async () => {
    const result = await expectRoundTrip({
      target: schema([members({ uniques: [{ name: 'one', columns: ['role'] }] })]),
      current: schema([members({ uniques: [{ name: 'two', columns: ['role'] }] })]),
      dialect: pgLike,
    })
    expect(result.upgrade.map((op) => op.kind)).toEqual([
      'dropConstraint',
      'createUniqueConstraint',
    ])
  })

  it('adds, drops and changes foreign keys around everything else', async () => {
    const target = schema([
      teams,
      members({ foreignKeys: [fk(['team_id'], 'teams', { onDelete: 'cascade' })] }),
    ])
    const current = schema([
      teams,
      members({ foreignKeys: [fk(['team_id'], 'teams', { name: 'members_team_id_fkey' })] }),
    ])
    const result = await expectRoundTrip({ target, current, dialect: pgLike })
    expect(result.upgrade).toEqual([
      {
        kind: 'dropConstraint',
        name: 'members_team_id_fkey',
        table: 'members',
        type: 'foreignKey',
      },
      {
        kind: 'createForeignKey',
        name: 'members_team_id_fkey',
        table: 'members',
        columns: ['team_id'],
        referencedTable: 'teams',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      },
    ])
    expect(result.changes.map((change) => change.kind)).toEqual([
      'dropForeignKey',
      'createForeignKey',
    ])
  })

  it('sees no change in foreign keys named by the database, or NO ACTION spelled out', async () => {
    const result = await compare(
      schema([teams, members({ foreignKeys: [fk(['team_id'], 'teams')] })]),
      schema([
        teams,
        members({
          foreignKeys: [
            fk(['team_id'], 'teams', { name: 'members_ibfk_1', onUpdate: 'no action' }),
          ],
        }),
      ]),
      mysqlLike,
    )
    expect(result.changes).toEqual([])
  })

  it('ignores deferrable where the dialect has no deferrable keys, with a warning', async () => {
    const result = await compare(
      schema([teams, members({ foreignKeys: [fk(['team_id'], 'teams', { deferrable: true })] })]),
      schema([teams, members({ foreignKeys: [fk(['team_id'], 'teams', { name: 'k' })] })]),
      mysqlLike,
    )
    expect(result.changes).toEqual([])
    expect(result.warnings).toEqual([expect.stringContaining('deferrable')])
  })

  it('compares checks by name, or by canonical expression when unnamed', async () => {
    const result = await expectRoundTrip({
      target: schema([
        members({
          checks: [
            { expression: "role <> ''" },
            { name: 'members_team_positive', expression: 'team_id > 0' },
          ],
        }),
      ]),
      current: schema([
        members({
          checks: [
            { name: 'members_check', expression: "(ROLE <> '')" },
            { name: 'members_team_positive', expression: 'team_id >= 0' },
          ],
        }),
      ]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'dropConstraint', name: 'members_team_positive', table: 'members', type: 'check' },
      {
        kind: 'createCheckConstraint',
        name: 'members_team_positive',
        table: 'members',
        expression: 'team_id > 0',
      },
    ])
    expect(result.changes).toMatchObject([{ kind: 'changeCheck', name: 'members_team_positive' }])
  })

  it('warns instead of dropping a constraint the database keeps no name for', async () => {
    const result = await compare(
      schema([members()]),
      schema([members({ checks: [{ expression: 'team_id > 0' }] })]),
      sqliteLike,
    )
    expect(result.upgrade).toEqual([])
    expect(result.changes).toMatchObject([{ kind: 'dropCheck' }])
    expect(result.warnings).toEqual([expect.stringContaining('has no name in the database')])
  })

  it('adds, drops and changes indexes (a change is drop + create)', async () => {
    const index = (name: string, extra = {}) => ({
      name,
      columns: ['role'],
      unique: false,
      ...extra,
    })
    const result = await expectRoundTrip({
      target: schema([
        members({ indexes: [index('a'), index('b', { where: "role <> 'x'" }), index('d')] }),
      ]),
      current: schema([
        members({ indexes: [index('a', { using: 'BTREE' }), index('b'), index('c')] }),
      ]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'dropIndex', name: 'c', table: 'members' },
      { kind: 'dropIndex', name: 'b', table: 'members' },
      { kind: 'createIndex', name: 'b', table: 'members', columns: ['role'], where: "role <> 'x'" },
      { kind: 'createIndex', name: 'd', table: 'members', columns: ['role'] },
    ])
    expect(result.changes.map((change) => change.kind)).toEqual([
      'dropIndex',
      'changeIndex',
      'createIndex',
    ])
  })

  it('ignores partial predicates where the dialect has no partial indexes', async () => {
    const index = { name: 'i', columns: ['role'], unique: false }
    const result = await compare(
      schema([members({ indexes: [{ ...index, where: 'role is not null' }] })]),
      schema([members({ indexes: [index] })]),
      mysqlLike,
    )
    expect(result.changes).toEqual([])
  })

  it('takes a unique index for the unique constraint it stands for, and back', async () => {
    const asIndex = members({
      indexes: [{ name: 'members_role_key', columns: ['role'], unique: true }],
    })
    const asConstraint = members({ uniques: [{ columns: ['role'] }] })
    expect((await compare(schema([asConstraint]), schema([asIndex]), mysqlLike)).changes).toEqual(
      [],
    )
    expect((await compare(schema([asIndex]), schema([asConstraint]), sqliteLike)).changes).toEqual(
      [],
    )
  })

  it('leaves out the indexes the database made for keys', async () => {
    const current = members({
      primaryKey: { name: 'PRIMARY', columns: ['team_id', 'user_id'] },
      uniques: [{ name: 'members_role_key', columns: ['role'] }],
      foreignKeys: [fk(['user_id'], 'teams', { name: 'members_user_fk' })],
      indexes: [
        { name: 'PRIMARY', columns: ['team_id', 'user_id'], unique: true },
        { name: 'members_role_key', columns: ['role'], unique: true },
        { name: 'members_user_fk', columns: ['user_id'], unique: false },
      ],
    })
    const target = members({
      uniques: [{ columns: ['role'] }],
      foreignKeys: [fk(['user_id'], 'teams')],
    })
    const result = await compare(schema([teams, target]), schema([teams, current]), needsIndex)
    expect(result.changes).toEqual([])
  })
})

describe('compareSchemas: foreign keys that need an index', () => {
  // The primary key (team_id, user_id) covers team_id, not user_id.
  const withIndexes = (...indexes: { name: string; columns: string[] }[]) =>
    schema([
      teams,
      members({
        foreignKeys: [fk(['user_id'], 'teams', { name: 'members_user_fk' })],
        indexes: indexes.map((index) => ({ ...index, unique: false })),
      }),
    ])
  const names = (ops: readonly { kind: string; name?: string }[]) =>
    ops.map((op) => `${op.kind} ${op.name}`)

  it('drops and recreates a key around a change of the only index it uses', async () => {
    const result = await expectRoundTrip({
      target: withIndexes({ name: 'members_user_idx', columns: ['user_id', 'role'] }),
      current: withIndexes({ name: 'members_user_idx', columns: ['user_id'] }),
      dialect: needsIndex,
    })
    expect(names(result.upgrade as { kind: string; name?: string }[])).toEqual([
      'dropConstraint members_user_fk',
      'dropIndex members_user_idx',
      'createIndex members_user_idx',
      'createForeignKey members_user_fk',
    ])
    expect(result.notes.upgrade[0]?.text).toContain('created again around the change')
    expect(result.changes.map((change) => change.kind)).toEqual(['changeIndex'])
  })

  it('leaves the key alone where another index still covers it', async () => {
    const kept = { name: 'members_kept_idx', columns: ['user_id', 'team_id'] }
    const result = await compare(
      withIndexes({ name: 'members_user_idx', columns: ['user_id', 'role'] }, kept),
      withIndexes({ name: 'members_user_idx', columns: ['user_id'] }, kept),
      needsIndex,
    )
    expect(result.upgrade.map((op) => op.kind)).toEqual(['dropIndex', 'createIndex'])
  })

  it('leaves the key alone where the dialect does not need an index for it', async () => {
    const result = await compare(
      withIndexes({ name: 'members_user_idx', columns: ['user_id', 'role'] }),
      withIndexes({ name: 'members_user_idx', columns: ['user_id'] }),
      mysqlLike,
    )
    expect(result.upgrade.map((op) => op.kind)).toEqual(['dropIndex', 'createIndex'])
  })

  it('drops the index the database made for a key with the key, both ways', async () => {
    const keyed = members({
      foreignKeys: [fk(['user_id'], 'teams', { name: 'members_user_fk' })],
    })
    const withImplicit = {
      ...keyed,
      indexes: [{ name: 'members_user_fk', columns: ['user_id'], unique: false }],
    }
    const dropped = await expectRoundTrip({
      target: schema([teams, members()]),
      current: schema([teams, withImplicit]),
      dialect: needsIndex,
    })
    expect(names(dropped.upgrade as { kind: string; name?: string }[])).toEqual([
      'dropConstraint members_user_fk',
      'dropIndex members_user_fk',
    ])
    expect(names(dropped.downgrade as { kind: string; name?: string }[])).toEqual([
      'createForeignKey members_user_fk',
    ])
    const created = await compare(schema([teams, keyed]), schema([teams, members()]), needsIndex)
    expect(names(created.downgrade as { kind: string; name?: string }[])).toEqual([
      'dropConstraint members_user_fk',
      'dropIndex members_user_fk',
    ])
  })
})
