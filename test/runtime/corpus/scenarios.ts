/**
 * The autogenerate corpus: model changes, each a pair of model modules (v1, v2). Every
 * scenario runs on every database (see run-scenario.ts); one a database cannot express
 * says why, and the test name shows it.
 */
import type { ChangeKind } from '../../../src/autogenerate/index.js'
import type { Dialect } from '../../../src/dialects/dialect.js'

export interface Scenario {
  readonly name: string
  /** The model module before (its body: the DSL's names are in scope). */
  readonly v1: string
  /** The model module after. */
  readonly v2: string
  /** `--rename` answers for the v2 revision. */
  readonly renames?: readonly string[]
  /** Change kinds the v2 comparison must report (at least these), per dialect where they differ. */
  readonly kinds: readonly ChangeKind[] | ((dialect: Dialect) => readonly ChangeKind[])
  /** Why `dialect` cannot run the scenario; undefined when it can. */
  readonly skip?: (dialect: Dialect) => string | undefined
  /** What the v2 downgrade cannot restore on `dialect` (its changes are then tolerated). */
  readonly irreversible?: (dialect: Dialect) => readonly ChangeKind[]
  /** Schemas besides the default one that the models use (PostgreSQL). */
  readonly schemas?: readonly string[]
  /** The v2 comparison warns (a drop + add the models do not explain). */
  readonly warns?: boolean
  /** A known gap on `dialect`, reported to be fixed: the scenario is expected to fail there. */
  readonly knownGap?: (dialect: Dialect) => string | undefined
}

const noComments = (dialect: Dialect) =>
  dialect.capabilities.comments ? undefined : `${dialect.name} stores no comments`
const noSchemas = (dialect: Dialect) =>
  dialect.capabilities.schemas ? undefined : `${dialect.name} has no schemas in a database`
const noPartial = (dialect: Dialect) =>
  dialect.capabilities.partialIndexes ? undefined : `${dialect.name} has no partial indexes`
const noExpressionIndex = (dialect: Dialect) =>
  dialect.capabilities.expressionIndexes ? undefined : `${dialect.name} has no expression indexes`
const noDeferrable = (dialect: Dialect) =>
  dialect.capabilities.deferrableConstraints
    ? undefined
    : `${dialect.name} has no deferrable constraints`
const noArrays = (dialect: Dialect) =>
  dialect.capabilities.enumTypes ? undefined : `${dialect.name} has no array types`
/** SQLite's types have affinities, not sizes: some type changes are no change there. */
const sameAffinity = (dialect: Dialect) =>
  dialect.name === 'sqlite' ? 'SQLite stores both types with one affinity' : undefined

/** PostgreSQL keeps an enum value once added: the downgrade leaves it. */
const enumValuesStay = (dialect: Dialect): readonly ChangeKind[] =>
  dialect.capabilities.enumTypes ? ['removeEnumValue'] : []

const ITEMS = `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  price: integer(),
})`

const USERS = `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  fullname: text(),
})`

const usersWith = (columns: string, options = '') => `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  fullname: text(),
  ${columns}
}${options === '' ? '' : `, ${options}`})`

const POSTS = `
export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull(),
  title: varchar(200).notNull(),
})`

const postsWith = (author: string, options = '') => `
export const posts = defineTable('posts', {
  id: serial().primaryKey(),
  authorId: integer('author_id').notNull()${author},
  title: varchar(200).notNull(),
}${options === '' ? '' : `, ${options}`})`

/** A table with short columns (MySQL limits the length of an index key). */
const slots = (options: string) => `
export const slots = defineTable('slots', {
  id: serial().primaryKey(),
  room: varchar(20).notNull(),
  startsAt: timestamp('starts_at').notNull(),
  label: varchar(40),
}, ${options})`

/** A column of `type` in a table `items`, before and after. */
function column(name: string, before: string, after: string, kinds: ChangeKind[]): Scenario {
  const items = (definition: string) => `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  ${definition}
})`
  return { name, v1: items(before), v2: items(after), kinds }
}

export const SCENARIOS: readonly Scenario[] = [
  // Tables.
  { name: 'create a table', v1: USERS, v2: USERS + POSTS, kinds: ['createTable'] },
  { name: 'drop a table', v1: USERS + POSTS, v2: USERS, kinds: ['dropTable'] },
  {
    name: 'create a table referencing an existing one',
    v1: USERS,
    v2: USERS + postsWith(`.references(() => users.columns.id, { onDelete: 'cascade' })`),
    kinds: ['createTable'],
  },
  {
    name: 'drop a referenced table and its referencing table',
    v1: USERS + postsWith('.references(() => users.columns.id)'),
    v2: `export const other = defineTable('other', { id: serial().primaryKey() })`,
    kinds: ['dropTable', 'createTable'],
  },
  {
    name: 'a table of every portable type',
    v1: USERS,
    v2: `${USERS}
export const everything = defineTable('everything', {
  id: bigint().primaryKey().autoIncrement(),
  small: smallint(),
  whole: integer().notNull().default(7),
  flag: boolean().notNull().default(false),
  body: text(),
  code: char(3),
  label: varchar(40).default('none'),
  price: numeric(12, 2).default(0),
  ratio: real(),
  precise: double(),
  day: date(),
  clock: time(),
  stamp: timestamp().defaultNow(),
  zoned: timestamptz(),
  doc: json(),
  blob: bytes(),
})`,
    kinds: ['createTable'],
  },
  {
    name: 'PostgreSQL-only types: uuid, jsonb, interval, arrays',
    v1: USERS,
    v2: `${USERS}
export const pgtypes = defineTable('pgtypes', {
  id: uuid().primaryKey().default(sqlExpr\`gen_random_uuid()\`),
  data: jsonb().notNull().default(sqlExpr\`'{}'::jsonb\`),
  span: interval(),
  tags: text().array().notNull().default(sqlExpr\`'{}'\`),
  scores: integer().array(),
})`,
    kinds: ['createTable'],
    skip: noArrays,
  },
  // Columns.
  column('add a nullable column', 'name: text(),', 'name: text(),\n  age: integer(),', [
    'addColumn',
  ]),
  column(
    'add a NOT NULL column with a default',
    'name: text(),',
    "name: text(),\n  status: varchar(20).notNull().default('active'),",
    ['addColumn'],
  ),
  column('drop a column', 'name: text(),\n  age: integer(),', 'name: text(),', ['dropColumn']),
  column('widen a varchar', 'name: varchar(50),', 'name: varchar(200),', ['columnType']),
  {
    ...column('integer to bigint', 'n: integer().notNull(),', 'n: bigint().notNull(),', [
      'columnType',
    ]),
    skip: sameAffinity,
  },
  {
    ...column('numeric precision', 'price: numeric(10, 2),', 'price: numeric(14, 4),', [
      'columnType',
    ]),
    skip: sameAffinity,
  },
  column('varchar to text', 'body: varchar(100),', 'body: text(),', ['columnType']),
  column('nullable to NOT NULL', 'name: varchar(40),', 'name: varchar(40).notNull(),', [
    'columnNullable',
  ]),
  column('NOT NULL to nullable', 'name: varchar(40).notNull(),', 'name: varchar(40),', [
    'columnNullable',
  ]),
  column('add a default', 'status: varchar(20),', "status: varchar(20).default('new'),", [
    'columnDefault',
  ]),
  column(
    'change a numeric default',
    'score: integer().notNull().default(0),',
    'score: integer().notNull().default(10),',
    ['columnDefault'],
  ),
  column('drop a default', "status: varchar(20).default('new'),", 'status: varchar(20),', [
    'columnDefault',
  ]),
  column(
    'boolean default true to false',
    'active: boolean().notNull().default(true),',
    'active: boolean().notNull().default(false),',
    ['columnDefault'],
  ),
  column('add a CURRENT_TIMESTAMP default', 'at: timestamp(),', 'at: timestamp().defaultNow(),', [
    'columnDefault',
  ]),
  column(
    'type, nullability and default at once',
    'qty: real(),',
    'qty: integer().notNull().default(1),',
    ['columnType', 'columnNullable', 'columnDefault'],
  ),
  {
    ...column('add a column comment', 'name: text(),', "name: text().comment('Shown to others'),", [
      'columnComment',
    ]),
    skip: noComments,
  },
  {
    ...column(
      'change and drop column comments',
      "name: text().comment('old'),\n  note: text().comment('gone soon'),",
      "name: text().comment('new'),\n  note: text(),",
      ['columnComment'],
    ),
    skip: noComments,
  },
  {
    name: 'table comment',
    v1: USERS,
    v2: usersWith('', "{ comment: 'People who log in' }"),
    kinds: ['tableComment'],
    skip: noComments,
  },
  // Renames.
  {
    name: 'rename a column with renamedFrom',
    v1: USERS,
    v2: `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  name: text().renamedFrom('fullname'),
})`,
    kinds: ['renameColumn'],
  },
  {
    name: 'rename a column with --rename',
    v1: USERS,
    v2: `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  displayName: text('display_name'),
})`,
    renames: ['users.fullname=display_name'],
    kinds: ['renameColumn'],
  },
  {
    name: 'rename a referenced table with renamedFrom',
    v1: USERS + postsWith('.references(() => users.columns.id)'),
    v2: `
export const users = defineTable('people', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  fullname: text(),
}, { renamedFrom: 'users' })
${postsWith('.references(() => users.columns.id)')}`,
    kinds: ['renameTable'],
  },
  {
    name: 'rename a table with --rename',
    v1: USERS,
    v2: `
export const users = defineTable('members', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  fullname: text(),
})`,
    renames: ['users=members'],
    kinds: ['renameTable'],
  },
  {
    name: 'an unexplained drop + add is done as such, with a warning',
    v1: USERS,
    v2: `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull(),
  nickname: text(),
})`,
    kinds: ['dropColumn', 'addColumn'],
    warns: true,
  },
  // Indexes.
  {
    name: 'add an index',
    v1: USERS,
    v2: usersWith('', "(t) => ({ indexes: [index('ix_users_email').on(t.email)] })"),
    kinds: ['createIndex'],
  },
  {
    name: 'drop an index',
    v1: usersWith('', "(t) => ({ indexes: [index('ix_users_email').on(t.email)] })"),
    v2: USERS,
    kinds: ['dropIndex'],
  },
  {
    name: 'make an index unique',
    v1: usersWith('', "(t) => ({ indexes: [index('ix_users_email').on(t.email)] })"),
    v2: usersWith('', "(t) => ({ indexes: [index('ix_users_email').on(t.email).unique()] })"),
    kinds: ['changeIndex'],
  },
  {
    name: 'multi-column index, columns changed',
    v1: slots("(t) => ({ indexes: [index('ix_slots_pair').on(t.room, t.startsAt)] })"),
    v2: slots("(t) => ({ indexes: [index('ix_slots_pair').on(t.startsAt, t.room, t.label)] })"),
    kinds: ['changeIndex'],
  },
  {
    name: 'partial index',
    v1: USERS,
    v2: usersWith(
      '',
      "(t) => ({ indexes: [index('ix_users_named').on(t.email).where(sqlExpr`fullname IS NOT NULL`)] })",
    ),
    kinds: ['createIndex'],
    skip: noPartial,
  },
  {
    name: 'expression index',
    v1: USERS,
    v2: usersWith(
      '',
      "(t) => ({ indexes: [index('ix_users_lower_email').on(sqlExpr`lower(email)`).unique()] })",
    ),
    kinds: ['createIndex'],
    skip: noExpressionIndex,
  },
  // Unique constraints.
  {
    name: 'add a unique constraint',
    v1: USERS,
    v2: `
export const users = defineTable('users', {
  id: serial().primaryKey(),
  email: varchar(255).notNull().unique(),
  fullname: text(),
})`,
    kinds: ['createUnique'],
  },
  {
    name: 'drop a named unique constraint',
    v1: usersWith('', "(t) => ({ uniques: [unique('uq_users_email').on(t.email)] })"),
    v2: USERS,
    kinds: ['dropUnique'],
  },
  {
    name: 'composite unique constraint changed',
    v1: slots("(t) => ({ uniques: [unique('uq_slots_pair').on(t.room, t.startsAt)] })"),
    v2: slots("(t) => ({ uniques: [unique('uq_slots_pair').on(t.startsAt, t.room)] })"),
    kinds: ['changeUnique'],
  },
  // Foreign keys.
  {
    name: 'add a foreign key',
    v1: USERS + POSTS,
    v2: USERS + postsWith('.references(() => users.columns.id)'),
    kinds: ['createForeignKey'],
  },
  {
    name: 'drop a foreign key',
    v1: USERS + postsWith(".references(() => users.columns.id, { name: 'fk_posts_author' })"),
    v2: USERS + POSTS,
    kinds: ['dropForeignKey'],
  },
  {
    name: 'change a foreign key action',
    v1:
      USERS +
      postsWith(
        ".references(() => users.columns.id, { name: 'fk_posts_author', onDelete: 'cascade' })",
      ),
    v2:
      USERS +
      postsWith(
        ".references(() => users.columns.id, { name: 'fk_posts_author', onDelete: 'restrict' })",
      ),
    kinds: ['changeForeignKey'],
  },
  {
    name: 'deferrable foreign key',
    v1: USERS + postsWith(".references(() => users.columns.id, { name: 'fk_posts_author' })"),
    v2:
      USERS +
      postsWith(
        ".references(() => users.columns.id, { name: 'fk_posts_author', initiallyDeferred: true })",
      ),
    kinds: ['changeForeignKey'],
    skip: noDeferrable,
  },
  {
    name: 'change an unnamed foreign key',
    v1: USERS + postsWith('.references(() => users.columns.id)'),
    v2: USERS + postsWith(".references(() => users.columns.id, { onDelete: 'cascade' })"),
    kinds: ['dropForeignKey', 'createForeignKey'],
    knownGap: (dialect) =>
      dialect.name === 'sqlite'
        ? 'SQLite keeps no name for an unnamed foreign key and op.dropConstraint needs one; compare only warns'
        : undefined,
  },
  {
    name: 'self-referencing foreign key',
    v1: `
export const nodes = defineTable('nodes', {
  id: serial().primaryKey(),
  label: text(),
})`,
    v2: `
export const nodes = defineTable('nodes', {
  id: serial().primaryKey(),
  label: text(),
  parentId: integer('parent_id').references(() => nodes.columns.id, { onDelete: 'set null' }),
})`,
    kinds: ['addColumn', 'createForeignKey'],
  },
  {
    name: 'a foreign key cycle between two new tables',
    v1: USERS,
    v2: `${USERS}
export const teams = defineTable('teams', {
  id: serial().primaryKey(),
  captainId: integer('captain_id').references(() => players.columns.id),
})
export const players = defineTable('players', {
  id: serial().primaryKey(),
  teamId: integer('team_id').references(() => teams.columns.id),
})`,
    kinds: ['createTable'],
  },
  {
    name: 'drop two tables in a foreign key cycle',
    v1: `${USERS}
export const teams = defineTable('teams', {
  id: serial().primaryKey(),
  captainId: integer('captain_id').references(() => players.columns.id),
})
export const players = defineTable('players', {
  id: serial().primaryKey(),
  teamId: integer('team_id').references(() => teams.columns.id),
})`,
    v2: USERS,
    kinds: ['dropTable'],
  },
  {
    name: 'a three-table foreign key cycle added to existing tables',
    v1: `
export const a = defineTable('cyc_a', { id: serial().primaryKey(), bId: integer('b_id') })
export const b = defineTable('cyc_b', { id: serial().primaryKey(), cId: integer('c_id') })
export const c = defineTable('cyc_c', { id: serial().primaryKey(), aId: integer('a_id') })`,
    v2: `
export const a = defineTable('cyc_a', { id: serial().primaryKey(), bId: integer('b_id').references(() => b.columns.id) })
export const b = defineTable('cyc_b', { id: serial().primaryKey(), cId: integer('c_id').references(() => c.columns.id) })
export const c = defineTable('cyc_c', { id: serial().primaryKey(), aId: integer('a_id').references(() => a.columns.id) })`,
    kinds: ['createForeignKey'],
  },
  // Checks.
  {
    name: 'add a check constraint',
    v1: ITEMS,
    v2: `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  price: integer(),
}, (t) => ({ checks: [checkConstraint('ck_items_price', sqlExpr\`\${t.price} >= 0\`)] }))`,
    kinds: ['createCheck'],
  },
  {
    name: 'drop a check constraint',
    v1: `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  price: integer(),
}, { checks: [checkConstraint('ck_items_price', 'price >= 0')] })`,
    v2: ITEMS,
    kinds: ['dropCheck'],
  },
  {
    name: 'change a check expression',
    v1: `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  price: integer(),
}, { checks: [checkConstraint('ck_items_price', 'price >= 0')] })`,
    v2: `
export const items = defineTable('items', {
  id: serial().primaryKey(),
  price: integer(),
}, { checks: [checkConstraint('ck_items_price', 'price > 0 AND price < 1000000')] })`,
    kinds: ['changeCheck'],
  },
  // Primary keys.
  {
    name: 'add a primary key',
    v1: `
export const tags = defineTable('tags', {
  code: varchar(20).notNull(),
  label: text(),
})`,
    v2: `
export const tags = defineTable('tags', {
  code: varchar(20).primaryKey(),
  label: text(),
})`,
    kinds: ['createPrimaryKey'],
  },
  {
    name: 'single to composite primary key',
    v1: `
export const memberships = defineTable('memberships', {
  userId: integer('user_id').primaryKey(),
  groupId: integer('group_id').notNull(),
})`,
    v2: `
export const memberships = defineTable('memberships', {
  userId: integer('user_id').notNull(),
  groupId: integer('group_id').notNull(),
}, (t) => ({ primaryKey: primaryKey({ columns: [t.userId, t.groupId] }) }))`,
    kinds: ['changePrimaryKey'],
  },
  {
    name: 'composite key referenced by a composite foreign key',
    v1: `
export const orders = defineTable('orders', {
  tenant: integer().notNull(),
  code: varchar(20).notNull(),
}, (t) => ({ primaryKey: primaryKey({ columns: [t.tenant, t.code] }) }))`,
    v2: `
export const orders = defineTable('orders', {
  tenant: integer().notNull(),
  code: varchar(20).notNull(),
}, (t) => ({ primaryKey: primaryKey({ columns: [t.tenant, t.code] }) }))
export const lines = defineTable('order_lines', {
  tenant: integer().notNull(),
  orderCode: varchar('order_code', 20).notNull(),
  lineNo: integer('line_no').notNull(),
}, (t) => ({
  primaryKey: primaryKey({ columns: [t.tenant, t.orderCode, t.lineNo] }),
  foreignKeys: [foreignKey({
    columns: [t.tenant, t.orderCode],
    references: () => [orders.columns.tenant, orders.columns.code],
    onDelete: 'cascade',
  })],
}))`,
    kinds: ['createTable'],
  },
  // Enums.
  {
    name: 'create an enum column',
    v1: USERS,
    v2: `${USERS}
export const mood = enumType('mood', ['sad', 'ok', 'happy'])
export const people = defineTable('people', {
  id: serial().primaryKey(),
  mood: mood().notNull().default('ok'),
})`,
    kinds: (dialect) =>
      dialect.capabilities.enumTypes ? ['createEnum', 'createTable'] : ['createTable'],
  },
  {
    name: 'add an enum value',
    v1: `
export const mood = enumType('mood', ['sad', 'happy'])
export const people = defineTable('people', { id: serial().primaryKey(), mood: mood() })`,
    v2: `
export const mood = enumType('mood', ['sad', 'ok', 'happy'])
export const people = defineTable('people', { id: serial().primaryKey(), mood: mood() })`,
    kinds: (dialect) => (dialect.capabilities.enumTypes ? ['addEnumValue'] : ['columnType']),
    irreversible: enumValuesStay,
  },
  {
    name: 'remove an enum value',
    v1: `
export const mood = enumType('mood', ['sad', 'ok', 'happy'])
export const people = defineTable('people', { id: serial().primaryKey(), mood: mood() })`,
    v2: `
export const mood = enumType('mood', ['sad', 'happy'])
export const people = defineTable('people', { id: serial().primaryKey(), mood: mood() })`,
    kinds: ['columnType'],
    skip: (dialect) =>
      dialect.capabilities.enumTypes
        ? `${dialect.name} cannot drop a value from an enum type`
        : undefined,
  },
  {
    name: 'drop an enum column and its type',
    v1: `
export const mood = enumType('mood', ['sad', 'ok'])
export const people = defineTable('people', { id: serial().primaryKey(), mood: mood() })`,
    v2: `export const people = defineTable('people', { id: serial().primaryKey() })`,
    kinds: (dialect) =>
      dialect.capabilities.enumTypes ? ['dropColumn', 'dropEnum'] : ['dropColumn'],
  },
  // Schemas.
  {
    name: 'a table in a new schema referencing the default schema',
    v1: USERS,
    v2: `${USERS}
const billing = schema('billing')
export const invoices = billing.table('invoices', {
  id: serial().primaryKey(),
  userId: integer('user_id').notNull().references(() => users.columns.id),
  total: numeric(12, 2).notNull(),
})`,
    kinds: ['createTable'],
    schemas: ['billing'],
    skip: noSchemas,
  },
  {
    name: 'an enum type in another schema',
    v1: `
export const invoices = schema('billing').table('invoices', { id: serial().primaryKey() })`,
    v2: `
export const state = enumType('invoice_state', ['open', 'paid'], { schema: 'billing' })
export const invoices = schema('billing').table('invoices', {
  id: serial().primaryKey(),
  state: state().notNull().default('open'),
})`,
    kinds: ['createEnum', 'addColumn'],
    schemas: ['billing'],
    skip: noSchemas,
  },
]

/** The change kinds a scenario's v2 comparison must report on `dialect`. */
export function expectedKinds(scenario: Scenario, dialect: Dialect): readonly ChangeKind[] {
  return typeof scenario.kinds === 'function' ? scenario.kinds(dialect) : scenario.kinds
}
