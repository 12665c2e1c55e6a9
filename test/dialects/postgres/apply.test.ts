/**
 * Every operation applied to a real PostgreSQL server and to PGlite, then read back from
 * the catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { postgresDialect } from '../../../src/dialects/postgres/index.js'
import { postgresDatabase } from '../../support/databases.js'
import {
  apply,
  columns,
  constraints,
  enumValues,
  indexes,
  schemaExists,
  tableComment,
  tableNames,
} from './catalog.js'

const server = await postgresDatabase('pg_apply')
afterAll(() => server.drop())

const targets = [
  { name: 'PostgreSQL server', available: server.available, url: server.url },
  { name: 'PGlite', available: true, url: 'pglite:memory:' },
]

for (const target of targets) {
  describe.skipIf(!target.available)(`postgres operations applied on ${target.name}`, () => {
    let db: DialectConnection
    beforeAll(async () => {
      db = await postgresDialect.connect(parseUrl(target.url))
    }, 20_000)
    afterAll(async () => {
      await db?.close()
    })

    it('creates a table with every portable type, nullability, defaults and identity', async () => {
      await apply(
        db,
        { kind: 'createEnum', name: 'mood', values: ['sad', 'happy'] },
        {
          kind: 'createTable',
          table: 'every_type',
          columns: [
            { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
            { name: 'i', type: 'integer', nullable: false, default: 7 },
            { name: 's', type: 'smallint' },
            { name: 'b', type: 'boolean', default: true },
            { name: 't', type: 'text', default: "it's" },
            { name: 'v', type: 'varchar(255)' },
            { name: 'c', type: 'char(2)' },
            { name: 'n', type: 'numeric(10,2)', default: 1.5 },
            { name: 'n1', type: 'numeric(10)' },
            { name: 'n0', type: 'numeric' },
            { name: 'r', type: 'real' },
            { name: 'd', type: 'double' },
            { name: 'dt', type: 'date' },
            { name: 'tm', type: 'time' },
            { name: 'ts', type: 'timestamp' },
            { name: 'tz', type: 'timestamptz', default: { sql: 'now()' } },
            { name: 'iv', type: 'interval' },
            { name: 'j', type: 'json' },
            { name: 'jb', type: 'jsonb', default: { sql: `'{}'::jsonb` } },
            { name: 'u', type: 'uuid' },
            { name: 'by', type: 'bytes' },
            { name: 'arr', type: 'text[]' },
            { name: 'm', type: { enum: ['sad', 'happy'], name: 'mood' }, default: 'happy' },
            { name: 'native', type: 'tsvector' },
          ],
        },
      )
      const found = await columns(db, { table: 'every_type' })
      expect(found.map(({ name, type }) => [name, type])).toEqual([
        ['id', 'bigint'],
        ['i', 'integer'],
        ['s', 'smallint'],
        ['b', 'boolean'],
        ['t', 'text'],
        ['v', 'character varying(255)'],
        ['c', 'character(2)'],
        ['n', 'numeric(10,2)'],
        ['n1', 'numeric(10,0)'],
        ['n0', 'numeric'],
        ['r', 'real'],
        ['d', 'double precision'],
        ['dt', 'date'],
        ['tm', 'time without time zone'],
        ['ts', 'timestamp without time zone'],
        ['tz', 'timestamp with time zone'],
        ['iv', 'interval'],
        ['j', 'json'],
        ['jb', 'jsonb'],
        ['u', 'uuid'],
        ['by', 'bytea'],
        ['arr', 'text[]'],
        ['m', 'mood'],
        ['native', 'tsvector'],
      ])
      const byName = Object.fromEntries(found.map((column) => [column.name, column]))
      expect(byName.id).toMatchObject({ notNull: true, identity: 'd', default: null })
      expect(byName.i).toMatchObject({ notNull: true, default: '7' })
      expect(byName.s).toMatchObject({ notNull: false, default: null, identity: '' })
      expect(byName.b?.default).toBe('true')
      expect(byName.t?.default).toBe(`'it''s'::text`)
      expect(byName.n?.default).toBe('1.5')
      expect(byName.tz?.default).toBe('now()')
      expect(byName.jb?.default).toBe(`'{}'::jsonb`)
      expect(byName.m?.default).toBe(`'happy'::mood`)
      const { rows } = await db.query(
        'INSERT INTO every_type DEFAULT VALUES RETURNING id, i, b, m::text AS m',
      )
      expect(rows[0]).toMatchObject({ i: 7, b: true, m: 'happy' })
      expect(Number(rows[0]?.id)).toBe(1)
    })

    it('creates primary, unique, foreign key (actions, deferrable) and check constraints', async () => {
      await apply(
        db,
        {
          kind: 'createTable',
          table: 'teams',
          columns: [{ name: 'id', type: 'integer', primaryKey: true }],
        },
        {
          kind: 'createTable',
          table: 'members',
          columns: [
            { name: 'team_id', type: 'integer', nullable: false },
            { name: 'user_id', type: 'integer', nullable: false },
            { name: 'email', type: 'text', unique: true },
            {
              name: 'lead_id',
              type: 'integer',
              references: {
                table: 'teams',
                column: 'id',
                name: 'members_lead_fk',
                onDelete: 'set null',
              },
            },
            { name: 'seats', type: 'integer' },
          ],
          primaryKey: { columns: ['team_id', 'user_id'], name: 'members_pk' },
          uniques: [{ columns: ['team_id', 'seats'], name: 'members_team_seats' }],
          foreignKeys: [
            {
              columns: ['team_id'],
              referencedTable: 'teams',
              referencedColumns: ['id'],
              name: 'members_team_fk',
              onDelete: 'cascade',
              onUpdate: 'restrict',
              deferrable: true,
              initiallyDeferred: true,
            },
          ],
          checks: [{ expression: 'seats > 0', name: 'members_seats_positive' }],
        },
      )
      const found = await constraints(db, { table: 'members' })
      expect(found).toEqual([
        {
          name: 'members_email_key',
          type: 'u',
          definition: 'UNIQUE (email)',
          deferrable: false,
          deferred: false,
        },
        {
          name: 'members_lead_fk',
          type: 'f',
          definition: 'FOREIGN KEY (lead_id) REFERENCES teams(id) ON DELETE SET NULL',
          deferrable: false,
          deferred: false,
        },
        {
          name: 'members_pk',
          type: 'p',
          definition: 'PRIMARY KEY (team_id, user_id)',
          deferrable: false,
          deferred: false,
        },
        {
          name: 'members_seats_positive',
          type: 'c',
          definition: 'CHECK ((seats > 0))',
          deferrable: false,
          deferred: false,
        },
        {
          name: 'members_team_fk',
          type: 'f',
          definition:
            'FOREIGN KEY (team_id) REFERENCES teams(id) ON UPDATE RESTRICT ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED',
          deferrable: true,
          deferred: true,
        },
        {
          name: 'members_team_seats',
          type: 'u',
          definition: 'UNIQUE (team_id, seats)',
          deferrable: false,
          deferred: false,
        },
      ])
      await expect(
        db.query('INSERT INTO members (team_id, user_id, seats) VALUES (1, 1, 0)'),
      ).rejects.toThrow(/members_seats_positive/)
    })

    it('adds and drops constraints on an existing table', async () => {
      await apply(
        db,
        {
          kind: 'createTable',
          table: 'accounts',
          columns: [
            { name: 'id', type: 'integer', nullable: false },
            { name: 'code', type: 'text' },
            { name: 'parent_id', type: 'integer' },
            { name: 'balance', type: 'integer' },
          ],
        },
        { kind: 'createPrimaryKey', name: 'accounts_pk', table: 'accounts', columns: ['id'] },
        {
          kind: 'createUniqueConstraint',
          name: 'accounts_code',
          table: 'accounts',
          columns: ['code'],
        },
        {
          kind: 'createForeignKey',
          name: 'accounts_parent_fk',
          table: 'accounts',
          columns: ['parent_id'],
          referencedTable: 'accounts',
          referencedColumns: ['id'],
          onDelete: 'cascade',
          deferrable: true,
        },
        {
          kind: 'createCheckConstraint',
          name: 'accounts_balance',
          table: 'accounts',
          expression: 'balance >= 0',
        },
      )
      const names = async () => (await constraints(db, { table: 'accounts' })).map((c) => c.name)
      expect(await names()).toEqual([
        'accounts_balance',
        'accounts_code',
        'accounts_parent_fk',
        'accounts_pk',
      ])
      const fk = (await constraints(db, { table: 'accounts' })).find((c) => c.type === 'f')
      expect(fk).toMatchObject({ deferrable: true, deferred: false })
      await apply(
        db,
        { kind: 'dropConstraint', name: 'accounts_balance', table: 'accounts', type: 'check' },
        { kind: 'dropConstraint', name: 'accounts_parent_fk', table: 'accounts' },
      )
      expect(await names()).toEqual(['accounts_code', 'accounts_pk'])
    })

    it('creates unique, partial, expression and method indexes, and drops them', async () => {
      await apply(
        db,
        {
          kind: 'createTable',
          table: 'people',
          columns: [
            { name: 'id', type: 'integer' },
            { name: 'email', type: 'text' },
            { name: 'deleted_at', type: 'timestamptz' },
            { name: 'tags', type: 'text[]' },
          ],
        },
        { kind: 'createIndex', name: 'people_id', table: 'people', columns: ['id'], unique: true },
        {
          kind: 'createIndex',
          name: 'people_email_live',
          table: 'people',
          columns: [{ sql: 'lower(email)' }],
          where: 'deleted_at IS NULL',
        },
        {
          kind: 'createIndex',
          name: 'people_tags',
          table: 'people',
          columns: ['tags'],
          using: 'gin',
        },
      )
      expect(await indexes(db, { table: 'people' })).toEqual([
        {
          name: 'people_email_live',
          definition:
            'CREATE INDEX people_email_live ON public.people USING btree (lower(email)) WHERE (deleted_at IS NULL)',
          unique: false,
          valid: true,
        },
        {
          name: 'people_id',
          definition: 'CREATE UNIQUE INDEX people_id ON public.people USING btree (id)',
          unique: true,
          valid: true,
        },
        {
          name: 'people_tags',
          definition: 'CREATE INDEX people_tags ON public.people USING gin (tags)',
          unique: false,
          valid: true,
        },
      ])
      await apply(
        db,
        { kind: 'dropIndex', name: 'people_tags' },
        { kind: 'dropIndex', name: 'people_tags', ifExists: true },
      )
      expect((await indexes(db, { table: 'people' })).map((index) => index.name)).toEqual([
        'people_email_live',
        'people_id',
      ])
    })

    it('creates and drops an index concurrently, outside a transaction, and refuses it inside one', async () => {
      await apply(db, {
        kind: 'createTable',
        table: 'events',
        columns: [{ name: 'at', type: 'timestamptz' }],
      })
      const create = postgresDialect.compile({
        kind: 'createIndex',
        name: 'events_at',
        table: 'events',
        columns: ['at'],
        concurrently: true,
      })
      expect(create).toEqual([
        { sql: 'CREATE INDEX CONCURRENTLY "events_at" ON "events" ("at")', transactional: false },
      ])
      await db.begin()
      await expect(
        apply(db, {
          kind: 'createIndex',
          name: 'events_at',
          table: 'events',
          columns: ['at'],
          concurrently: true,
        }),
      ).rejects.toThrow(/cannot run inside a transaction block/)
      await db.rollback()
      await apply(db, {
        kind: 'createIndex',
        name: 'events_at',
        table: 'events',
        columns: ['at'],
        concurrently: true,
      })
      expect(await indexes(db, { table: 'events' })).toMatchObject([
        { name: 'events_at', valid: true },
      ])
      await apply(db, { kind: 'dropIndex', name: 'events_at', concurrently: true })
      expect(await indexes(db, { table: 'events' })).toEqual([])
    })

    it('alters a column: type with USING, nullability, default, comment, rename', async () => {
      await apply(
        db,
        {
          kind: 'createTable',
          table: 'orders',
          columns: [
            { name: 'amount', type: 'text', default: '0' },
            { name: 'note', type: 'text', nullable: false },
          ],
        },
        { kind: 'bulkInsert', table: 'orders', rows: [{ amount: '12.50', note: 'x' }] },
        {
          kind: 'alterColumn',
          table: 'orders',
          column: 'amount',
          type: 'numeric(12,2)',
          using: 'amount::numeric(12,2)',
          default: 0,
          nullable: false,
          comment: 'in euros',
          newName: 'total',
        },
        { kind: 'alterColumn', table: 'orders', column: 'note', nullable: true, default: 'n/a' },
      )
      const [total, note] = await columns(db, { table: 'orders' })
      expect(total).toMatchObject({
        name: 'total',
        type: 'numeric(12,2)',
        notNull: true,
        default: '0',
        comment: 'in euros',
      })
      expect(note).toMatchObject({ name: 'note', notNull: false, default: `'n/a'::text` })
      const { rows } = await db.query('SELECT total::text AS total FROM orders')
      expect(rows).toEqual([{ total: '12.50' }])
      await apply(db, {
        kind: 'alterColumn',
        table: 'orders',
        column: 'total',
        default: null,
        comment: null,
      })
      expect((await columns(db, { table: 'orders' }))[0]).toMatchObject({
        default: null,
        comment: null,
      })
    })

    it('adds, drops and renames columns and tables', async () => {
      await apply(
        db,
        { kind: 'createTable', table: 'gadget', columns: [{ name: 'id', type: 'integer' }] },
        {
          kind: 'addColumn',
          table: 'gadget',
          column: {
            name: 'label',
            type: 'varchar(20)',
            nullable: false,
            default: 'none',
            comment: 'shown',
          },
        },
        { kind: 'addColumn', table: 'gadget', column: { name: 'tmp', type: 'integer' } },
        { kind: 'dropColumn', table: 'gadget', column: 'tmp' },
        { kind: 'renameTable', table: 'gadget', newName: 'gadgets' },
      )
      expect(await db.tableExists({ table: 'gadget' })).toBe(false)
      expect(await db.tableExists({ table: 'gadgets' })).toBe(true)
      expect(await columns(db, { table: 'gadgets' })).toMatchObject([
        { name: 'id' },
        { name: 'label', type: 'character varying(20)', notNull: true, comment: 'shown' },
      ])
      await apply(
        db,
        { kind: 'dropTable', table: 'gadgets' },
        { kind: 'dropTable', table: 'gadgets', ifExists: true },
      )
      expect(await db.tableExists({ table: 'gadgets' })).toBe(false)
    })

    it('sets and removes table and column comments', async () => {
      await apply(db, {
        kind: 'createTable',
        table: 'notes',
        columns: [{ name: 'body', type: 'text', comment: 'Markdown, "quoted"' }],
        comment: "Users' notes",
      })
      expect(await tableComment(db, { table: 'notes' })).toBe("Users' notes")
      expect((await columns(db, { table: 'notes' }))[0]?.comment).toBe('Markdown, "quoted"')
      await apply(db, { kind: 'setTableComment', table: 'notes', comment: 'Notes' })
      expect(await tableComment(db, { table: 'notes' })).toBe('Notes')
      await apply(db, { kind: 'setTableComment', table: 'notes', comment: null })
      expect(await tableComment(db, { table: 'notes' })).toBe(null)
    })

    it('creates schemas, tables and types in them, and drops them with CASCADE', async () => {
      await apply(
        db,
        { kind: 'createSchema', name: 'billing' },
        { kind: 'createSchema', name: 'billing', ifNotExists: true },
        { kind: 'createEnum', name: 'state', schema: 'billing', values: ['open', 'paid'] },
        {
          kind: 'createTable',
          table: 'invoices',
          schema: 'billing',
          columns: [
            { name: 'id', type: 'integer', primaryKey: true },
            {
              name: 'customer_id',
              type: 'integer',
              references: { table: 'teams', column: 'id', schema: 'public' },
            },
          ],
          comment: 'billed',
        },
        {
          kind: 'createIndex',
          name: 'invoices_customer',
          table: 'invoices',
          schema: 'billing',
          columns: ['customer_id'],
        },
        {
          kind: 'addColumn',
          table: 'invoices',
          schema: 'billing',
          column: { name: 'n', type: 'integer' },
        },
      )
      expect(await schemaExists(db, 'billing')).toBe(true)
      expect(await tableNames(db, 'billing')).toEqual(['invoices'])
      expect(await db.tableExists({ table: 'invoices', schema: 'billing' })).toBe(true)
      expect(await db.tableExists({ table: 'invoices' })).toBe(false)
      expect(await enumValues(db, 'state', 'billing')).toEqual(['open', 'paid'])
      expect(await tableComment(db, { table: 'invoices', schema: 'billing' })).toBe('billed')
      expect(
        (await indexes(db, { table: 'invoices', schema: 'billing' })).map((i) => i.name),
      ).toEqual(['invoices_customer', 'invoices_pkey'])
      await apply(
        db,
        { kind: 'dropIndex', name: 'invoices_customer', schema: 'billing' },
        { kind: 'dropEnum', name: 'state', schema: 'billing' },
        { kind: 'dropEnum', name: 'state', schema: 'billing', ifExists: true },
      )
      await expect(apply(db, { kind: 'dropSchema', name: 'billing' })).rejects.toThrow(/depend/)
      await apply(
        db,
        { kind: 'dropSchema', name: 'billing', cascade: true },
        { kind: 'dropSchema', name: 'billing', ifExists: true },
      )
      expect(await schemaExists(db, 'billing')).toBe(false)
    })

    it('creates an enum and adds values before, after and if not exists', async () => {
      await apply(
        db,
        { kind: 'createEnum', name: 'level', values: ['low', 'high'] },
        { kind: 'addEnumValue', name: 'level', value: 'mid', after: 'low' },
        { kind: 'addEnumValue', name: 'level', value: 'none', before: 'low' },
        { kind: 'addEnumValue', name: 'level', value: 'max' },
        { kind: 'addEnumValue', name: 'level', value: 'mid', ifNotExists: true },
      )
      expect(await enumValues(db, 'level')).toEqual(['none', 'low', 'mid', 'high', 'max'])
      await expect(
        apply(db, { kind: 'addEnumValue', name: 'level', value: 'mid' }),
      ).rejects.toThrow(/already exists/)
    })

    it('inserts rows with every kind of literal, in chunks', async () => {
      await apply(db, {
        kind: 'createTable',
        table: 'samples',
        columns: [
          { name: 'id', type: 'integer', primaryKey: true },
          { name: 'name', type: 'text' },
          { name: 'flag', type: 'boolean', default: true },
          { name: 'at', type: 'timestamptz' },
          { name: 'data', type: 'bytes' },
          { name: 'doc', type: 'jsonb' },
          { name: 'ratio', type: 'double' },
        ],
      })
      const at = new Date('2024-02-29T12:34:56.789Z')
      await apply(db, {
        kind: 'bulkInsert',
        table: 'samples',
        rows: [
          {
            id: 1,
            name: 'O\'Brien \\ "q" ; --',
            flag: false,
            at,
            data: Buffer.from([0, 255, 39]),
            doc: { a: [1, "x'y"] },
            ratio: 0.25,
          },
          { id: 2, name: 'żółw 🐢', doc: [1, 2], ratio: Number.NaN },
          { id: 3, name: null },
        ],
      })
      const { rows } = await db.query(
        'SELECT id, name, flag, at, data, doc, ratio FROM samples ORDER BY id',
      )
      expect(rows[0]).toMatchObject({
        id: 1,
        name: 'O\'Brien \\ "q" ; --',
        flag: false,
        doc: { a: [1, "x'y"] },
        ratio: 0.25,
      })
      expect((rows[0]!.at as Date).toISOString()).toBe(at.toISOString())
      expect([...(rows[0]!.data as Uint8Array)]).toEqual([0, 255, 39])
      expect(rows[1]).toMatchObject({ id: 2, name: 'żółw 🐢', flag: true, at: null, doc: [1, 2] })
      expect(rows[1]?.ratio).toBeNaN()
      expect(rows[2]).toMatchObject({ id: 3, name: null, flag: true })
      const many = Array.from({ length: 2100 }, (_, index) => ({
        id: 100 + index,
        name: `n${index}`,
      }))
      await apply(db, { kind: 'bulkInsert', table: 'samples', rows: many })
      const count = await db.query('SELECT count(*)::int AS n, max(id) AS top FROM samples')
      expect(count.rows[0]).toEqual({ n: 2103, top: 2199 })
    })

    it('executes raw SQL with parameters', async () => {
      await apply(
        db,
        { kind: 'execute', sql: 'CREATE TABLE kv (k text PRIMARY KEY, v integer)' },
        {
          kind: 'execute',
          sql: 'INSERT INTO kv VALUES ($1, $2), ($3, $4)',
          parameters: ['a', 1, "b'", 2],
        },
      )
      const { rows, affectedRows } = await db.query('UPDATE kv SET v = v + $1', [10])
      expect(affectedRows).toBe(2)
      expect(rows).toEqual([])
      expect((await db.query('SELECT k, v FROM kv ORDER BY k')).rows).toEqual([
        { k: 'a', v: 11 },
        { k: "b'", v: 12 },
      ])
    })

    it('rolls DDL back with the transaction', async () => {
      await db.begin()
      await apply(
        db,
        { kind: 'createTable', table: 'ephemeral', columns: [{ name: 'id', type: 'integer' }] },
        { kind: 'createEnum', name: 'ephemeral_kind', values: ['x'] },
        { kind: 'addColumn', table: 'kv', column: { name: 'extra', type: 'text' } },
      )
      expect(await db.tableExists({ table: 'ephemeral' })).toBe(true)
      await db.rollback()
      expect(await db.tableExists({ table: 'ephemeral' })).toBe(false)
      expect(await enumValues(db, 'ephemeral_kind')).toEqual([])
      expect((await columns(db, { table: 'kv' })).map((column) => column.name)).toEqual(['k', 'v'])
    })

    it('runs Kysely queries on the same connection and transaction', async () => {
      await db.begin()
      await db.kysely.insertInto('kv').values({ k: 'z', v: 26 }).execute()
      expect((await db.query(`SELECT v FROM kv WHERE k = 'z'`)).rows).toEqual([{ v: 26 }])
      await db.rollback()
      const rows = await db.kysely.selectFrom('kv').select('k').where('k', '=', 'z').execute()
      expect(rows).toEqual([])
    })

    it('runs a batch of statements in one round trip', async () => {
      await db.executeBatch([
        'CREATE TABLE batch_a (id integer) -- trailing comment',
        'INSERT INTO batch_a VALUES (1);',
        'INSERT INTO batch_a VALUES (2)',
      ])
      expect((await db.query('SELECT count(*)::int AS n FROM batch_a')).rows).toEqual([{ n: 2 }])
      await db.executeBatch([])
    })

    it('quotes awkward names so they round-trip exactly through the catalog', async () => {
      const table = 'we"ird; DROP TABLE kv; --'
      const column = 'naïve "列" ;'
      const long = 'x'.repeat(61) + 'é' // 63 bytes
      await apply(db, {
        kind: 'createTable',
        table,
        columns: [
          { name: column, type: 'text' },
          { name: long, type: 'integer' },
        ],
      })
      expect(await db.tableExists({ table })).toBe(true)
      expect(await db.tableExists({ table: 'kv' })).toBe(true)
      expect((await columns(db, { table })).map((found) => found.name)).toEqual([column, long])
      expect(() =>
        postgresDialect.compile({
          kind: 'addColumn',
          table,
          column: { name: `${long}x`, type: 'text' },
        }),
      ).toThrow('64 bytes')
    })

    it('reports the default schema and finds tables there', async () => {
      expect(await db.defaultSchema()).toBe('public')
      expect(await db.tableExists({ table: 'kv', schema: 'public' })).toBe(true)
      expect(await db.tableExists({ table: 'no_such_table' })).toBe(false)
      expect(await db.isAlive()).toBe(true)
    })
  })
}
