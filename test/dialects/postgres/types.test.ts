import { describe, expect, it } from 'vitest'
import { compileType, isIdentityType } from '../../../src/dialects/postgres/types.js'
import { MigrationError } from '../../../src/errors.js'
import type { ColumnType } from '../../../src/operations/types.js'

describe('compileType', () => {
  it.each<[ColumnType, string]>([
    ['integer', 'integer'],
    ['bigint', 'bigint'],
    ['smallint', 'smallint'],
    ['boolean', 'boolean'],
    ['text', 'text'],
    ['varchar(255)', 'varchar(255)'],
    ['varchar', 'varchar'],
    ['char(2)', 'char(2)'],
    ['numeric(10,2)', 'numeric(10,2)'],
    ['numeric(10, 2)', 'numeric(10,2)'],
    ['numeric(10)', 'numeric(10)'],
    ['numeric', 'numeric'],
    ['real', 'real'],
    ['double', 'double precision'],
    ['date', 'date'],
    ['time', 'time'],
    ['timestamp', 'timestamp'],
    ['timestamptz', 'timestamptz'],
    ['interval', 'interval'],
    ['json', 'json'],
    ['jsonb', 'jsonb'],
    ['uuid', 'uuid'],
    ['bytes', 'bytea'],
    ['text[]', 'text[]'],
    ['integer[][]', 'integer[][]'],
    ['varchar(20)[]', 'varchar(20)[]'],
    ['bytes[]', 'bytea[]'],
    ['INTEGER', 'integer'],
    ['VARCHAR(40)', 'varchar(40)'],
    ['tsvector', 'tsvector'],
    ['citext', 'citext'],
    ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
    ['character varying(20)', 'character varying(20)'],
    [{ enum: ['a', 'b'], name: 'mood' }, '"mood"'],
    [{ enum: ['a'], name: 'Order "Status"' }, '"Order ""Status"""'],
  ])('%j → %s', (type, expected) => {
    expect(compileType(type)).toBe(expected)
  })

  it.each([
    ['text; DROP TABLE users', 'INVALID_TYPE'],
    ["text DEFAULT 'x'", 'INVALID_TYPE'],
    ['int -- comment', 'INVALID_TYPE'],
    ['varchar(x)', 'INVALID_TYPE'],
    ['varchar(0)', 'INVALID_TYPE'],
    ['numeric(1,2,3)', 'INVALID_TYPE'],
    ['"quoted"', 'INVALID_TYPE'],
  ])('rejects %j', (type, code) => {
    expect(() => compileType(type)).toThrow(MigrationError)
    try {
      compileType(type)
    } catch (error) {
      expect((error as MigrationError).code).toBe(code)
    }
  })

  it('requires a name for an enum column', () => {
    expect(() => compileType({ enum: ['a', 'b'] })).toThrow(
      "PostgreSQL enum columns need a named type; { enum: ['a', 'b'] } has no name",
    )
  })

  it('knows which types can be identity columns', () => {
    expect(isIdentityType('integer')).toBe(true)
    expect(isIdentityType('BIGINT')).toBe(true)
    expect(isIdentityType('smallint')).toBe(true)
    expect(isIdentityType('text')).toBe(false)
    expect(isIdentityType({ enum: ['a'], name: 'e' })).toBe(false)
  })
})
