/**
 * Reads a `CREATE TABLE` statement as SQLite stores it in `sqlite_master` into a
 * `TableDefinition`. It follows SQLite's grammar for column and table constraints
 * (https://www.sqlite.org/lang_createtable.html) closely enough to split them apart and
 * name their columns; expressions inside CHECK, DEFAULT and AS are kept as text.
 */
import { MigrationError } from '../../errors.js'
import { closingParen, isKeyword, listItems, type Token, tokenize } from './sql-tokenizer.js'
import type {
  ColumnConstraint,
  ColumnConstraintKind,
  ColumnDefinition,
  TableConstraint,
  TableDefinition,
} from './table-definition.js'

/** Words that start a column constraint, ending the declared type. */
const CONSTRAINT_START = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
])

const TABLE_CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN'])

/** What the parser keeps of a REFERENCES clause (SQLite's pragmas tell the rest, but not deferrability). */
interface Reference {
  readonly table: string
  readonly deferrable: boolean
  readonly initiallyDeferred: boolean
}

function referenceFields(reference: Reference | undefined) {
  if (reference === undefined) return {}
  return {
    referencedTable: reference.table,
    ...(reference.deferrable ? { deferrable: true } : {}),
    ...(reference.initiallyDeferred ? { initiallyDeferred: true } : {}),
  }
}

/**
 * Parses one `CREATE TABLE` statement. Throws `SQL_PARSE_ERROR` for text it cannot
 * follow (virtual tables, `CREATE TABLE ... AS SELECT` as written by hand).
 *
 * @example
 * parseCreateTable('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)').columns[1]
 * // { name: 'name', type: 'TEXT', constraints: [{ kind: 'notNull', body: 'NOT NULL' }], ... }
 */
export function parseCreateTable(sql: string): TableDefinition {
  const parser = new Parser(sql)
  return parser.table()
}

class Parser {
  private readonly tokens: Token[]
  private i = 0

  constructor(private readonly sql: string) {
    this.tokens = tokenize(sql)
  }

  table(): TableDefinition {
    this.expect('CREATE')
    if (this.isWord('TEMP') || this.isWord('TEMPORARY')) this.i++
    if (!this.isWord('TABLE')) this.fail('expected CREATE TABLE (virtual tables cannot be rebuilt)')
    this.i++
    if (this.isWord('IF')) {
      this.i++
      this.expect('NOT')
      this.expect('EXISTS')
    }
    let name = this.name()
    if (this.tokens[this.i]?.text === '.') {
      this.i++
      name = this.name()
    }
    const open = this.i
    if (this.tokens[open]?.text !== '(') this.fail('expected a column list')
    const comment = this.sql.slice(this.tokens[open - 1]?.end, this.tokens[open]?.start).trim()
    const close = closingParen(this.tokens, open)
    const columns: ColumnDefinition[] = []
    const constraints: TableConstraint[] = []
    for (const [first, last] of this.items(open, close)) {
      if (last < first) this.fail('empty column definition')
      const span = this.itemSpan(first, last)
      const head = this.tokens[first]
      if (head?.type === 'word' && TABLE_CONSTRAINT_START.has(head.value.toUpperCase())) {
        const parsed = this.tableConstraints(first, last + 1)
        // Several constraints without commas between them share one item; keep the text only for one.
        constraints.push(
          ...parsed.map((constraint) =>
            parsed.length === 1 ? { ...constraint, source: span.source } : constraint,
          ),
        )
      } else {
        columns.push({ ...this.column(first, last + 1), ...span })
      }
    }
    const end = this.tokens[close]?.end ?? this.sql.length
    const options = this.sql.slice(end).replace(/;\s*$/, '').trimEnd()
    return { name, columns, constraints, options, ...(comment === '' ? {} : { comment }) }
  }

  /** The token ranges [first, last] of the comma-separated items between `open` and `close`. */
  private items(open: number, close: number): [number, number][] {
    return listItems(this.tokens, open, close)
  }

  /** The original text of an item with its comments, and the comments alone. */
  private itemSpan(first: number, last: number) {
    const from = this.tokens[first - 1]?.end ?? 0
    const to = this.tokens[last + 1]?.start ?? this.sql.length
    const firstToken = this.tokens[first] as Token
    const lastToken = this.tokens[last] as Token
    const leading = this.sql.slice(from, firstToken.start).trim()
    const trailing = this.sql.slice(lastToken.end, to).trim()
    // A trailing line comment needs its newline, or the next comma would be commented out.
    const newline = trailing.includes('--') ? '\n' : ''
    return {
      source: this.sql.slice(from, to).trim() + newline,
      leadingComment: leading === '' ? undefined : leading,
      trailingComment: trailing === '' ? undefined : trailing + newline,
    }
  }

  private column(first: number, end: number): Omit<ColumnDefinition, 'source'> {
    this.i = first
    const name = this.name()
    const typeStart = this.i
    while (this.i < end && !this.startsConstraint(this.tokens[this.i])) this.i++
    const type =
      this.i > typeStart
        ? this.sql.slice(this.tokens[typeStart]?.start, this.tokens[this.i - 1]?.end)
        : ''
    const constraints: ColumnConstraint[] = []
    while (this.i < end) constraints.push(this.columnConstraint(end))
    return { name, type, constraints }
  }

  private startsConstraint(token: Token | undefined): boolean {
    return token?.type === 'word' && CONSTRAINT_START.has(token.value.toUpperCase())
  }

  private columnConstraint(end: number): ColumnConstraint {
    let name: string | undefined
    if (this.isWord('CONSTRAINT')) {
      this.i++
      name = this.name()
    }
    const start = this.i
    const word = this.word()
    let kind: ColumnConstraintKind
    let reference: Reference | undefined
    let autoIncrement = false
    switch (word) {
      case 'PRIMARY':
        kind = 'primaryKey'
        this.expect('KEY')
        if (this.isWord('ASC') || this.isWord('DESC')) this.i++
        this.conflictClause()
        if (this.isWord('AUTOINCREMENT')) {
          autoIncrement = true
          this.i++
        }
        break
      case 'NOT':
        kind = 'notNull'
        this.expect('NULL')
        this.conflictClause()
        break
      case 'NULL':
        kind = 'null'
        this.conflictClause()
        break
      case 'UNIQUE':
        kind = 'unique'
        this.conflictClause()
        break
      case 'CHECK':
        kind = 'check'
        this.group()
        break
      case 'DEFAULT':
        kind = 'default'
        this.defaultValue()
        break
      case 'COLLATE':
        kind = 'collate'
        this.name()
        break
      case 'REFERENCES':
        kind = 'references'
        reference = this.foreignKeyClause()
        break
      case 'GENERATED':
        kind = 'generated'
        this.expect('ALWAYS')
        this.expect('AS')
        this.generatedRest()
        break
      case 'AS':
        kind = 'generated'
        this.generatedRest()
        break
      default:
        return this.fail(`unexpected '${word}' in a column definition`)
    }
    if (this.i > end) this.fail('a column constraint runs past its column')
    const body = this.sql.slice(this.tokens[start]?.start, this.tokens[this.i - 1]?.end)
    return {
      kind,
      ...(name === undefined ? {} : { name }),
      body,
      ...referenceFields(reference),
      ...(kind === 'primaryKey' ? { autoIncrement } : {}),
    }
  }

  private tableConstraints(first: number, end: number): TableConstraint[] {
    this.i = first
    const constraints: TableConstraint[] = []
    while (this.i < end) {
      let name: string | undefined
      if (this.isWord('CONSTRAINT')) {
        this.i++
        name = this.name()
      }
      const start = this.i
      const word = this.word()
      let kind: TableConstraint['kind']
      let columns: string[] = []
      let reference: Reference | undefined
      if (word === 'PRIMARY' || word === 'UNIQUE') {
        kind = word === 'PRIMARY' ? 'primaryKey' : 'unique'
        if (word === 'PRIMARY') this.expect('KEY')
        columns = this.columnList()
        this.conflictClause()
      } else if (word === 'CHECK') {
        kind = 'check'
        this.group()
      } else if (word === 'FOREIGN') {
        kind = 'foreignKey'
        this.expect('KEY')
        columns = this.columnList()
        this.expect('REFERENCES')
        reference = this.foreignKeyClause()
      } else {
        return this.fail(`unexpected '${word}' in a table constraint`)
      }
      const body = this.sql.slice(this.tokens[start]?.start, this.tokens[this.i - 1]?.end)
      constraints.push({
        kind,
        ...(name === undefined ? {} : { name }),
        body,
        columns,
        ...referenceFields(reference),
      })
    }
    return constraints
  }

  /** `( a [COLLATE x] [ASC|DESC], b ... )`: the first name of each element. */
  private columnList(): string[] {
    const open = this.i
    if (this.tokens[open]?.text !== '(') this.fail('expected a column list')
    const close = closingParen(this.tokens, open)
    const names = this.items(open, close).map(([first]) => {
      const token = this.tokens[first]
      if (
        !token ||
        (token.type !== 'word' && token.type !== 'identifier' && token.type !== 'string')
      ) {
        return this.fail('expected a column name')
      }
      return token.value
    })
    this.i = close + 1
    return names
  }

  /** `table [(cols)] [ON DELETE|UPDATE action | MATCH name | [NOT] DEFERRABLE [INITIALLY x]]...` */
  private foreignKeyClause(): Reference {
    const table = this.name()
    let deferrable = false
    let initiallyDeferred = false
    if (this.tokens[this.i]?.text === '(') this.i = closingParen(this.tokens, this.i) + 1
    for (;;) {
      if (this.isWord('ON')) {
        this.i++
        this.word() // DELETE | UPDATE
        const action = this.word()
        if (action === 'SET' || action === 'NO') this.word() // NULL | DEFAULT | ACTION
      } else if (this.isWord('MATCH')) {
        this.i++
        this.name()
      } else if (
        this.isWord('DEFERRABLE') ||
        (this.isWord('NOT') && isKeyword(this.tokens[this.i + 1], 'DEFERRABLE'))
      ) {
        const not = this.isWord('NOT')
        this.i += not ? 2 : 1
        let deferred = false
        if (this.isWord('INITIALLY')) {
          deferred = isKeyword(this.tokens[this.i + 1], 'DEFERRED')
          this.i += 2
        }
        // SQLite defers a key only for DEFERRABLE INITIALLY DEFERRED; NOT DEFERRABLE is immediate.
        deferrable = !not
        initiallyDeferred = !not && deferred
      } else {
        return { table, deferrable, initiallyDeferred }
      }
    }
  }

  private conflictClause(): void {
    if (this.isWord('ON') && isKeyword(this.tokens[this.i + 1], 'CONFLICT')) this.i += 3
  }

  private defaultValue(): void {
    const token = this.tokens[this.i]
    if (token?.text === '(') {
      this.group()
      return
    }
    if (token?.text === '+' || token?.text === '-') this.i++
    if (!this.tokens[this.i]) this.fail('DEFAULT without a value')
    this.i++
  }

  private generatedRest(): void {
    this.group()
    if (this.isWord('STORED') || this.isWord('VIRTUAL')) this.i++
  }

  /** Skips a parenthesised group starting at the current token. */
  private group(): void {
    if (this.tokens[this.i]?.text !== '(') this.fail("expected '('")
    this.i = closingParen(this.tokens, this.i) + 1
  }

  private name(): string {
    const token = this.tokens[this.i]
    if (
      !token ||
      (token.type !== 'word' && token.type !== 'identifier' && token.type !== 'string')
    ) {
      return this.fail('expected a name')
    }
    this.i++
    return token.value
  }

  private word(): string {
    const token = this.tokens[this.i]
    if (token?.type !== 'word') return this.fail('expected a keyword')
    this.i++
    return token.value.toUpperCase()
  }

  private isWord(keyword: string): boolean {
    return isKeyword(this.tokens[this.i], keyword)
  }

  private expect(keyword: string): void {
    if (!this.isWord(keyword)) this.fail(`expected ${keyword}`)
    this.i++
  }

  private fail(problem: string): never {
    const at = this.tokens[this.i]?.start ?? this.sql.length
    throw new MigrationError(
      'SQL_PARSE_ERROR',
      `Cannot read the table definition: ${problem} at offset ${at} of ${JSON.stringify(this.sql.slice(0, 120))}`,
    )
  }
}
