import { describe, expect, it } from 'vitest'
import { ModelError } from '../../src/errors.js'
import {
  boolean,
  checkConstraint,
  defineTable,
  foreignKey,
  index,
  integer,
  primaryKey,
  schema,
  serial,
  sqlExpr,
  text,
  timestamptz,
  unique,
  varchar,
} from '../../src/schema/index.js'

const users = defineTable(
  'users',
  {
    id: integer().primaryKey().autoIncrement(),
    email: varchar(255).notNull().unique(),
    fullName: text('full_name').renamedFrom('fullname'),
    createdAt: timestamptz('created_at').notNull().default(sqlExpr`now()`),
    active: boolean().notNull().default(true),
  },
  (t) => ({
    indexes: [index('ix_users_email_lower').on(sqlExpr`lower(${t.email})`).unique()],
    checks: [checkConstraint('ck_users_email', sqlExpr`${t.email} <> ''`)],
    comment: 'People who can log in',
  }),
)

const posts = defineTable(
  'posts',
  {
    id: serial().primaryKey(),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.columns.id, { onDelete: 'cascade' }),
    title: text().notNull().comment('Shown in lists'),
    slug: text().notNull(),
  },
  (t) => ({
    uniques: [unique('uq_posts_author_slug').on(t.authorId, t.slug)],
    indexes: [
      index('ix_posts_title').on(t.title).where('deleted_at IS NULL').using('btree'),
      index('ix_posts_author').on(t.authorId),
    ],
    renamedFrom: 'articles',
  }),
)

function thrown(run: () => unknown): ModelError {
  try {
    run()
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError)
    return error as ModelError
  }
  throw new Error('expected a ModelError')
}

describe('defineTable', () => {
  it('builds the exact model of a table', () => {
    expect(users.toModel()).toEqual({
      name: 'users',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'email', type: 'varchar(255)', nullable: false },
        { name: 'full_name', type: 'text', nullable: true, renamedFrom: 'fullname' },
        { name: 'created_at', type: 'timestamptz', nullable: false, default: { sql: 'now()' } },
        { name: 'active', type: 'boolean', nullable: false, default: true },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [{ columns: ['email'] }],
      foreignKeys: [],
      indexes: [{ name: 'ix_users_email_lower', columns: [{ sql: 'lower(email)' }], unique: true }],
      checks: [{ name: 'ck_users_email', expression: "email <> ''" }],
      comment: 'People who can log in',
    })
  })

  it('resolves foreign keys and sorts constraints by name', () => {
    expect(posts.toModel()).toEqual({
      name: 'posts',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'author_id', type: 'integer', nullable: false },
        { name: 'title', type: 'text', nullable: false, comment: 'Shown in lists' },
        { name: 'slug', type: 'text', nullable: false },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [{ name: 'uq_posts_author_slug', columns: ['author_id', 'slug'] }],
      foreignKeys: [
        {
          columns: ['author_id'],
          referencedTable: 'users',
          referencedColumns: ['id'],
          onDelete: 'cascade',
        },
      ],
      indexes: [
        { name: 'ix_posts_author', columns: ['author_id'], unique: false },
        {
          name: 'ix_posts_title',
          columns: ['title'],
          unique: false,
          where: 'deleted_at IS NULL',
          using: 'btree',
        },
      ],
      checks: [],
      renamedFrom: 'articles',
    })
  })

  it('leaves unset optional fields out, so the model round-trips through JSON', () => {
    const model = posts.toModel()
    expect(JSON.parse(JSON.stringify(model))).toEqual(model)
    expect(Object.keys(model.columns[1] ?? {})).toEqual(['name', 'type', 'nullable'])
    expect('schema' in model).toBe(false)
    expect(Object.isFrozen(model)).toBe(true)
  })

  it('exposes the columns with their SQL names and table', () => {
    expect(users.name).toBe('users')
    expect(users.schema).toBeUndefined()
    expect(users.columns.fullName.name).toBe('full_name')
    expect(users.columns.fullName.key).toBe('fullName')
    expect(users.columns.fullName.table).toEqual({ name: 'users', schema: undefined })
  })

  it('makes composite primary keys, uniques and foreign keys, naming them when asked', () => {
    const orderLines = defineTable(
      'order_lines',
      { orderId: integer('order_id'), lineNo: integer('line_no'), note: text() },
      (t) => ({
        primaryKey: primaryKey({ name: 'pk_order_lines', columns: [t.orderId, t.lineNo] }),
      }),
    )
    const shipments = defineTable(
      'shipments',
      { orderId: integer('order_id').notNull(), lineNo: integer('line_no').notNull() },
      (t) => ({
        uniques: [unique().on(t.orderId, t.lineNo)],
        foreignKeys: [
          foreignKey({
            name: 'fk_shipments_line',
            columns: [t.orderId, t.lineNo],
            references: () => [orderLines.columns.orderId, orderLines.columns.lineNo],
            onDelete: 'restrict',
            onUpdate: 'cascade',
            initiallyDeferred: true,
          }),
        ],
      }),
    )
    const lines = orderLines.toModel()
    expect(lines.primaryKey).toEqual({ name: 'pk_order_lines', columns: ['order_id', 'line_no'] })
    // Primary key columns are not null even without notNull().
    expect(lines.columns.map((column) => column.nullable)).toEqual([false, false, true])
    expect(shipments.toModel().uniques).toEqual([{ columns: ['order_id', 'line_no'] }])
    expect(shipments.toModel().foreignKeys).toEqual([
      {
        name: 'fk_shipments_line',
        columns: ['order_id', 'line_no'],
        referencedTable: 'order_lines',
        referencedColumns: ['order_id', 'line_no'],
        onDelete: 'restrict',
        onUpdate: 'cascade',
        deferrable: true,
        initiallyDeferred: true,
      },
    ])
  })

  it('lets a table reference itself', () => {
    const nodes = defineTable('nodes', {
      id: serial().primaryKey(),
      parentId: integer('parent_id').references(() => nodes.columns.id, { onDelete: 'set null' }),
    })
    expect(nodes.toModel().foreignKeys).toEqual([
      {
        columns: ['parent_id'],
        referencedTable: 'nodes',
        referencedColumns: ['id'],
        onDelete: 'set null',
      },
    ])
  })

  it('lets tables reference each other in a cycle, whatever the order of definition', () => {
    const teams = defineTable('teams', {
      id: serial().primaryKey(),
      captainId: integer('captain_id').references(() => players.columns.id, { deferrable: true }),
    })
    const players = defineTable('players', {
      id: serial().primaryKey(),
      teamId: integer('team_id').references(() => teams.columns.id),
    })
    expect(teams.toModel().foreignKeys[0]).toMatchObject({
      referencedTable: 'players',
      deferrable: true,
    })
    expect(players.toModel().foreignKeys[0]).toMatchObject({ referencedTable: 'teams' })
  })

  it('lets table-level foreign keys form cycles too (and still type-check)', () => {
    const left = defineTable(
      'left_side',
      { id: integer().primaryKey(), rightId: integer('right_id') },
      (t) => ({
        foreignKeys: [foreignKey({ columns: [t.rightId], references: () => [right.columns.id] })],
      }),
    )
    const right = defineTable(
      'right_side',
      { id: integer().primaryKey(), leftId: integer('left_id'), parentId: integer('parent_id') },
      (t) => ({
        foreignKeys: [
          foreignKey({ columns: [t.leftId], references: () => [left.columns.id] }),
          foreignKey({ columns: [t.parentId], references: () => [right.columns.id] }),
        ],
      }),
    )
    expect(left.toModel().foreignKeys.map((fk) => fk.referencedTable)).toEqual(['right_side'])
    expect(right.toModel().foreignKeys.map((fk) => fk.referencedTable)).toEqual([
      'left_side',
      'right_side',
    ])
  })

  it('sorts unnamed constraints before named ones, by columns', () => {
    const table = defineTable('sorted', { a: integer(), b: integer(), c: integer() }, (t) => ({
      uniques: [unique('uq_z').on(t.a), unique().on(t.c), unique('uq_a').on(t.b), unique().on(t.b)],
      checks: [
        checkConstraint('b > 0'),
        checkConstraint('ck_a', 'a > 0'),
        checkConstraint('a > 1'),
      ],
    }))
    const model = table.toModel()
    expect(model.uniques).toEqual([
      { columns: ['b'] },
      { columns: ['c'] },
      { name: 'uq_a', columns: ['b'] },
      { name: 'uq_z', columns: ['a'] },
    ])
    expect(model.checks.map((c) => c.name ?? c.expression)).toEqual(['a > 1', 'b > 0', 'ck_a'])
  })

  it('puts tables in a schema, by option or with schema()', () => {
    const invoices = defineTable('invoices', { id: serial().primaryKey() }, { schema: 'billing' })
    const billing = schema('billing')
    const payments = billing.table('payments', {
      id: serial().primaryKey(),
      invoiceId: integer('invoice_id').references(() => invoices.columns.id),
    })
    expect(invoices.schema).toBe('billing')
    expect(invoices.toModel().schema).toBe('billing')
    expect(payments.schema).toBe('billing')
    expect(payments.toModel().foreignKeys[0]).toEqual({
      columns: ['invoice_id'],
      referencedTable: 'invoices',
      referencedSchema: 'billing',
      referencedColumns: ['id'],
    })
    const fromFunction = defineTable('refunds', { id: integer() }, () => ({ schema: 'billing' }))
    expect(fromFunction.toModel().schema).toBe('billing')
  })

  it('keeps builders immutable, so a base column can be shared', () => {
    const id = integer().notNull()
    const a = defineTable('a', { id: id.primaryKey() })
    const b = defineTable('b', { id, other: id.unique() })
    expect(a.toModel().primaryKey).toEqual({ columns: ['id'] })
    expect(b.toModel().primaryKey).toBeUndefined()
    expect(b.toModel().uniques).toEqual([{ columns: ['other'] }])
  })

  it('names a column-level primary key', () => {
    const table = defineTable('countries', { code: text().primaryKey({ name: 'pk_countries' }) })
    expect(table.toModel().primaryKey).toEqual({ name: 'pk_countries', columns: ['code'] })
  })
})

describe('defineTable refuses malformed definitions', () => {
  it('two columns with one SQL name', () => {
    const error = thrown(() => defineTable('t', { email: text(), eMail: text('email') }))
    expect(error.code).toBe('MODEL_INVALID')
    expect(error.message).toBe("Table 't': columns 'email' and 'eMail' are both named 'email'")
  })

  it('more than one primaryKey() column, or both kinds of primary key', () => {
    expect(
      thrown(() => defineTable('t', { a: integer().primaryKey(), b: integer().primaryKey() }))
        .message,
    ).toMatch(/more than one column is primaryKey\(\) \(a, b\)/)
    expect(
      thrown(() =>
        defineTable('t', { a: integer().primaryKey(), b: integer() }, (t) => ({
          primaryKey: primaryKey({ columns: [t.b] }),
        })),
      ).message,
    ).toMatch(/both a primaryKey\(\) column and a primaryKey option/)
  })

  it('a constraint on another table’s column', () => {
    const other = defineTable('other', { x: integer() })
    const error = thrown(() =>
      defineTable('t', { a: integer() }, () => ({ indexes: [index('ix').on(other.columns.x)] })),
    )
    expect(error.message).toMatch(/names column 'x' of table 'other'/)
  })

  it('something that is not a column builder, or options of the wrong kind', () => {
    expect(thrown(() => defineTable('t', { a: 'integer' } as never)).message).toMatch(
      /'a' is not a column/,
    )
    expect(
      thrown(() => defineTable('t', { a: integer() }, { checks: [index('ix')] } as never)).message,
    ).toMatch(/options.checks must be a list of checkConstraint\(/)
  })

  it('a foreign key function returning something else, or the wrong number of columns', () => {
    const bad = defineTable('t', { a: integer().references(() => 'users.id' as never) })
    expect(thrown(() => bad.toModel()).message).toMatch(
      /Table 't', column 'a': the references function must return a table's column/,
    )
    const target = defineTable('u', { x: integer(), y: integer() })
    const short = defineTable('t', { a: integer(), b: integer() }, (t) => ({
      foreignKeys: [foreignKey({ columns: [t.a, t.b], references: () => [target.columns.x] })],
    }))
    expect(thrown(() => short.toModel()).message).toMatch(/2 column\(s\) reference 1 column\(s\)/)
  })

  it('autoIncrement on a non-integer, or together with a default', () => {
    expect(thrown(() => text().autoIncrement()).message).toMatch(
      /autoIncrement\(\) needs an integer, bigint or smallint column, not text/,
    )
    expect(
      thrown(() => defineTable('t', { a: integer().autoIncrement().default(1) })).message,
    ).toMatch(/is autoIncrement and has a default/)
  })

  it('empty names, empty constraint column lists, bad defaults', () => {
    expect(thrown(() => defineTable('', {})).code).toBe('MODEL_INVALID')
    expect(thrown(() => text('')).code).toBe('MODEL_INVALID')
    expect(thrown(() => index('ix').on()).message).toMatch(/needs at least one column/)
    expect(thrown(() => unique().on()).message).toMatch(/needs at least one column/)
    expect(thrown(() => integer().default(Number.NaN)).message).toMatch(/default\(\) takes/)
    expect(thrown(() => integer().default(new Date() as never)).message).toMatch(
      /default\(\) takes/,
    )
  })
})
