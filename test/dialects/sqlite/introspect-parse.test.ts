/** The schema-text readers introspection adds to the SQLite dialect (no database needed). */
import { describe, expect, it } from 'vitest'
import { readSqlComment, sqlComment } from '../../../src/dialects/sqlite/column-definition.js'
import {
  checkExpression,
  enumCheckValues,
  isEnumCheck,
} from '../../../src/dialects/sqlite/definition-lookup.js'
import { parseCreateIndex } from '../../../src/dialects/sqlite/parse-create-index.js'
import { parseCreateTable } from '../../../src/dialects/sqlite/parse-create-table.js'

describe('parseCreateIndex', () => {
  it('reads names, unique, terms and the partial predicate', () => {
    expect(
      parseCreateIndex(
        `CREATE UNIQUE INDEX IF NOT EXISTS main."ix ""a""" ON [t] ("email" ASC, lower(name), id DESC, code COLLATE NOCASE) WHERE deleted = 0 AND (x > 1);`,
      ),
    ).toEqual({
      name: 'ix "a"',
      table: 't',
      unique: true,
      terms: [
        { text: '"email" ASC', column: 'email' },
        { text: 'lower(name)' },
        { text: 'id DESC' },
        { text: 'code COLLATE NOCASE' },
      ],
      where: 'deleted = 0 AND (x > 1)',
    })
    expect(parseCreateIndex('create index ix on t (a)')).toEqual({
      name: 'ix',
      table: 't',
      unique: false,
      terms: [{ text: 'a', column: 'a' }],
    })
  })

  it('refuses text that is not CREATE INDEX', () => {
    expect(() => parseCreateIndex('CREATE TABLE t (a)')).toThrow(/expected INDEX/)
  })
})

describe('parseCreateTable: foreign key timing', () => {
  it('keeps DEFERRABLE and INITIALLY DEFERRED as SQLite means them', () => {
    const definition = parseCreateTable(`CREATE TABLE c (
      a INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED,
      b INTEGER REFERENCES p DEFERRABLE,
      d INTEGER REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED,
      e INTEGER REFERENCES p ON DELETE CASCADE,
      CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES q (x, y) MATCH FULL DEFERRABLE INITIALLY IMMEDIATE
    )`)
    const reference = (i: number) => definition.columns[i]?.constraints[0]
    expect(reference(0)).toMatchObject({ deferrable: true, initiallyDeferred: true })
    expect(reference(1)).toMatchObject({ deferrable: true })
    expect(reference(1)).not.toHaveProperty('initiallyDeferred')
    expect(reference(2)).not.toHaveProperty('deferrable')
    expect(reference(3)).not.toHaveProperty('deferrable')
    expect(definition.constraints[0]).toMatchObject({
      kind: 'foreignKey',
      name: 'fk',
      referencedTable: 'q',
      deferrable: true,
    })
    expect(definition.constraints[0]).not.toHaveProperty('initiallyDeferred')
  })
})

describe('schema text helpers', () => {
  it('reads back the comments sqlComment writes', () => {
    for (const text of ['user email', 'a */ b', "it's /* nested", 'multi\nline']) {
      expect(readSqlComment(sqlComment(text))).toBe(text)
    }
    expect(readSqlComment(undefined)).toBeUndefined()
    expect(readSqlComment('-- a note')).toBeUndefined()
    expect(readSqlComment('/* a */ -- b\n/* c */')).toBe('a\nc')
  })

  it('reads enum checks and check expressions', () => {
    expect(enumCheckValues(`CHECK ("s" IN ('a', 'it''s'))`, 'S')).toEqual(['a', "it's"])
    expect(enumCheckValues(`CHECK (s IN ('a') AND 1)`, 's')).toBeUndefined()
    expect(enumCheckValues(`CHECK (t IN ('a'))`, 's')).toBeUndefined()
    expect(isEnumCheck(`CHECK (s IN ('a'))`, 's')).toBe(true)
    expect(checkExpression('CHECK ( (a > 0) AND b )')).toBe('(a > 0) AND b')
  })
})
