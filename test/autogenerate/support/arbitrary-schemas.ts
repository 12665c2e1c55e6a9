/**
 * fast-check arbitraries for small schemas over shared name pools, so that two draws
 * overlap: the same tables with some columns, keys, checks and indexes changed.
 */
import fc from 'fast-check'
import type {
  CheckModel,
  ColumnModel,
  ForeignKeyModel,
  IndexModel,
  SchemaModel,
  TableModel,
  UniqueModel,
} from '../../../src/schema/model.js'

const TABLES = ['a', 'b', 'c', 'd']
const COLUMNS = ['x', 'y', 'z', 'w']

const column = (name: string): fc.Arbitrary<ColumnModel> =>
  fc
    .record(
      {
        type: fc.constantFrom('integer', 'text', 'varchar(10)', 'boolean'),
        nullable: fc.boolean(),
        default: fc.constantFrom(0, 'v', { sql: 'now()' }),
        comment: fc.constantFrom('note', 'other'),
      },
      { requiredKeys: ['type', 'nullable'] },
    )
    .map((fields) => ({ name, ...fields }))

function tableArbitrary(name: string, others: readonly string[]): fc.Arbitrary<TableModel> {
  return fc
    .subarray(COLUMNS, { minLength: 1 })
    .chain((names) =>
      fc.record({
        columns: fc.tuple(...names.map(column)),
        composite: fc.boolean(),
        uniques: fc.uniqueArray(
          fc.record(
            {
              columns: fc.subarray(names, { minLength: 1, maxLength: Math.min(2, names.length) }),
              name: fc.constantFrom(`${name}_u1`, `${name}_u2`),
            },
            { requiredKeys: ['columns'] },
          ),
          { maxLength: 2, selector: (u: UniqueModel) => u.columns.join() },
        ),
        foreignKeys: fc.uniqueArray(
          fc.record(
            {
              columns: fc.constantFrom(...names).map((c) => [c]),
              referencedTable: fc.constantFrom(...others),
              name: fc.constantFrom(`${name}_f1`, `${name}_f2`),
              onDelete: fc.constantFrom('cascade' as const, 'set null' as const),
            },
            { requiredKeys: ['columns', 'referencedTable'] },
          ),
          { maxLength: 2, selector: (k) => k.columns.join() },
        ),
        indexes: fc.uniqueArray(
          fc.record({
            name: fc.constantFrom(`${name}_i1`, `${name}_i2`, `${name}_i3`),
            columns: fc.subarray(names, { minLength: 1, maxLength: Math.min(2, names.length) }),
            unique: fc.boolean(),
          }),
          { maxLength: 2, selector: (i) => i.name },
        ),
        checks: fc.uniqueArray(
          fc.record(
            {
              expression: fc.constantFrom(...names.map((c) => `${c} IS NOT NULL`)),
              name: fc.constantFrom(`${name}_c1`, `${name}_c2`),
            },
            { requiredKeys: ['expression'] },
          ),
          { maxLength: 2, selector: (c) => c.name ?? c.expression },
        ),
        comment: fc.option(fc.constantFrom('t1', 't2'), { nil: undefined }),
      }),
    )
    .map((drawn) => {
      // A name is used once per table: later duplicates go unnamed.
      const seen = new Set<string>()
      const once = <T extends { name?: string }>(item: T): T => {
        if (item.name === undefined) return item
        if (!seen.has(item.name)) {
          seen.add(item.name)
          return item
        }
        const { name: _name, ...rest } = item
        return rest as T
      }
      const columns: ColumnModel[] = [
        { name: 'id', type: 'integer', nullable: false },
        ...drawn.columns,
      ]
      const first = drawn.columns[0]?.name as string
      const keys = drawn.foreignKeys.map(
        (key): ForeignKeyModel => ({ ...key, referencedColumns: ['id'] }),
      )
      return {
        name,
        columns,
        primaryKey: { columns: drawn.composite ? ['id', first] : ['id'] },
        uniques: drawn.uniques.map(once),
        foreignKeys: keys.map(once),
        indexes: drawn.indexes as IndexModel[],
        checks: drawn.checks
          .filter((check, i, all) => all.findIndex((c) => c.expression === check.expression) === i)
          .map(once) as CheckModel[],
        ...(drawn.comment === undefined ? {} : { comment: drawn.comment }),
      }
    })
}

/** A schema of some of the pool's tables; foreign keys reference tables of the schema. */
export const schemaArbitrary: fc.Arbitrary<SchemaModel> = fc
  .subarray(TABLES, { minLength: 1 })
  .chain((names) => fc.tuple(...names.map((name) => tableArbitrary(name, names))))
  .map((tables) => ({ tables, enums: [], schemas: [] }))
