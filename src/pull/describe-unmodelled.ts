/** Words for what the model DSL cannot express, as `pull` and `baseline` print them. */
import type { UnmodelledObject } from '../dialects/dialect.js'

/**
 * One line about an object: its kind, its (qualified) name, its table, its detail.
 *
 * @example
 * describeUnmodelled({ kind: 'trigger', name: 'last_updated', table: 'actor' })
 * // 'trigger last_updated on actor'
 */
export function describeUnmodelled(item: UnmodelledObject): string {
  const qualify = (name: string) => (item.schema === undefined ? name : `${item.schema}.${name}`)
  const on =
    item.table === undefined || item.table === item.name ? '' : ` on ${qualify(item.table)}`
  const name = item.table === undefined ? qualify(item.name) : item.name
  const detail = item.detail === undefined ? '' : ` (${item.detail.replace(/\s+/g, ' ').trim()})`
  return `${item.kind} ${name}${on}${detail}`
}

/**
 * The objects in a stable order: by schema, table, kind and name.
 *
 * @example
 * sortUnmodelled(await introspection.unmodelled(connection))
 */
export function sortUnmodelled(items: readonly UnmodelledObject[]): UnmodelledObject[] {
  const sortKey = (item: UnmodelledObject) =>
    [item.schema ?? '', item.table ?? '', item.kind, item.name].join('\u0000')
  return [...items].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
}
