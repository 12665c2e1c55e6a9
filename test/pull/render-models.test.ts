/**
 * Rendering an introspected schema as model files, without a database: the files load
 * through model discovery into a schema that autogenerate finds equal to the original,
 * they are already formatted as Biome formats them, and names, imports and notes go
 * where a reader expects them.
 */
import { describe, expect, it } from 'vitest'
import { compareSchemas } from '../../src/autogenerate/index.js'
import { mysqlDialect } from '../../src/dialects/mysql/index.js'
import { postgresDialect } from '../../src/dialects/postgres/index.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import { renderModels } from '../../src/pull/render-models.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { column, fk, schema, table } from '../autogenerate/support/models.js'
import { biomeFormat, loadModels } from './support.js'

/** `${`, which Biome would rather not see inside a plain string. */
const CURLY = '$' + '{'

const mood = { name: 'mood', values: ['sad', 'ok', 'happy'] }

/** Most of what a PostgreSQL catalog can say that the DSL expresses. */
const RICH: SchemaModel = schema(
  [
    table(
      'users',
      [
        column('id', 'integer', { nullable: false, autoIncrement: true }),
        column('e-mail', 'varchar(255)', { nullable: false }),
        column('full name', 'text', { comment: 'Shown to others; it\'s "public"' }),
        column('mood', { enum: mood.values, name: 'mood' }, { default: 'ok' }),
        column('moods', 'mood[]'),
        column('tags', 'text[]', { nullable: false, default: { sql: "'{}'::text[]" } }),
        column('score', 'numeric(10,2)', { default: -1.5 }),
        column('big', 'numeric(30,0)', { default: '123456789012345678901234567890' }),
        column('active', 'boolean', { nullable: false, default: true }),
        column('created_at', 'timestamptz', {
          nullable: false,
          default: { sql: 'CURRENT_TIMESTAMP' },
        }),
        column('note', 'text', { default: `line one\nline \`two\` ${CURLY}three}` }),
        column('odd', 'text', { default: { sql: `'a\`b${CURLY}c}\\\\d'::text` } }),
        column('search', 'tsvector'),
        column('stamp', 'timestamptz(3)'),
        column('code', 'char(2)'),
        column('amount', 'numeric'),
        column('ratio', 'double'),
        column('raw', 'bytes'),
        column('doc', 'jsonb', { default: { sql: "'{}'::jsonb" } }),
        column('uid', 'uuid', { nullable: false, default: { sql: 'gen_random_uuid()' } }),
        column('parent_id', 'integer'),
        column('a_b', 'integer'),
        column('aB', 'integer'),
        column('2fa', 'boolean'),
      ],
      {
        uniques: [{ name: 'uq_users_email', columns: ['e-mail'] }],
        foreignKeys: [
          fk(['parent_id'], 'users', { name: 'users_parent_id_fkey', onDelete: 'set null' }),
        ],
        indexes: [
          {
            name: 'users_email_lower_idx',
            columns: [{ sql: 'lower((email)::text)' }],
            unique: true,
          },
          { name: 'users_active_idx', columns: ['created_at'], unique: false, where: 'active' },
          { name: 'users_search_idx', columns: ['search'], unique: false, using: 'gin' },
        ],
        checks: [{ name: 'users_score_check', expression: '(score >= (0)::numeric)' }],
        comment: 'People who log in',
      },
    ),
    table(
      'memberships',
      [
        column('user_id', 'integer', { nullable: false }),
        column('group_id', 'integer', { nullable: false }),
        column('since', 'date'),
      ],
      {
        primaryKey: { name: 'memberships_pkey', columns: ['user_id', 'group_id'] },
        uniques: [{ name: 'uq_memberships_since', columns: ['user_id', 'since'] }],
        foreignKeys: [
          fk(['user_id'], 'users', { onDelete: 'cascade', deferrable: true }),
          fk(['group_id'], 'groups', { name: 'fk_group' }),
        ],
      },
    ),
    table('groups', [column('id', 'integer', { nullable: false }), column('name', 'text')]),
    table('text', [column('id', 'integer', { nullable: false }), column('t', 'integer')], {
      foreignKeys: [fk(['t'], 'text', { initiallyDeferred: true, deferrable: true })],
    }),
    table(
      'orders',
      [
        column('id', 'bigint', { nullable: false, autoIncrement: true }),
        column('user_id', 'integer', { nullable: false }),
        column('line', 'smallint', { nullable: false }),
      ],
      {
        schema: 'billing',
        foreignKeys: [fk(['user_id'], 'users')],
        uniques: [{ columns: ['user_id', 'line'] }],
      },
    ),
    table('users', [column('id', 'integer', { nullable: false })], { schema: 'billing' }),
  ],
  { enums: [mood], schemas: ['billing'] },
)

async function sameAsOriginal(
  original: SchemaModel,
  dialect: typeof postgresDialect,
  split: 'table' | 'schema' = 'schema',
) {
  const files = renderModels(original, { split, defaultSchema: 'public' })
  const loaded = await loadModels(files)
  const result = await compareSchemas({ target: loaded, current: original, dialect })
  return { files, loaded, result }
}

describe('renderModels', () => {
  it('writes models that load into the schema they were rendered from (PostgreSQL)', async () => {
    const { result, files } = await sameAsOriginal(RICH, postgresDialect)
    expect(result.changes).toEqual([])
    expect(result.upgrade).toEqual([])
    expect(files.map((file) => file.path)).toEqual(['billing.ts', 'public.ts'])
  })

  it('writes an inline enum as a local enum type, and MySQL and SQLite types as they are', async () => {
    const mysql = schema([
      table(
        'Invoice',
        [
          column('InvoiceId', 'integer', { nullable: false, autoIncrement: true }),
          column('Status', { enum: ['draft', "it's sent"] }, { nullable: false, default: 'draft' }),
          column('InvoiceDate', 'datetime', {
            nullable: false,
            default: { sql: 'CURRENT_TIMESTAMP' },
          }),
          column('Total', 'numeric(10,2)', { nullable: false }),
        ],
        {
          primaryKey: { columns: ['InvoiceId'] },
          checks: [{ name: 'CK_Total', expression: '`Total` >= 0' }],
        },
      ),
    ])
    const first = await sameAsOriginal(mysql, mysqlDialect)
    expect(first.result.changes).toEqual([])
    expect(first.files[0]?.text).toContain(
      "const invoiceStatus = enumType('Invoice_Status', ['draft', \"it's sent\"])",
    )
    expect(first.files[0]?.text).toContain('sqlExpr`\\`Total\\` >= 0`')
    const sqlite = schema([
      table(
        'Track',
        [
          column('TrackId', 'integer', { nullable: false, autoIncrement: true }),
          column('Name', 'nvarchar(200)', { nullable: false }),
        ],
        { primaryKey: { columns: ['TrackId'] } },
      ),
    ])
    const second = await sameAsOriginal(sqlite, sqliteDialect)
    expect(second.result.changes).toEqual([])
    expect(second.files[0]?.text).toContain("name: nativeType('Name', 'nvarchar(200)').notNull(),")
  })

  it('keeps the names a database would not give, and leaves out those it would', () => {
    const [file] = renderModels(schema([RICH.tables[0]!], { enums: [mood] }), { split: 'schema' })
    const text = file?.text ?? ''
    expect(text).toContain(".unique('uq_users_email')")
    expect(text).not.toContain('users_parent_id_fkey')
    expect(text).toContain("checkConstraint('users_score_check', sqlExpr`(score >= (0)::numeric)`)")
    expect(text).toContain(`.default(sqlExpr\`'a\\\`b\\${CURLY}c}\\\\\\\\d'::text\`)`)
    expect(text).toContain('.defaultNow()')
    expect(text).toContain("mood: mood().default('ok'),")
    expect(text).toContain('moods: mood().array(),')
    expect(text).toContain("fullName: text('full name').comment(")
    expect(text).toContain("aB2: integer('aB'),")
    expect(text).toContain("_2fa: boolean('2fa'),")
  })

  it('splits by table: one file per table, enum types in _schema.ts, imports between files', () => {
    const files = renderModels(RICH, { split: 'table', defaultSchema: 'public' })
    expect(files.map((file) => file.path)).toEqual([
      '_schema.ts',
      'billing/orders.ts',
      'billing/users.ts',
      'groups.ts',
      'memberships.ts',
      'text.ts',
      'users.ts',
    ])
    const byPath = new Map(files.map((file) => [file.path, file.text]))
    expect(byPath.get('_schema.ts')).toContain(
      "export const mood = enumType('mood', ['sad', 'ok', 'happy'])",
    )
    expect(byPath.get('users.ts')).toContain("import { mood } from './_schema.js'")
    expect(byPath.get('billing/orders.ts')).toContain("import { users } from '../users.js'")
    expect(byPath.get('billing/orders.ts')).toContain("schema: 'billing'")
    // The table named `text` does not shadow the `text` type function, nor `t` the options' `t`.
    expect(byPath.get('text.ts')).toContain("export const textTable = defineTable('text', {")
    expect(byPath.get('text.ts')).toContain('.references(() => textTable.columns.id, {')
    // Two tables named users: the other schema's is prefixed.
    expect(byPath.get('billing/users.ts')).toContain('export const billingUsers = defineTable(')
  })

  it('gives file names that differ without regard to case, for case-insensitive disks', () => {
    const files = renderModels(
      schema([
        table('Users', [column('id', 'integer')]),
        table('users', [column('id', 'integer')]),
      ]),
    )
    expect(files.map((file) => file.path)).toEqual(['users.ts', 'users2.ts'])
    expect(files.map((file) => file.text.match(/export const (\w+)/)?.[1])).toEqual([
      'users',
      'users2',
    ])
  })

  it('lists what the DSL cannot express at the top of the right file', () => {
    const files = renderModels(RICH, {
      split: 'table',
      defaultSchema: 'public',
      unmodelled: [
        { kind: 'view', name: 'active_users' },
        { kind: 'trigger', name: 'touch', table: 'users' },
        { kind: 'function', schema: 'billing', name: 'total(integer)' },
        { kind: 'domain', name: 'year', detail: 'integer' },
      ],
    })
    const byPath = new Map(files.map((file) => [file.path, file.text]))
    expect(byPath.get('users.ts')).toContain('// - trigger touch on users\n')
    expect(byPath.get('_schema.ts')).toContain(
      '// - domain year (integer)\n// - view active_users\n',
    )
    expect(byPath.get('billing/_schema.ts')).toContain('// - function billing.total(integer)')
    expect(byPath.get('billing/_schema.ts')).not.toContain('import')
  })

  it('notes an auto-increment the DSL cannot write (a non-integer type) instead of failing', () => {
    const [file] = renderModels(
      schema([table('t', [column('id', 'mediumint', { nullable: false, autoIncrement: true })])]),
    )
    expect(file?.notes).toEqual(['t column id: auto-increment of a mediumint column'])
    expect(file?.text).toContain('// - t column id: auto-increment of a mediumint column')
    expect(file?.text).toContain("id: nativeType('mediumint').primaryKey(),")
  })

  it('writes files Biome leaves as they are', () => {
    for (const split of ['table', 'schema'] as const) {
      for (const file of renderModels(RICH, { split, defaultSchema: 'public' })) {
        expect(biomeFormat(file.text), `${split}: ${file.path}`).toBe(file.text)
      }
    }
  })
})
