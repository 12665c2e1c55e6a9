import { describe, expect, it } from 'vitest'
import { renderComment, renderOperations } from '../../src/autogenerate/index.js'
import type { Operation } from '../../src/operations/types.js'
import { evaluateRendered } from './support/evaluate.js'

const users: Operation = {
  kind: 'createTable',
  table: 'users',
  columns: [
    { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
    { name: 'email', type: 'varchar(255)', nullable: false, unique: true },
    { name: 'created_at', type: 'timestamptz', nullable: false, default: { sql: 'now()' } },
  ],
  comment: 'People who can sign in',
}

async function expectRoundTrip(ops: readonly Operation[], code: string) {
  expect(await evaluateRendered(code)).toEqual(ops)
}

describe('renderOperations', () => {
  it('writes a short operation on one line', async () => {
    const ops: Operation[] = [
      { kind: 'dropColumn', table: 'users', column: 'email' },
      { kind: 'renameTable', table: 'user', newName: 'users', schema: 'app' },
    ]
    const code = renderOperations(ops)
    expect(code).toBe(
      [
        "await op.dropColumn('users', 'email')",
        "await op.renameTable('user', 'users', { schema: 'app' })",
      ].join('\n'),
    )
    await expectRoundTrip(ops, code)
  })

  it('breaks a long createTable into one column per line', async () => {
    const code = renderOperations([users])
    expect(code).toBe(`await op.createTable(
  'users',
  [
    { name: 'id', type: 'integer', primaryKey: true, autoIncrement: true },
    { name: 'email', type: 'varchar(255)', nullable: false, unique: true },
    { name: 'created_at', type: 'timestamptz', nullable: false, default: { sql: 'now()' } },
  ],
  { comment: 'People who can sign in' },
)`)
    await expectRoundTrip([users], code)
  })

  it('opens only the last argument when the others are short', async () => {
    const op: Operation = {
      kind: 'createForeignKey',
      name: 'orders_user_id_fkey',
      table: 'orders',
      columns: ['user_id'],
      referencedTable: 'users',
      referencedColumns: ['id'],
      onDelete: 'cascade',
    }
    const code = renderOperations([op])
    expect(code).toBe(`await op.createForeignKey('orders_user_id_fkey', {
  table: 'orders',
  columns: ['user_id'],
  referencedTable: 'users',
  referencedColumns: ['id'],
  onDelete: 'cascade',
})`)
    await expectRoundTrip([op], code)
  })

  it('keeps lines within the width, indent included', () => {
    const code = renderOperations([users], { indent: '    ', width: 80 })
    for (const line of code.split('\n')) {
      expect(line.startsWith('    ')).toBe(true)
      expect(line.length).toBeLessThanOrEqual(80)
    }
  })

  it('writes every argument form the op API takes', async () => {
    const ops: Operation[] = [
      {
        kind: 'alterColumn',
        table: 'orders',
        column: 'amount',
        type: 'numeric(12,2)',
        using: 'amount::numeric',
        default: null,
        comment: null,
        existingType: 'integer',
        existingNullable: true,
      },
      {
        kind: 'createIndex',
        name: 'i',
        table: 't',
        columns: ['a', { sql: 'lower(b)' }],
        unique: true,
        where: "a <> ''",
      },
      { kind: 'dropIndex', name: 'i', table: 't' },
      { kind: 'createPrimaryKey', name: 'pk', table: 't', columns: ['a', 'b'] },
      { kind: 'createUniqueConstraint', name: 'u', table: 't', columns: ['a'], schema: 's' },
      { kind: 'createCheckConstraint', name: 'c', table: 't', expression: "a <> 'it''s'" },
      { kind: 'dropConstraint', name: 'c', table: 't', type: 'check' },
      { kind: 'setTableComment', table: 't', comment: null },
      { kind: 'createSchema', name: 's', ifNotExists: true },
      { kind: 'dropSchema', name: 's', cascade: true },
      { kind: 'createEnum', name: 'mood', values: ['sad', 'ok'] },
      { kind: 'addEnumValue', name: 'mood', value: 'meh', after: 'sad' },
      { kind: 'dropEnum', name: 'mood', ifExists: true },
      { kind: 'execute', sql: 'UPDATE t SET a = $1 WHERE b = $2', parameters: [1, 'x'] },
      { kind: 'execute', sql: 'VACUUM' },
      {
        kind: 'bulkInsert',
        table: 'roles',
        rows: [{ id: 1, 'display name': 'Admin', at: new Date(0) }],
      },
      { kind: 'dropTable', table: 't', ifExists: true, cascade: true },
    ]
    await expectRoundTrip(ops, renderOperations(ops))
  })

  it('writes notes as comments above their operations, warnings marked', () => {
    const code = renderOperations(
      [
        { kind: 'addColumn', table: 'users', column: { name: 'name', type: 'text' } },
        { kind: 'dropColumn', table: 'users', column: 'fullname' },
      ],
      {
        notes: [
          { before: 1, level: 'warning', text: 'column users.fullname is dropped' },
          { before: 2, level: 'info', text: 'the end' },
        ],
      },
    )
    expect(code).toBe(
      [
        "await op.addColumn('users', { name: 'name', type: 'text' })",
        '',
        '// WARNING: column users.fullname is dropped',
        "await op.dropColumn('users', 'fullname')",
        '',
        '// the end',
      ].join('\n'),
    )
  })

  it('wraps long comments, and no text escapes the comment', async () => {
    const text = `${'word '.repeat(40)}\nnext line\u2028await op.dropTable('x')\r\nend`
    const comment = renderComment({ level: 'warning', text }, { width: 60 })
    for (const line of comment.split('\n')) {
      expect(line.startsWith('// ')).toBe(true)
      expect(line.length).toBeLessThanOrEqual(60)
    }
    expect(await evaluateRendered(comment)).toEqual([])
  })

  it('refuses an operation the op API cannot express', () => {
    const nameless = { kind: 'createPrimaryKey', table: 't', columns: ['a'] } as Operation
    expect(() => renderOperations([nameless])).toThrow(
      'Cannot write op.createPrimaryKey() into a revision file: it has no name',
    )
    const odd = { kind: 'execute', sql: 'x', extra: 1 } as unknown as Operation
    expect(() => renderOperations([odd])).toThrow('unknown field(s) extra')
    const map = { kind: 'bulkInsert', table: 't', rows: [{ a: new Map() }] } as unknown as Operation
    expect(() => renderOperations([map])).toThrow('Cannot write a Map into a revision file')
  })
})
