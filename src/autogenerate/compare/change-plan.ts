/**
 * Collects what the comparison decides, as steps: each upgrade step carries its own
 * reverse, so the downgrade is the exact mirror (the reverses in reverse order) and
 * never has to be worked out separately. Steps are ordered by phase, so a table is
 * created after the tables it references and dropped before them.
 */
import { frozenCopy } from '../../operations/freeze.js'
import type { Operation } from '../../operations/types.js'
import type { Change, ComparisonResult, OperationNote } from './types.js'

/** A comment in the rendered revision, at its place among the operations. */
export interface Note {
  readonly note: OperationNote['level']
  readonly text: string
}

export type PlanItem = Operation | Note

/** The order of the upgrade; the downgrade runs it backwards. */
export const Phase = {
  createSchemas: 0,
  createEnums: 1,
  dropForeignKeys: 2,
  dropTables: 3,
  renameTables: 4,
  createTables: 5,
  alterTables: 6,
  createForeignKeys: 7,
  dropEnums: 8,
  enumNotes: 9,
} as const

/** The order of the changes to one existing table, within `Phase.alterTables`. */
export const TableStep = {
  dropIndex: 0,
  dropConstraint: 1,
  renameColumn: 2,
  addColumn: 3,
  alterColumn: 4,
  dropColumn: 5,
  comment: 6,
  createPrimaryKey: 7,
  createConstraint: 8,
  createIndex: 9,
} as const

export interface StepInput {
  readonly phase: number
  /** Steps of one phase group by this key (the table), in key order. */
  readonly group?: string
  /** The order within the group (a `TableStep`). */
  readonly order?: number
  readonly up: readonly PlanItem[]
  readonly down: readonly PlanItem[]
}

interface Step extends Required<StepInput> {
  readonly seq: number
}

/** The steps, changes and warnings of one comparison. */
export class ChangePlan {
  readonly #steps: Step[] = []
  readonly #changes: Change[] = []
  readonly #warnings: string[] = []

  /** Adds one step; its operations are copied and frozen. */
  add(step: StepInput): void {
    this.#steps.push({
      phase: step.phase,
      group: step.group ?? '',
      order: step.order ?? 0,
      up: step.up.map(freezeItem),
      down: step.down.map(freezeItem),
      seq: this.#steps.length,
    })
  }

  change(change: Change): void {
    this.#changes.push(frozenCopy(change))
  }

  warn(text: string): void {
    this.#warnings.push(text)
  }

  /** The operations in order, their notes, the changes and the warnings. */
  result(): ComparisonResult {
    const steps = [...this.#steps].sort(compareSteps)
    const upgrade = split(steps.flatMap((step) => step.up))
    const downgrade = split(steps.reverse().flatMap((step) => step.down))
    return {
      upgrade: upgrade.operations,
      downgrade: downgrade.operations,
      notes: { upgrade: upgrade.notes, downgrade: downgrade.notes },
      changes: this.#changes,
      warnings: this.#warnings,
    }
  }
}

/** A warning comment. */
export function warning(text: string): Note {
  return { note: 'warning', text }
}

/** An informational comment. */
export function info(text: string): Note {
  return { note: 'info', text }
}

function isNote(item: PlanItem): item is Note {
  return 'note' in item
}

function freezeItem(item: PlanItem): PlanItem {
  return isNote(item) ? item : frozenCopy(item)
}

function compareSteps(a: Step, b: Step): number {
  if (a.phase !== b.phase) return a.phase - b.phase
  if (a.group !== b.group) return a.group < b.group ? -1 : 1
  if (a.order !== b.order) return a.order - b.order
  return a.seq - b.seq
}

function split(items: readonly PlanItem[]): {
  operations: Operation[]
  notes: OperationNote[]
} {
  const operations: Operation[] = []
  const notes: OperationNote[] = []
  for (const item of items) {
    if (isNote(item)) notes.push({ before: operations.length, level: item.note, text: item.text })
    else operations.push(item)
  }
  return { operations, notes }
}
