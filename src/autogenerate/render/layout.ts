/**
 * A small pretty printer for rendered values: a value stays on one line when it fits
 * the width, otherwise its items go one per line with trailing commas, the way Biome
 * and Prettier format TypeScript.
 */
import { MigrationError } from '../../errors.js'
import { isPlainObject } from '../../operations/freeze.js'
import { numberLiteral, propertyKey, stringLiteral } from './literal.js'

/** Text that never breaks, a bracketed list, or `key: value`. */
export type Doc =
  | { readonly text: string }
  | {
      readonly open: string
      readonly close: string
      readonly items: readonly Doc[]
      /** Always one item per line (a list of several objects, as Prettier writes it). */
      readonly broken?: boolean
    }
  | { readonly key: string; readonly value: Doc }

/** Whether a doc, or anything in it, must be written across lines. */
export function mustBreak(doc: Doc): boolean {
  if ('text' in doc) return false
  if ('key' in doc) return mustBreak(doc.value)
  return Boolean(doc.broken) || doc.items.some(mustBreak)
}

/** East Asian wide and full-width characters, and emoji: two columns each. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u

/** Columns a line of text takes, as formatters count them. */
export function textWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

/** The one-line form of a doc. */
export function flat(doc: Doc): string {
  if ('text' in doc) return doc.text
  if ('key' in doc) return `${doc.key}: ${flat(doc.value)}`
  if (doc.items.length === 0) return doc.open + doc.close
  const pad = doc.open === '{' ? ' ' : ''
  return `${doc.open}${pad}${doc.items.map(flat).join(', ')}${pad}${doc.close}`
}

export interface LayoutOptions {
  /** The indentation of the line the doc starts on. */
  readonly indent: string
  /** The column where the doc starts. */
  readonly column: number
  /** Characters that follow the doc on its last line (`,` or `)`). */
  readonly trailing: number
  readonly width: number
}

/**
 * The doc laid out from `column`: on one line if it fits, else broken at its own
 * brackets first and its items' brackets as needed.
 */
export function layout(doc: Doc, options: LayoutOptions): string {
  const oneLine = flat(doc)
  const fits = options.column + textWidth(oneLine) + options.trailing <= options.width
  if ('text' in doc || (fits && !mustBreak(doc))) return oneLine
  if ('key' in doc) {
    const prefix = `${doc.key}: `
    return prefix + layout(doc.value, { ...options, column: options.column + textWidth(prefix) })
  }
  if (doc.items.length === 0) return oneLine
  const inner = `${options.indent}  `
  const lines = doc.items.map(
    (item) =>
      `${inner}${layout(item, { ...options, indent: inner, column: inner.length, trailing: 1 })},`,
  )
  return `${doc.open}\n${lines.join('\n')}\n${options.indent}${doc.close}`
}

/** Whether a doc is a bracketed list (an array or an object). */
export function isList(doc: Doc): doc is Extract<Doc, { items: readonly Doc[] }> {
  return 'items' in doc
}

/** Puts an object's keys in the order they are written in. */
export type KeyOrder = (keys: readonly string[]) => readonly string[]

/** Two or more items, all objects (or all arrays) of more than one entry each. */
function severalBigObjects(items: readonly Doc[]): boolean {
  const first = items[0]
  if (items.length < 2 || !first || !('open' in first)) return false
  return items.every((item) => 'open' in item && item.open === first.open && item.items.length > 1)
}

/**
 * The doc of a JavaScript value: strings, numbers, booleans, null, undefined, bigints,
 * dates, buffers, arrays and plain objects, whose keys `order` arranges (so rendered
 * code reads the same way every time; by default as the object has them).
 *
 * @example
 * flat(valueDoc({ name: 'id', type: 'integer' })) // "{ name: 'id', type: 'integer' }"
 */
export function valueDoc(value: unknown, order: KeyOrder = (keys) => keys): Doc {
  if (value === null) return { text: 'null' }
  switch (typeof value) {
    case 'string':
      return { text: stringLiteral(value) }
    case 'number':
      return { text: numberLiteral(value) }
    case 'boolean':
      return { text: String(value) }
    case 'undefined':
      return { text: 'undefined' }
    case 'bigint':
      return { text: `${value}n` }
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => valueDoc(item, order))
    return { open: '[', close: ']', items, broken: severalBigObjects(items) }
  }
  if (value instanceof Date) {
    const time = value.getTime()
    return {
      text: `new Date(${Number.isNaN(time) ? 'Number.NaN' : stringLiteral(value.toISOString())})`,
    }
  }
  if (Buffer.isBuffer(value)) {
    return { text: `Buffer.from(${stringLiteral(value.toString('base64'))}, 'base64')` }
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined)
    return {
      open: '{',
      close: '}',
      items: order(keys).map((key) => ({
        key: propertyKey(key),
        value: valueDoc(value[key], order),
      })),
    }
  }
  throw new MigrationError(
    'UNRENDERABLE_VALUE',
    `Cannot write a ${Object.prototype.toString.call(value).slice(8, -1)} into a revision file`,
    { hint: 'Operations hold plain data: strings, numbers, booleans, null, arrays and objects.' },
  )
}
