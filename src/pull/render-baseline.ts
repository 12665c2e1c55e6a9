/**
 * The bodies of a baseline revision: the comparison of the database with an empty one
 * (schemas and enum types, tables, keys and indexes in foreign-key order), with the
 * objects the model DSL cannot express woven in as `op.execute` where the catalog gave
 * their SQL: domains, types and sequences before the tables, functions, views and
 * triggers after them. The downgrade undoes it all in the reverse order.
 */
import type { ComparisonResult, OperationNote } from '../autogenerate/index.js'
import { stringLiteral } from '../autogenerate/render/literal.js'
import { renderOperation } from '../autogenerate/render/render-operation.js'
import { renderComment, renderOperations } from '../autogenerate/render/render-operations.js'
import type { RevisionContent } from '../commands/create-revision.js'
import type { UnmodelledObject } from '../dialects/dialect.js'
import type { Operation } from '../operations/types.js'
import { describeUnmodelled } from './describe-unmodelled.js'

/** The template indents the bodies by two spaces; lines stay within 100 columns. */
const WIDTH = 98

const HEADER = '// Baseline: creates the schema as `stratum baseline` read it from the database.'

/** Operations that must come before everything else (and be undone last). */
const FIRST = new Set<Operation['kind']>(['createSchema', 'createEnum'])
const LAST = new Set<Operation['kind']>(['dropSchema', 'dropEnum'])

/** One statement of raw SQL: one line as a string, several as lines joined (exact, readable). */
function executeCode(sql: string, comment: string): string {
  const note = renderComment({ level: 'info', text: comment }, { width: WIDTH })
  if (!sql.includes('\n'))
    return `${note}\n${renderOperation({ kind: 'execute', sql }, { width: WIDTH })}`
  const lines = sql.split('\n').map((line) => `    ${stringLiteral(line)},`)
  return `${note}\nawait op.execute(\n  [\n${lines.join('\n')}\n  ].join('\\n'),\n)`
}

/** A slice of operations with the notes that fall inside it, re-indexed. */
function section(
  operations: readonly Operation[],
  notes: readonly OperationNote[],
  from: number,
  to: number,
): string {
  const inside = notes
    .filter(
      (note) =>
        note.before >= from &&
        (note.before < to || (to === operations.length && note.before === to)),
    )
    .map((note) => ({ ...note, before: note.before - from }))
  const slice = operations.slice(from, to)
  if (slice.length === 0 && inside.length === 0) return ''
  return renderOperations(slice, { notes: inside, width: WIDTH })
}

/** The length of the run of `kinds` at the start (`fromEnd`: at the end) of `operations`. */
function run(
  operations: readonly Operation[],
  kinds: ReadonlySet<string>,
  fromEnd = false,
): number {
  const list = fromEnd ? [...operations].reverse() : operations
  const index = list.findIndex((operation) => !kinds.has(operation.kind))
  return index < 0 ? list.length : index
}

function join(parts: readonly string[]): string {
  return parts.filter((part) => part !== '').join('\n\n')
}

/**
 * The upgrade and downgrade bodies of a baseline (unindented; the template indents them).
 * Objects without SQL (partitions, generated columns...) are named in a warning: the
 * baseline builds a database without them.
 *
 * @example
 * const bodies = renderBaselineBodies(await compareSchemas({ target, current: EMPTY, dialect }), unmodelled)
 */
export function renderBaselineBodies(
  comparison: ComparisonResult,
  unmodelled: readonly UnmodelledObject[],
): RevisionContent {
  const recreated = unmodelled.filter(
    (item) => item.create !== undefined && item.drop !== undefined,
  )
  const before = recreated.filter((item) => item.phase === 'beforeTables')
  const after = recreated.filter((item) => item.phase !== 'beforeTables')
  const missing = unmodelled.filter((item) => item.create === undefined || item.drop === undefined)
  const warning =
    missing.length === 0
      ? ''
      : [
          renderComment(
            {
              level: 'warning',
              text: 'not recreated by this revision (neither the model DSL nor the catalog gives their SQL); a database built from it lacks them:',
            },
            { width: WIDTH },
          ),
          ...missing.map((item) =>
            renderComment(
              { level: 'info', text: `- ${describeUnmodelled(item)}` },
              { width: WIDTH },
            ),
          ),
        ].join('\n')
  const { upgrade, downgrade, notes } = comparison
  const first = run(upgrade, FIRST)
  const last = downgrade.length - run(downgrade, LAST, true)
  const create = (item: UnmodelledObject) =>
    executeCode(item.create ?? '', describeUnmodelled(item))
  const drop = (item: UnmodelledObject) => executeCode(item.drop ?? '', describeUnmodelled(item))
  const upgrades = join([
    HEADER,
    warning,
    section(upgrade, notes.upgrade, 0, first),
    ...before.map(create),
    section(upgrade, notes.upgrade, first, upgrade.length),
    ...after.map(create),
  ])
  const downgrades = join([
    ...[...after].reverse().map(drop),
    section(downgrade, notes.downgrade, 0, last),
    ...[...before].reverse().map(drop),
    section(downgrade, notes.downgrade, last, downgrade.length),
  ])
  return { upgrades, downgrades: downgrades === '' ? '// Nothing to do.' : downgrades, imports: '' }
}
