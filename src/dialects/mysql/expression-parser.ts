/**
 * A precedence-climbing parser for the MySQL/MariaDB expressions that appear in check
 * constraints and expression defaults. It builds a small tree that the canonical
 * printer rewrites the way the servers do; anything it does not know (subqueries,
 * `EXTRACT(.. FROM ..)`, JSON `->`) is a SyntaxError, and the caller falls back to a
 * token-level canonical form.
 */
import { type Token, tokenize } from './expression-tokens.js'
import { type Expr, PRECEDENCE } from './expression-tree.js'

const COMPARISONS = new Set(['=', '<=>', '>=', '>', '<=', '<', '<>', '!='])

/** Functions the grammar allows without parentheses. */
const NILADIC = new Set([
  'current_timestamp',
  'current_date',
  'current_time',
  'localtime',
  'localtimestamp',
  'current_user',
  'utc_date',
  'utc_time',
  'utc_timestamp',
])

const RESERVED = new Set([
  'and',
  'or',
  'xor',
  'not',
  'is',
  'in',
  'between',
  'like',
  'regexp',
  'rlike',
  'escape',
  'when',
  'then',
  'else',
  'end',
  'div',
  'mod',
  'as',
  'from',
  'select',
  'collate',
  'sounds',
  'member',
  'distinct',
])

class Parser {
  #index = 0
  readonly #tokens: readonly Token[]

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens
  }

  parse(): Expr {
    const expr = this.expression(0)
    if (this.#index < this.#tokens.length) this.fail('trailing input')
    return expr
  }

  fail(problem: string): never {
    throw new SyntaxError(`${problem} at token ${this.#index}`)
  }

  peek(offset = 0): Token | undefined {
    return this.#tokens[this.#index + offset]
  }

  isWord(word: string, offset = 0): boolean {
    const token = this.peek(offset)
    return token?.kind === 'word' && token.lower === word
  }

  isOp(text: string, offset = 0): boolean {
    const token = this.peek(offset)
    return token?.kind === 'op' && token.text === text
  }

  next(): Token {
    const token = this.#tokens[this.#index]
    if (!token) this.fail('unexpected end')
    this.#index += 1
    return token
  }

  expectOp(text: string): void {
    if (!this.isOp(text)) this.fail(`expected '${text}'`)
    this.#index += 1
  }

  expectWord(word: string): void {
    if (!this.isWord(word)) this.fail(`expected ${word}`)
    this.#index += 1
  }

  /** The binary operator at the cursor, with its precedence, without consuming it. */
  infix(): { op: string; precedence: number; width: number } | undefined {
    const token = this.peek()
    if (!token) return undefined
    if (token.kind === 'op') {
      const text = token.text
      if (text === '||') return { op: 'or', precedence: 1, width: 1 }
      if (text === '&&') return { op: 'and', precedence: 3, width: 1 }
      if (COMPARISONS.has(text)) return { op: text, precedence: 6, width: 1 }
      if (text === '%') return { op: 'mod', precedence: 11, width: 1 }
      const precedence = PRECEDENCE[text]
      return precedence === undefined ? undefined : { op: text, precedence, width: 1 }
    }
    if (token.kind !== 'word') return undefined
    const word = token.lower
    if (word === 'or' || word === 'xor' || word === 'and' || word === 'div' || word === 'mod') {
      return { op: word, precedence: PRECEDENCE[word] as number, width: 1 }
    }
    if (word === 'between') return { op: 'between', precedence: 5, width: 1 }
    if (['is', 'in', 'like', 'regexp', 'rlike'].includes(word)) {
      return { op: word, precedence: 6, width: 1 }
    }
    if (word === 'sounds' && this.isWord('like', 1))
      return { op: 'sounds', precedence: 6, width: 2 }
    if (word === 'collate') return { op: 'collate', precedence: 15, width: 1 }
    if (word === 'not') {
      const after = this.peek(1)
      const negated = after?.kind === 'word' ? after.lower : ''
      if (negated === 'between') return { op: 'not between', precedence: 5, width: 2 }
      if (['in', 'like', 'regexp', 'rlike'].includes(negated)) {
        return { op: `not ${negated}`, precedence: 6, width: 2 }
      }
    }
    return undefined
  }

  expression(minimum: number): Expr {
    let left = this.prefix()
    for (;;) {
      const infix = this.infix()
      if (!infix || infix.precedence < minimum) return left
      this.#index += infix.width
      left = this.rest(left, infix.op, infix.precedence)
    }
  }

  /** The right-hand side of `left op ...`. */
  rest(left: Expr, op: string, precedence: number): Expr {
    const not = op.startsWith('not ')
    const base = not ? op.slice(4) : op
    switch (base) {
      case 'or':
      case 'xor':
      case 'and':
        return { t: 'logic', op: base, args: [left, this.expression(precedence + 1)] }
      case 'between': {
        const low = this.expression(7)
        this.expectWord('and')
        return { t: 'between', arg: left, not, low, high: this.expression(7) }
      }
      case 'is': {
        const negated = this.isWord('not')
        if (negated) this.next()
        const what = this.next()
        if (what.kind !== 'word' || !['null', 'true', 'false', 'unknown'].includes(what.lower)) {
          this.fail('expected NULL, TRUE, FALSE or UNKNOWN after IS')
        }
        return { t: 'is', arg: left, not: negated, what: what.lower }
      }
      case 'in': {
        this.expectOp('(')
        return { t: 'in', arg: left, not, list: this.list(')') }
      }
      case 'like':
      case 'regexp':
      case 'rlike': {
        const pattern = this.expression(7)
        let escapeChar: Expr | undefined
        if (base === 'like' && this.isWord('escape')) {
          this.next()
          escapeChar = this.expression(7)
        }
        const kind = base === 'like' ? 'like' : 'regexp'
        return escapeChar === undefined
          ? { t: 'like', op: kind, arg: left, not, pattern }
          : { t: 'like', op: kind, arg: left, not, pattern, escape: escapeChar }
      }
      case 'sounds': {
        const right = this.expression(7)
        const soundex = (arg: Expr): Expr => ({ t: 'call', name: 'soundex', args: [arg] })
        return { t: 'binary', op: '=', left: soundex(left), right: soundex(right) }
      }
      case 'collate': {
        const name = this.next()
        let collation: string
        if (name.kind === 'word') collation = name.lower
        else if (name.kind === 'quoted') collation = name.name.toLowerCase()
        else if (name.kind === 'string') collation = name.value.toLowerCase()
        else return this.fail('expected a collation')
        return { t: 'collate', arg: left, collation }
      }
      default:
        return { t: 'binary', op, left, right: this.expression(precedence + 1) }
    }
  }

  /** Comma-separated expressions up to the closing `end` operator. */
  list(end: string): Expr[] {
    const items: Expr[] = []
    if (this.isOp(end)) {
      this.next()
      return items
    }
    for (;;) {
      items.push(this.expression(0))
      if (this.isOp(',')) {
        this.next()
        continue
      }
      this.expectOp(end)
      return items
    }
  }

  /** Raw words up to the closing parenthesis (a CAST target type). */
  typeName(): string {
    const words: string[] = []
    let depth = 0
    while (!(depth === 0 && this.isOp(')'))) {
      const token = this.next()
      if (token.kind === 'op') {
        if (token.text === '(') depth += 1
        if (token.text === ')') depth -= 1
        words.push(token.text)
      } else if (token.kind === 'word') words.push(token.lower)
      else if (token.kind === 'number') words.push(token.text)
      else this.fail('unexpected token in a type')
    }
    return words.join(' ').replace(/ ?([(),]) ?/g, '$1')
  }

  prefix(): Expr {
    const token = this.next()
    switch (token.kind) {
      case 'string':
        return { t: 'string', value: token.value }
      case 'bytes':
        return { t: 'bytes', value: token.value }
      case 'number':
        return { t: 'number', text: token.text }
      case 'variable':
        return { t: 'variable', text: token.text }
      case 'quoted':
        return this.identifier(token.name.toLowerCase())
      case 'op':
        return this.operatorPrefix(token.text)
      case 'word':
        return this.wordPrefix(token.lower)
    }
  }

  operatorPrefix(op: string): Expr {
    if (op === '(') {
      const items = this.list(')')
      if (items.length === 0) this.fail('empty parentheses')
      return items.length === 1 ? (items[0] as Expr) : { t: 'row', items }
    }
    if (op === '!') return { t: 'not', arg: this.expression(PRECEDENCE.unary as number) }
    if (op === '-' || op === '~' || op === '+') {
      const arg = this.expression(PRECEDENCE.unary as number)
      return op === '+' ? arg : { t: 'unary', op, arg }
    }
    return this.fail(`unexpected '${op}'`)
  }

  wordPrefix(word: string): Expr {
    switch (word) {
      case 'null':
        return { t: 'null' }
      case 'true':
      case 'false':
        return { t: 'bool', value: word === 'true' }
      case 'not':
        return { t: 'not', arg: this.expression(PRECEDENCE.between as number) }
      case 'binary':
        return { t: 'cast', arg: this.expression(PRECEDENCE.unary as number), type: 'binary' }
      case 'interval': {
        const arg = this.expression(PRECEDENCE.unary as number)
        const unit = this.next()
        if (unit.kind !== 'word') this.fail('expected an interval unit')
        return { t: 'interval', arg, unit: unit.lower }
      }
      case 'case':
        return this.caseExpression()
      case 'exists':
      case 'select':
        return this.fail('subqueries are not parsed')
    }
    if (RESERVED.has(word)) this.fail(`unexpected ${word}`)
    if (this.isOp('(')) return this.call(word)
    if (NILADIC.has(word)) return { t: 'call', name: word, args: [] }
    return this.identifier(word)
  }

  identifier(first: string): Expr {
    const parts = [first]
    while (this.isOp('.')) {
      this.next()
      const part = this.next()
      if (part.kind === 'word') parts.push(part.lower)
      else if (part.kind === 'quoted') parts.push(part.name.toLowerCase())
      else this.fail('expected a name after .')
    }
    return { t: 'column', parts }
  }

  call(name: string): Expr {
    this.expectOp('(')
    if (name === 'cast' || name === 'convert') {
      const arg = this.expression(0)
      if (name === 'cast') this.expectWord('as')
      else this.expectOp(',')
      const type = this.typeName()
      this.expectOp(')')
      return { t: 'cast', arg, type }
    }
    return { t: 'call', name, args: this.list(')') }
  }

  caseExpression(): Expr {
    const operand = this.isWord('when') ? undefined : this.expression(0)
    const whens: (readonly [Expr, Expr])[] = []
    while (this.isWord('when')) {
      this.next()
      const condition = this.expression(0)
      this.expectWord('then')
      whens.push([condition, this.expression(0)])
    }
    if (whens.length === 0) this.fail('CASE without WHEN')
    let otherwise: Expr | undefined
    if (this.isWord('else')) {
      this.next()
      otherwise = this.expression(0)
    }
    this.expectWord('end')
    return {
      t: 'case',
      whens,
      ...(operand === undefined ? {} : { operand }),
      ...(otherwise === undefined ? {} : { otherwise }),
    }
  }
}

/**
 * Parses one expression. Throws SyntaxError for what the parser does not cover.
 *
 * @example
 * parseExpression('a > 0 AND b <> 1') // { t: 'logic', op: 'and', args: [...] }
 */
export function parseExpression(sql: string): Expr {
  return new Parser(tokenize(sql)).parse()
}
