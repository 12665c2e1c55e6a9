/**
 * Equality as the database sees it. Every comparison of types, defaults and SQL text
 * goes through the dialect's canonical spellings, so `int4` equals `integer` and
 * `'a'::text` equals `'a'`: an unchanged model produces nothing.
 */
import type { DialectCapabilities, DialectIntrospection } from '../../dialects/dialect.js'
import { MigrationError } from '../../errors.js'
import type { ColumnType, DefaultValue, ReferentialAction } from '../../operations/types.js'
import type { ColumnModel } from '../../schema/model.js'
import type { CompareDialect } from './types.js'

/** Canonical forms for one dialect, cached: a 500-table schema asks for few distinct types. */
export class Canonical {
  readonly capabilities: DialectCapabilities
  readonly #introspection: DialectIntrospection
  readonly #types = new Map<string, string>()
  readonly #expressions = new Map<string, string>()
  /** Per type, per default: the canonical text. */
  readonly #defaults = new Map<string, Map<string, string | undefined>>()

  constructor(dialect: CompareDialect) {
    if (!dialect.introspection) {
      throw new MigrationError(
        'AUTOGENERATE_UNSUPPORTED',
        `The ${dialect.name} dialect cannot autogenerate: it has no introspection`,
      )
    }
    this.capabilities = dialect.capabilities
    this.#introspection = dialect.introspection
  }

  /** Whether the database needs an index for every foreign key and makes one itself (MySQL). */
  get foreignKeysNeedIndex(): boolean {
    return this.capabilities.foreignKeysNeedIndex === true
  }

  /** The dialect's canonical spelling of a type. */
  type(type: ColumnType): string {
    const key = typeof type === 'string' ? type : JSON.stringify(type)
    let canonical = this.#types.get(key)
    if (canonical === undefined) {
      canonical = this.#introspection.canonicalType(type)
      this.#types.set(key, canonical)
    }
    return canonical
  }

  /**
   * Whether two column types are the same. Two columns of one named enum type are,
   * whatever values each side lists: values are compared on the enum type itself.
   */
  sameType(a: ColumnType, b: ColumnType): boolean {
    if (this.capabilities.enumTypes && typeof a === 'object' && typeof b === 'object') {
      if (a.name !== undefined && b.name !== undefined) return a.name === b.name
    }
    return this.type(a) === this.type(b)
  }

  /** The canonical SQL of a default, or undefined for none. */
  default(value: DefaultValue | undefined, type: ColumnType): string | undefined {
    if (value === undefined) return this.#introspection.canonicalDefault(value, type)
    const typeKey = typeof type === 'string' ? type : JSON.stringify(type)
    let byValue = this.#defaults.get(typeKey)
    if (byValue === undefined) {
      byValue = new Map()
      this.#defaults.set(typeKey, byValue)
    }
    const key = defaultKey(value)
    if (byValue.has(key)) return byValue.get(key)
    const canonical = this.#introspection.canonicalDefault(value, type)
    byValue.set(key, canonical)
    return canonical
  }

  /**
   * Whether two columns have the same default. An identity / serial column's default
   * is the database's business (its sequence), never a difference.
   */
  sameDefault(target: ColumnModel, current: ColumnModel): boolean {
    if (target.autoIncrement || current.autoIncrement) return true
    return this.default(target.default, target.type) === this.default(current.default, current.type)
  }

  /** The canonical text of a check or index expression. */
  expression(sql: string): string {
    let canonical = this.#expressions.get(sql)
    if (canonical === undefined) {
      canonical = this.#introspection.canonicalExpression(sql)
      this.#expressions.set(sql, canonical)
    }
    return canonical
  }
}

/** A default as a cache key: its kind and its text (`-0` kept apart from `0`). */
function defaultKey(value: DefaultValue): string {
  if (value === null) return 'null'
  if (typeof value === 'object') return `sql:${value.sql}`
  if (typeof value === 'number' && Object.is(value, -0)) return 'number:-0'
  return `${typeof value}:${String(value)}`
}

/** A comment, with an empty one counted as none (MySQL stores '' for no comment). */
export function normalComment(comment: string | undefined | null): string | undefined {
  return comment === undefined || comment === null || comment === '' ? undefined : comment
}

/**
 * A referential action, with "not given" counted as the SQL default `no action`, and
 * `restrict` as `no action` where the dialect makes them one.
 */
export function normalAction(
  action: ReferentialAction | undefined,
  capabilities: Pick<DialectCapabilities, 'restrictIsNoAction'> = {},
): ReferentialAction {
  const normal = action ?? 'no action'
  return normal === 'restrict' && capabilities.restrictIsNoAction ? 'no action' : normal
}
