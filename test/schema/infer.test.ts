import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely'
import { describe, expectTypeOf, it } from 'vitest'
import {
  bigint,
  boolean,
  bytes,
  char,
  date,
  defineTable,
  double,
  enumType,
  type InferDatabase,
  type InferTable,
  integer,
  interval,
  json,
  jsonb,
  nativeType,
  numeric,
  real,
  schema,
  serial,
  smallint,
  sqlExpr,
  text,
  time,
  timestamp,
  timestamptz,
  uuid,
  varchar,
} from '../../src/schema/index.js'

type DateTime = ColumnType<Date, Date | string, Date | string>

const mood = enumType('mood', ['sad', 'ok'])

const users = defineTable('users', {
  id: integer().primaryKey().autoIncrement(),
  email: varchar(255).notNull().unique(),
  fullName: text('full_name').renamedFrom('fullname'),
  createdAt: timestamptz('created_at').notNull().default(sqlExpr`now()`),
  active: boolean().notNull().default(true),
  mood: mood(),
})

const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id')
    .notNull()
    .references(() => users.columns.id, { onDelete: 'cascade' }),
  parentId: integer('parent_id').references(() => posts.columns.id),
  tags: text().array().notNull(),
})

const invoices = schema('billing').table('invoices', {
  id: bigint().primaryKey().autoIncrement(),
  total: numeric(12, 2).notNull(),
})

const refunds = defineTable('refunds', { id: integer().primaryKey() }, { schema: 'billing' })

/** What a model module looks like from `import * as models`. */
const models = { users, posts, invoices, refunds, mood, helper: () => 1, version: 3 }
type Database = InferDatabase<typeof models>

describe('InferDatabase', () => {
  it('keys tables by SQL name, schema-qualified in a schema, and ignores other exports', () => {
    expectTypeOf<keyof Database>().toEqualTypeOf<
      'users' | 'posts' | 'billing.invoices' | 'billing.refunds'
    >()
  })

  it('gives each column its Kysely type, keyed by SQL name', () => {
    expectTypeOf<Database['users']>().toEqualTypeOf<{
      id: Generated<number>
      email: string
      full_name: string | null
      created_at: ColumnType<Date, Date | string | undefined, Date | string>
      active: Generated<boolean>
      mood: 'sad' | 'ok' | null
    }>()
    expectTypeOf<Database['posts']>().toEqualTypeOf<{
      id: Generated<number>
      author_id: number
      parent_id: number | null
      tags: string[]
    }>()
    expectTypeOf<Database['billing.invoices']>().toEqualTypeOf<{
      id: ColumnType<string, string | number | bigint | undefined, string | number | bigint>
      total: ColumnType<string, string | number, string | number>
    }>()
  })

  it('maps every portable type', () => {
    const all = defineTable('all', {
      a: integer().notNull(),
      b: smallint().notNull(),
      c: real().notNull(),
      d: double().notNull(),
      e: boolean().notNull(),
      f: text().notNull(),
      g: char(2).notNull(),
      h: uuid().notNull(),
      i: time().notNull(),
      j: interval().notNull(),
      k: date().notNull(),
      l: timestamp().notNull(),
      m: json().notNull(),
      n: jsonb<{ theme: 'dark' }>().notNull(),
      o: bytes().notNull(),
      p: nativeType('tsvector').notNull(),
      q: nativeType<string>('citext').notNull(),
      r: nativeType('r_sql', 'inet').$type<string>().notNull(),
      s: json('s_sql').$type<number[]>(),
      t: timestamptz().array(),
      u: mood().array().notNull(),
    })
    expectTypeOf<InferTable<typeof all>>().toEqualTypeOf<{
      a: number
      b: number
      c: number
      d: number
      e: boolean
      f: string
      g: string
      h: string
      i: string
      j: string
      k: DateTime
      l: DateTime
      m: unknown
      n: { theme: 'dark' }
      o: Buffer
      p: unknown
      q: string
      r_sql: string
      s_sql: number[] | null
      t: ColumnType<Date[] | null, (Date | string)[] | null, (Date | string)[] | null>
      u: ('sad' | 'ok')[]
    }>()
  })

  it('accepts a tuple of tables', () => {
    expectTypeOf<keyof InferDatabase<[typeof users, typeof refunds]>>().toEqualTypeOf<
      'users' | 'billing.refunds'
    >()
  })

  it('makes generated and nullable columns optional on insert', () => {
    type NewUser = Insertable<Database['users']>
    expectTypeOf<{ email: string }>().toExtend<NewUser>()
    expectTypeOf<{
      id: number
      email: string
      full_name: null
      created_at: string
      active: boolean
      mood: 'ok'
    }>().toExtend<NewUser>()
    expectTypeOf<{ full_name: string }>().not.toExtend<NewUser>()
    expectTypeOf<{ email: string; mood: 'angry' }>().not.toExtend<NewUser>()
    expectTypeOf<Selectable<Database['users']>['created_at']>().toEqualTypeOf<Date>()
  })
})

describe('Kysely queries on the inferred database', () => {
  it('type-check with the SQL names, and fail with wrong ones (compile time)', () => {
    // Never called: tsc checks the queries, including that the wrong ones do not compile.
    const typedQueries = async (db: Kysely<Database>): Promise<void> => {
      const rows = await db.selectFrom('users').select(['id', 'email']).execute()
      expectTypeOf(rows).toEqualTypeOf<{ id: number; email: string }[]>()
      // @ts-expect-error 'fullName' is the key; the SQL column is 'full_name'
      await db.selectFrom('users').select(['id', 'fullName']).execute()
      // @ts-expect-error no such table
      await db.selectFrom('invoices').selectAll().execute()
      await db.selectFrom('billing.invoices').select(['id', 'total']).execute()
      await db.insertInto('users').values({ email: 'a@example.com' }).execute()
      // @ts-expect-error email is required
      await db.insertInto('users').values({ full_name: 'A' }).execute()
      await db
        .selectFrom('posts')
        .innerJoin('users', 'users.id', 'posts.author_id')
        .select(['posts.tags', 'users.mood'])
        .execute()
    }
    expectTypeOf(typedQueries).toBeFunction()
  })
})
