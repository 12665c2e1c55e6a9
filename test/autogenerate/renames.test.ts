import { describe, expect, it } from 'vitest'
import {
  parseRenameArgs,
  type RenameCandidate,
  type RenameResolver,
} from '../../src/autogenerate/index.js'
import { pgLike } from './support/fake-dialect.js'
import { column, fk, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const users = (...columns: ReturnType<typeof column>[]) =>
  schema([table('users', [id(), ...columns])])

/** A resolver that answers from a list of `from=to` pairs and records what it was asked. */
function answering(...yes: string[]): RenameResolver & { asked: RenameCandidate[][] } {
  const asked: RenameCandidate[][] = []
  const resolver = async (candidates: readonly RenameCandidate[]) => {
    asked.push([...candidates])
    return candidates.map((c) => yes.includes(`${c.from}=${c.to}`))
  }
  return Object.assign(resolver, { asked })
}

describe('compareSchemas: renames', () => {
  it('renames a column from a renamedFrom hint without asking', async () => {
    const resolver = answering()
    const result = await expectRoundTrip({
      target: users(column('name', 'text', { renamedFrom: 'fullname' })),
      current: users(column('fullname', 'text')),
      dialect: pgLike,
      renames: resolver,
    })
    expect(result.upgrade).toEqual([
      { kind: 'alterColumn', table: 'users', column: 'fullname', newName: 'name' },
    ])
    expect(result.downgrade).toEqual([
      { kind: 'alterColumn', table: 'users', column: 'name', newName: 'fullname' },
    ])
    expect(result.changes).toMatchObject([{ kind: 'renameColumn', column: 'name' }])
    expect(resolver.asked).toEqual([])
    expect(result.warnings).toEqual([])
  })

  it('renames and alters: the rename first, then the change on the new name', async () => {
    const result = await expectRoundTrip({
      target: users(column('name', 'varchar(100)', { renamedFrom: 'fullname' })),
      current: users(column('fullname', 'text')),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'alterColumn', table: 'users', column: 'fullname', newName: 'name' },
      {
        kind: 'alterColumn',
        table: 'users',
        column: 'name',
        type: 'varchar(100)',
        existingType: 'text',
        existingNullable: true,
      },
    ])
  })

  it('asks the resolver about look-alike pairs and renames on yes', async () => {
    const resolver = answering('fullname=full_name')
    const result = await expectRoundTrip({
      target: users(column('full_name', 'text'), column('age', 'integer')),
      current: users(column('fullname', 'text')),
      dialect: pgLike,
      renames: resolver,
    })
    expect(resolver.asked).toHaveLength(1)
    expect(resolver.asked[0]).toEqual([
      {
        kind: 'column',
        table: 'users',
        from: 'fullname',
        to: 'full_name',
        similarity: expect.any(Number),
      },
    ])
    expect(result.upgrade.map((op) => op.kind)).toEqual(['alterColumn', 'addColumn'])
    expect(result.warnings).toEqual([])
  })

  it('drops and adds with a loud warning when the resolver says no', async () => {
    const result = await compare(
      users(column('full_name', 'text')),
      users(column('fullname', 'text')),
      pgLike,
      { renames: answering() },
    )
    expect(result.upgrade).toEqual([
      { kind: 'addColumn', table: 'users', column: { name: 'full_name', type: 'text' } },
      { kind: 'dropColumn', table: 'users', column: 'fullname' },
    ])
    expect(result.warnings).toEqual([
      "column users.fullname is dropped while full_name is added. If it was renamed, say so (renamedFrom: 'fullname' in the model, or --rename users.fullname=full_name); as generated, its data is lost.",
    ])
    expect(result.notes.upgrade).toEqual([
      { before: 1, level: 'warning', text: result.warnings[0] },
    ])
  })

  it('warns without a resolver too, even when the pair does not look alike', async () => {
    const result = await compare(
      users(column('name', 'varchar(10)', { nullable: false, default: '' })),
      users(column('fullname', 'text')),
      pgLike,
    )
    expect(result.warnings).toEqual([expect.stringContaining('--rename users.fullname=name')])
  })

  it('takes --rename answers as authoritative, look-alike or not', async () => {
    const resolver = answering()
    const result = await expectRoundTrip({
      target: users(column('name', 'varchar(10)')),
      current: users(column('fullname', 'text')),
      dialect: pgLike,
      renames: resolver,
      renameMap: parseRenameArgs(['users.fullname=name']),
    })
    expect(result.upgrade[0]).toEqual({
      kind: 'alterColumn',
      table: 'users',
      column: 'fullname',
      newName: 'name',
    })
    expect(resolver.asked).toEqual([])
  })

  it('warns about a --rename answer that matches nothing', async () => {
    const result = await compare(users(), users(), pgLike, {
      renameMap: parseRenameArgs(['users.a=b', 'x=y']),
    })
    expect(result.warnings).toEqual([
      '--rename x=y was not used: the database and the models have no such dropped and added pair',
      '--rename users.a=b was not used: the database and the models have no such dropped and added pair',
    ])
  })

  it('warns about a renamedFrom hint naming nothing', async () => {
    const result = await compare(
      users(column('name', 'text', { renamedFrom: 'nope' })),
      users(),
      pgLike,
    )
    expect(result.upgrade.map((op) => op.kind)).toEqual(['addColumn'])
    expect(result.warnings).toEqual([expect.stringContaining("renamedFrom 'nope'")])
  })

  it('renames a table: references and keys follow, and nothing else changes', async () => {
    const person = table('person', [id(), column('name', 'text')], {
      primaryKey: { name: 'person_pkey', columns: ['id'] },
      indexes: [{ name: 'person_name_idx', columns: ['name'], unique: false }],
    })
    const orders = table('orders', [id(), column('person_id', 'integer')], {
      foreignKeys: [fk(['person_id'], 'person', { name: 'orders_person_fkey' })],
    })
    const people = {
      ...person,
      name: 'people',
      primaryKey: { columns: ['id'] },
      indexes: [{ name: 'person_name_idx', columns: ['name'], unique: false }],
      renamedFrom: 'person',
    }
    const result = await expectRoundTrip({
      target: schema([people, { ...orders, foreignKeys: [fk(['person_id'], 'people')] }]),
      current: schema([person, orders]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([{ kind: 'renameTable', table: 'person', newName: 'people' }])
    expect(result.downgrade).toEqual([{ kind: 'renameTable', table: 'people', newName: 'person' }])
  })

  it('asks about tables first, then about columns of the renamed table', async () => {
    const resolver = answering('person=people', 'fullname=name')
    const result = await expectRoundTrip({
      target: schema([table('people', [id(), column('name', 'text'), column('born', 'date')])]),
      current: schema([
        table('person', [id(), column('fullname', 'text'), column('born', 'date')]),
      ]),
      dialect: pgLike,
      renames: resolver,
    })
    expect(resolver.asked.map((round) => round.map((c) => `${c.kind} ${c.from}=${c.to}`))).toEqual([
      ['table person=people'],
      ['column fullname=name'],
    ])
    expect(resolver.asked[1]?.[0]?.table).toBe('people')
    expect(result.upgrade).toEqual([
      { kind: 'renameTable', table: 'person', newName: 'people' },
      { kind: 'alterColumn', table: 'people', column: 'fullname', newName: 'name' },
    ])
  })

  it('drops and creates a table with a warning when not told it was renamed', async () => {
    const result = await compare(
      schema([table('people', [id(), column('name', 'text')])]),
      schema([table('person', [id(), column('name', 'text')])]),
      pgLike,
    )
    expect(result.upgrade.map((op) => op.kind)).toEqual(['dropTable', 'createTable'])
    expect(result.warnings).toEqual([
      "table person is dropped while people is added. If it was renamed, say so (renamedFrom: 'person' in the model, or --rename person=people); as generated, its data is lost.",
    ])
    expect(result.notes.upgrade).toEqual([
      { before: 0, level: 'warning', text: result.warnings[0] },
    ])
  })

  it('does not suspect a rename between tables that share few columns', async () => {
    const result = await compare(
      schema([table('orders', [id(), column('total', 'integer'), column('note', 'text')])]),
      schema([table('legacy', [id(), column('blob', 'bytes'), column('x', 'text')])]),
      pgLike,
      { renames: answering() },
    )
    expect(result.upgrade.map((op) => op.kind)).toEqual(['dropTable', 'createTable'])
    expect(result.warnings).toEqual([])
  })

  it('follows a renamed column into the keys and indexes that use it', async () => {
    const parent = (key: string, extra = {}) =>
      table('parent', [column(key, 'integer', { nullable: false })], {
        primaryKey: { name: 'parent_pkey', columns: [key] },
        indexes: [{ name: 'parent_key_idx', columns: [key], unique: false }],
        ...extra,
      })
    const child = (key: string) =>
      table('child', [id(), column('parent_id', 'integer')], {
        foreignKeys: [fk(['parent_id'], 'parent', { name: 'child_fk', referencedColumns: [key] })],
      })
    const result = await expectRoundTrip({
      target: schema([
        parent('code', {
          columns: [column('code', 'integer', { nullable: false, renamedFrom: 'ref' })],
        }),
        child('code'),
      ]),
      current: schema([parent('ref'), child('ref')]),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'alterColumn', table: 'parent', column: 'ref', newName: 'code' },
    ])
  })

  it('ignores a yes that conflicts with an earlier rename', async () => {
    const result = await compare(
      users(column('name', 'text')),
      users(column('fullname', 'text'), column('nickname', 'text')),
      pgLike,
      { renames: answering('fullname=name', 'nickname=name') },
    )
    expect(result.upgrade.filter((op) => op.kind === 'alterColumn')).toHaveLength(1)
    expect(result.warnings).toContainEqual(expect.stringContaining('is ignored'))
  })

  it('rejects a resolver that does not answer every candidate', async () => {
    await expect(
      compare(users(column('b', 'text')), users(column('a', 'text')), pgLike, {
        renames: async () => [],
      }),
    ).rejects.toMatchObject({ code: 'RENAME_ANSWERS' })
  })
})

describe('parseRenameArgs', () => {
  it('parses tables and columns, with and without schemas', () => {
    expect(
      parseRenameArgs([
        'users.fullname=name',
        'old_table=new_table',
        'billing.invoices.total=amount',
        'billing.bills=billing.invoices',
      ]),
    ).toEqual({
      tables: [
        { from: 'old_table', to: 'new_table' },
        { schema: 'billing', from: 'bills', to: 'invoices' },
      ],
      columns: [
        { table: 'users', from: 'fullname', to: 'name' },
        { schema: 'billing', table: 'invoices', from: 'total', to: 'amount' },
      ],
    })
  })

  it.each([
    ['users.fullname', 'has no ='],
    ['a=b=c', 'has more than one ='],
    ['users.=name', 'has an empty name'],
    ['=x', 'has an empty name'],
    ['old=billing.new', 'moves a table to another schema'],
    ['a.old=b.new', 'moves a table to another schema'],
    ['users.a=users.b.c', 'gives the new column name with a table'],
    ['a.b.c.d=e', 'has too many dots'],
    ['users.name=name', 'renames users.name to itself'],
  ])('rejects %s', (argument, problem) => {
    expect(() => parseRenameArgs([argument])).toThrow(`--rename '${argument}': ${problem}`)
  })

  it('rejects a name renamed twice, naming both arguments', () => {
    expect(() => parseRenameArgs(['users.a=b', 'users.a=c'])).toThrow(
      "--rename 'users.a=c' and 'users.a=b' both rename users.a",
    )
    expect(() => parseRenameArgs(['users.a=c', 'users.b=c'])).toThrow('both rename')
    expect(() => parseRenameArgs(['a=b', 'users.a=c'])).not.toThrow()
  })

  it('is a usage error with the accepted forms as hint', () => {
    try {
      parseRenameArgs(['nope'])
    } catch (error) {
      expect(error).toMatchObject({ code: 'USAGE', hint: expect.stringContaining('TABLE.OLD=NEW') })
    }
  })
})
