/**
 * The whole loop on every database for the features some dialects lack: enum types and
 * schemas (PostgreSQL), partial and expression indexes, comments, composite keys,
 * key and table renames. Each step upgrades with nothing left over; the downgrades
 * bring each earlier schema back.
 */
import { afterAll, describe, expect, it } from 'vitest'
import { compareSchemas, type RenameResolver } from '../../src/autogenerate/index.js'
import type { DialectCapabilities } from '../../src/dialects/dialect.js'
import type { ColumnModel, SchemaModel, TableModel } from '../../src/schema/model.js'
import { type Live, liveTargets, openLive } from './support/live.js'
import { column, fk, schema, table } from './support/models.js'

const targets = await liveTargets('autogen_features')
afterAll(async () => {
  for (const target of targets) await target.database.drop()
})

const yes: RenameResolver = async (candidates) => candidates.map(() => true)

function steps(capabilities: DialectCapabilities): SchemaModel[] {
  const enums = capabilities.enumTypes
  const comments = capabilities.comments
  const mood = (values: string[]): ColumnModel['type'] =>
    enums ? { enum: values, name: 'mood' } : { enum: values }
  const enumList = (values: string[]) => (enums ? [{ name: 'mood', values }] : [])
  const people = (name: string, extra: Partial<TableModel> = {}, more: ColumnModel[] = []) =>
    table(
      name,
      [
        column('tenant', 'integer', { nullable: false }),
        column('code', 'varchar(20)', { nullable: false }),
        column('mood', mood(['sad', 'ok'])),
        column('email', 'varchar(100)'),
        ...more,
      ],
      { primaryKey: { columns: ['tenant', 'code'] }, ...extra },
    )
  const visits = (extra: Partial<TableModel> = {}) =>
    table(
      'visits',
      [
        column('id', 'bigint', { nullable: false }),
        column('tenant', 'integer', { nullable: false }),
        column('person', 'varchar(20)', { nullable: false }),
        column('at', 'timestamp'),
      ],
      {
        foreignKeys: [
          fk(['tenant', 'person'], 'people', {
            referencedColumns: ['tenant', 'code'],
            onDelete: 'cascade',
          }),
        ],
        ...extra,
      },
    )
  const partial = capabilities.partialIndexes
    ? [{ name: 'people_email_idx', columns: ['email'], unique: true, where: 'email IS NOT NULL' }]
    : [{ name: 'people_email_idx', columns: ['email'], unique: true }]
  const expression = capabilities.expressionIndexes
    ? [{ name: 'people_lower_email_idx', columns: [{ sql: 'lower(email)' }], unique: false }]
    : []
  const billing = capabilities.schemas
    ? [table('invoices', [column('id', 'integer', { nullable: false })], { schema: 'billing' })]
    : []
  return [
    schema([people('person'), visits({ foreignKeys: [] })], { enums: enumList(['sad', 'ok']) }),
    schema(
      [
        people(
          'people',
          {
            indexes: [...partial, ...expression],
            checks: [{ name: 'people_code_check', expression: "code <> ''" }],
            ...(comments ? { comment: 'Who visits' } : {}),
          },
          [column('nickname', 'text')],
        ),
        visits(),
        ...billing,
      ],
      {
        enums: enumList(['new', 'sad', 'meh', 'ok']),
        schemas: capabilities.schemas ? ['billing'] : [],
      },
    ),
    schema(
      [
        {
          ...people('people', {
            uniques: [{ columns: ['tenant', 'email'] }],
            ...(comments ? { comment: 'Who comes by' } : {}),
          }),
          columns: [
            column('tenant', 'integer', { nullable: false }),
            column('code', 'varchar(20)', { nullable: false }),
            column('mood', mood(enums ? ['new', 'sad', 'meh', 'ok'] : ['sad', 'ok', 'meh'])),
            column('email', 'varchar(100)', { nullable: false, default: 'none' }),
          ],
        },
        visits({ primaryKey: { columns: ['id'] } }),
        ...billing,
      ],
      {
        enums: enumList(['new', 'sad', 'meh', 'ok']),
        schemas: capabilities.schemas ? ['billing'] : [],
      },
    ),
  ]
}

for (const target of targets) {
  describe.skipIf(!target.database.available)(`autogenerate features on ${target.label}`, () => {
    it('upgrades through renames, keys, indexes, enums and comments, and back', async () => {
      const live: Live = await openLive(target)
      const dialect = live.compareDialect
      const schemas = dialect.capabilities.schemas ? ['public', 'billing'] : undefined
      const read = () =>
        schemas && dialect.introspection
          ? dialect.introspection.introspect(live.connection, { schemas })
          : live.read()
      try {
        const history: {
          before: SchemaModel
          result: Awaited<ReturnType<typeof compareSchemas>>
        }[] = []
        for (const model of steps(dialect.capabilities)) {
          const before = await read()
          const result = await compareSchemas({
            target: model,
            current: before,
            dialect,
            renames: yes,
            defaultSchema: schemas ? 'public' : undefined,
          })
          await live.run(result.upgrade)
          const again = await compareSchemas({
            target: model,
            current: await read(),
            dialect,
            defaultSchema: schemas ? 'public' : undefined,
          })
          expect(again.changes).toEqual([])
          history.push({ before, result })
        }
        for (const { before, result } of history.reverse()) {
          await live.run(result.downgrade)
          const back = await compareSchemas({
            target: before,
            current: await read(),
            dialect,
            defaultSchema: schemas ? 'public' : undefined,
          })
          // Enum values cannot be dropped: the downgrade says so and leaves them.
          expect(back.changes.filter((change) => change.kind !== 'removeEnumValue')).toEqual([])
        }
      } finally {
        await live.close()
      }
    })
  })
}
