/**
 * A small printer for the TypeScript that `pull` writes: calls, method chains, arrays,
 * objects and arrow functions, laid out within a line width the way Biome and Prettier
 * lay them out, so that formatting a pulled file changes nothing. The rules kept here are
 * the ones model code meets: a construct stays on one line when it fits; a call whose
 * last argument is an object, array or arrow hugs it; a chain of more than two calls
 * with a function argument, or one that does not fit, puts each call on its own line.
 */
import { textWidth } from '../autogenerate/render/layout.js'
import { propertyKey } from '../autogenerate/render/literal.js'

/** Code to lay out. */
export type CodeDoc = TextCode | CallCode | ChainCode | ListCode | ArrowCode

/** Code that never breaks: a name, a literal, a template, `t.email`. */
export interface TextCode {
  readonly kind: 'text'
  readonly text: string
  /** A function (`() => users.columns.id`): makes a long chain break (Prettier's rule). */
  readonly isFunction?: boolean
}

/** `callee(args)`. */
export interface CallCode {
  readonly kind: 'call'
  readonly callee: string
  readonly args: readonly CodeDoc[]
}

/** `head.name(args).name(args)`: the head call, then the method calls. */
export interface ChainCode {
  readonly kind: 'chain'
  readonly head: CallCode
  readonly links: readonly CallCode[]
}

/** An array, or an object whose entries are `[key, value]`; `expanded` keeps it broken. */
export interface ListCode {
  readonly kind: 'list'
  readonly open: '[' | '{'
  readonly items: readonly (CodeDoc | readonly [string, CodeDoc])[]
  readonly expanded?: boolean
}

/** `(params) => body`; an object body is written `({ ... })`. */
export interface ArrowCode {
  readonly kind: 'arrow'
  readonly params: string
  readonly body: CodeDoc
}

/** Where a doc is printed: the line's indent, the column it starts at, what follows it. */
interface Place {
  readonly indent: string
  readonly column: number
  /** Columns that follow the doc on its last line (`,`, `)`, `),`...). */
  readonly trailing: number
  readonly width: number
}

/**
 * Code that never breaks; `isFunction` marks a function (`() => users.columns.id`).
 *
 * @example
 * text("'users'")
 */
export function text(value: string, isFunction = false): TextCode {
  return isFunction ? { kind: 'text', text: value, isFunction } : { kind: 'text', text: value }
}

/**
 * A call.
 *
 * @example
 * call('varchar', text('255')) // varchar(255)
 */
export function call(callee: string, ...args: CodeDoc[]): CallCode {
  return { kind: 'call', callee, args }
}

/**
 * A head call with method calls after it; just the head when there are none.
 *
 * @example
 * chain(call('integer'), [call('notNull')]) // integer().notNull()
 */
export function chain(head: CallCode, links: readonly CallCode[]): CodeDoc {
  return links.length === 0 ? head : { kind: 'chain', head, links }
}

/**
 * An array literal.
 *
 * @example
 * array([text('t.id')]) // [t.id]
 */
export function array(items: readonly CodeDoc[]): ListCode {
  return { kind: 'list', open: '[', items }
}

/**
 * An object literal; `expanded` keeps it one entry per line (as a formatter keeps an object
 * written that way).
 *
 * @example
 * object([['onDelete', text("'cascade'")]]) // { onDelete: 'cascade' }
 */
export function object(
  entries: readonly (readonly [string, CodeDoc])[],
  expanded = false,
): ListCode {
  return { kind: 'list', open: '{', items: entries, expanded }
}

/**
 * An arrow function.
 *
 * @example
 * arrow('(t)', object([])) // (t) => ({})
 */
export function arrow(params: string, body: CodeDoc): ArrowCode {
  return { kind: 'arrow', params, body }
}

const CLOSE = { '[': ']', '{': '}' } as const

function isEntry(item: CodeDoc | readonly [string, CodeDoc]): item is readonly [string, CodeDoc] {
  return Array.isArray(item)
}

/** Whether the doc must be written across lines wherever it is. */
function mustBreak(doc: CodeDoc): boolean {
  switch (doc.kind) {
    case 'text':
      return doc.text.includes('\n')
    case 'call':
      return doc.args.some(mustBreak)
    case 'chain':
      return (
        mustBreak(doc.head) ||
        doc.links.some(mustBreak) ||
        (doc.links.length > 1 && [doc.head, ...doc.links].some(hasFunctionArgument))
      )
    case 'list':
      return (
        doc.expanded === true || doc.items.some((item) => mustBreak(isEntry(item) ? item[1] : item))
      )
    case 'arrow':
      return mustBreak(doc.body)
  }
}

/**
 * The doc on one line.
 *
 * @example
 * flatCode(call('index', text("'ix_a'"))) // "index('ix_a')"
 */
export function flatCode(doc: CodeDoc): string {
  switch (doc.kind) {
    case 'text':
      return doc.text
    case 'call':
      return `${doc.callee}(${doc.args.map(flatCode).join(', ')})`
    case 'chain':
      return [doc.head, ...doc.links].map(flatCode).join('.')
    case 'list': {
      if (doc.items.length === 0) return `${doc.open}${CLOSE[doc.open]}`
      const items = doc.items.map((item) =>
        isEntry(item) ? `${propertyKey(item[0])}: ${flatCode(item[1])}` : flatCode(item),
      )
      const pad = doc.open === '{' ? ' ' : ''
      return `${doc.open}${pad}${items.join(', ')}${pad}${CLOSE[doc.open]}`
    }
    case 'arrow': {
      const body = flatCode(doc.body)
      return `${doc.params} => ${isObject(doc.body) ? `(${body})` : body}`
    }
  }
}

function isObject(doc: CodeDoc): doc is ListCode {
  return doc.kind === 'list' && doc.open === '{'
}

function fits(doc: CodeDoc, place: Place): boolean {
  return !mustBreak(doc) && place.column + textWidth(flatCode(doc)) + place.trailing <= place.width
}

/**
 * The doc laid out from `column`, its continuation lines indented from `indent`.
 *
 * @example
 * printCode(object([['a', text('1')]]), { indent: '', column: 0, trailing: 0, width: 100 }) // '{ a: 1 }'
 */
export function printCode(doc: CodeDoc, place: Place): string {
  if (doc.kind === 'text' || fits(doc, place)) return flatCode(doc)
  switch (doc.kind) {
    case 'call':
      return printCall(doc, place)
    case 'chain':
      return printChain(doc, place)
    case 'list':
      return printList(doc, place)
    case 'arrow':
      return printArrow(doc, place)
  }
}

function printList(doc: ListCode, place: Place): string {
  if (doc.items.length === 0) return flatCode(doc)
  const inner = `${place.indent}  `
  const lines = doc.items.map((item) => {
    const at = { ...place, indent: inner, trailing: 1 }
    if (!isEntry(item)) return `${inner}${printCode(item, { ...at, column: inner.length })},`
    const key = `${propertyKey(item[0])}: `
    return `${inner}${key}${printCode(item[1], { ...at, column: inner.length + textWidth(key) })},`
  })
  return `${doc.open}\n${lines.join('\n')}\n${place.indent}${CLOSE[doc.open]}`
}

function printArrow(doc: ArrowCode, place: Place): string {
  const head = `${doc.params} => `
  if (isObject(doc.body)) {
    const body = printCode(doc.body, {
      ...place,
      column: place.column + head.length + 1,
      trailing: place.trailing + 1,
    })
    return `${head}(${body})`
  }
  return head + printCode(doc.body, { ...place, column: place.column + head.length })
}

/** Whether a call's last argument may open across lines while the others stay on its line. */
function huggable(doc: CallCode): boolean {
  const last = doc.args.at(-1)
  if (last === undefined || !(last.kind === 'list' || last.kind === 'arrow')) return false
  const before = doc.args.at(-2)
  if (before?.kind === last.kind) return false
  return !doc.args.slice(0, -1).some(mustBreak)
}

function printCall(doc: CallCode, place: Place): string {
  const last = doc.args.at(-1)
  if (last !== undefined && huggable(doc)) {
    const start = `${doc.callee}(${doc.args
      .slice(0, -1)
      .map((arg) => `${flatCode(arg)}, `)
      .join('')}`
    const column = place.column + textWidth(start)
    const hugged = printCode(last, { ...place, column, trailing: place.trailing + 1 })
    const firstLine = hugged.split('\n')[0] ?? ''
    if (column + textWidth(firstLine) <= place.width) return `${start}${hugged})`
  }
  const inner = `${place.indent}  `
  const lines = doc.args.map(
    (arg) =>
      `${inner}${printCode(arg, { ...place, indent: inner, column: inner.length, trailing: 1 })},`,
  )
  return `${doc.callee}(\n${lines.join('\n')}\n${place.indent})`
}

function hasFunctionArgument(doc: CallCode): boolean {
  return doc.args.some((arg) => arg.kind === 'arrow' || (arg.kind === 'text' && arg.isFunction))
}

/**
 * Prettier's member-chain rule: two calls stay one expression whose last arguments may
 * break; more calls go one per line when they do not fit, or when any has a function
 * argument.
 */
function printChain(doc: ChainCode, place: Place): string {
  const calls = [doc.head, ...doc.links]
  if (calls.length <= 2) {
    const head = flatCode(doc.head)
    const link = doc.links[0] as CallCode
    return `${head}.${printCall(link, { ...place, column: place.column + textWidth(head) + 1 })}`
  }
  if (fits(doc, place)) return flatCode(doc)
  const inner = `${place.indent}  `
  const head = printCode(doc.head, { ...place, trailing: 0 })
  const links = doc.links.map((link, position) => {
    const trailing = position === doc.links.length - 1 ? place.trailing : 0
    return `${inner}.${printCode(link, { ...place, indent: inner, column: inner.length + 1, trailing })}`
  })
  return [head, ...links].join('\n')
}
