import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
} from 'kysely'
import { describe, expect, it } from 'vitest'
import { InvalidOperationError } from '../../src/errors.js'
import { Operations } from '../../src/operations/index.js'
import type { Operation } from '../../src/operations/types.js'

const offline = new Kysely<Record<string, never>>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})

/** An `op` that records what it builds. */
function recorder(): { op: Operations; ops: Operation[] } {
  const ops: Operation[] = []
  const op = new Operations(
    async (operation) => {
      ops.push(operation)
    },
    (query) => query.compile(offline),
  )
  return { op, ops }
}

/** Runs one call and returns the single operation it built. */
async function built(call: (op: Operations) => Promise<void>): Promise<Operation> {
  const { op, ops } = recorder()
  await call(op)
  expect(ops).toHaveLength(1)
  return ops[0]!
}

function isDeeplyFrozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (!Object.isFrozen(value)) return false
  return Object.values(value).every(isDeeplyFrozen)
}

/** Asserts the call fails with INVALID_OPERATION and a message containing every fragment. */
async function rejects(call: (op: Operations) => Promise<void>, ...fragments: string[]) {
  const { op, ops } = recorder()
  const error = await call(op).then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(InvalidOperationError)
  expect((error as InvalidOperationError).code).toBe('INVALID_OPERATION')
  for (const fragment of fragments) expect((error as Error).message).toContain(fragment)
  expect(ops).toHaveLength(0)
  return error as InvalidOperationError
}

describe('Operations builds frozen operation objects', () => {
  const cases: [string, (op: Operations) => Promise<void>, Operation][] = [
    [
      'createTable',
      (op) =>
        op.createTable(
          'orders',
          [
            { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
            {
              name: 'user_id',
              type: 'integer',
              nullable: false,
              references: { table: 'users', column: 'id', onDelete: 'cascade' },
            },
            { name: 'status', type: { enum: ['new', 'paid'], name: 'order_status' } },
            { name: 'total', type: 'numeric(12,2)', default: 0, comment: 'in cents' },
          ],
          {
            schema: 'shop',
            uniques: [{ columns: ['user_id', 'status'], name: 'orders_user_status' }],
            foreignKeys: [
              {
                columns: ['user_id'],
                referencedTable: 'accounts',
                referencedColumns: ['id'],
                deferrable: true,
              },
            ],
            checks: [{ expression: 'total >= 0', name: 'orders_total' }],
            comment: 'Orders',
            ifNotExists: true,
          },
        ),
      {
        kind: 'createTable',
        table: 'orders',
        schema: 'shop',
        columns: [
          { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
          {
            name: 'user_id',
            type: 'integer',
            nullable: false,
            references: { table: 'users', column: 'id', onDelete: 'cascade' },
          },
          { name: 'status', type: { enum: ['new', 'paid'], name: 'order_status' } },
          { name: 'total', type: 'numeric(12,2)', default: 0, comment: 'in cents' },
        ],
        uniques: [{ columns: ['user_id', 'status'], name: 'orders_user_status' }],
        foreignKeys: [
          {
            columns: ['user_id'],
            referencedTable: 'accounts',
            referencedColumns: ['id'],
            deferrable: true,
          },
        ],
        checks: [{ expression: 'total >= 0', name: 'orders_total' }],
        comment: 'Orders',
        ifNotExists: true,
      },
    ],
    [
      'createTable with a table primary key',
      (op) =>
        op.createTable(
          'pairs',
          [
            { name: 'a', type: 'integer' },
            { name: 'b', type: 'integer' },
          ],
          {
            primaryKey: { columns: ['a', 'b'], name: 'pairs_pk' },
          },
        ),
      {
        kind: 'createTable',
        table: 'pairs',
        columns: [
          { name: 'a', type: 'integer' },
          { name: 'b', type: 'integer' },
        ],
        primaryKey: { columns: ['a', 'b'], name: 'pairs_pk' },
      },
    ],
    [
      'dropTable',
      (op) => op.dropTable('users', { schema: 'app', ifExists: true, cascade: true }),
      { kind: 'dropTable', table: 'users', schema: 'app', ifExists: true, cascade: true },
    ],
    [
      'renameTable',
      (op) => op.renameTable('user', 'users', { schema: 'app' }),
      { kind: 'renameTable', table: 'user', newName: 'users', schema: 'app' },
    ],
    [
      'addColumn',
      (op) => op.addColumn('users', { name: 'email', type: 'text', unique: true }),
      { kind: 'addColumn', table: 'users', column: { name: 'email', type: 'text', unique: true } },
    ],
    [
      'dropColumn',
      (op) => op.dropColumn('users', 'email', { schema: 'app' }),
      { kind: 'dropColumn', table: 'users', column: 'email', schema: 'app' },
    ],
    [
      'alterColumn',
      (op) =>
        op.alterColumn('orders', 'amount', {
          type: 'numeric(12,2)',
          using: 'amount::numeric',
          nullable: false,
          default: { sql: '0' },
          newName: 'total',
          comment: null,
          existingType: 'text',
          existingNullable: true,
          existingDefault: null,
          existingComment: 'old',
          existingAutoIncrement: false,
          schema: 'shop',
        }),
      {
        kind: 'alterColumn',
        table: 'orders',
        column: 'amount',
        type: 'numeric(12,2)',
        using: 'amount::numeric',
        nullable: false,
        default: { sql: '0' },
        newName: 'total',
        comment: null,
        existingType: 'text',
        existingNullable: true,
        existingDefault: null,
        existingComment: 'old',
        existingAutoIncrement: false,
        schema: 'shop',
      },
    ],
    [
      'createIndex',
      (op) =>
        op.createIndex('users_email', 'users', ['tenant', { sql: 'lower(email)' }], {
          schema: 'app',
          unique: true,
          where: 'deleted_at IS NULL',
          concurrently: true,
          ifNotExists: true,
          using: 'btree',
        }),
      {
        kind: 'createIndex',
        name: 'users_email',
        table: 'users',
        columns: ['tenant', { sql: 'lower(email)' }],
        schema: 'app',
        unique: true,
        where: 'deleted_at IS NULL',
        concurrently: true,
        ifNotExists: true,
        using: 'btree',
      },
    ],
    [
      'dropIndex',
      (op) =>
        op.dropIndex('users_email', {
          table: 'users',
          schema: 'app',
          concurrently: true,
          ifExists: true,
        }),
      {
        kind: 'dropIndex',
        name: 'users_email',
        table: 'users',
        schema: 'app',
        concurrently: true,
        ifExists: true,
      },
    ],
    [
      'createPrimaryKey',
      (op) => op.createPrimaryKey('users_pkey', 'users', ['id'], { schema: 'app' }),
      {
        kind: 'createPrimaryKey',
        name: 'users_pkey',
        table: 'users',
        columns: ['id'],
        schema: 'app',
      },
    ],
    [
      'createUniqueConstraint',
      (op) => op.createUniqueConstraint('users_email_key', 'users', ['email']),
      {
        kind: 'createUniqueConstraint',
        name: 'users_email_key',
        table: 'users',
        columns: ['email'],
      },
    ],
    [
      'createForeignKey',
      (op) =>
        op.createForeignKey('orders_user_fk', {
          table: 'orders',
          columns: ['user_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
          referencedSchema: 'app',
          schema: 'shop',
          onDelete: 'set null',
          onUpdate: 'cascade',
          deferrable: true,
          initiallyDeferred: true,
        }),
      {
        kind: 'createForeignKey',
        name: 'orders_user_fk',
        table: 'orders',
        columns: ['user_id'],
        referencedTable: 'users',
        referencedColumns: ['id'],
        referencedSchema: 'app',
        schema: 'shop',
        onDelete: 'set null',
        onUpdate: 'cascade',
        deferrable: true,
        initiallyDeferred: true,
      },
    ],
    [
      'createCheckConstraint',
      (op) => op.createCheckConstraint('positive', 'orders', 'amount > 0'),
      {
        kind: 'createCheckConstraint',
        name: 'positive',
        table: 'orders',
        expression: 'amount > 0',
      },
    ],
    [
      'dropConstraint',
      (op) => op.dropConstraint('positive', 'orders', { type: 'check', schema: 'shop' }),
      { kind: 'dropConstraint', name: 'positive', table: 'orders', type: 'check', schema: 'shop' },
    ],
    [
      'setTableComment',
      (op) => op.setTableComment('users', 'People'),
      { kind: 'setTableComment', table: 'users', comment: 'People' },
    ],
    [
      'setTableComment(null)',
      (op) => op.setTableComment('users', null, { schema: 'app' }),
      { kind: 'setTableComment', table: 'users', comment: null, schema: 'app' },
    ],
    [
      'createSchema',
      (op) => op.createSchema('billing', { ifNotExists: true }),
      { kind: 'createSchema', name: 'billing', ifNotExists: true },
    ],
    [
      'dropSchema',
      (op) => op.dropSchema('billing', { ifExists: true, cascade: true }),
      { kind: 'dropSchema', name: 'billing', ifExists: true, cascade: true },
    ],
    [
      'createEnum',
      (op) => op.createEnum('mood', ['sad', 'ok'], { schema: 'app' }),
      { kind: 'createEnum', name: 'mood', values: ['sad', 'ok'], schema: 'app' },
    ],
    [
      'dropEnum',
      (op) => op.dropEnum('mood', { ifExists: true }),
      { kind: 'dropEnum', name: 'mood', ifExists: true },
    ],
    [
      'addEnumValue',
      (op) => op.addEnumValue('mood', 'meh', { after: 'sad', ifNotExists: true, schema: 'app' }),
      {
        kind: 'addEnumValue',
        name: 'mood',
        value: 'meh',
        after: 'sad',
        ifNotExists: true,
        schema: 'app',
      },
    ],
    [
      'execute with a string',
      (op) => op.execute('UPDATE users SET active = $1', [true]),
      { kind: 'execute', sql: 'UPDATE users SET active = $1', parameters: [true] },
    ],
    [
      'execute with a Kysely sql template',
      (op) => op.execute(sql`UPDATE users SET active = ${true} WHERE id = ${7}`),
      { kind: 'execute', sql: 'UPDATE users SET active = $1 WHERE id = $2', parameters: [true, 7] },
    ],
    [
      'execute with a template without values',
      (op) => op.execute(sql`SELECT 1`),
      { kind: 'execute', sql: 'SELECT 1' },
    ],
    [
      'bulkInsert',
      (op) => op.bulkInsert('roles', [{ id: 1, name: 'admin' }, { id: 2 }], { schema: 'app' }),
      {
        kind: 'bulkInsert',
        table: 'roles',
        rows: [{ id: 1, name: 'admin' }, { id: 2 }],
        schema: 'app',
      },
    ],
  ]

  it.each(cases)('%s', async (_name, call, expected) => {
    const operation = await built(call)
    expect(operation).toStrictEqual(expected)
    expect(isDeeplyFrozen(operation)).toBe(true)
  })

  it('covers every operation kind', () => {
    const kinds = new Set(cases.map(([, , expected]) => expected.kind))
    expect(kinds.size).toBe(21)
  })

  it('copies its arguments instead of freezing or keeping them', async () => {
    const columns = [{ name: 'id', type: 'integer' }]
    const operation = await built((op) => op.createTable('t', columns))
    expect(Object.isFrozen(columns)).toBe(false)
    columns.push({ name: 'late', type: 'text' })
    expect((operation as unknown as { columns: unknown[] }).columns).toHaveLength(1)
  })

  it('leaves out undefined options and keeps Dates and Buffers in rows as they are', async () => {
    const when = new Date('2024-01-02T03:04:05Z')
    const bytes = Buffer.from([1, 2])
    const operation = await built((op) =>
      op.bulkInsert('t', [{ at: when, data: bytes, gone: undefined }], { schema: undefined }),
    )
    expect(operation).toStrictEqual({
      kind: 'bulkInsert',
      table: 't',
      rows: [{ at: when, data: bytes }],
    })
  })

  it('awaits the sink and passes its failure on', async () => {
    const op = new Operations(async () => {
      throw new Error('sink failed')
    })
    await expect(op.dropTable('t')).rejects.toThrow('sink failed')
  })
})

describe('Operations rejects invalid arguments', () => {
  it('names the method and the argument', async () => {
    const error = await rejects((op) => op.createTable('t', []), 'op.createTable()', 'columns')
    expect(error.method).toBe('createTable')
    expect(error.argument).toBe('columns')
  })

  it.each<[string, (op: Operations) => Promise<void>, string[]]>([
    [
      'an empty table name',
      (op) => op.dropTable(''),
      ['op.dropTable()', 'table must not be empty'],
    ],
    [
      'a table name that is not a string',
      (op) => op.dropTable(42 as never),
      ['table', 'number 42'],
    ],
    [
      'a column name that is not a string',
      (op) => op.createTable('t', [{ name: 1 as never, type: 'text' }]),
      ['columns[0].name', 'must be a string'],
    ],
    [
      'a column without a type',
      (op) => op.addColumn('t', { name: 'a' } as never),
      ["column 'a'", 'has no type'],
    ],
    [
      'a duplicate column',
      (op) =>
        op.createTable('t', [
          { name: 'a', type: 'text' },
          { name: 'a', type: 'text' },
        ]),
      ["defines column 'a' twice"],
    ],
    [
      'a nullable primary key',
      (op) =>
        op.createTable('t', [{ name: 'id', type: 'integer', primaryKey: true, nullable: true }]),
      ['primary key', 'cannot be nullable'],
    ],
    [
      'autoIncrement with a default',
      (op) => op.addColumn('t', { name: 'id', type: 'integer', autoIncrement: true, default: 1 }),
      ['autoIncrement and a default'],
    ],
    [
      'a table primary key with primaryKey columns',
      (op) =>
        op.createTable('t', [{ name: 'a', type: 'integer', primaryKey: true }], {
          primaryKey: { columns: ['a'] },
        }),
      ['options.primaryKey', 'use one or the other'],
    ],
    [
      'a constraint on a column the table lacks',
      (op) => op.createTable('t', [{ name: 'a', type: 'text' }], { uniques: [{ columns: ['b'] }] }),
      ['options.uniques[0].columns', "names 'b'"],
    ],
    [
      'a misspelt column field',
      (op) => op.addColumn('t', { name: 'a', type: 'text', nulable: false } as never),
      ["unknown field 'nulable'"],
    ],
    [
      'a misspelt option',
      (op) => op.createIndex('i', 't', ['a'], { uniqe: true } as never),
      ['op.createIndex()', "unknown field 'uniqe'"],
    ],
    [
      'a bad referential action',
      (op) =>
        op.addColumn('t', {
          name: 'a',
          type: 'integer',
          references: { table: 'u', column: 'id', onDelete: 'CASCADE' as never },
        }),
      ['references.onDelete', "'cascade'"],
    ],
    [
      'an enum type without values',
      (op) => op.addColumn('t', { name: 'a', type: { enum: [] } }),
      ['type.enum', 'is empty'],
    ],
    [
      'a NaN default',
      (op) => op.addColumn('t', { name: 'a', type: 'real', default: Number.NaN }),
      ['finite'],
    ],
    [
      'an alterColumn that changes nothing',
      (op) => op.alterColumn('t', 'a', {}),
      ['changes nothing'],
    ],
    [
      'using without a type',
      (op) => op.alterColumn('t', 'a', { using: 'a::int', nullable: false }),
      ['changes.using', 'only valid with a new type'],
    ],
    ['an empty index column list', (op) => op.createIndex('i', 't', []), ['columns is empty']],
    [
      'an index column that is neither a name nor an expression',
      (op) => op.createIndex('i', 't', [3 as never]),
      ['columns[0]'],
    ],
    [
      'an index method that is not a name',
      (op) => op.createIndex('i', 't', ['a'], { using: 'gin; drop table x' }),
      ['options.using'],
    ],
    [
      'a primary key without columns',
      (op) => op.createPrimaryKey('pk', 't', []),
      ['op.createPrimaryKey()', 'columns is empty'],
    ],
    [
      'a unique constraint naming a column twice',
      (op) => op.createUniqueConstraint('u', 't', ['a', 'a']),
      ["names column 'a' twice"],
    ],
    [
      'a foreign key whose column lists differ in length',
      (op) =>
        op.createForeignKey('fk', {
          table: 't',
          columns: ['a', 'b'],
          referencedTable: 'u',
          referencedColumns: ['id'],
        }),
      ['2 column(s) but 1 referenced'],
    ],
    [
      'initially deferred but not deferrable',
      (op) =>
        op.createForeignKey('fk', {
          table: 't',
          columns: ['a'],
          referencedTable: 'u',
          referencedColumns: ['id'],
          deferrable: false,
          initiallyDeferred: true,
        }),
      ['must be deferrable'],
    ],
    ['an empty check', (op) => op.createCheckConstraint('c', 't', ' '), ['expression']],
    [
      'an unknown constraint type',
      (op) => op.dropConstraint('c', 't', { type: 'fk' as never }),
      ['options.type', "'foreignKey'"],
    ],
    [
      'a missing table comment',
      (op) => op.setTableComment('t', undefined as never),
      ['comment is missing'],
    ],
    ['an enum without values', (op) => op.createEnum('mood', []), ['values is empty']],
    ['a duplicate enum value', (op) => op.createEnum('mood', ['a', 'a']), ["value 'a' twice"]],
    [
      'both before and after',
      (op) => op.addEnumValue('mood', 'meh', { before: 'ok', after: 'sad' }),
      ['op.addEnumValue()', "both 'before' and 'after'"],
    ],
    ['an empty SQL string', (op) => op.execute(''), ['op.execute()', 'sql must not be empty']],
    ['parameters that are not a list', (op) => op.execute('SELECT $1', 1 as never), ['parameters']],
    [
      'parameters with a template',
      (op) => op.execute(sql`SELECT ${1}`, [2]),
      ['cannot be given with a sql template'],
    ],
    ['rows that are not objects', (op) => op.bulkInsert('t', [1 as never]), ['rows[0]']],
    ['rows that are not a list', (op) => op.bulkInsert('t', {} as never), ['rows must be a list']],
  ])('%s', async (_name, call, fragments) => {
    await rejects(call, ...fragments)
  })

  it('hints at the closest known option', async () => {
    const error = await rejects((op) => op.dropTable('t', { ifexist: true } as never))
    expect(error.hint).toBe("Did you mean 'ifExists'?")
  })

  it('refuses a query object without a compiler', async () => {
    const op = new Operations(async () => {})
    await expect(op.execute(sql`SELECT 1`)).rejects.toThrow('no query compiler')
  })
})
