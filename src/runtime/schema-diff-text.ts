/**
 * What a downgrade failed to restore, in words. The comparison is autogenerate's
 * (`compareSchemas`, with the dialect's canonical spellings, so `int4` and `integer` or a
 * column order changed by a re-added column do not count), run from the schema before the
 * upgrade to the schema after the downgrade; a second comparison, to the schema after the
 * upgrade, tells which step made each difference.
 */

import type { ChangeKind } from '../autogenerate/compare/types.js'
import { type Change, type CompareDialect, compareSchemas } from '../autogenerate/index.js'
import type { SchemaModel } from '../schema/model.js'
import type { SchemaDifference } from './verify-report.js'

/** Changes that mean "there in the later schema, not in the earlier one". */
const ADDED: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'createSchema',
  'createEnum',
  'addEnumValue',
  'createTable',
  'addColumn',
  'createIndex',
  'createPrimaryKey',
  'createUnique',
  'createForeignKey',
  'createCheck',
])

/** Changes that mean "there in the earlier schema, not in the later one". */
const DROPPED: ReadonlySet<ChangeKind> = new Set<ChangeKind>([
  'dropEnum',
  'removeEnumValue',
  'dropTable',
  'dropColumn',
  'dropIndex',
  'dropPrimaryKey',
  'dropUnique',
  'dropForeignKey',
  'dropCheck',
])

/** The three schemas of one round trip. */
export interface RoundTripSchemas {
  /** Before the upgrade. */
  readonly before: SchemaModel
  /** After the upgrade. */
  readonly upgraded: SchemaModel
  /** After the downgrade. */
  readonly restored: SchemaModel
}

/**
 * The differences between the schema before `revision`'s upgrade and the one after its
 * downgrade, each with a readable line; `[]` when the downgrade restored the schema.
 *
 * @example
 * const differences = await roundTripDifferences('3f2a9c1b7d4e', schemas, { dialect })
 * differences[0]?.text // 'downgrade of 3f2a9c1b7d4e leaves column users.email (added by its upgrade)'
 */
export async function roundTripDifferences(
  revision: string,
  schemas: RoundTripSchemas,
  options: { readonly dialect: CompareDialect; readonly defaultSchema?: string | undefined },
): Promise<SchemaDifference[]> {
  const compare = (later: SchemaModel) =>
    compareSchemas({
      target: later,
      current: schemas.before,
      dialect: options.dialect,
      ...(options.defaultSchema === undefined ? {} : { defaultSchema: options.defaultSchema }),
    })
  const left = await compare(schemas.restored)
  if (left.changes.length === 0) return []
  const upgrade = await compare(schemas.upgraded)
  const byUpgrade = new Set(upgrade.changes.map(changeKey))
  return left.changes.map((change) =>
    describeDifference(revision, change, byUpgrade.has(changeKey(change))),
  )
}

/**
 * One difference in words. `fromUpgrade`: the upgrade made the same change (so the downgrade
 * did not undo it); otherwise the downgrade made it.
 *
 * @example
 * describeDifference('3f2a', { kind: 'createTable', table: 'audit', detail: 'table audit added' }, true).text
 * // 'downgrade of 3f2a leaves table audit (added by its upgrade)'
 */
export function describeDifference(
  revision: string,
  change: Change,
  fromUpgrade: boolean,
): SchemaDifference {
  const by = fromUpgrade ? 'upgrade' : 'downgrade'
  const subject = `downgrade of ${revision}`
  const added = ADDED.has(change.kind) ? stripEnd(change.detail, 'added') : undefined
  if (added !== undefined) {
    const text = `${subject} leaves ${added} (added by its ${by})`
    return { kind: 'left', object: added, by, change, text }
  }
  const dropped = DROPPED.has(change.kind)
    ? (stripEnd(change.detail, 'dropped') ?? stripEnd(change.detail, 'removed'))
    : undefined
  if (dropped !== undefined) {
    const text = `${subject} does not restore ${dropped} (dropped by its ${by})`
    return { kind: 'missing', object: dropped, by, change, text }
  }
  const changed = stripEnd(change.detail, 'changed')
  if (changed !== undefined) {
    const text = `${subject} leaves ${changed} changed (by its ${by})`
    return { kind: 'changed', object: changed, by, change, text }
  }
  // `column users.email: type varchar(100) -> text`: before the upgrade -> after the downgrade.
  const colon = change.detail.indexOf(': ')
  const object = colon === -1 ? change.detail : change.detail.slice(0, colon)
  const how = fromUpgrade ? ', as its upgrade changed it' : ''
  const text = `${subject} leaves ${change.detail} (before the upgrade -> after the downgrade${how})`
  return { kind: 'changed', object, by: fromUpgrade ? 'upgrade' : undefined, change, text }
}

function changeKey(change: Change): string {
  return `${change.kind}\u0000${change.detail}`
}

/** `text` without its last word when that word is `word`; else undefined. */
function stripEnd(text: string, word: string): string | undefined {
  const suffix = ` ${word}`
  return text.endsWith(suffix) ? text.slice(0, -suffix.length) : undefined
}
