/**
 * The tree of a MySQL/MariaDB expression, as the parser builds it, the normaliser
 * rewrites it and the canonical printer prints it; and the operator precedences that
 * the parser and the printer share.
 */

/** One node; `t` names its kind. Strings are decoded, names lowercased. */
export type Expr =
  | { readonly t: 'string'; readonly value: string }
  | { readonly t: 'bytes'; readonly value: Buffer }
  | { readonly t: 'number'; readonly text: string }
  | { readonly t: 'null' }
  | { readonly t: 'bool'; readonly value: boolean }
  | { readonly t: 'column'; readonly parts: readonly string[] }
  | { readonly t: 'variable'; readonly text: string }
  | { readonly t: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly t: 'cast'; readonly arg: Expr; readonly type: string }
  | { readonly t: 'unary'; readonly op: string; readonly arg: Expr }
  | { readonly t: 'not'; readonly arg: Expr }
  | { readonly t: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr }
  | { readonly t: 'logic'; readonly op: 'and' | 'or' | 'xor'; readonly args: readonly Expr[] }
  | { readonly t: 'is'; readonly arg: Expr; readonly not: boolean; readonly what: string }
  | { readonly t: 'in'; readonly arg: Expr; readonly not: boolean; readonly list: readonly Expr[] }
  | {
      readonly t: 'between'
      readonly arg: Expr
      readonly not: boolean
      readonly low: Expr
      readonly high: Expr
    }
  | {
      readonly t: 'like'
      readonly op: 'like' | 'regexp'
      readonly arg: Expr
      readonly not: boolean
      readonly pattern: Expr
      readonly escape?: Expr
    }
  | {
      readonly t: 'case'
      readonly operand?: Expr
      readonly whens: readonly (readonly [Expr, Expr])[]
      readonly otherwise?: Expr
    }
  | { readonly t: 'row'; readonly items: readonly Expr[] }
  | { readonly t: 'interval'; readonly arg: Expr; readonly unit: string }
  | { readonly t: 'collate'; readonly arg: Expr; readonly collation: string }

/** Binding strength of each binary operator (MySQL's operator precedence, higher binds tighter). */
export const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  xor: 2,
  and: 3,
  not: 4,
  between: 5,
  compare: 6,
  '|': 7,
  '&': 8,
  '<<': 9,
  '>>': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  div: 11,
  mod: 11,
  '^': 12,
  unary: 13,
  collate: 15,
  atom: 100,
}
