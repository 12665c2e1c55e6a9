/**
 * One catalog column read into the normalised model: its type mapped back to a
 * portable one, and its COLUMN_DEFAULT (MariaDB's SQL or MySQL 8's bare value) read as
 * a `DefaultValue` of the column's type.
 */
import type { ColumnType, DefaultValue } from '../../operations/types.js'
import type { ColumnModel } from '../../schema/model.js'
import { canonicalNumber, type TypeFamily, typeFamily } from './canonical-default.js'
import { canonicalTree } from './canonical-expression.js'
import { canonicalType, portableType } from './canonical-type.js'
import { type CatalogDefault, parseCatalogDefault } from './catalog-column.js'
import type { ColumnRow } from './introspect-queries.js'

/**
 * A literal default as the value a model would write: numbers on numeric columns
 * (kept as text when a double would round them), `true`/`false` for 1/0 on boolean
 * columns, strings elsewhere.
 */
function literalValue(text: string, family: TypeFamily): string | number | boolean {
  if (family !== 'number' && family !== 'boolean') return text
  const number = canonicalNumber(text)
  if (number === undefined) return text
  if (family === 'boolean' && (number === '0' || number === '1')) return number === '1'
  return String(Number(number)) === number ? Number(number) : text
}

/** A default from the catalog, or undefined for none. */
function defaultValue(
  parsed: CatalogDefault | undefined,
  type: { family: TypeFamily; precision: number },
): DefaultValue | undefined {
  if (parsed === undefined) return undefined
  if (parsed.kind === 'string') return literalValue(parsed.value, type.family)
  if (parsed.kind === 'sql') {
    return canonicalNumber(parsed.sql) === undefined
      ? { sql: parsed.sql }
      : literalValue(parsed.sql, type.family)
  }
  const tree = canonicalTree(parsed.sql)
  if (tree?.t === 'null') return undefined
  if (tree?.t === 'string') return literalValue(tree.value, type.family)
  if (tree?.t === 'number') return literalValue(tree.text, type.family)
  if (tree?.t === 'call' && tree.name === 'current_timestamp' && tree.args.length <= 1) {
    const argument = tree.args[0]
    const digits = argument?.t === 'number' ? Number(argument.text) : 0
    // The spelling a model writes: the compiler gives it the column's precision.
    const precision = type.family === 'datetime' ? type.precision : 0
    return { sql: digits === precision ? 'CURRENT_TIMESTAMP' : `CURRENT_TIMESTAMP(${digits})` }
  }
  return { sql: parsed.sql }
}

/** What the column needs from the rest of the catalog. */
export interface ColumnContext {
  readonly mariadb: boolean
  /** MariaDB: the column carries the `json_valid` check of its JSON type. */
  readonly jsonCheck: boolean
}

/**
 * A catalog column as a ColumnModel. Optional fields are absent when unset.
 *
 * @example
 * columnModel({ tableName: 't', name: 'id', columnType: 'int(11)', nullable: false,
 *   columnDefault: null, extra: 'auto_increment', comment: '' }, { mariadb: true, jsonCheck: false })
 * // { name: 'id', type: 'integer', nullable: false, autoIncrement: true }
 */
export function columnModel(row: ColumnRow, context: ColumnContext): ColumnModel {
  const type: ColumnType = portableType(row.columnType, { jsonCheck: context.jsonCheck })
  const parsed = parseCatalogDefault({
    raw: row.columnDefault,
    extra: row.extra,
    mariadb: context.mariadb,
  })
  const value = defaultValue(parsed, typeFamily(canonicalType(type)))
  return {
    name: row.name,
    type,
    nullable: row.nullable,
    ...(value === undefined ? {} : { default: value }),
    ...(/\bauto_increment\b/i.test(row.extra) ? { autoIncrement: true } : {}),
    ...(row.comment === '' ? {} : { comment: row.comment }),
  }
}
