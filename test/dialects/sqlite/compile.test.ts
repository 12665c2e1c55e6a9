import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { CompiledStep, ProcedureStep, SqlStep } from '../../../src/dialects/dialect.js'
import { sqliteDialect } from '../../../src/dialects/sqlite/index.js'
import type { MigrationError } from '../../../src/errors.js'
import type { Operation, OperationKind } from '../../../src/operations/types.js'

const compile = (operation: Operation): readonly CompiledStep[] => sqliteDialect.compile(operation)
const sqlOf = (operation: Operation): string[] =>
  compile(operation).map((step) => {
    if (!('sql' in step)) throw new Error(`expected SQL, got procedure ${step.description}`)
    return step.sql
  })
const procedure = (operation: Operation): ProcedureStep => {
  const steps = compile(operation)
  expect(steps).toHaveLength(1)
  const step = steps[0] as ProcedureStep
  expect(typeof step.run).toBe('function')
  expect(step.needsForeignKeysOff).toBe(true)
  return step
}
const failure = (run: () => unknown): MigrationError => {
  try {
    run()
  } catch (error) {
    return error as MigrationError
  }
  throw new Error('expected an error')
}

describe('sqliteDialect', () => {
  it('declares its capabilities', () => {
    expect(sqliteDialect.name).toBe('sqlite')
    expect(sqliteDialect.maxIdentifierLength).toBe(128)
    expect(sqliteDialect.capabilities).toEqual({
      transactionalDdl: true,
      schemas: false,
      enumTypes: false,
      partialIndexes: true,
      expressionIndexes: true,
      concurrentIndexes: false,
      comments: false,
      deferrableConstraints: true,
      batchedStatements: true,
    })
    expect(sqliteDialect.offlineTransaction).toEqual({ begin: 'BEGIN;', commit: 'COMMIT;' })
  })

  it('compiles Kysely queries offline with SQLite syntax', () => {
    const db = sqliteDialect.createOfflineKysely()
    const query = db.selectFrom('users').select('id').where('name', '=', 'x').compile()
    expect(query.sql).toBe('select "id" from "users" where "name" = ?')
    expect(query.parameters).toEqual(['x'])
    expect(sql`select ${1}`.compile(db).sql).toBe('select ?')
  })
})

describe('createTable', () => {
  it('writes columns, an inline AUTOINCREMENT key and table constraints', () => {
    expect(
      sqlOf({
        kind: 'createTable',
        table: 'orders',
        columns: [
          { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
          {
            name: 'user_id',
            type: 'integer',
            nullable: false,
            references: { table: 'users', column: 'id', onDelete: 'cascade', name: 'fk_user' },
          },
          { name: 'code', type: 'varchar(20)', unique: true },
          { name: 'status', type: { enum: ['new', "it's"] }, default: 'new' },
          { name: 'total', type: 'numeric(10,2)', default: 0 },
          { name: 'paid', type: 'boolean', default: false },
          { name: 'created_at', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
          { name: 'day', type: 'date', default: { sql: "date('now')" } },
          { name: 'note', type: 'text', comment: 'free */ text' },
        ],
        uniques: [{ columns: ['user_id', 'code'], name: 'uq_user_code' }],
        foreignKeys: [
          {
            columns: ['code'],
            referencedTable: 'codes',
            referencedColumns: ['code'],
            onUpdate: 'set null',
            initiallyDeferred: true,
          },
        ],
        checks: [{ expression: 'total >= 0', name: 'ck_total' }],
        comment: 'all orders',
      }),
    ).toEqual([
      `CREATE TABLE "orders" /* all orders */ (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
  "user_id" INTEGER NOT NULL CONSTRAINT "fk_user" REFERENCES "users" ("id") ON DELETE CASCADE,
  "code" VARCHAR(20) UNIQUE,
  "status" TEXT DEFAULT 'new' CHECK ("status" IN ('new', 'it''s')),
  "total" NUMERIC(10,2) DEFAULT 0,
  "paid" BOOLEAN DEFAULT 0,
  "created_at" DATETIME DEFAULT CURRENT_TIMESTAMP,
  "day" DATE DEFAULT (date('now')),
  "note" TEXT /* free * / text */,
  CONSTRAINT "uq_user_code" UNIQUE ("user_id", "code"),
  FOREIGN KEY ("code") REFERENCES "codes" ("code") ON UPDATE SET NULL DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT "ck_total" CHECK (total >= 0)
)`,
    ])
  })

  it('writes a composite primary key as a table constraint, its columns NOT NULL', () => {
    expect(
      sqlOf({
        kind: 'createTable',
        table: 'pairs',
        ifNotExists: true,
        columns: [
          { name: 'a', type: 'integer' },
          { name: 'b', type: 'text' },
          { name: 'c', type: 'text', nullable: false },
        ],
        primaryKey: { columns: ['a', 'b'], name: 'pk_pairs' },
      }),
    ).toEqual([
      `CREATE TABLE IF NOT EXISTS "pairs" (
  "a" INTEGER NOT NULL,
  "b" TEXT NOT NULL,
  "c" TEXT NOT NULL,
  CONSTRAINT "pk_pairs" PRIMARY KEY ("a", "b")
)`,
    ])
    expect(
      sqlOf({
        kind: 'createTable',
        table: 'pairs',
        columns: [
          { name: 'a', type: 'integer', primaryKey: true },
          { name: 'b', type: 'text', primaryKey: true },
        ],
      })[0],
    ).toContain('PRIMARY KEY ("a", "b")')
  })

  it('names a single-column primary key given as the table key', () => {
    expect(
      sqlOf({
        kind: 'createTable',
        table: 't',
        columns: [{ name: 'id', type: 'uuid' }],
        primaryKey: { columns: ['id'], name: 'pk_t' },
      }),
    ).toEqual(['CREATE TABLE "t" (\n  "id" UUID TEXT CONSTRAINT "pk_t" PRIMARY KEY NOT NULL\n)'])
  })

  it('writes deferrable foreign keys and every referential action', () => {
    const [text] = sqlOf({
      kind: 'createTable',
      table: 'c',
      columns: [
        {
          name: 'a',
          type: 'integer',
          references: {
            table: 'p',
            column: 'id',
            onDelete: 'restrict',
            onUpdate: 'no action',
            deferrable: true,
          },
        },
        {
          name: 'b',
          type: 'integer',
          references: { table: 'p', column: 'id', onDelete: 'set default' },
        },
      ],
    })
    expect(text).toContain(
      '"a" INTEGER REFERENCES "p" ("id") ON DELETE RESTRICT ON UPDATE NO ACTION DEFERRABLE INITIALLY IMMEDIATE',
    )
    expect(text).toContain('"b" INTEGER REFERENCES "p" ("id") ON DELETE SET DEFAULT')
  })

  it('refuses AUTOINCREMENT where SQLite cannot have it', () => {
    const notKey = failure(() =>
      compile({
        kind: 'createTable',
        table: 't',
        columns: [{ name: 'n', type: 'integer', autoIncrement: true }],
      }),
    )
    expect(notKey.code).toBe('UNSUPPORTED_OPERATION')
    expect(notKey.message).toContain("column 'n' of table 't'")
    const composite = failure(() =>
      compile({
        kind: 'createTable',
        table: 't',
        columns: [
          { name: 'a', type: 'integer', primaryKey: true, autoIncrement: true },
          { name: 'b', type: 'integer', primaryKey: true },
        ],
      }),
    )
    expect(composite.code).toBe('UNSUPPORTED_OPERATION')
    const text = failure(() =>
      compile({
        kind: 'createTable',
        table: 't',
        columns: [{ name: 'a', type: 'text', primaryKey: true, autoIncrement: true }],
      }),
    )
    expect(text.message).toContain('integer type')
  })

  it('refuses invalid definitions', () => {
    expect(failure(() => compile({ kind: 'createTable', table: 't', columns: [] })).code).toBe(
      'INVALID_OPERATION',
    )
    expect(
      failure(() =>
        compile({
          kind: 'createTable',
          table: 't',
          columns: [
            { name: 'a', type: 'text' },
            { name: 'A', type: 'text' },
          ],
        }),
      ).code,
    ).toBe('INVALID_OPERATION')
    expect(
      failure(() =>
        compile({
          kind: 'createTable',
          table: 't',
          columns: [{ name: 'a', type: 'text' }],
          uniques: [{ columns: ['b'] }],
        }),
      ).code,
    ).toBe('COLUMN_NOT_FOUND')
    expect(
      failure(() =>
        compile({
          kind: 'createTable',
          table: 't',
          schema: 's',
          columns: [{ name: 'a', type: 'text' }],
        }),
      ).code,
    ).toBe('UNSUPPORTED_OPERATION')
    expect(
      failure(() =>
        compile({
          kind: 'createTable',
          table: 't',
          columns: [
            { name: 'a', type: 'text', references: { table: 'p', column: 'id', schema: 'other' } },
          ],
        }),
      ).code,
    ).toBe('UNSUPPORTED_OPERATION')
    expect(
      failure(() =>
        compile({
          kind: 'createTable',
          table: 't',
          columns: [{ name: 'a', type: 'text' }],
          foreignKeys: [{ columns: ['a'], referencedTable: 'p', referencedColumns: ['x', 'y'] }],
        }),
      ).code,
    ).toBe('INVALID_OPERATION')
  })
})

describe('dropTable and renameTable', () => {
  it('compiles', () => {
    expect(sqlOf({ kind: 'dropTable', table: 'a' })).toEqual(['DROP TABLE "a"'])
    expect(sqlOf({ kind: 'dropTable', table: 'a', ifExists: true })).toEqual([
      'DROP TABLE IF EXISTS "a"',
    ])
    expect(sqlOf({ kind: 'renameTable', table: 'a', newName: 'b"c' })).toEqual([
      'ALTER TABLE "a" RENAME TO "b""c"',
    ])
  })

  it('refuses CASCADE', () => {
    const error = failure(() => compile({ kind: 'dropTable', table: 'a', cascade: true }))
    expect(error.code).toBe('UNSUPPORTED_OPERATION')
    expect(error.hint).toBeTruthy()
  })
})

describe('addColumn', () => {
  it('uses ADD COLUMN where SQLite allows it', () => {
    expect(
      sqlOf({ kind: 'addColumn', table: 'u', column: { name: 'age', type: 'smallint' } }),
    ).toEqual(['ALTER TABLE "u" ADD COLUMN "age" SMALLINT'])
    expect(
      sqlOf({
        kind: 'addColumn',
        table: 'u',
        column: { name: 'state', type: 'text', nullable: false, default: 'new' },
      }),
    ).toEqual(['ALTER TABLE "u" ADD COLUMN "state" TEXT NOT NULL DEFAULT \'new\''])
    expect(
      sqlOf({
        kind: 'addColumn',
        table: 'u',
        column: { name: 'team_id', type: 'integer', references: { table: 'teams', column: 'id' } },
      }),
    ).toEqual(['ALTER TABLE "u" ADD COLUMN "team_id" INTEGER REFERENCES "teams" ("id")'])
    expect(
      sqlOf({
        kind: 'addColumn',
        table: 'u',
        column: { name: 'kind', type: { enum: ['a', 'b'] } },
      }),
    ).toEqual(['ALTER TABLE "u" ADD COLUMN "kind" TEXT CHECK ("kind" IN (\'a\', \'b\'))'])
    expect(
      sqlOf({
        kind: 'addColumn',
        table: 'u',
        column: { name: 'n', type: 'integer', default: { sql: '-1' }, nullable: false },
      }),
    ).toEqual(['ALTER TABLE "u" ADD COLUMN "n" INTEGER NOT NULL DEFAULT -1'])
  })

  it('rebuilds where ADD COLUMN cannot', () => {
    const cases: [Operation, string][] = [
      [
        {
          kind: 'addColumn',
          table: 'u',
          column: { name: 'id', type: 'integer', primaryKey: true },
        },
        'a primary key column',
      ],
      [
        { kind: 'addColumn', table: 'u', column: { name: 'e', type: 'text', unique: true } },
        'a UNIQUE column',
      ],
      [
        { kind: 'addColumn', table: 'u', column: { name: 'e', type: 'text', nullable: false } },
        'a NOT NULL column without a default',
      ],
      [
        {
          kind: 'addColumn',
          table: 'u',
          column: { name: 'at', type: 'timestamp', default: { sql: 'CURRENT_TIMESTAMP' } },
        },
        'a column whose default is not a constant',
      ],
      [
        {
          kind: 'addColumn',
          table: 'u',
          column: {
            name: 't',
            type: 'integer',
            default: 1,
            references: { table: 'teams', column: 'id' },
          },
        },
        'a foreign key column with a non-null default',
      ],
    ]
    for (const [operation, reason] of cases) {
      expect(procedure(operation).description).toBe(
        `rebuild table "u" to add column "${(operation as { column: { name: string } }).column.name}" (SQLite's ADD COLUMN cannot add ${reason})`,
      )
    }
  })
})

describe('dropColumn', () => {
  it('is a procedure (native DROP COLUMN or the rebuild, decided on the live schema)', () => {
    expect(procedure({ kind: 'dropColumn', table: 'u', column: 'x' }).description).toBe(
      'drop column "x" of table "u" (rebuilding the table if the column is indexed or constrained)',
    )
  })
})

describe('alterColumn', () => {
  it('renames with RENAME COLUMN', () => {
    expect(sqlOf({ kind: 'alterColumn', table: 'u', column: 'mail', newName: 'email' })).toEqual([
      'ALTER TABLE "u" RENAME COLUMN "mail" TO "email"',
    ])
  })

  it('rebuilds for type, nullability and default, after a rename', () => {
    const steps = compile({
      kind: 'alterColumn',
      table: 'u',
      column: 'mail',
      newName: 'email',
      type: 'text',
      nullable: false,
      default: null,
    })
    expect(steps).toHaveLength(2)
    expect((steps[0] as SqlStep).sql).toBe('ALTER TABLE "u" RENAME COLUMN "mail" TO "email"')
    expect((steps[1] as ProcedureStep).description).toBe(
      'rebuild table "u" to change the type, nullability, default of column "email"',
    )
    expect(
      procedure({ kind: 'alterColumn', table: 'u', column: 'a', default: 0 }).description,
    ).toBe('rebuild table "u" to change the default of column "a"')
  })

  it('refuses comments, using without type, and no change', () => {
    expect(
      failure(() => compile({ kind: 'alterColumn', table: 'u', column: 'a', comment: 'x' })).code,
    ).toBe('UNSUPPORTED_OPERATION')
    expect(
      failure(() => compile({ kind: 'alterColumn', table: 'u', column: 'a', using: 'a + 1' })).code,
    ).toBe('INVALID_OPERATION')
    expect(failure(() => compile({ kind: 'alterColumn', table: 'u', column: 'a' })).code).toBe(
      'INVALID_OPERATION',
    )
  })
})

describe('indexes', () => {
  it('compiles createIndex: unique, partial, expressions, IF NOT EXISTS', () => {
    expect(sqlOf({ kind: 'createIndex', table: 'u', name: 'ix_a', columns: ['a'] })).toEqual([
      'CREATE INDEX "ix_a" ON "u" ("a")',
    ])
    expect(
      sqlOf({
        kind: 'createIndex',
        table: 'u',
        name: 'ux_email',
        columns: [{ sql: 'lower(email)' }, 'tenant'],
        unique: true,
        ifNotExists: true,
        where: 'deleted_at IS NULL',
      }),
    ).toEqual([
      'CREATE UNIQUE INDEX IF NOT EXISTS "ux_email" ON "u" (lower(email), "tenant") WHERE deleted_at IS NULL',
    ])
    // SQLite builds every index the same way: concurrently and btree change nothing.
    expect(
      sqlOf({
        kind: 'createIndex',
        table: 'u',
        name: 'ix',
        columns: ['a'],
        concurrently: true,
        using: 'btree',
      }),
    ).toEqual(['CREATE INDEX "ix" ON "u" ("a")'])
  })

  it('refuses other index methods and empty column lists', () => {
    expect(
      failure(() =>
        compile({ kind: 'createIndex', table: 'u', name: 'ix', columns: ['a'], using: 'gin' }),
      ).code,
    ).toBe('UNSUPPORTED_OPERATION')
    expect(
      failure(() => compile({ kind: 'createIndex', table: 'u', name: 'ix', columns: [] })).code,
    ).toBe('INVALID_OPERATION')
  })

  it('compiles dropIndex', () => {
    expect(sqlOf({ kind: 'dropIndex', name: 'ix' })).toEqual(['DROP INDEX "ix"'])
    expect(sqlOf({ kind: 'dropIndex', name: 'ix', table: 'u', ifExists: true })).toEqual([
      'DROP INDEX IF EXISTS "ix"',
    ])
    expect(failure(() => compile({ kind: 'dropIndex', name: 'ix', schema: 's' })).code).toBe(
      'UNSUPPORTED_OPERATION',
    )
  })
})

describe('constraints', () => {
  it('rebuilds for every constraint operation', () => {
    expect(
      procedure({ kind: 'createPrimaryKey', table: 't', columns: ['a', 'b'], name: 'pk_t' })
        .description,
    ).toBe('rebuild table "t" to add primary key "pk_t" ("a", "b")')
    expect(
      procedure({ kind: 'createUniqueConstraint', table: 't', name: 'uq', columns: ['a'] })
        .description,
    ).toBe('rebuild table "t" to add unique constraint "uq" ("a")')
    expect(
      procedure({
        kind: 'createForeignKey',
        table: 't',
        name: 'fk',
        columns: ['p'],
        referencedTable: 'parent',
        referencedColumns: ['id'],
        onDelete: 'cascade',
      }).description,
    ).toBe(
      'rebuild table "t" to add foreign key "fk" ("p") REFERENCES "parent" ("id") ON DELETE CASCADE',
    )
    expect(
      procedure({ kind: 'createCheckConstraint', table: 't', name: 'ck', expression: 'a > 0' })
        .description,
    ).toBe('rebuild table "t" to add check constraint "ck" (a > 0)')
    expect(
      procedure({ kind: 'dropConstraint', table: 't', name: 'uq', type: 'unique' }).description,
    ).toBe('rebuild table "t" to drop constraint "uq"')
  })
})

describe('data', () => {
  it('passes execute through with its parameters', () => {
    expect(
      compile({ kind: 'execute', sql: 'UPDATE t SET a = ? WHERE b = ?', parameters: [1, 'x'] }),
    ).toEqual([{ sql: 'UPDATE t SET a = ? WHERE b = ?', parameters: [1, 'x'] }])
    expect(compile({ kind: 'execute', sql: 'VACUUM' })).toEqual([{ sql: 'VACUUM' }])
  })

  it('writes bulkInsert as multi-row INSERTs of literals', () => {
    expect(
      sqlOf({
        kind: 'bulkInsert',
        table: 't',
        rows: [
          { id: 1, name: "O'Brien", ok: true, at: new Date('2024-01-02T00:00:00Z') },
          { id: 2, name: null, ok: false, at: undefined },
          { name: 'x', id: 3, ok: true, at: { sql: 'not raw' } },
          {},
          { data: Buffer.from('hi') },
        ],
      }),
    ).toEqual([
      `INSERT INTO "t" ("id", "name", "ok", "at") VALUES\n  (1, 'O''Brien', 1, '2024-01-02T00:00:00.000Z')`,
      `INSERT INTO "t" ("id", "name", "ok") VALUES\n  (2, NULL, 0)`,
      `INSERT INTO "t" ("name", "id", "ok", "at") VALUES\n  ('x', 3, 1, '{"sql":"not raw"}')`,
      'INSERT INTO "t" DEFAULT VALUES',
      `INSERT INTO "t" ("data") VALUES\n  (X'6869')`,
    ])
    expect(compile({ kind: 'bulkInsert', table: 't', rows: [] })).toEqual([])
  })

  it('splits bulkInsert into chunks of 500 rows', () => {
    const rows = Array.from({ length: 1201 }, (_, i) => ({ n: i }))
    const statements = sqlOf({ kind: 'bulkInsert', table: 't', rows })
    expect(statements).toHaveLength(3)
    expect(statements.map((statement) => statement.split('\n').length - 1)).toEqual([500, 500, 201])
    expect(statements[2]).toMatch(/\(1200\)$/)
  })
})

describe('unsupported operations', () => {
  it('throws UNSUPPORTED_OPERATION with a hint, never emitting nothing', () => {
    const operations: Operation[] = [
      { kind: 'setTableComment', table: 't', comment: 'x' },
      { kind: 'createSchema', name: 's' },
      { kind: 'dropSchema', name: 's' },
      { kind: 'createEnum', name: 'mood', values: ['a'] },
      { kind: 'dropEnum', name: 'mood' },
      { kind: 'addEnumValue', name: 'mood', value: 'b' },
    ]
    for (const operation of operations) {
      const error = failure(() => compile(operation))
      expect(error.code).toBe('UNSUPPORTED_OPERATION')
      expect(error.message).toContain(operation.kind)
      expect(error.message).toContain('SQLite')
      expect(error.hint).toBeTruthy()
    }
  })

  it('refuses unknown kinds', () => {
    expect(failure(() => compile({ kind: 'nope' } as unknown as Operation)).code).toBe(
      'UNSUPPORTED_OPERATION',
    )
  })

  it('has a compiler for every operation kind', () => {
    const kinds: Record<OperationKind, true> = {
      createTable: true,
      dropTable: true,
      renameTable: true,
      addColumn: true,
      dropColumn: true,
      alterColumn: true,
      createIndex: true,
      dropIndex: true,
      createPrimaryKey: true,
      createUniqueConstraint: true,
      createForeignKey: true,
      createCheckConstraint: true,
      dropConstraint: true,
      setTableComment: true,
      createSchema: true,
      dropSchema: true,
      createEnum: true,
      dropEnum: true,
      addEnumValue: true,
      execute: true,
      bulkInsert: true,
    }
    for (const kind of Object.keys(kinds)) {
      // Incomplete operations may fail validation, but never as an unknown kind.
      let message = ''
      try {
        compile({
          kind,
          table: 't',
          name: 'n',
          column: 'c',
          columns: [],
          rows: [],
          sql: '',
        } as unknown as Operation)
      } catch (error) {
        message = (error as Error).message
      }
      expect(message, kind).not.toContain('Unknown operation kind')
    }
  })
})
