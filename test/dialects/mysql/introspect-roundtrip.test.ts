/**
 * No phantom diffs on MariaDB: every portable type with a list of defaults, compiled,
 * applied and introspected, has the model's canonical type and default; and a
 * database written by hand with other spellings reads as equal to the portable model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseUrl } from '../../../src/config/url.js'
import type { DialectConnection } from '../../../src/dialects/dialect.js'
import { mysqlDialect } from '../../../src/dialects/mysql/index.js'
import type { ColumnType, DefaultValue } from '../../../src/operations/types.js'
import type { ColumnModel, SchemaModel, TableModel } from '../../../src/schema/model.js'
import { mysqlDatabase } from '../../support/databases.js'
import { apply } from './helpers.js'

const db = await mysqlDatabase('mysql_roundtrip')
const introspection = mysqlDialect.introspection
if (!introspection) throw new Error('mysqlDialect has no introspection')

const CASES: readonly { type: ColumnType; defaults: readonly (DefaultValue | undefined)[] }[] = [
  {
    type: 'integer',
    defaults: [undefined, 0, 42, -7, '5', { sql: '0' }, { sql: '(-3)' }, { sql: '1 + 2' }],
  },
  { type: 'integer', defaults: [null, { sql: 'NULL' }] },
  { type: 'bigint', defaults: [0, '9007199254740993', -1] },
  { type: 'smallint', defaults: [12, '-4'] },
  { type: 'boolean', defaults: [true, false, 0, 1, { sql: 'TRUE' }, { sql: 'false' }] },
  { type: 'text', defaults: [undefined, 'hello', '', { sql: "'quoted'" }] },
  {
    type: 'varchar(30)',
    defaults: [
      'draft',
      "it's",
      'back\\slash',
      '0',
      0,
      1.5,
      true,
      'NULL',
      { sql: "concat('a', 'b')" },
      { sql: "_utf8mb4'x'" },
    ],
  },
  { type: 'char(2)', defaults: ['ab'] },
  { type: 'numeric(10,2)', defaults: [0, 1.5, '2.50', { sql: '3.10' }, -0.25] },
  { type: 'numeric', defaults: [5] },
  { type: 'real', defaults: [0.5, 1] },
  { type: 'double', defaults: [2.25, 1000, { sql: '1e3' }] },
  { type: 'date', defaults: ['2024-02-29', { sql: 'CURRENT_DATE' }, { sql: 'curdate()' }] },
  { type: 'time', defaults: ['12:30:00', { sql: 'CURRENT_TIME' }] },
  { type: 'time(3)', defaults: ['12:30:00.5'] },
  {
    type: 'timestamp',
    defaults: [
      { sql: 'CURRENT_TIMESTAMP' },
      { sql: 'now()' },
      { sql: 'CURRENT_TIMESTAMP(6)' },
      { sql: 'LOCALTIMESTAMP' },
      '2024-01-01',
      '2024-01-01 10:00:00',
      '2024-01-01 10:00:00.123',
    ],
  },
  { type: 'timestamptz', defaults: [undefined, { sql: 'current_timestamp()' }] },
  { type: 'timestamp(3)', defaults: [{ sql: 'now(3)' }, { sql: 'CURRENT_TIMESTAMP' }] },
  { type: 'json', defaults: [undefined, '{}'] },
  { type: 'jsonb', defaults: [undefined] },
  { type: 'uuid', defaults: [undefined, { sql: 'uuid()' }] },
  { type: 'bytes', defaults: [undefined] },
  { type: { enum: ['a', 'b', "c'd"] }, defaults: ['a', "c'd"] },
  { type: 'datetime', defaults: [{ sql: 'CURRENT_TIMESTAMP' }, { sql: 'now()' }] },
  { type: 'mediumtext', defaults: [undefined] },
  { type: 'int unsigned', defaults: [3] },
  { type: 'tinyint', defaults: [1] },
  { type: 'bigint unsigned', defaults: [undefined] },
]

const COLUMNS = CASES.flatMap((entry, typeIndex) =>
  entry.defaults.map((value, defaultIndex) => ({
    name: `c${typeIndex}_${defaultIndex}`,
    type: entry.type,
    ...(value === undefined ? {} : { default: value }),
  })),
)

/** What autogenerate compares, in the dialect's canonical spellings. */
function canonicalColumn(column: { type: ColumnType; default?: DefaultValue; nullable?: boolean }) {
  return {
    type: introspection?.canonicalType(column.type),
    default: introspection?.canonicalDefault(column.default, column.type),
    nullable: column.nullable ?? true,
  }
}

function canonicalTable(table: TableModel) {
  return {
    columns: table.columns.map((column: ColumnModel) => ({
      name: column.name,
      ...canonicalColumn(column),
      autoIncrement: column.autoIncrement ?? false,
    })),
    checks: table.checks.map((check) => introspection?.canonicalExpression(check.expression)),
  }
}

describe.skipIf(!db.available)('mysql introspection round trip', () => {
  let connection: DialectConnection
  let schema: SchemaModel
  const table = (name: string) => schema.tables.find((entry) => entry.name === name) as TableModel

  beforeAll(async () => {
    connection = await mysqlDialect.connect(parseUrl(db.url))
    await apply(connection, { kind: 'createTable', table: 'round_trip', columns: COLUMNS })
    await connection.query(`CREATE TABLE hand_written (
      id INT(11) NOT NULL AUTO_INCREMENT PRIMARY KEY,
      flag BOOL NOT NULL DEFAULT '0',
      active BOOLEAN DEFAULT TRUE,
      amount DECIMAL NOT NULL DEFAULT '0',
      price NUMERIC(10,2) DEFAULT '1.50',
      counter INTEGER DEFAULT '0',
      small SMALLINT(6) DEFAULT -1,
      big BIGINT(20) DEFAULT 0,
      ratio DOUBLE PRECISION DEFAULT 1e3,
      f FLOAT DEFAULT '0.5',
      name CHARACTER VARYING(50) DEFAULT 'x',
      code CHAR(36) DEFAULT (UUID()),
      created DATETIME(6) NOT NULL DEFAULT NOW(6),
      updated DATETIME DEFAULT CURRENT_TIMESTAMP,
      day DATE DEFAULT '2024-01-01',
      doc LONGTEXT CHECK (JSON_VALID(doc)),
      data LONGBLOB,
      state ENUM('new','done') NOT NULL DEFAULT 'new',
      CONSTRAINT ck_hand CHECK (amount >= 0 AND flag IN (0, 1) AND NOT (counter < 0)),
      CONSTRAINT ck_name CHECK (name IS NOT NULL OR active)
    )`)
  })
  afterAll(async () => {
    await connection?.close()
    await db.drop()
  })

  it('reads every portable type and default back in the same canonical form', async () => {
    schema = await introspection.introspect(connection)
    const read = table('round_trip').columns
    expect(read.map((column) => column.name)).toEqual(COLUMNS.map((column) => column.name))
    const mismatches = COLUMNS.flatMap((column, index) => {
      const expected = canonicalColumn(column)
      const actual = canonicalColumn(read[index] as ColumnModel)
      return JSON.stringify(expected) === JSON.stringify(actual)
        ? []
        : [{ column: column.name, model: column, read: read[index], expected, actual }]
    })
    expect(mismatches).toEqual([])
  })

  it('finds no difference between hand-written SQL and the equivalent portable model', () => {
    const model: TableModel = {
      name: 'hand_written',
      columns: [
        { name: 'id', type: 'integer', nullable: false, autoIncrement: true },
        { name: 'flag', type: 'boolean', nullable: false, default: false },
        { name: 'active', type: 'boolean', nullable: true, default: true },
        { name: 'amount', type: 'numeric(10,0)', nullable: false, default: 0 },
        { name: 'price', type: 'numeric(10,2)', nullable: true, default: 1.5 },
        { name: 'counter', type: 'integer', nullable: true, default: 0 },
        { name: 'small', type: 'smallint', nullable: true, default: -1 },
        { name: 'big', type: 'bigint', nullable: true, default: 0 },
        { name: 'ratio', type: 'double', nullable: true, default: 1000 },
        { name: 'f', type: 'real', nullable: true, default: 0.5 },
        { name: 'name', type: 'varchar(50)', nullable: true, default: 'x' },
        { name: 'code', type: 'uuid', nullable: true, default: { sql: 'uuid()' } },
        {
          name: 'created',
          type: 'timestamptz',
          nullable: false,
          default: { sql: 'CURRENT_TIMESTAMP' },
        },
        { name: 'updated', type: 'datetime', nullable: true, default: { sql: 'now()' } },
        { name: 'day', type: 'date', nullable: true, default: '2024-01-01' },
        { name: 'doc', type: 'jsonb', nullable: true },
        { name: 'data', type: 'bytes', nullable: true },
        { name: 'state', type: { enum: ['new', 'done'] }, nullable: false, default: 'new' },
      ],
      primaryKey: { columns: ['id'] },
      uniques: [],
      foreignKeys: [],
      indexes: [],
      checks: [
        { name: 'ck_hand', expression: 'amount >= 0 and flag in (0,1) and counter >= 0' },
        { name: 'ck_name', expression: '`name` is not null or `active` <> 0' },
      ],
    }
    const read = table('hand_written')
    expect(canonicalTable(read)).toEqual(canonicalTable(model))
    expect(read.primaryKey).toEqual(model.primaryKey)
  })
})
