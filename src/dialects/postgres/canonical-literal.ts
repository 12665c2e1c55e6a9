/**
 * Literal values in one spelling per value, read the way a column of a given type
 * would read them: `'1.50'` and `1.5` are one numeric value, `'yes'` is `true` for a
 * boolean, `'2020-01-01'` is `'2020-01-01 00:00:00'` for a timestamp, `'1 hour'` is
 * `'01:00:00'` for an interval. Used for defaults and for literals inside expressions.
 */
import type { TypeFamily } from './canonical-type.js'

/** A literal's kind and text; strings hold their value, unquoted. */
export interface Literal {
  readonly kind: 'string' | 'number' | 'boolean' | 'null' | 'raw'
  readonly value: string
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i

/**
 * A decimal number in its shortest exact spelling (`1.50` → `1.5`, `1e3` → `1000`,
 * `-0` → `0`), or undefined when the text is not a decimal number.
 *
 * @example
 * normaliseNumber(' 001.500 ') // '1.5'
 */
export function normaliseNumber(text: string): string | undefined {
  const match = DECIMAL.exec(text.trim())
  if (!match) return undefined
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match
  if (whole === '' && fraction === '') return undefined
  const shift = Number(exponent)
  if (Math.abs(shift) > 400) return undefined
  let digits = `${whole}${fraction}`
  let point = whole.length + shift
  if (point < 0) {
    digits = `${'0'.repeat(-point)}${digits}`
    point = 0
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length)
  const integer = digits.slice(0, point).replace(/^0+/, '') || '0'
  const decimals = digits.slice(point).replace(/0+$/, '')
  const body = decimals === '' ? integer : `${integer}.${decimals}`
  return body === '0' || sign !== '-' ? body : `-${body}`
}

const TRUE_WORDS = new Set(['t', 'true', 'y', 'yes', 'on', '1'])
const FALSE_WORDS = new Set(['f', 'false', 'n', 'no', 'off', '0'])

/** Keys in a fixed order at every level, so equal JSON documents print alike. */
function sortedJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedJson)
  if (value === null || typeof value !== 'object') return value
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  )
  return Object.fromEntries(entries.map(([key, item]) => [key, sortedJson(item)]))
}

function canonicalUuid(text: string): string {
  const hex = text.replace(/[{}-]/g, '').toLowerCase()
  if (!/^[0-9a-f]{32}$/.test(hex)) return text
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** `HH:MM[:SS[.ffffff]]` with seconds always present and fraction zeros dropped. */
function canonicalClock(text: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/.exec(text)
  if (!match) return undefined
  const [, hours = '', minutes, seconds = '00', fraction = ''] = match
  const decimals = fraction.replace(/0+$/, '')
  return `${hours.padStart(2, '0')}:${minutes}:${seconds}${decimals ? `.${decimals}` : ''}`
}

function canonicalTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})(?:[ T](.+))?$/.exec(text.trim())
  if (!match) return text
  const clock = match[2] === undefined ? '00:00:00' : canonicalClock(match[2])
  return clock === undefined ? text : `${match[1]} ${clock}`
}

const INTERVAL_UNITS: Readonly<
  Record<string, [field: 'months' | 'days' | 'seconds', factor: number]>
> = {
  year: ['months', 12],
  month: ['months', 1],
  mon: ['months', 1],
  week: ['days', 7],
  day: ['days', 1],
  hour: ['seconds', 3600],
  minute: ['seconds', 60],
  min: ['seconds', 60],
  second: ['seconds', 1],
  sec: ['seconds', 1],
}

/**
 * `'1 hour'`, `'01:00:00'` and `'60 minutes'` are one interval. Reads the words-and-
 * clock form (`1 year 2 mons 3 days 04:05:06`) into months, days and seconds, which
 * PostgreSQL keeps apart (`'1 day'` is not `'24 hours'`); other spellings are kept.
 */
function canonicalInterval(text: string): string {
  const totals = { months: 0, days: 0, seconds: 0 }
  const parts = text.trim().toLowerCase().split(/\s+/)
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] as string
    const clock = /^([+-])?(\d+):(\d{2})(?::(\d{2}(?:\.\d+)?))?$/.exec(part)
    if (clock) {
      const [, sign, hours = '0', minutes = '0', seconds = '0'] = clock
      const value = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)
      totals.seconds += sign === '-' ? -value : value
      continue
    }
    const amount = Number(part)
    const unit = (parts[index + 1] ?? '').replace(/s$/, '')
    const known = INTERVAL_UNITS[unit]
    if (!Number.isFinite(amount) || known === undefined) return text
    totals[known[0]] += amount * known[1]
    index++
  }
  return `${totals.months} months ${totals.days} days ${totals.seconds} seconds`
}

/**
 * A literal as a column of `family` reads it. Strings become numbers for number
 * columns and booleans for boolean ones when they spell one; jsonb, uuid, date/time
 * and interval strings are put in one spelling; numbers and booleans put in a text
 * column become the strings PostgreSQL would store.
 *
 * @example
 * normaliseLiteral({ kind: 'string', value: '1.50' }, 'number') // { kind: 'number', value: '1.5' }
 */
export function normaliseLiteral(literal: Literal, family: TypeFamily): Literal {
  if (literal.kind === 'null' || literal.kind === 'raw') return literal
  if (family === 'number') {
    const number = normaliseNumber(literal.value)
    return number === undefined ? literal : { kind: 'number', value: number }
  }
  if (literal.kind === 'number') {
    const number = normaliseNumber(literal.value) ?? literal.value
    return family === 'other'
      ? { kind: 'number', value: number }
      : { kind: 'string', value: number }
  }
  if (family === 'boolean') {
    const word = literal.value.trim().toLowerCase()
    if (TRUE_WORDS.has(word)) return { kind: 'boolean', value: 'true' }
    if (FALSE_WORDS.has(word)) return { kind: 'boolean', value: 'false' }
    return literal
  }
  if (literal.kind === 'boolean') return { kind: 'string', value: literal.value }
  return { kind: 'string', value: normaliseText(literal.value, family) }
}

function normaliseText(value: string, family: TypeFamily): string {
  switch (family) {
    case 'jsonb':
      try {
        return JSON.stringify(sortedJson(JSON.parse(value)))
      } catch {
        return value
      }
    case 'uuid':
      return canonicalUuid(value)
    case 'timestamp':
      return canonicalTimestamp(value)
    case 'time':
      return canonicalClock(value.trim()) ?? value
    case 'interval':
      return canonicalInterval(value)
    default:
      return value
  }
}

/**
 * A literal written as SQL: strings quoted, numbers and booleans bare, `null`.
 *
 * @example
 * formatLiteral({ kind: 'string', value: "it's" }) // "'it''s'"
 */
export function formatLiteral(literal: Literal): string {
  return literal.kind === 'string' ? `'${literal.value.replaceAll("'", "''")}'` : literal.value
}
