/**
 * A precedence parser for the scalar expressions found in check constraints, index
 * predicates, index expressions and column defaults. It covers what PostgreSQL
 * prints back from its catalog and the usual hand-written spellings of the same
 * things, and rewrites the latter into the former as it goes (`IN (...)` becomes
 * `= ANY (ARRAY[...])`, `BETWEEN` two comparisons, `LIKE` `~~`, `!=` `<>`), which is
 * what PostgreSQL does before storing them. Anything else (sub-queries, `EXTRACT(x
 * FROM y)`, `COLLATE`, `AT TIME ZONE`...) is a SqlSyntaxError, and callers fall back
 * to a token-level comparison.
 */
import {
  binaryPrecedence,
  COMPARISON,
  type ExpressionNode,
  PRECEDENCE,
  RESERVED,
  TYPE_CONTINUATIONS,
  TYPE_STARTS,
} from './expression-ast.js'
import { SqlSyntaxError, type Token, tokenize } from './sql-tokens.js'

class Parser {
  #index = 0
  readonly #tokens: readonly Token[]
  readonly #sql: string

  constructor(sql: string) {
    this.#sql = sql
    this.#tokens = tokenize(sql)
  }

  parseAll(): ExpressionNode {
    const node = this.expression(0)
    if (this.#peek() !== undefined) this.#fail()
    return node
  }

  #peek(offset = 0): Token | undefined {
    return this.#tokens[this.#index + offset]
  }

  #next(): Token {
    const token = this.#tokens[this.#index++]
    if (token === undefined) throw new SqlSyntaxError('unexpected end of expression')
    return token
  }

  #fail(): never {
    const token = this.#peek()
    throw new SqlSyntaxError(token ? `unexpected '${token.value}'` : 'unexpected end')
  }

  #isWord(value: string, offset = 0): boolean {
    const token = this.#peek(offset)
    return token?.kind === 'word' && token.value === value
  }

  #isPunct(value: string, offset = 0): boolean {
    const token = this.#peek(offset)
    return token?.kind === 'punct' && token.value === value
  }

  #expectWord(value: string): void {
    if (!this.#isWord(value)) this.#fail()
    this.#index++
  }

  #expectPunct(value: string): void {
    if (!this.#isPunct(value)) this.#fail()
    this.#index++
  }

  expression(minimum: number): ExpressionNode {
    let left = this.#prefix()
    for (;;) {
      const next = this.#infix(left, minimum)
      if (next === undefined) return left
      left = next
    }
  }

  /** One infix or postfix step binding at least as tight as `minimum`, or undefined. */
  #infix(left: ExpressionNode, minimum: number): ExpressionNode | undefined {
    const token = this.#peek()
    if (token === undefined) return undefined
    if (token.kind === 'word') return this.#wordInfix(left, token.value, minimum)
    if (token.kind === 'punct') {
      if (token.value === '::' && PRECEDENCE.cast >= minimum) {
        this.#index++
        return { type: 'cast', expr: left, typeText: this.typeName() }
      }
      if (token.value === '[' && PRECEDENCE.cast >= minimum) {
        this.#index++
        const start = this.#index
        while (!this.#isPunct(']')) this.#next()
        const index = this.#tokens
          .slice(start, this.#index)
          .map((part) => part.value)
          .join('')
        this.#index++
        return { type: 'subscript', expr: left, index }
      }
      return undefined
    }
    if (token.kind !== 'operator') return undefined
    const op = token.value === '!=' ? '<>' : token.value
    const precedence = binaryPrecedence(op)
    if (precedence < minimum) return undefined
    this.#index++
    if (
      COMPARISON.has(op) &&
      (this.#isWord('any') || this.#isWord('some') || this.#isWord('all'))
    ) {
      const quantifier = this.#next().value === 'all' ? 'all' : 'any'
      this.#expectPunct('(')
      const right = this.expression(0)
      this.#expectPunct(')')
      return { type: 'quantified', op, quantifier, left, right }
    }
    return { type: 'binary', op, left, right: this.expression(precedence + 1) }
  }

  #wordInfix(left: ExpressionNode, word: string, minimum: number): ExpressionNode | undefined {
    if (word === 'and' || word === 'or') {
      const precedence = PRECEDENCE[word]
      if (precedence < minimum) return undefined
      this.#index++
      const right = this.expression(precedence + 1)
      const args = left.type === 'bool' && left.op === word ? [...left.args, right] : [left, right]
      return { type: 'bool', op: word, args }
    }
    if (word === 'is' || word === 'isnull' || word === 'notnull') {
      if (PRECEDENCE.is < minimum) return undefined
      this.#index++
      return this.#isTail(left, word)
    }
    const negated = word === 'not'
    const keyword = negated ? this.#peek(1)?.value : word
    if (!['in', 'between', 'like', 'ilike', 'similar'].includes(keyword ?? '')) return undefined
    if (PRECEDENCE.like < minimum) return undefined
    this.#index += negated ? 2 : 1
    if (keyword === 'in') return this.#inList(left, negated)
    if (keyword === 'between') {
      const low = this.expression(PRECEDENCE.like + 1)
      this.#expectWord('and')
      const high = this.expression(PRECEDENCE.like + 1)
      return negated
        ? { type: 'bool', op: 'or', args: [binary('<', left, low), binary('>', left, high)] }
        : { type: 'bool', op: 'and', args: [binary('>=', left, low), binary('<=', left, high)] }
    }
    if (keyword === 'similar') {
      this.#expectWord('to')
      const pattern = this.expression(PRECEDENCE.like + 1)
      const call: ExpressionNode = { type: 'call', name: ['similar_to_escape'], args: [pattern] }
      return binary(negated ? '!~' : '~', left, call)
    }
    const right = this.expression(PRECEDENCE.like + 1)
    if (this.#isWord('escape')) this.#fail()
    const op = keyword === 'like' ? '~~' : '~~*'
    return binary(negated ? `!${op}` : op, left, right)
  }

  #isTail(left: ExpressionNode, word: string): ExpressionNode {
    if (word !== 'is')
      return { type: 'postfix', op: word === 'isnull' ? 'is null' : 'is not null', expr: left }
    const not = this.#isWord('not')
    if (not) this.#index++
    const what = this.#next()
    if (what.kind === 'word' && ['null', 'true', 'false', 'unknown'].includes(what.value)) {
      return { type: 'postfix', op: `is ${not ? 'not ' : ''}${what.value}`, expr: left }
    }
    if (what.kind === 'word' && what.value === 'distinct') {
      this.#expectWord('from')
      const right = this.expression(PRECEDENCE.is + 1)
      return binary(`is ${not ? 'not ' : ''}distinct from`, left, right)
    }
    return this.#fail()
  }

  #inList(left: ExpressionNode, negated: boolean): ExpressionNode {
    this.#expectPunct('(')
    if (this.#isWord('select')) this.#fail()
    const items = this.#list(')')
    const op = negated ? '<>' : '='
    if (items.length === 1) return binary(op, left, items[0] as ExpressionNode)
    const right: ExpressionNode = { type: 'array', items }
    return { type: 'quantified', op, quantifier: negated ? 'all' : 'any', left, right }
  }

  /** Comma-separated expressions up to and including `close`. */
  #list(close: string): ExpressionNode[] {
    const items: ExpressionNode[] = []
    if (this.#isPunct(close)) {
      this.#index++
      return items
    }
    for (;;) {
      items.push(this.expression(0))
      if (this.#isPunct(',')) this.#index++
      else break
    }
    this.#expectPunct(close)
    return items
  }

  #prefix(): ExpressionNode {
    const token = this.#next()
    switch (token.kind) {
      case 'string':
        return { type: 'literal', kind: token.raw ? 'raw' : 'string', value: token.value }
      case 'number':
        return { type: 'literal', kind: 'number', value: token.value }
      case 'name':
        return this.#nameOrCall(token.value)
      case 'operator': {
        if (token.value === '*') return { type: 'star' }
        const minimum =
          token.value === '-' || token.value === '+' ? PRECEDENCE.unary : PRECEDENCE.operator + 1
        return { type: 'prefix', op: token.value, expr: this.expression(minimum) }
      }
      case 'punct': {
        if (token.value !== '(') return this.#fail()
        if (this.#isWord('select')) this.#fail()
        const items = this.#list(')')
        if (items.length === 0) this.#fail()
        return items.length === 1 ? (items[0] as ExpressionNode) : { type: 'row', items }
      }
      default:
        return this.#wordPrefix(token)
    }
  }

  #wordPrefix(token: Token): ExpressionNode {
    const word = token.value
    if (word === 'null') return { type: 'literal', kind: 'null', value: 'null' }
    if (word === 'true' || word === 'false')
      return { type: 'literal', kind: 'boolean', value: word }
    if (word === 'not')
      return { type: 'prefix', op: 'not', expr: this.expression(PRECEDENCE.not + 1) }
    if (word === 'case') return this.#case()
    if (word === 'array' && this.#isPunct('[')) {
      this.#index++
      return { type: 'array', items: this.#list(']') }
    }
    if (word === 'cast' && this.#isPunct('(')) {
      this.#index++
      const expr = this.expression(0)
      this.#expectWord('as')
      const typeText = this.typeName()
      this.#expectPunct(')')
      return { type: 'cast', expr, typeText }
    }
    if (RESERVED.has(word) || word === 'array' || word === 'cast') this.#fail()
    const typed = this.#typedLiteral()
    if (typed) return typed
    return this.#nameOrCall(word)
  }

  /** `interval '1 day'`, `timestamp with time zone '...'`: a cast of the string. */
  #typedLiteral(): ExpressionNode | undefined {
    const start = this.#index - 1
    this.#index = start
    try {
      const typeText = this.typeName()
      const literal = this.#peek()
      if (literal?.kind === 'string' && !literal.raw) {
        this.#index++
        return {
          type: 'cast',
          expr: { type: 'literal', kind: 'string', value: literal.value },
          typeText,
        }
      }
    } catch (error) {
      if (!(error instanceof SqlSyntaxError)) throw error
    }
    this.#index = start + 1
    return undefined
  }

  #nameOrCall(first: string): ExpressionNode {
    const parts = [first]
    while (this.#isPunct('.')) {
      this.#index++
      const part = this.#next()
      if (part.kind === 'operator' && part.value === '*') return { type: 'star' }
      if (part.kind !== 'word' && part.kind !== 'name') this.#fail()
      parts.push(part.value)
    }
    if (!this.#isPunct('(')) return { type: 'name', parts }
    this.#index++
    if (this.#isWord('distinct') || this.#isWord('all')) this.#fail()
    return { type: 'call', name: parts, args: this.#list(')') }
  }

  #case(): ExpressionNode {
    const operand = this.#isWord('when') ? undefined : this.expression(0)
    const whens: { when: ExpressionNode; result: ExpressionNode }[] = []
    while (this.#isWord('when')) {
      this.#index++
      const when = this.expression(0)
      this.#expectWord('then')
      whens.push({ when, result: this.expression(0) })
    }
    if (whens.length === 0) this.#fail()
    let otherwise: ExpressionNode | undefined
    if (this.#isWord('else')) {
      this.#index++
      otherwise = this.expression(0)
    }
    this.#expectWord('end')
    return { type: 'case', operand, whens, otherwise }
  }

  /** A type name after `::` or `AS`, returned as written in the source. */
  typeName(): string {
    const first = this.#next()
    if (first.kind !== 'word' && first.kind !== 'name') this.#fail()
    let last = first
    while (this.#isPunct('.')) {
      this.#index++
      last = this.#next()
      if (last.kind !== 'word' && last.kind !== 'name') this.#fail()
    }
    const multiWord = first.kind === 'word' && TYPE_STARTS.has(first.value) && last === first
    let modifiers = false
    for (;;) {
      const token = this.#peek()
      if (token?.kind === 'punct' && token.value === '(' && !modifiers) {
        modifiers = true
        while (!this.#isPunct(')')) last = this.#next()
        last = this.#next()
      } else if (multiWord && token?.kind === 'word' && TYPE_CONTINUATIONS.has(token.value)) {
        last = this.#next()
      } else break
    }
    while (this.#isPunct('[')) {
      this.#index++
      if (this.#peek()?.kind === 'number') this.#index++
      last = this.#next()
      if (last.value !== ']') this.#fail()
    }
    return this.#sql.slice(first.start, last.end)
  }
}

function binary(op: string, left: ExpressionNode, right: ExpressionNode): ExpressionNode {
  return { type: 'binary', op, left, right }
}

/**
 * Parses one expression. Throws SqlSyntaxError for what it does not cover.
 *
 * @example
 * parseExpression("status IN ('a', 'b')")
 * // { type: 'quantified', op: '=', quantifier: 'any', left: name status, right: ARRAY['a', 'b'] }
 */
export function parseExpression(sql: string): ExpressionNode {
  return new Parser(sql).parseAll()
}
