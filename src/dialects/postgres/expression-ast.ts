/**
 * The tree expression-parser.ts builds and canonical-expression.ts prints, the
 * operator precedence both follow, and the words the parser treats specially.
 */

export type LiteralKind = 'string' | 'number' | 'boolean' | 'null' | 'raw'

export type ExpressionNode =
  | { readonly type: 'literal'; readonly kind: LiteralKind; readonly value: string }
  /** A possibly qualified name; parts are the names as stored (unquoted, case kept). */
  | { readonly type: 'name'; readonly parts: readonly string[] }
  | { readonly type: 'star' }
  | {
      readonly type: 'call'
      readonly name: readonly string[]
      readonly args: readonly ExpressionNode[]
    }
  /** `expr::type`; `typeText` is the type as written. */
  | { readonly type: 'cast'; readonly expr: ExpressionNode; readonly typeText: string }
  | { readonly type: 'prefix'; readonly op: string; readonly expr: ExpressionNode }
  /** `IS NULL`, `IS NOT TRUE`... (`op` lower-case, e.g. `is not null`). */
  | { readonly type: 'postfix'; readonly op: string; readonly expr: ExpressionNode }
  | {
      readonly type: 'binary'
      readonly op: string
      readonly left: ExpressionNode
      readonly right: ExpressionNode
    }
  | { readonly type: 'bool'; readonly op: 'and' | 'or'; readonly args: readonly ExpressionNode[] }
  /** `left op ANY (right)` / `ALL`. */
  | {
      readonly type: 'quantified'
      readonly op: string
      readonly quantifier: 'any' | 'all'
      readonly left: ExpressionNode
      readonly right: ExpressionNode
    }
  | { readonly type: 'array'; readonly items: readonly ExpressionNode[] }
  | { readonly type: 'row'; readonly items: readonly ExpressionNode[] }
  | {
      readonly type: 'case'
      readonly operand: ExpressionNode | undefined
      readonly whens: readonly { readonly when: ExpressionNode; readonly result: ExpressionNode }[]
      readonly otherwise: ExpressionNode | undefined
    }
  | { readonly type: 'subscript'; readonly expr: ExpressionNode; readonly index: string }

/** Binding strength, loosest first, following PostgreSQL's operator precedence table. */
export const PRECEDENCE = {
  or: 1,
  and: 2,
  not: 3,
  is: 4,
  comparison: 5,
  like: 6,
  operator: 7,
  additive: 8,
  multiplicative: 9,
  exponent: 10,
  unary: 11,
  cast: 12,
  primary: 13,
} as const

/** The comparison operators (`!=` is read as `<>`). */
export const COMPARISON: ReadonlySet<string> = new Set(['=', '<>', '!=', '<', '>', '<=', '>='])

/** How tightly a binary operator binds. */
export function binaryPrecedence(op: string): number {
  if (COMPARISON.has(op)) return PRECEDENCE.comparison
  if (op === '+' || op === '-') return PRECEDENCE.additive
  if (op === '*' || op === '/' || op === '%') return PRECEDENCE.multiplicative
  if (op === '^') return PRECEDENCE.exponent
  return PRECEDENCE.operator
}

/** Words that end or shape an expression and so are never column names here. */
export const RESERVED = new Set([
  'all',
  'and',
  'any',
  'as',
  'asc',
  'at',
  'between',
  'collate',
  'desc',
  'else',
  'end',
  'escape',
  'exists',
  'from',
  'ilike',
  'in',
  'is',
  'isnull',
  'like',
  'notnull',
  'nulls',
  'or',
  'order',
  'select',
  'similar',
  'some',
  'then',
  'when',
  'where',
])

/** Words that may continue a multi-word type name after its first word. */
export const TYPE_STARTS = new Set([
  'double',
  'character',
  'char',
  'national',
  'bit',
  'time',
  'timestamp',
])
export const TYPE_CONTINUATIONS = new Set([
  'precision',
  'varying',
  'character',
  'with',
  'without',
  'time',
  'zone',
])
