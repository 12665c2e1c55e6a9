/** What every part of one comparison shares. */
import type { TableModel } from '../../schema/model.js'
import type { Canonical } from './canonical.js'
import type { ChangePlan } from './change-plan.js'

export interface CompareContext {
  readonly canonical: Canonical
  readonly plan: ChangePlan
  readonly maxIdentifierLength: number
  /** Database table key → its new name, for references to renamed tables. */
  readonly tableRenames: ReadonlyMap<string, string>
  /** Database table key → (old column → new column). */
  readonly columnRenames: ReadonlyMap<string, ReadonlyMap<string, string>>
}

/** A table in both the models and the database (possibly renamed). */
export interface TablePair {
  readonly target: TableModel
  /** As the database has it. */
  readonly current: TableModel
  /**
   * The database's table with the renames applied (its name, its columns, the tables
   * and columns its keys reference), so that keys and indexes compare name for name.
   */
  readonly renamed: TableModel
  /** Old column name → new, for this table. */
  readonly columnRenames: ReadonlyMap<string, string>
  /** The database's own key or index behind one of `renamed`'s (old names, for recreating it). */
  original<T extends object>(item: T): T
}

/** Whether two lists hold the same items in the same order. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i])
}
