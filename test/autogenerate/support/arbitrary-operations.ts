/** fast-check arbitraries for valid operations (what the op API accepts), awkward text included. */
import fc from 'fast-check'
import type {
  ColumnSpec,
  DefaultValue,
  Operation,
  ReferentialAction,
} from '../../../src/operations/types.js'

const NAMES = ['users', 'id', "it's", 'a\\b', 'line\nbreak', 'café', '\u2028', '😀', '__proto__']

/** Any non-blank name: quotes, backslashes, line breaks and any Unicode, lone surrogates too. */
const wildName = fc
  .oneof(fc.constantFrom(...NAMES), fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }))
  .filter((value) => value.trim() !== '')

/** Names a person would write: ASCII, a few accents and CJK, and the awkward constants. */
const readableName = fc
  .oneof(
    fc.constantFrom(...NAMES, '日本', 'Ünïcode'),
    fc.stringMatching(/^[a-z_][a-z0-9_ '"\\-]{0,14}$/),
  )
  .filter((value) => value.trim() !== '')

/**
 * Valid operations (what the op API accepts) built from the given names and texts.
 */
function operations(
  name: fc.Arbitrary<string>,
  text: fc.Arbitrary<string>,
): fc.Arbitrary<Operation> {
  const sqlText = text.filter((value) => value.trim() !== '')
  const sql = fc.record({ sql: sqlText })
  const action = fc.constantFrom<ReferentialAction>(
    'cascade',
    'restrict',
    'no action',
    'set null',
    'set default',
  )
  const number = fc.double({ noNaN: true, noDefaultInfinity: true })
  const defaultValue: fc.Arbitrary<DefaultValue> = fc.oneof(
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    sql,
  )
  const names = (min = 1) => fc.uniqueArray(name, { minLength: min, maxLength: 4 })
  const columnType = fc.oneof(
    fc.constantFrom('integer', 'varchar(255)', 'numeric(10,2)', 'text[]', 'timestamptz'),
    name,
    fc.record({ enum: names(), name }, { requiredKeys: ['enum'] }),
  )
  const deferral = fc.oneof(
    fc.record({}),
    fc.record({ deferrable: fc.boolean() }),
    fc.record({ deferrable: fc.constant(true), initiallyDeferred: fc.boolean() }),
  )
  const reference = fc
    .tuple(
      fc.record(
        { table: name, column: name, schema: name, name, onDelete: action, onUpdate: action },
        { requiredKeys: ['table', 'column'] },
      ),
      deferral,
    )
    .map(([base, extra]) => ({ ...base, ...extra }))

  const columnSpec: fc.Arbitrary<ColumnSpec> = fc
    .tuple(
      fc.record(
        {
          name,
          type: columnType,
          nullable: fc.boolean(),
          default: defaultValue,
          primaryKey: fc.boolean(),
          autoIncrement: fc.boolean(),
          unique: fc.boolean(),
          references: reference,
          comment: text,
        },
        { requiredKeys: ['name', 'type'] },
      ),
    )
    .map(([spec]) => {
      const out: Record<string, unknown> = { ...spec }
      if (out.primaryKey && out.nullable === true) delete out.nullable
      if (out.autoIncrement && out.default !== undefined) delete out.default
      return out as unknown as ColumnSpec
    })

  const foreignKey = (columns: readonly string[]) =>
    fc
      .tuple(
        fc.record(
          {
            referencedTable: name,
            referencedSchema: name,
            name,
            onDelete: action,
            onUpdate: action,
          },
          { requiredKeys: ['referencedTable'] },
        ),
        fc.uniqueArray(name, { minLength: columns.length, maxLength: columns.length }),
        deferral,
      )
      .map(([base, referencedColumns, extra]) => ({
        columns,
        referencedColumns,
        ...base,
        ...extra,
      }))

  const subset = (all: readonly string[]) => fc.subarray([...all], { minLength: 1 })

  const createTable: fc.Arbitrary<Operation> = fc
    .uniqueArray(columnSpec, { minLength: 1, maxLength: 4, selector: (spec) => spec.name })
    .chain((columns) => {
      const columnNames = columns.map((spec) => spec.name)
      const keyed = columns.some((spec) => spec.primaryKey)
      return fc.record(
        {
          kind: fc.constant('createTable' as const),
          table: name,
          columns: fc.constant(columns),
          schema: name,
          ...(keyed
            ? {}
            : {
                primaryKey: fc.record(
                  { columns: subset(columnNames), name },
                  { requiredKeys: ['columns'] },
                ),
              }),
          uniques: fc.array(
            fc.record({ columns: subset(columnNames), name }, { requiredKeys: ['columns'] }),
            { maxLength: 2 },
          ),
          foreignKeys: fc.array(subset(columnNames).chain(foreignKey), { maxLength: 2 }),
          checks: fc.array(
            fc.record({ expression: sqlText, name }, { requiredKeys: ['expression'] }),
            { maxLength: 2 },
          ),
          comment: text,
          ifNotExists: fc.boolean(),
        },
        { requiredKeys: ['kind', 'table', 'columns'] },
      ) as fc.Arbitrary<Operation>
    })

  const row = fc.dictionary(
    name.filter((key) => key !== '__proto__'),
    fc.oneof(fc.jsonValue(), fc.date({ noInvalidDate: true }), fc.constant(-0)),
    { maxKeys: 4 },
  )

  function op<T extends Record<string, fc.Arbitrary<unknown>>>(
    kind: Operation['kind'],
    fields: T,
    required: (keyof T & string)[],
  ): fc.Arbitrary<Operation> {
    return fc.record({ kind: fc.constant(kind), ...fields }, {
      requiredKeys: ['kind', ...required],
    } as never) as unknown as fc.Arbitrary<Operation>
  }

  const alterColumn = fc
    .record(
      {
        type: columnType,
        nullable: fc.boolean(),
        default: defaultValue,
        newName: name,
        comment: fc.option(text, { nil: null }),
        existingType: columnType,
        existingNullable: fc.boolean(),
        existingDefault: defaultValue,
        existingComment: fc.option(text, { nil: null }),
        existingAutoIncrement: fc.boolean(),
        schema: name,
      },
      { requiredKeys: [] },
    )
    .filter((changes) =>
      ['type', 'nullable', 'default', 'newName', 'comment'].some((key) => key in changes),
    )
    .chain((changes) =>
      fc.record({
        kind: fc.constant('alterColumn' as const),
        table: name,
        column: name,
        changes: fc.constant(changes),
        using: fc.option(sqlText, { nil: undefined }),
      }),
    )
    .map(({ changes, using, ...rest }) => ({
      ...rest,
      ...changes,
      ...(using !== undefined && 'type' in changes ? { using } : {}),
    })) as fc.Arbitrary<Operation>

  return fc.oneof(
    createTable,
    op('dropTable', { table: name, schema: name, ifExists: fc.boolean(), cascade: fc.boolean() }, [
      'table',
    ]),
    op('renameTable', { table: name, newName: name, schema: name }, ['table', 'newName']),
    op('addColumn', { table: name, column: columnSpec, schema: name }, ['table', 'column']),
    op('dropColumn', { table: name, column: name, schema: name }, ['table', 'column']),
    alterColumn,
    op(
      'createIndex',
      {
        name,
        table: name,
        columns: fc.array(fc.oneof(name, sql), { minLength: 1, maxLength: 3 }),
        schema: name,
        unique: fc.boolean(),
        where: sqlText,
        concurrently: fc.boolean(),
        ifNotExists: fc.boolean(),
        using: fc.constantFrom('btree', 'gin', 'gist'),
      },
      ['name', 'table', 'columns'],
    ),
    op(
      'dropIndex',
      { name, table: name, schema: name, concurrently: fc.boolean(), ifExists: fc.boolean() },
      ['name'],
    ),
    op('createPrimaryKey', { name, table: name, columns: names(), schema: name }, [
      'name',
      'table',
      'columns',
    ]),
    op('createUniqueConstraint', { name, table: name, columns: names(), schema: name }, [
      'name',
      'table',
      'columns',
    ]),
    fc
      .tuple(name, name, fc.option(name, { nil: undefined }), names().chain(foreignKey))
      .map(([keyName, table, schema, key]) => ({
        kind: 'createForeignKey' as const,
        table,
        ...(schema === undefined ? {} : { schema }),
        ...key,
        name: keyName,
      })),
    op('createCheckConstraint', { name, table: name, expression: sqlText, schema: name }, [
      'name',
      'table',
      'expression',
    ]),
    op(
      'dropConstraint',
      {
        name,
        table: name,
        schema: name,
        type: fc.constantFrom('primaryKey', 'foreignKey', 'unique', 'check'),
      },
      ['name', 'table'],
    ),
    op('setTableComment', { table: name, comment: fc.option(text, { nil: null }), schema: name }, [
      'table',
      'comment',
    ]),
    op('createSchema', { name, ifNotExists: fc.boolean() }, ['name']),
    op('dropSchema', { name, ifExists: fc.boolean(), cascade: fc.boolean() }, ['name']),
    op('createEnum', { name, values: names(), schema: name }, ['name', 'values']),
    op('dropEnum', { name, schema: name, ifExists: fc.boolean() }, ['name']),
    fc
      .tuple(
        name,
        name,
        fc.constantFrom('before', 'after', undefined),
        name,
        fc.option(name, { nil: undefined }),
      )
      .map(([enumName, value, side, anchor, schema]) => ({
        kind: 'addEnumValue' as const,
        name: enumName,
        value,
        ...(side ? { [side]: anchor } : {}),
        ...(schema === undefined ? {} : { schema }),
      })),
    op('execute', { sql: sqlText, parameters: fc.array(fc.jsonValue(), { maxLength: 3 }) }, [
      'sql',
    ]),
    op('bulkInsert', { table: name, rows: fc.array(row, { maxLength: 3 }), schema: name }, [
      'table',
      'rows',
    ]),
  )
}

/** Any valid operation, with the strangest text. */
export const operation = operations(wildName, fc.string({ unit: 'binary', maxLength: 30 }))

/** Any valid operation, with text a person would write. */
export const readableOperation = operations(readableName, fc.oneof(readableName, fc.constant('')))
