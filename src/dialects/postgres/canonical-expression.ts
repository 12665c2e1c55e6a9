/**
 * Canonical text of check expressions, index predicates and index expressions, so a
 * model's `price > 0` and the catalog's `(price > (0)::numeric)` compare equal.
 *
 * The expression is parsed (expression-parser.ts), normalised and printed again with
 * only the parentheses its structure needs. Normalising means: keywords and unquoted
 * names lower-case, names quoted only when they must be, `IN` / `BETWEEN` / `LIKE` /
 * `SIMILAR TO` / `!=` in the forms PostgreSQL stores, casts on literals dropped (the
 * literal read as the cast's type first: `'-1'::integer` is `-1`, `'1 hour'::interval`
 * is `'01:00:00'`), casts to number and text types dropped wherever they are
 * (PostgreSQL adds `(name)::text` when a varchar meets text and `(qty + 1)::numeric`
 * when an integer meets a numeric, and cannot be told from explicit ones), `pg_catalog.` dropped
 * from function names, `AND` / `OR` chains flattened.
 *
 * Limits: it compares text, not meaning. A change of a cast to a number or text type
 * goes unnoticed (the price of never reporting the casts PostgreSQL adds). A literal compared with a column without a
 * cast keeps its own spelling (`created > '2020-01-01'` is stored with the time zone
 * applied); an `IN` list PostgreSQL stores as one array literal (`= ANY ('{a,b}')`)
 * differs from `ARRAY['a','b']`; commutations (`0 < price`) and other rewrites are not
 * recognised; and what the parser does not cover (sub-queries, `EXTRACT(x FROM y)`,
 * `COLLATE`, `AT TIME ZONE`, `LIKE ... ESCAPE`) falls back to comparing tokens, which
 * only agrees when both sides are spelled alike up to case, spacing, outer
 * parentheses and casts on literals. Canonical text is for comparing, not for running.
 */
import { formatLiteral, type Literal, normaliseLiteral } from './canonical-literal.js'
import { canonicalType, typeFamily } from './canonical-type.js'
import { COMPARISON, type ExpressionNode, PRECEDENCE } from './expression-ast.js'
import { parseExpression } from './expression-parser.js'
import { SqlSyntaxError, type Token, tokenize } from './sql-tokens.js'

/** An identifier written bare when it can be, double-quoted otherwise. */
function identifier(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`
}

function isLiteral(node: ExpressionNode): node is Extract<ExpressionNode, { type: 'literal' }> {
  return node.type === 'literal'
}

function literalNode(literal: Literal): ExpressionNode {
  return { type: 'literal', kind: literal.kind, value: literal.value }
}

/**
 * Casts PostgreSQL may have added are dropped: any cast of a literal (read as the
 * cast's type first), and casts to number and text types, which it inserts wherever
 * an integer meets a numeric or a varchar meets text (`(qty + 1)::numeric`).
 */
function normaliseCast(expr: ExpressionNode, typeText: string): ExpressionNode {
  const type = canonicalType(typeText)
  const family = typeFamily(type)
  if (isLiteral(expr)) return literalNode(normaliseLiteral(expr, family))
  if (expr.type === 'array' && expr.items.every(isLiteral)) return expr
  if (family === 'string' || family === 'number') return expr
  return { type: 'cast', expr, typeText: type }
}

/** The normalised form of a parsed expression (see the module comment). */
export function normaliseExpression(node: ExpressionNode): ExpressionNode {
  switch (node.type) {
    case 'literal':
      return node.kind === 'number' ? literalNode(normaliseLiteral(node, 'number')) : node
    case 'name':
    case 'star':
      return node
    case 'call': {
      const name = node.name[0] === 'pg_catalog' ? node.name.slice(1) : node.name
      return { type: 'call', name, args: node.args.map(normaliseExpression) }
    }
    case 'cast':
      return normaliseCast(normaliseExpression(node.expr), node.typeText)
    case 'prefix': {
      const expr = normaliseExpression(node.expr)
      if ((node.op === '-' || node.op === '+') && isLiteral(expr) && expr.kind === 'number') {
        return literalNode(
          normaliseLiteral({ kind: 'number', value: `${node.op}${expr.value}` }, 'number'),
        )
      }
      return { type: 'prefix', op: node.op, expr }
    }
    case 'postfix':
      return { type: 'postfix', op: node.op, expr: normaliseExpression(node.expr) }
    case 'binary':
      return {
        type: 'binary',
        op: node.op,
        left: normaliseExpression(node.left),
        right: normaliseExpression(node.right),
      }
    case 'bool': {
      const args = node.args
        .map(normaliseExpression)
        .flatMap((arg) => (arg.type === 'bool' && arg.op === node.op ? arg.args : [arg]))
      return { type: 'bool', op: node.op, args }
    }
    case 'quantified':
      return {
        ...node,
        left: normaliseExpression(node.left),
        right: normaliseExpression(node.right),
      }
    case 'array':
    case 'row':
      return { type: node.type, items: node.items.map(normaliseExpression) }
    case 'case':
      return {
        type: 'case',
        operand: node.operand && normaliseExpression(node.operand),
        whens: node.whens.map(({ when, result }) => ({
          when: normaliseExpression(when),
          result: normaliseExpression(result),
        })),
        otherwise: node.otherwise && normaliseExpression(node.otherwise),
      }
    case 'subscript':
      return { ...node, expr: normaliseExpression(node.expr) }
  }
}

function precedenceOf(node: ExpressionNode): number {
  switch (node.type) {
    case 'bool':
      return PRECEDENCE[node.op]
    case 'prefix':
      return node.op === 'not' ? PRECEDENCE.not : PRECEDENCE.unary
    case 'postfix':
      return PRECEDENCE.is
    case 'binary':
      if (node.op.startsWith('is ')) return PRECEDENCE.is
      if (COMPARISON.has(node.op)) return PRECEDENCE.comparison
      if (node.op === '+' || node.op === '-') return PRECEDENCE.additive
      if (['*', '/', '%'].includes(node.op)) return PRECEDENCE.multiplicative
      return node.op === '^' ? PRECEDENCE.exponent : PRECEDENCE.operator
    case 'quantified':
      return PRECEDENCE.comparison
    case 'cast':
    case 'subscript':
      return PRECEDENCE.cast
    case 'literal':
      return node.value.startsWith('-') ? PRECEDENCE.unary : PRECEDENCE.primary
    default:
      return PRECEDENCE.primary
  }
}

/** Prints a normalised expression with only the parentheses its structure needs. */
export function printExpression(node: ExpressionNode, context = 0): string {
  const text = printBare(node)
  return precedenceOf(node) < context ? `(${text})` : text
}

function printBare(node: ExpressionNode): string {
  const own = precedenceOf(node)
  switch (node.type) {
    case 'literal':
      return formatLiteral(node)
    case 'name':
      return node.parts.map(identifier).join('.')
    case 'star':
      return '*'
    case 'call':
      return `${node.name.map(identifier).join('.')}(${node.args.map((arg) => printExpression(arg)).join(', ')})`
    case 'cast':
      return `${printExpression(node.expr, PRECEDENCE.primary)}::${node.typeText}`
    case 'prefix':
      return node.op === 'not'
        ? `not ${printExpression(node.expr, own + 1)}`
        : `${node.op}${printExpression(node.expr, own)}`
    case 'postfix':
      return `${printExpression(node.expr, own)} ${node.op}`
    case 'binary':
      return `${printExpression(node.left, own)} ${node.op} ${printExpression(node.right, own + 1)}`
    case 'bool':
      return node.args.map((arg) => printExpression(arg, own + 1)).join(` ${node.op} `)
    case 'quantified':
      return `${printExpression(node.left, own)} ${node.op} ${node.quantifier} (${printExpression(node.right)})`
    case 'array':
      return `array[${node.items.map((item) => printExpression(item)).join(', ')}]`
    case 'row':
      return `(${node.items.map((item) => printExpression(item)).join(', ')})`
    case 'case': {
      const parts = ['case']
      if (node.operand) parts.push(printExpression(node.operand))
      for (const { when, result } of node.whens) {
        parts.push(`when ${printExpression(when)} then ${printExpression(result)}`)
      }
      if (node.otherwise) parts.push(`else ${printExpression(node.otherwise)}`)
      parts.push('end')
      return parts.join(' ')
    }
    case 'subscript':
      return `${printExpression(node.expr, PRECEDENCE.primary)}[${node.index}]`
  }
}

/** One token as canonical text, for the fallback comparison. */
function tokenText(token: Token): string {
  switch (token.kind) {
    case 'name':
      return identifier(token.value)
    case 'string':
      return token.raw ? token.value : formatLiteral({ kind: 'string', value: token.value })
    case 'number':
      return normaliseLiteral({ kind: 'number', value: token.value }, 'number').value
    default:
      return token.value
  }
}

/** Whether tokens[from..to] is wrapped whole in one pair of parentheses. */
function wrapped(tokens: readonly Token[], from: number, to: number): boolean {
  if (tokens[from]?.value !== '(' || tokens[to]?.value !== ')') return false
  let depth = 0
  for (let index = from; index <= to; index++) {
    const value = tokens[index]?.kind === 'punct' ? tokens[index]?.value : undefined
    if (value === '(') depth++
    else if (value === ')') depth--
    if (depth === 0 && index < to) return false
  }
  return true
}

/** Token-level canonical text for what the parser does not cover. */
function fallback(sql: string): string {
  let tokens: Token[]
  try {
    tokens = tokenize(sql)
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error
    return sql.replace(/\s+/g, ' ').trim()
  }
  let from = 0
  let to = tokens.length - 1
  while (to > from && wrapped(tokens, from, to)) {
    from++
    to--
  }
  const kept: { text: string; literal: boolean; callable: boolean }[] = []
  const endsInLiteral = () => {
    const [open, inner, close] = kept.slice(-3)
    const before = kept[kept.length - 4]
    return (
      kept[kept.length - 1]?.literal === true ||
      (open?.text === '(' && inner?.literal === true && close?.text === ')' && !before?.callable)
    )
  }
  for (let index = from; index <= to; index++) {
    const token = tokens[index] as Token
    // `literal::type` and `(literal)::type`: skip the cast (the type's words and brackets).
    if (token.kind === 'punct' && token.value === '::' && endsInLiteral()) {
      while (
        index < to &&
        (tokens[index + 1]?.kind === 'word' || tokens[index + 1]?.value === '[')
      ) {
        index += tokens[index + 1]?.value === '[' ? 2 : 1
      }
      continue
    }
    kept.push({
      text: tokenText(token),
      literal: token.kind === 'string' || token.kind === 'number',
      callable: token.kind === 'word' || token.kind === 'name' || /^[)\]]$/.test(token.value),
    })
  }
  // `(0)` is `0`, but `f(0)` keeps its parentheses.
  for (let index = kept.length - 3; index >= 0; index--) {
    const [open, inner, close] = [kept[index], kept[index + 1], kept[index + 2]]
    const before = kept[index - 1]
    if (open?.text === '(' && inner?.literal && close?.text === ')' && !before?.callable) {
      kept.splice(index, 3, inner)
    }
  }
  return kept.map((token) => token.text).join(' ')
}

/**
 * The canonical text of a check expression, index predicate or index expression,
 * for comparing a model's spelling with the catalog's. Best effort: see the module
 * comment for what it equates and what it does not.
 *
 * @example
 * canonicalExpression('(price > (0)::numeric)')                 // 'price > 0'
 * canonicalExpression("status IN ('a', 'b')")                   // "status = any (array['a', 'b'])"
 * canonicalExpression("((status)::text = ANY ((ARRAY['a'::character varying, 'b'::character varying])::text[]))")
 * // "status = any (array['a', 'b'])"
 */
export function canonicalExpression(sql: string): string {
  try {
    return printExpression(normaliseExpression(parseExpression(sql)))
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error
    return fallback(sql)
  }
}
