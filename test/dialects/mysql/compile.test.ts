import { describe, expect, it } from 'vitest'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { Operation } from '../../../src/operations/types.js'

const sql = (op: Operation) =>
  mysqlDialect
    .compile(op)
    .map((step) => ('sql' in step ? step.sql : `procedure: ${step.description}`))

const refused = (op: Operation, code = 'UNSUPPORTED_OPERATION') =>
  expect(() => mysqlDialect.compile(op)).toThrow(expect.objectContaining({ code }))

describe('tables', () => {
  it('creates a table with columns, table-level constraints and comments', () => {
    expect(
      sql({
        kind: 'createTable',
        table: 'orders',
        columns: [
          { name: 'id', type: 'bigint', primaryKey: true, autoIncrement: true },
          {
            name: 'email',
            type: 'varchar(255)',
            nullable: false,
            unique: true,
            comment: "buyer's",
          },
          {
            name: 'user_id',
            type: 'integer',
            references: { table: 'users', column: 'id', onDelete: 'cascade', name: 'fk_user' },
          },
          { name: 'state', type: { enum: ['new', 'paid'] }, default: 'new' },
          { name: 'total', type: 'numeric(10,2)', default: 0 },
          { name: 'paid', type: 'boolean', default: false },
          { name: 'created_at', type: 'timestamptz', default: { sql: 'CURRENT_TIMESTAMP(6)' } },
          { name: 'token', type: 'uuid', default: { sql: 'uuid()' } },
        ],
        uniques: [{ columns: ['user_id', 'state'], name: 'uq_user_state' }],
        foreignKeys: [
          {
            columns: ['user_id'],
            referencedTable: 'users',
            referencedSchema: 'other',
            referencedColumns: ['id'],
            onUpdate: 'set null',
          },
        ],
        checks: [{ expression: 'total >= 0', name: 'ck_total' }, { expression: 'id > 0' }],
        comment: 'all orders',
      }),
    ).toEqual([
      [
        'CREATE TABLE `orders` (',
        '  `id` bigint NOT NULL AUTO_INCREMENT,',
        "  `email` varchar(255) NOT NULL UNIQUE COMMENT 'buyer''s',",
        '  `user_id` int,',
        "  `state` ENUM('new','paid') DEFAULT 'new',",
        '  `total` decimal(10,2) DEFAULT 0,',
        '  `paid` tinyint(1) DEFAULT FALSE,',
        '  `created_at` datetime(6) DEFAULT CURRENT_TIMESTAMP(6),',
        '  `token` char(36) DEFAULT (uuid()),',
        '  PRIMARY KEY (`id`),',
        '  CONSTRAINT `uq_user_state` UNIQUE (`user_id`, `state`),',
        '  CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE,',
        '  FOREIGN KEY (`user_id`) REFERENCES `other`.`users` (`id`) ON UPDATE SET NULL,',
        '  CONSTRAINT `ck_total` CHECK (total >= 0),',
        '  CHECK (id > 0)',
        ") COMMENT = 'all orders'",
      ].join('\n'),
    ])
  })

  it('uses a declared composite primary key, IF NOT EXISTS and a schema (database)', () => {
    expect(
      sql({
        kind: 'createTable',
        table: 'pairs',
        schema: 'shop',
        ifNotExists: true,
        columns: [
          { name: 'a', type: 'integer', primaryKey: true },
          { name: 'b', type: 'integer', nullable: false },
          { name: 'c', type: 'text', default: null, nullable: true },
        ],
        primaryKey: { columns: ['a', 'b'], name: 'ignored' },
      }),
    ).toEqual([
      'CREATE TABLE IF NOT EXISTS `shop`.`pairs` (\n  `a` int NOT NULL,\n  `b` int NOT NULL,\n  `c` text,\n  PRIMARY KEY (`a`, `b`)\n)',
    ])
  })

  it("gives CURRENT_TIMESTAMP the column's precision", () => {
    expect(
      sql({
        kind: 'addColumn',
        table: 't',
        column: { name: 'at', type: 'timestamptz', default: { sql: 'now()' } },
      }),
    ).toEqual(['ALTER TABLE `t` ADD COLUMN `at` datetime(6) DEFAULT CURRENT_TIMESTAMP(6)'])
    expect(
      sql({
        kind: 'addColumn',
        table: 't',
        column: { name: 'at', type: 'timestamp(3)', default: { sql: 'CURRENT_TIMESTAMP' } },
      }),
    ).toEqual(['ALTER TABLE `t` ADD COLUMN `at` datetime(3) DEFAULT CURRENT_TIMESTAMP(3)'])
    expect(
      sql({
        kind: 'addColumn',
        table: 't',
        column: { name: 'd', type: 'date', default: { sql: 'CURRENT_TIMESTAMP' } },
      }),
    ).toEqual(['ALTER TABLE `t` ADD COLUMN `d` date DEFAULT CURRENT_TIMESTAMP'])
    expect(
      sql({
        kind: 'alterColumn',
        table: 't',
        column: 'at',
        default: { sql: 'CURRENT_TIMESTAMP' },
        existingType: 'timestamp',
      }),
    ).toEqual(['ALTER TABLE `t` ALTER COLUMN `at` SET DEFAULT (CURRENT_TIMESTAMP(6))'])
  })

  it('refuses a column marked primaryKey outside a declared primary key', () => {
    refused(
      {
        kind: 'createTable',
        table: 't',
        columns: [{ name: 'a', type: 'integer', primaryKey: true }],
        primaryKey: { columns: ['b'] },
      },
      'INVALID_OPERATION',
    )
  })

  it('refuses deferrable foreign keys and SET DEFAULT actions', () => {
    const fk = { columns: ['a'], referencedTable: 'p', referencedColumns: ['id'] }
    refused({
      kind: 'createTable',
      table: 't',
      columns: [{ name: 'a', type: 'integer' }],
      foreignKeys: [{ ...fk, deferrable: true }],
    })
    refused({ kind: 'createForeignKey', table: 't', name: 'f', ...fk, initiallyDeferred: true })
    refused({
      kind: 'addColumn',
      table: 't',
      column: {
        name: 'a',
        type: 'integer',
        references: { table: 'p', column: 'id', deferrable: true },
      },
    })
    refused({ kind: 'createForeignKey', table: 't', name: 'f', ...fk, onDelete: 'set default' })
  })

  it('drops, renames and comments tables', () => {
    expect(sql({ kind: 'dropTable', table: 't' })).toEqual(['DROP TABLE `t`'])
    expect(sql({ kind: 'dropTable', table: 't', schema: 's', ifExists: true })).toEqual([
      'DROP TABLE IF EXISTS `s`.`t`',
    ])
    refused({ kind: 'dropTable', table: 't', cascade: true })
    expect(sql({ kind: 'renameTable', table: 'a', newName: 'b' })).toEqual([
      'RENAME TABLE `a` TO `b`',
    ])
    expect(sql({ kind: 'renameTable', table: 'a', schema: 's', newName: 'b' })).toEqual([
      'RENAME TABLE `s`.`a` TO `s`.`b`',
    ])
    expect(sql({ kind: 'setTableComment', table: 't', comment: "it's" })).toEqual([
      "ALTER TABLE `t` COMMENT = 'it''s'",
    ])
    expect(sql({ kind: 'setTableComment', table: 't', comment: null })).toEqual([
      "ALTER TABLE `t` COMMENT = ''",
    ])
  })

  it('prepares a statement per sql_mode when a comment holds a backslash', () => {
    const steps = sql({ kind: 'setTableComment', table: 't', comment: 'C:\\data' })
    expect(steps).toHaveLength(4)
    expect(steps[0]).toMatch(
      /^-- ALTER TABLE `t` COMMENT = 'C:\\\\data' \.\.\. .*\nSET @stratum_statement = IF\(/,
    )
  })
})

describe('columns', () => {
  it('adds columns, with an inline key, a foreign key and a comment', () => {
    expect(sql({ kind: 'addColumn', table: 't', column: { name: 'a', type: 'text' } })).toEqual([
      'ALTER TABLE `t` ADD COLUMN `a` text',
    ])
    expect(
      sql({
        kind: 'addColumn',
        table: 't',
        column: {
          name: 'id',
          type: 'integer',
          primaryKey: true,
          autoIncrement: true,
          comment: 'key',
        },
      }),
    ).toEqual([
      "ALTER TABLE `t` ADD COLUMN `id` int NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'key'",
    ])
    expect(
      sql({
        kind: 'addColumn',
        table: 't',
        column: {
          name: 'p',
          type: 'bigint',
          nullable: false,
          default: 1,
          references: { table: 'p', column: 'id', onDelete: 'restrict', onUpdate: 'no action' },
        },
      }),
    ).toEqual([
      'ALTER TABLE `t` ADD COLUMN `p` bigint NOT NULL DEFAULT 1, ADD FOREIGN KEY (`p`) REFERENCES `p` (`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    ])
  })

  it('drops columns', () => {
    expect(sql({ kind: 'dropColumn', table: 't', schema: 's', column: 'a' })).toEqual([
      'ALTER TABLE `s`.`t` DROP COLUMN `a`',
    ])
  })
})

describe('alterColumn', () => {
  const base = { kind: 'alterColumn', table: 'users', column: 'email' } as const

  it('changes a default or a name without the existing definition', () => {
    expect(sql({ ...base, default: 'x' })).toEqual([
      "ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT 'x'",
    ])
    expect(sql({ ...base, default: { sql: 'uuid()' } })).toEqual([
      'ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT (uuid())',
    ])
    expect(sql({ ...base, default: { sql: 'CURRENT_TIMESTAMP' } })).toEqual([
      'ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT (CURRENT_TIMESTAMP)',
    ])
    expect(sql({ ...base, default: { sql: 'NULL' } })).toEqual([
      'ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT NULL',
    ])
    expect(sql({ ...base, default: null })).toEqual([
      'ALTER TABLE `users` ALTER COLUMN `email` DROP DEFAULT',
    ])
    expect(sql({ ...base, newName: 'mail' })).toEqual([
      'ALTER TABLE `users` RENAME COLUMN `email` TO `mail`',
    ])
    expect(sql({ ...base, default: 0, newName: 'mail' })).toEqual([
      'ALTER TABLE `users` ALTER COLUMN `email` SET DEFAULT 0',
      'ALTER TABLE `users` RENAME COLUMN `email` TO `mail`',
    ])
  })

  it('restates the column from the existing fields', () => {
    expect(sql({ ...base, nullable: false, existingType: 'varchar(255)' })).toEqual([
      'ALTER TABLE `users` MODIFY COLUMN `email` varchar(255) NOT NULL',
    ])
    expect(
      sql({
        ...base,
        type: 'text',
        existingNullable: true,
        existingDefault: 'none',
        existingComment: 'kept',
      }),
    ).toEqual(["ALTER TABLE `users` MODIFY COLUMN `email` text NULL DEFAULT 'none' COMMENT 'kept'"])
    expect(
      sql({
        ...base,
        comment: 'new',
        default: null,
        existingType: 'bigint',
        existingNullable: false,
        existingDefault: 5,
        existingComment: 'old',
        existingAutoIncrement: true,
      }),
    ).toEqual([
      "ALTER TABLE `users` MODIFY COLUMN `email` bigint NOT NULL AUTO_INCREMENT COMMENT 'new'",
    ])
    expect(
      sql({
        ...base,
        comment: null,
        newName: 'mail',
        existingType: 'integer',
        existingNullable: true,
      }),
    ).toEqual(['ALTER TABLE `users` CHANGE COLUMN `email` `mail` int NULL'])
    expect(sql({ ...base, type: { enum: ['a', 'b'] }, nullable: false, default: 'a' })).toEqual([
      "ALTER TABLE `users` MODIFY COLUMN `email` ENUM('a','b') NOT NULL DEFAULT 'a'",
    ])
  })

  it('reads the column online when the type or nullability is not known', () => {
    const steps = mysqlDialect.compile({ ...base, nullable: false })
    expect(steps).toHaveLength(1)
    expect(steps[0]).toMatchObject({
      description:
        'alter column users.email (reads the current definition; pass existingType and existingNullable to compile offline)',
    })
    expect(sql({ ...base, type: 'text' })[0]).toMatch(/^procedure: alter column users\.email/)
    expect(sql({ ...base, comment: 'c', existingType: 'text' })[0]).toMatch(/^procedure:/)
  })

  it('checks a new type at compile time even when it will read the column', () => {
    refused({ ...base, type: 'varchar' }, 'INVALID_COLUMN_TYPE')
    refused({ ...base, type: 'integer[]' })
  })

  it('refuses using, and an alteration that changes nothing', () => {
    refused({ ...base, type: 'integer', using: 'email::integer', existingNullable: true })
    refused(base, 'INVALID_OPERATION')
    refused({ ...base, newName: 'email' }, 'INVALID_OPERATION')
  })
})

describe('indexes', () => {
  it('creates plain, unique, prefix and typed indexes', () => {
    expect(sql({ kind: 'createIndex', name: 'ix', table: 't', columns: ['a', 'b'] })).toEqual([
      'CREATE INDEX `ix` ON `t` (`a`, `b`)',
    ])
    expect(
      sql({
        kind: 'createIndex',
        name: 'ux',
        table: 't',
        schema: 's',
        columns: ['a'],
        unique: true,
        using: 'btree',
      }),
    ).toEqual(['CREATE UNIQUE INDEX `ux` ON `s`.`t` (`a`) USING BTREE'])
    expect(
      sql({
        kind: 'createIndex',
        name: 'px',
        table: 't',
        columns: [{ sql: 'body(20)' }, { sql: '`we``ird`(5) desc' }],
      }),
    ).toEqual(['CREATE INDEX `px` ON `t` (`body`(20), `we``ird`(5) DESC)'])
  })

  it('refuses partial, concurrent, expression, IF NOT EXISTS and unknown-method indexes', () => {
    const index = { kind: 'createIndex', name: 'ix', table: 't', columns: ['a'] } as const
    refused({ ...index, where: 'a > 0' })
    refused({ ...index, concurrently: true })
    refused({ ...index, columns: [{ sql: 'lower(a)' }] })
    refused({ ...index, ifNotExists: true })
    refused({ ...index, using: 'gin' })
  })

  it('drops an index of a table, which must be given', () => {
    expect(sql({ kind: 'dropIndex', name: 'ix', table: 't' })).toEqual(['DROP INDEX `ix` ON `t`'])
    expect(sql({ kind: 'dropIndex', name: 'ix', table: 't', schema: 's' })).toEqual([
      'DROP INDEX `ix` ON `s`.`t`',
    ])
    refused({ kind: 'dropIndex', name: 'ix' }, 'INDEX_TABLE_REQUIRED')
    refused({ kind: 'dropIndex', name: 'ix', table: 't', ifExists: true })
    refused({ kind: 'dropIndex', name: 'ix', table: 't', concurrently: true })
  })
})

describe('constraints', () => {
  it('adds constraints', () => {
    expect(sql({ kind: 'createPrimaryKey', table: 't', columns: ['a', 'b'], name: 'pk' })).toEqual([
      'ALTER TABLE `t` ADD PRIMARY KEY (`a`, `b`)',
    ])
    expect(sql({ kind: 'createUniqueConstraint', table: 't', name: 'uq', columns: ['a'] })).toEqual(
      ['ALTER TABLE `t` ADD CONSTRAINT `uq` UNIQUE (`a`)'],
    )
    expect(
      sql({
        kind: 'createForeignKey',
        table: 't',
        name: 'fk',
        columns: ['p1', 'p2'],
        referencedTable: 'p',
        referencedColumns: ['a', 'b'],
        onDelete: 'set null',
        onUpdate: 'cascade',
        deferrable: false,
      }),
    ).toEqual([
      'ALTER TABLE `t` ADD CONSTRAINT `fk` FOREIGN KEY (`p1`, `p2`) REFERENCES `p` (`a`, `b`) ON DELETE SET NULL ON UPDATE CASCADE',
    ])
    expect(
      sql({ kind: 'createCheckConstraint', table: 't', name: 'ck', expression: 'a > 0' }),
    ).toEqual(['ALTER TABLE `t` ADD CONSTRAINT `ck` CHECK (a > 0)'])
  })

  it('drops each kind of constraint with its own clause', () => {
    const drop = { kind: 'dropConstraint', table: 't', name: 'c' } as const
    expect(sql({ ...drop, type: 'foreignKey' })).toEqual(['ALTER TABLE `t` DROP FOREIGN KEY `c`'])
    expect(sql({ ...drop, type: 'primaryKey' })).toEqual(['ALTER TABLE `t` DROP PRIMARY KEY'])
    expect(sql({ ...drop, type: 'unique' })).toEqual(['ALTER TABLE `t` DROP INDEX `c`'])
    expect(sql({ ...drop, type: 'check' })).toEqual(['ALTER TABLE `t` DROP CONSTRAINT `c`'])
    refused(drop, 'CONSTRAINT_TYPE_REQUIRED')
  })
})

describe('schemas and enum types', () => {
  it('refuses them with a hint', () => {
    for (const op of [
      { kind: 'createSchema', name: 's' },
      { kind: 'dropSchema', name: 's' },
      { kind: 'createEnum', name: 'e', values: ['a'] },
      { kind: 'dropEnum', name: 'e' },
      { kind: 'addEnumValue', name: 'e', value: 'b' },
    ] as const) {
      expect(() => mysqlDialect.compile(op)).toThrow(
        expect.objectContaining({
          code: 'UNSUPPORTED_OPERATION',
          message: expect.stringContaining(`${op.kind} '`),
          hint: expect.stringMatching(/database|enum/),
        }),
      )
    }
  })
})

describe('data', () => {
  it('passes SQL and ? parameters through', () => {
    expect(
      mysqlDialect.compile({ kind: 'execute', sql: 'UPDATE t SET a = ?', parameters: [1] }),
    ).toEqual([{ sql: 'UPDATE t SET a = ?', parameters: [1] }])
    expect(mysqlDialect.compile({ kind: 'execute', sql: 'SELECT 1' })).toEqual([
      { sql: 'SELECT 1' },
    ])
  })

  it('inserts rows as literals, DEFAULT for missing keys, in chunks', () => {
    expect(
      sql({
        kind: 'bulkInsert',
        table: 't',
        rows: [{ a: 1, b: "it's" }, { b: null, c: { j: true } }, { a: undefined }],
      }),
    ).toEqual([
      "INSERT INTO `t` (`a`, `b`, `c`) VALUES\n  (1, 'it''s', DEFAULT),\n  (DEFAULT, NULL, '{\"j\":true}'),\n  (DEFAULT, DEFAULT, DEFAULT)",
    ])
    const rows = Array.from({ length: 1001 }, (_, index) => ({ id: index }))
    const chunks = sql({ kind: 'bulkInsert', table: 't', rows })
    expect(chunks).toHaveLength(3)
    expect(chunks[2]).toBe('INSERT INTO `t` (`id`) VALUES\n  (1000)')
    expect(sql({ kind: 'bulkInsert', table: 't', rows: [] })).toEqual([])
  })
})

describe('dialect object', () => {
  it('declares its capabilities and offline behaviour', () => {
    expect(mysqlDialect.name).toBe('mysql')
    expect(mysqlDialect.maxIdentifierLength).toBe(64)
    expect(mysqlDialect.offlineTransaction).toBeUndefined()
    expect(mysqlDialect.capabilities).toEqual({
      transactionalDdl: false,
      schemas: false,
      enumTypes: false,
      partialIndexes: false,
      expressionIndexes: false,
      concurrentIndexes: false,
      comments: true,
      deferrableConstraints: false,
      batchedStatements: true,
      foreignKeysNeedIndex: true,
      restrictIsNoAction: true,
    })
  })

  it('compiles Kysely queries offline', () => {
    const db = mysqlDialect.createOfflineKysely()
    const query = db.selectFrom('users').select('id').where('email', '=', 'a').compile()
    expect(query.sql).toBe('select `id` from `users` where `email` = ?')
    expect(query.parameters).toEqual(['a'])
  })
})
