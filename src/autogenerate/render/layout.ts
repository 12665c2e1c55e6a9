/**
 * A small pretty printer for rendered values: a value stays on one line when it fits
 * the width, otherwise its items go one per line with trailing commas, the way Biome
 * and Prettier format TypeScript.
 */
import { MigrationError } from '../../errors.js'
import { isPlainObject } from '../../operations/freeze.js'
import { numberLiteral, propertyKey, stringLiteral } from './literal.js'

/**
 * Text that never breaks, a bracketed list, or `key: value`. Each doc knows its
 * one-line form, that form's width and whether it must break, computed once when it
 * is made (layout asks at every level it descends through).
 */
export type Doc = TextDoc | ListDoc | KeyDoc

interface Measured {
  /** The one-line form. */
  readonly flat: string
  /** The columns the one-line form takes. */
  readonly width: number
  /** Whether the doc, or anything in it, must be written across lines. */
  readonly breaks: boolean
}

export interface TextDoc extends Measured {
  readonly kind: 'text'
}

export interface ListDoc extends Measured {
  readonly kind: 'list'
  readonly open: string
  readonly close: string
  readonly items: readonly Doc[]
}

export interface KeyDoc extends Measured {
  readonly kind: 'key'
  readonly key: string
  readonly value: Doc
}

/** East Asian wide and full-width characters, and emoji: two columns each. */
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{2fffd}\u{30000}-\u{3fffd}]/u

/** Text every character of which takes one column (printable ASCII): the common case. */
const NARROW = /^[\x20-\x7e]*$/

/** Columns a line of text takes, as formatters count them. */
export function textWidth(text: string): number {
  if (NARROW.test(text)) return text.length
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

function textDoc(text: string): TextDoc {
  return { kind: 'text', flat: text, width: textWidth(text), breaks: false }
}

/**
 * A bracketed list; `broken`: always one item per line (a list of several objects, as
 * Prettier writes it).
 */
function listDoc(open: string, close: string, items: readonly Doc[], broken: boolean): ListDoc {
  let flat = open + close
  let width = open.length + close.length
  let breaks = broken
  if (items.length > 0) {
    const pad = open === '{' ? ' ' : ''
    const texts: string[] = []
    for (const item of items) {
      texts.push(item.flat)
      width += item.width
      breaks ||= item.breaks
    }
    flat = `${open}${pad}${texts.join(', ')}${pad}${close}`
    width += 2 * pad.length + 2 * (items.length - 1)
  }
  return { kind: 'list', open, close, items, flat, width, breaks }
}

function keyDoc(key: string, value: Doc): KeyDoc {
  const prefix = `${key}: `
  return {
    kind: 'key',
    key,
    value,
    flat: prefix + value.flat,
    width: textWidth(prefix) + value.width,
    breaks: value.breaks,
  }
}

/** Whether a doc, or anything in it, must be written across lines. */
export function mustBreak(doc: Doc): boolean {
  return doc.breaks
}

/** The one-line form of a doc. */
export function flat(doc: Doc): string {
  return doc.flat
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
  const fits = options.column + doc.width + options.trailing <= options.width
  if (doc.kind === 'text' || (fits && !doc.breaks)) return doc.flat
  if (doc.kind === 'key') {
    const prefix = `${doc.key}: `
    return prefix + layout(doc.value, { ...options, column: options.column + textWidth(prefix) })
  }
  if (doc.items.length === 0) return doc.flat
  const inner = `${options.indent}  `
  const lines = doc.items.map(
    (item) =>
      `${inner}${layout(item, { ...options, indent: inner, column: inner.length, trailing: 1 })},`,
  )
  return `${doc.open}\n${lines.join('\n')}\n${options.indent}${doc.close}`
}

/** Whether a doc is a bracketed list (an array or an object). */
export function isList(doc: Doc): doc is ListDoc {
  return doc.kind === 'list'
}

/** Puts an object's keys in the order they are written in. */
export type KeyOrder = (keys: readonly string[]) => readonly string[]

/** Two or more items, all objects (or all arrays) of more than one entry each. */
function severalBigObjects(items: readonly Doc[]): boolean {
  const first = items[0]
  if (items.length < 2 || first?.kind !== 'list') return false
  return items.every(
    (item) => item.kind === 'list' && item.open === first.open && item.items.length > 1,
  )
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
  if (value === null) return textDoc('null')
  switch (typeof value) {
    case 'string':
      return textDoc(stringLiteral(value))
    case 'number':
      return textDoc(numberLiteral(value))
    case 'boolean':
      return textDoc(String(value))
    case 'undefined':
      return textDoc('undefined')
    case 'bigint':
      return textDoc(`${value}n`)
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => valueDoc(item, order))
    return listDoc('[', ']', items, severalBigObjects(items))
  }
  if (value instanceof Date) {
    const time = value.getTime()
    return textDoc(
      `new Date(${Number.isNaN(time) ? 'Number.NaN' : stringLiteral(value.toISOString())})`,
    )
  }
  if (Buffer.isBuffer(value)) {
    return textDoc(`Buffer.from(${stringLiteral(value.toString('base64'))}, 'base64')`)
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((key) => value[key] !== undefined)
    const items = order(keys).map((key) => keyDoc(propertyKey(key), valueDoc(value[key], order)))
    return listDoc('{', '}', items, false)
  }
  throw new MigrationError(
    'UNRENDERABLE_VALUE',
    `Cannot write a ${Object.prototype.toString.call(value).slice(8, -1)} into a revision file`,
    { hint: 'Operations hold plain data: strings, numbers, booleans, null, arrays and objects.' },
  )
}
