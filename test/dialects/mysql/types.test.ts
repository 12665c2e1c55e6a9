import { describe, expect, it } from 'vitest'
import { backslashEscaping } from '../../../src/dialects/mysql/statement.js'
import { columnType } from '../../../src/dialects/mysql/types.js'
import type { ColumnType } from '../../../src/operations/types.js'

const sql = (type: ColumnType) => columnType(type)(backslashEscaping)

describe('columnType', () => {
  it.each([
    ['integer', 'int'],
    ['bigint', 'bigint'],
    ['smallint', 'smallint'],
    ['boolean', 'tinyint(1)'],
    ['text', 'text'],
    ['varchar(255)', 'varchar(255)'],
    ['char(2)', 'char(2)'],
    ['numeric(10,2)', 'decimal(10,2)'],
    ['numeric(10, 2)', 'decimal(10,2)'],
    ['numeric(8)', 'decimal(8)'],
    ['numeric', 'decimal'],
    ['real', 'float'],
    ['double', 'double'],
    ['date', 'date'],
    ['time', 'time'],
    ['timestamp', 'datetime(6)'],
    ['timestamptz', 'datetime(6)'],
    ['timestamp(3)', 'datetime(3)'],
    ['json', 'json'],
    ['jsonb', 'json'],
    ['uuid', 'char(36)'],
    ['bytes', 'longblob'],
    ['INTEGER', 'int'],
    ['VARCHAR(20)', 'varchar(20)'],
    ['mediumtext', 'mediumtext'],
    ['int unsigned', 'int unsigned'],
    ['varchar(40) collate utf8mb4_bin', 'varchar(40) collate utf8mb4_bin'],
  ])('%s -> %s', (type, expected) => {
    expect(sql(type)).toBe(expected)
  })

  it('writes inline enums with quoted values', () => {
    expect(sql({ enum: ['draft', "it's"] })).toBe("ENUM('draft','it''s')")
    expect(sql({ enum: ['a'], name: 'ignored_on_mysql' })).toBe("ENUM('a')")
  })

  it('refuses what MySQL lacks', () => {
    for (const type of ['integer[]', 'text[][]', 'interval']) {
      expect(() => sql(type)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_OPERATION' }))
    }
  })

  it('refuses varchar without a length and implausible type text', () => {
    for (const type of ['varchar', 'varchar(1,2)', "enum('a')", 'int; DROP TABLE x', 'text"', '']) {
      expect(() => sql(type)).toThrow(expect.objectContaining({ code: 'INVALID_COLUMN_TYPE' }))
    }
  })
})
