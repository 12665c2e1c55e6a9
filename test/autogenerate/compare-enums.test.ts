import { describe, expect, it } from 'vitest'
import { mysqlLike, pgLike } from './support/fake-dialect.js'
import { column, EMPTY, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const mood = (values: string[]) => ({ name: 'mood', values })
const people = (values: string[]) =>
  table('people', [id(), column('mood', { enum: values, name: 'mood' })])

describe('compareSchemas: enum types', () => {
  it('creates the type before the table using it, and drops it after', async () => {
    const result = await expectRoundTrip({
      target: schema([people(['sad', 'ok'])], { enums: [mood(['sad', 'ok'])] }),
      current: EMPTY,
      dialect: pgLike,
    })
    expect(result.upgrade.map((op) => op.kind)).toEqual(['createEnum', 'createTable'])
    expect(result.upgrade[0]).toEqual({ kind: 'createEnum', name: 'mood', values: ['sad', 'ok'] })
    expect(result.downgrade.map((op) => op.kind)).toEqual(['dropTable', 'dropEnum'])
  })

  it('creates a type that only appears on a column', async () => {
    const result = await compare(schema([people(['a', 'b'])]), EMPTY, pgLike)
    expect(result.upgrade[0]).toEqual({ kind: 'createEnum', name: 'mood', values: ['a', 'b'] })
  })

  it('drops a type no longer in the models, after the columns that used it', async () => {
    const result = await expectRoundTrip({
      target: schema([table('people', [id()])]),
      current: schema([people(['a'])], { enums: [mood(['a'])] }),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'dropColumn', table: 'people', column: 'mood' },
      { kind: 'dropEnum', name: 'mood' },
    ])
  })

  it('adds values in place, keeping the model’s order', async () => {
    const result = await expectRoundTrip({
      target: schema([people(['new', 'sad', 'meh', 'ok', 'happy'])], {
        enums: [mood(['new', 'sad', 'meh', 'ok', 'happy'])],
      }),
      current: schema([people(['sad', 'ok'])], { enums: [mood(['sad', 'ok'])] }),
      dialect: pgLike,
      irreversible: true,
    })
    expect(result.upgrade).toEqual([
      { kind: 'addEnumValue', name: 'mood', value: 'new', before: 'sad' },
      { kind: 'addEnumValue', name: 'mood', value: 'meh', after: 'sad' },
      { kind: 'addEnumValue', name: 'mood', value: 'happy', after: 'ok' },
    ])
    expect(result.downgrade).toEqual([])
    expect(result.notes.downgrade).toHaveLength(3)
    expect(result.notes.downgrade[0]?.text).toContain('PostgreSQL cannot drop an enum value')
  })

  it('never drops a value silently: a warning with the manual steps', async () => {
    const result = await compare(
      schema([people(['sad'])], { enums: [mood(['sad'])] }),
      schema([people(['sad', 'ok'])], { enums: [mood(['sad', 'ok'])] }),
      pgLike,
    )
    expect(result.upgrade).toEqual([])
    expect(result.changes).toEqual([
      {
        kind: 'removeEnumValue',
        name: 'mood',
        detail: "enum mood: value(s) 'ok' removed",
      },
    ])
    expect(result.warnings).toEqual([expect.stringContaining('cannot drop an enum value')])
    expect(result.notes.upgrade).toEqual([
      { before: 0, level: 'warning', text: result.warnings[0] },
    ])
  })

  it('reports values in another order', async () => {
    const result = await compare(
      schema([], { enums: [mood(['b', 'a'])] }),
      schema([], { enums: [mood(['a', 'b'])] }),
      pgLike,
    )
    expect(result.changes.map((change) => change.kind)).toEqual(['reorderEnumValues'])
  })

  it('compares inline enums as column types where there are no enum types', async () => {
    const inline = (values: string[]) =>
      schema([table('people', [id(), column('mood', { enum: values })])])
    expect((await compare(inline(['a', 'b']), inline(['a', 'b']), mysqlLike)).changes).toEqual([])
    const result = await compare(inline(['a', 'b', 'c']), inline(['a', 'b']), mysqlLike)
    expect(result.upgrade).toEqual([
      {
        kind: 'alterColumn',
        table: 'people',
        column: 'mood',
        type: { enum: ['a', 'b', 'c'] },
        existingType: { enum: ['a', 'b'] },
        existingNullable: true,
      },
    ])
  })

  it('creates enums in a schema', async () => {
    const result = await expectRoundTrip({
      target: schema([], { enums: [{ name: 'state', schema: 'billing', values: ['open'] }] }),
      current: schema([], { schemas: ['billing'] }),
      dialect: pgLike,
    })
    expect(result.upgrade).toEqual([
      { kind: 'createEnum', name: 'state', schema: 'billing', values: ['open'] },
    ])
  })
})
