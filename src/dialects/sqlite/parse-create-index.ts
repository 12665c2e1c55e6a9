/**
 * Reads a `CREATE INDEX` statement as SQLite stores it in `sqlite_master`: which
 * columns or expressions it indexes, in what order, and its partial-index predicate.
 * SQLite's pragmas name the indexed columns but not expressions or the `WHERE` text.
 */
import { MigrationError } from '../../errors.js'
import { closingParen, isKeyword, listItems, type Token, tokenize } from './sql-tokenizer.js'

/** One indexed term. */
export interface IndexedTerm {
  /** The term as written, e.g. `"email"`, `lower(email)`, `name COLLATE NOCASE DESC`. */
  readonly text: string
  /** The column name when the term is only a column (`ASC` allowed, the default order). */
  readonly column?: string
}

export interface IndexDefinition {
  readonly name: string
  readonly table: string
  readonly unique: boolean
  readonly terms: readonly IndexedTerm[]
  /** The predicate of a partial index, as written. */
  readonly where?: string
}

const NAME_TYPES = new Set(['word', 'identifier', 'string'])

/**
 * Parses one `CREATE [UNIQUE] INDEX` statement. Throws `SQL_PARSE_ERROR` for text it
 * cannot follow.
 *
 * @example
 * parseCreateIndex('CREATE INDEX "ix" ON "t" (lower(email), id) WHERE id > 0')
 * // { name: 'ix', table: 't', unique: false, terms: [{ text: 'lower(email)' }, { text: 'id', column: 'id' }], where: 'id > 0' }
 */
export function parseCreateIndex(sql: string): IndexDefinition {
  const tokens = tokenize(sql)
  const fail = (problem: string): never => {
    throw new MigrationError(
      'SQL_PARSE_ERROR',
      `Cannot read the index definition: ${problem} in ${JSON.stringify(sql.slice(0, 120))}`,
    )
  }
  let i = 0
  const expect = (keyword: string) => {
    if (!isKeyword(tokens[i], keyword)) fail(`expected ${keyword}`)
    i++
  }
  const name = (): string => {
    const token = tokens[i]
    if (!token || !NAME_TYPES.has(token.type)) return fail('expected a name')
    i++
    // `schema.name`: the part after the dot names the object.
    if (tokens[i]?.text === '.') {
      i++
      return name()
    }
    return token.value
  }
  expect('CREATE')
  const unique = isKeyword(tokens[i], 'UNIQUE')
  if (unique) i++
  expect('INDEX')
  if (isKeyword(tokens[i], 'IF')) {
    i++
    expect('NOT')
    expect('EXISTS')
  }
  const indexName = name()
  expect('ON')
  const table = name()
  if (tokens[i]?.text !== '(') fail('expected the indexed columns')
  const close = closingParen(tokens, i)
  const terms = listItems(tokens, i, close).map(([first, last]) => term(sql, tokens, first, last))
  let where: string | undefined
  if (isKeyword(tokens[close + 1], 'WHERE')) {
    where = sql
      .slice(tokens[close + 1]?.end)
      .replace(/;\s*$/, '')
      .trim()
  }
  return {
    name: indexName,
    table,
    unique,
    terms,
    ...(where === undefined ? {} : { where }),
  }
}

function term(sql: string, tokens: readonly Token[], first: number, last: number): IndexedTerm {
  const text = sql.slice(tokens[first]?.start, tokens[last]?.end)
  const head = tokens[first]
  const plain =
    head !== undefined &&
    NAME_TYPES.has(head.type) &&
    (first === last || (last === first + 1 && isKeyword(tokens[last], 'ASC')))
  return plain ? { text, column: head.value } : { text }
}
