/**
 * Offline mode (`--sql`): the complete script for the URL's dialect, without connecting.
 * Revisions run with `isOffline: true`; `op` calls compile to statements; `db` is an error
 * naming the revision; so is an operation that needs a live connection (SQLite's table
 * rebuild). The script carries the version-table DDL when it starts from base, a
 * `-- Running upgrade a -> b` comment per revision, literal version-table statements, and
 * BEGIN/COMMIT per the transaction mode where the dialect has offline transactions.
 *
 * The history table is part of the script too (created if missing, one row per revision
 * with the file's checksum), so a database migrated by a DBA from a script keeps the same
 * record, and later online runs check those files like any other.
 */
import type { CompiledStep, Dialect } from '../dialects/dialect.js'
import {
  MigrationDowngradeError,
  MigrationError,
  MigrationUpgradeError,
  UsageError,
} from '../errors.js'
import type { OperationSink } from '../operations/index.js'
import {
  type MigrationStep,
  minimalRows,
  parseRange,
  planDowngrade,
  planStamp,
  planUpgrade,
  type RevisionGraph,
  resolveRevisions,
} from '../revision/index.js'
import { fileChecksum } from './checksums.js'
import {
  compileQueryWith,
  makeContext,
  offlineDatabaseError,
  unusableDatabase,
} from './contexts.js'
import { createHistoryTable, offlineHistoryInsertSql } from './history-table.js'
import { inlineParameters } from './inline-parameters.js'
import { stratumErrorInfo } from './mask-error.js'
import type { Direction, OfflineReport, TransactionMode } from './report.js'
import { loadRevisionModule } from './revision-module.js'
import { nonTransactionalError } from './revision-runner.js'
import type { StateTables } from './tables.js'
import { isSql } from './transaction.js'
import { createVersionTable, versionChangeSql } from './version-table.js'

/** What an offline script is built from. */
export interface OfflineOptions {
  readonly dialect: Dialect
  readonly graph: RevisionGraph
  readonly tables: StateTables
  readonly mode: TransactionMode
  readonly x: Readonly<Record<string, string>>
}

/** Appends statements and comments, and tracks the open transaction. */
class Script {
  readonly #lines: string[] = []
  readonly #transaction: Dialect['offlineTransaction']
  #open = false

  constructor(
    readonly dialect: Dialect,
    readonly mode: TransactionMode,
  ) {
    this.#transaction = mode === 'none' ? undefined : dialect.offlineTransaction
  }

  get transactional(): boolean {
    return this.#transaction !== undefined
  }

  comment(text: string): void {
    this.#lines.push(`-- ${text}`, '')
  }

  statement(sql: string): void {
    const trimmed = sql.trim().replace(/;+$/, '').trimEnd()
    const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1)
    this.#lines.push(`${trimmed}${lastLine.includes('--') ? '\n' : ''};`, '')
  }

  steps(steps: readonly CompiledStep[]): void {
    for (const step of steps) if (isSql(step)) this.statement(step.sql)
  }

  begin(): void {
    if (this.#transaction === undefined || this.#open) return
    this.#lines.push(this.#transaction.begin, '')
    this.#open = true
  }

  commit(): void {
    if (this.#transaction === undefined || !this.#open) return
    this.#lines.push(this.#transaction.commit, '')
    this.#open = false
  }

  text(): string {
    this.commit()
    return `${this.#lines.join('\n').trimEnd()}\n`
  }
}

/** `A:B` or `B` into rows to start from (base when absent) and the target. */
function splitRange(
  graph: RevisionGraph,
  range: string,
  requireFrom: boolean,
): { from: readonly string[]; to: string; hasFrom: boolean } {
  if (!range.includes(':')) {
    if (requireFrom) {
      throw new UsageError(`downgrade --sql needs a starting point: write FROM:TO (got '${range}')`)
    }
    return { from: [], to: range, hasFrom: false }
  }
  const { lower, upper } = parseRange(range)
  if (upper === undefined) throw new UsageError(`The range '${range}' names no target`)
  if (lower === undefined && requireFrom) {
    throw new UsageError(`downgrade --sql needs a starting point: write FROM:TO (got '${range}')`)
  }
  const from = lower === undefined ? [] : minimalRows(graph, resolveRevisions(graph, lower))
  return { from, to: upper, hasFrom: lower !== undefined }
}

function tableDdl(script: Script, options: OfflineOptions, fromBase: boolean): void {
  const { dialect, tables } = options
  if (fromBase) script.steps(createVersionTable(dialect, tables.version))
  // Created when missing: a database migrated online before has it already.
  script.steps(createHistoryTable(dialect, tables.history, { ifNotExists: true }))
}

/** Compiles one revision's function offline; its statements with literals inlined. */
async function compileOffline(
  options: OfflineOptions,
  step: MigrationStep,
  direction: Direction,
): Promise<{ statements: CompiledStep[]; transactional: boolean; checksum: string }> {
  const { dialect, graph, x } = options
  const meta = graph.get(step.revision)
  const module = await loadRevisionModule(meta)
  const fn = direction === 'upgrade' ? module.upgrade : module.downgrade
  if (fn === undefined) {
    throw new MigrationError(
      'IRREVERSIBLE',
      `it exports no downgrade function, so it cannot be undone`,
    )
  }
  const statements: CompiledStep[] = []
  const sink: OperationSink = async (operation) => {
    for (const compiled of dialect.compile(operation)) {
      if (!isSql(compiled)) {
        throw new MigrationError(
          'OFFLINE_PROCEDURE',
          `Revision ${step.revision}: '${compiled.description}' (${operation.kind}) needs a live connection and cannot run offline`,
          { hint: 'Apply this revision online.' },
        )
      }
      const sql = inlineParameters(compiled.sql, compiled.parameters ?? [], (value) =>
        dialect.literal(value),
      )
      statements.push({ ...compiled, sql, parameters: [] })
    }
  }
  const context = makeContext(
    { dialect, revision: step.revision, direction, x },
    {
      sink,
      compileQuery: compileQueryWith(() => dialect.createOfflineKysely()),
      db: () => unusableDatabase(() => offlineDatabaseError(step.revision)),
      isOffline: true,
    },
  )
  await fn(context)
  return { statements, transactional: module.transactional, checksum: module.checksum }
}

async function runOffline(
  options: OfflineOptions,
  plan: readonly MigrationStep[],
  details: { direction: Direction; fromBase: boolean },
): Promise<string> {
  const { dialect, tables, mode } = options
  const { direction } = details
  const script = new Script(dialect, mode)
  if (mode === 'all') script.begin()
  tableDdl(script, options, details.fromBase)
  for (const step of plan) {
    let compiled: Awaited<ReturnType<typeof compileOffline>>
    try {
      compiled = await compileOffline(options, step, direction)
      const inTransaction = script.transactional && compiled.transactional
      const unsafe = compiled.statements.find((s) => isSql(s) && s.transactional === false)
      if (inTransaction && unsafe !== undefined && isSql(unsafe)) {
        throw nonTransactionalError(step.revision, unsafe.sql)
      }
    } catch (error) {
      const ErrorClass = direction === 'upgrade' ? MigrationUpgradeError : MigrationDowngradeError
      const reason = error instanceof Error ? error.message : String(error)
      const message = reason.startsWith(`Revision ${step.revision}`)
        ? reason
        : `Revision ${step.revision}: ${reason}`
      const info = stratumErrorInfo(error)
      throw new ErrorClass(info?.code ?? 'REVISION_FAILED', message, {
        cause: error,
        revision: step.revision,
        hint: info?.hint,
      })
    }
    if (!compiled.transactional) script.commit()
    script.comment(`Running ${direction} ${step.from.join(', ')} -> ${step.to.join(', ')}`)
    if (compiled.transactional) script.begin()
    script.steps(compiled.statements)
    for (const change of step.versionChanges) {
      script.statement(versionChangeSql(dialect, tables.version, change))
    }
    script.statement(
      offlineHistoryInsertSql(dialect, tables.history, {
        revision: step.revision,
        direction,
        checksum: compiled.checksum,
        note: 'applied from an offline script',
      }),
    )
    if (mode === 'per-revision' || !compiled.transactional) script.commit()
  }
  return script.text()
}

/**
 * The script for `upgrade --sql [FROM:]TO`: from FROM's rows (base when absent) to TO.
 *
 * @example
 * const { sql } = await offlineUpgrade(options, 'head')
 * const { sql: more } = await offlineUpgrade(options, 'ae10:head')
 */
export async function offlineUpgrade(
  options: OfflineOptions,
  range: string,
): Promise<OfflineReport> {
  const { from, to } = splitRange(options.graph, range, false)
  const plan = planUpgrade(options.graph, from, to)
  const sql = await runOffline(options, plan, {
    direction: 'upgrade',
    fromBase: from.length === 0,
  })
  return { direction: 'upgrade', target: range, sql }
}

/**
 * The script for `downgrade --sql FROM:TO` (FROM is required: there is no database to ask).
 *
 * @example
 * const { sql } = await offlineDowngrade(options, 'head:base')
 */
export async function offlineDowngrade(
  options: OfflineOptions,
  range: string,
): Promise<OfflineReport> {
  const { from, to } = splitRange(options.graph, range, true)
  const plan = planDowngrade(options.graph, from, to)
  const sql = await runOffline(options, plan, { direction: 'downgrade', fromBase: false })
  return { direction: 'downgrade', target: range, sql }
}

/**
 * The script for `stamp --sql [FROM:]TARGET...`: the version-table statements that set the
 * rows (one target may carry the FROM part), with the tables' DDL when starting from base.
 *
 * @example
 * const { sql } = await offlineStamp(options, ['head'])
 */
export async function offlineStamp(
  options: OfflineOptions,
  targets: readonly string[],
  stampOptions: { purge?: boolean } = {},
): Promise<OfflineReport> {
  const { dialect, graph, tables, mode } = options
  let from: readonly string[] = []
  const plain: string[] = []
  for (const target of targets) {
    if (!target.includes(':')) {
      plain.push(target)
      continue
    }
    const split = splitRange(graph, target, false)
    from = split.from
    plain.push(split.to)
  }
  const plan = planStamp(graph, from, plain, stampOptions)
  const script = new Script(dialect, mode)
  if (mode === 'all') script.begin()
  tableDdl(script, options, from.length === 0)
  script.comment(`Stamping ${from.join(', ')} -> ${plan.rows.join(', ')}`)
  script.begin()
  for (const change of plan.changes) {
    script.statement(versionChangeSql(dialect, tables.version, change))
  }
  for (const change of plan.changes) {
    const revision = change.kind === 'update' ? change.to : change.revision
    const removed = change.kind === 'delete'
    script.statement(
      offlineHistoryInsertSql(dialect, tables.history, {
        revision,
        direction: 'stamp',
        checksum: removed ? undefined : await fileChecksum(graph.get(revision).path),
        note: removed ? 'row removed by a stamp (offline script)' : 'stamped (offline script)',
      }),
    )
  }
  return { direction: 'stamp', target: targets.join(' '), sql: script.text() }
}
