import { describe, expect, it } from 'vitest'
import type { Operation } from '../../src/operations/types.js'
import { pgLike, sqliteLike } from './support/fake-dialect.js'
import { column, EMPTY, fk, id, schema, table } from './support/models.js'
import { compare, expectRoundTrip } from './support/round-trip.js'

const summary = (ops: readonly Operation[]) =>
  ops.map((op) => `${op.kind} ${'table' in op ? op.table : ''}${'name' in op ? ` ${op.name}` : ''}`)

describe('compareSchemas: dependency order', () => {
  it('keeps a self-referencing foreign key inline in createTable', async () => {
    const nodes = table('nodes', [id(), column('parent_id', 'integer')], {
      foreignKeys: [fk(['parent_id'], 'nodes')],
    })
    const result = await expectRoundTrip({
      target: schema([nodes]),
      current: EMPTY,
      dialect: pgLike,
    })
    expect(summary(result.upgrade)).toEqual(['createTable nodes'])
    expect(result.upgrade[0]).toMatchObject({
      columns: [
        { name: 'id' },
        { name: 'parent_id', references: { table: 'nodes', column: 'id' } },
      ],
    })
  })

  it('breaks a foreign key cycle: tables first, the closing key afterwards', async () => {
    const a = table('a', [id(), column('b_id', 'integer')], { foreignKeys: [fk(['b_id'], 'b')] })
    const b = table('b', [id(), column('a_id', 'integer')], { foreignKeys: [fk(['a_id'], 'a')] })
    const result = await expectRoundTrip({
      target: schema([a, b]),
      current: EMPTY,
      dialect: pgLike,
    })
    expect(summary(result.upgrade)).toEqual([
      'createTable a',
      'createTable b',
      'createForeignKey a a_b_id_fkey',
    ])
    expect(result.upgrade[0]).not.toHaveProperty('columns.1.references')
    expect(summary(result.downgrade)).toEqual([
      'dropConstraint a a_b_id_fkey',
      'dropTable b',
      'dropTable a',
    ])
  })

  it('drops a cycle of tables: the closing key first, recreated last in the downgrade', async () => {
    const a = table('a', [id(), column('b_id', 'integer')], {
      foreignKeys: [fk(['b_id'], 'b', { name: 'a_b_fk' })],
    })
    const b = table('b', [id(), column('a_id', 'integer')], {
      foreignKeys: [fk(['a_id'], 'a', { name: 'b_a_fk' })],
    })
    const c = table('c', [id()])
    const result = await expectRoundTrip({
      target: schema([c]),
      current: schema([a, b, c]),
      dialect: pgLike,
    })
    expect(summary(result.upgrade)).toEqual([
      'dropConstraint a a_b_fk',
      'dropTable b',
      'dropTable a',
    ])
    expect(summary(result.downgrade)).toEqual([
      'createTable a',
      'createTable b',
      'createForeignKey a a_b_fk',
    ])
  })

  it('handles a three-table cycle next to independent tables', async () => {
    const t = (name: string, next: string) =>
      table(name, [id(), column(`${next}_id`, 'integer')], {
        foreignKeys: [fk([`${next}_id`], next)],
      })
    const target = schema([t('x', 'y'), t('y', 'z'), t('z', 'x'), table('w', [id()])])
    const result = await expectRoundTrip({ target, current: EMPTY, dialect: pgLike })
    expect(summary(result.upgrade)).toEqual([
      'createTable w',
      'createTable x',
      'createTable z',
      'createTable y',
      'createForeignKey x x_y_id_fkey',
    ])
  })

  it('creates and drops a 500-table foreign key chain without recursion', async () => {
    const tables = Array.from({ length: 500 }, (_, i) =>
      table(
        `t${String(i).padStart(3, '0')}`,
        i === 0 ? [id()] : [id(), column('prev_id', 'integer')],
        {
          foreignKeys:
            i === 0
              ? []
              : [fk(['prev_id'], `t${String(i - 1).padStart(3, '0')}`, { name: `fk_${i}` })],
        },
      ),
    )
    // Reversed input: the order must come from the keys, not from the names.
    const target = schema([...tables].reverse())
    const started = performance.now()
    const created = await compare(target, EMPTY, pgLike)
    const dropped = await compare(EMPTY, target, sqliteLike)
    expect(performance.now() - started).toBeLessThan(2000)
    expect(created.upgrade).toHaveLength(500)
    expect(created.upgrade.map((op) => (op as { table: string }).table)).toEqual(
      tables.map((t) => t.name),
    )
    expect(dropped.upgrade.map((op) => (op as { table: string }).table)).toEqual(
      tables.map((t) => t.name).reverse(),
    )
    expect(created.upgrade.every((op) => op.kind === 'createTable')).toBe(true)
    const identical = await compare(target, target, pgLike)
    expect(identical.changes).toEqual([])
  })

  it('orders a long chain whose tables close one big cycle', async () => {
    const n = 300
    const name = (i: number) => `c${String(i).padStart(3, '0')}`
    const tables = Array.from({ length: n }, (_, i) =>
      table(name(i), [id(), column('next_id', 'integer')], {
        foreignKeys: [fk(['next_id'], name((i + 1) % n))],
      }),
    )
    const result = await expectRoundTrip({
      target: schema(tables),
      current: EMPTY,
      dialect: pgLike,
    })
    const deferred = result.upgrade.filter((op) => op.kind === 'createForeignKey')
    expect(deferred).toHaveLength(1)
  })
})
