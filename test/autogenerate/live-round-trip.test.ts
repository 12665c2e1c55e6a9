/**
 * Models → autogenerate → upgrade → autogenerate again gives nothing; each downgrade
 * brings back the schema read before its upgrade. On every database, with the real
 * introspection and canonical spellings: the phantom-diff check of the whole loop.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/index.js'
import type { Dialect } from '../../src/dialects/dialect.js'
import type { ColumnModel, SchemaModel, TableModel } from '../../src/schema/model.js'
import { type Live, liveTargets, openLive } from './support/live.js'
import { column, fk, schema, table } from './support/models.js'

const targets = await liveTargets('autogen_live')
afterAll(async () => {
  for (const target of targets) await target.database.drop()
})

const serial = (): ColumnModel => ({
  name: 'id',
  type: 'integer',
  nullable: false,
  autoIncrement: true,
})

/** The steps the schema goes through, from nothing. */
function steps(dialect: Dialect): SchemaModel[] {
  const comments = dialect.capabilities.comments
  const users = (extra: Partial<TableModel> = {}, columns?: ColumnModel[]) =>
    table(
      'users',
      columns ?? [
        serial(),
        column('email', 'varchar(255)', { nullable: false }),
        column('name', 'text', comments ? { comment: 'Shown to others' } : {}),
        column('status', 'varchar(20)', { nullable: false, default: 'active' }),
        column('score', 'integer', { default: 0 }),
        column('active', 'boolean', { default: true }),
      ],
      { uniques: [{ columns: ['email'] }], ...extra },
    )
  const orders = (extra: Partial<TableModel> = {}) =>
    table(
      'orders',
      [
        serial(),
        column('user_id', 'integer', { nullable: false }),
        column('total', 'numeric(10,2)', { nullable: false, default: 0 }),
        column('note', 'text'),
      ],
      {
        foreignKeys: [fk(['user_id'], 'users', { onDelete: 'cascade' })],
        indexes: [{ name: 'orders_user_idx', columns: ['user_id'], unique: false }],
        checks: [{ name: 'orders_total_check', expression: 'total >= 0' }],
        ...extra,
      },
    )
  const tags = table(
    'tags',
    [serial(), column('label', 'varchar(50)', { nullable: false }), column('parent_id', 'integer')],
    {
      uniques: [{ columns: ['label'] }],
      foreignKeys: [fk(['parent_id'], 'tags', { onDelete: 'set null' })],
    },
  )
  const cycle = (name: string, other: string) =>
    table(name, [serial(), column(`${other}_id`, 'integer')], {
      foreignKeys: [fk([`${other}_id`], other)],
    })
  return [
    schema([users(), orders()]),
    schema([
      users({}, [
        serial(),
        column('email', 'varchar(255)', { nullable: false }),
        column('full_name', 'text', {
          renamedFrom: 'name',
          ...(comments ? { comment: 'Shown to others' } : {}),
        }),
        column('status', 'varchar(20)', { nullable: false, default: 'gone' }),
        column('active', 'boolean', { nullable: false, default: true }),
        column('age', 'integer'),
      ]),
      orders({
        columns: [
          serial(),
          column('user_id', 'integer', { nullable: false }),
          column('total', 'numeric(12,2)', { nullable: false, default: 0 }),
          column('note', 'varchar(200)'),
        ],
        checks: [],
        indexes: [
          { name: 'orders_user_idx', columns: ['user_id', 'total'], unique: false },
          { name: 'orders_note_idx', columns: ['note'], unique: false },
        ],
      }),
      tags,
    ]),
    schema([users(), tags, cycle('left_side', 'right_side'), cycle('right_side', 'left_side')]),
    schema([]),
  ]
}

for (const target of targets) {
  describe.skipIf(!target.database.available)(`autogenerate on ${target.label}`, () => {
    it('upgrades step by step with nothing left over, and downgrades back', async () => {
      const live: Live = await openLive(target)
      try {
        const history: { before: SchemaModel; downgrade: Parameters<Live['run']>[0] }[] = []
        for (const model of steps(live.dialect)) {
          const before = await live.read()
          const result = await compareSchemas({
            target: model,
            current: before,
            dialect: live.compareDialect,
          })
          expect(await live.run(result.upgrade)).toEqual(result.upgrade)
          const again = await compareSchemas({
            target: model,
            current: await live.read(),
            dialect: live.compareDialect,
          })
          expect(again.changes).toEqual([])
          history.push({ before, downgrade: result.downgrade })
        }
        for (const { before, downgrade } of history.reverse()) {
          await live.run(downgrade)
          const back = await compareSchemas({
            target: before,
            current: await live.read(),
            dialect: live.compareDialect,
          })
          expect(back.changes).toEqual([])
        }
      } finally {
        await live.close()
      }
    })
  })
}
