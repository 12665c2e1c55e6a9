/**
 * SQLite's table rebuild, for the schema changes its ALTER TABLE cannot make: the
 * procedure of https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of
 * Table Schema Changes"). It reads the table, applies the change to an in-memory
 * model, creates `stratum_new_<table>`, copies the rows, drops the old table, renames
 * the new one, recreates indexes and triggers, checks dependent views, and runs
 * `PRAGMA foreign_key_check` on the table and its child tables. Everything runs inside
 * a savepoint, so a failure leaves the table as it was.
 *
 * Foreign key enforcement must be off, or dropping the old table would delete (or
 * cascade to) child rows; it can only be switched off outside a transaction, so the
 * runtime does that around a revision with `needsForeignKeysOff` steps.
 */
import { MigrationError } from '../../errors.js'
import type { TableTarget } from '../../operations/types.js'
import type { DialectConnection, ProcedureStep } from '../dialect.js'
import { primaryKeyColumns } from './definition-lookup.js'
import { quoteName, quoteTable } from './quote.js'
import { type LiveTable, readTable } from './read-table.js'
import { isKeyword, mentions, sameName, tokenize } from './sql-tokenizer.js'
import { applyChange, type TableChange } from './table-changes.js'
import { renderCreateTable, type TableDefinition } from './table-definition.js'

const SAVEPOINT = 'stratum_rebuild'

/**
 * A procedure step that rebuilds `target` with `change`; `purpose` completes the
 * description "rebuild table "users" to ...".
 *
 * @example
 * rebuildStep({ table: 'users' }, { kind: 'dropConstraint', name: 'uq_email' }, 'drop constraint "uq_email"')
 */
export function rebuildStep(
  target: TableTarget,
  change: TableChange,
  purpose: string,
): ProcedureStep {
  const quoted = quoteTable(target)
  return {
    description: `rebuild table ${quoted} to ${purpose}`,
    needsForeignKeysOff: true,
    run: (connection) => rebuildTable(connection, target.table, change),
  }
}

/**
 * Rebuilds `table` with `change` on a live connection. Rows keep their values (and
 * their rowids), child rows keep their parents, the AUTOINCREMENT counter is kept.
 *
 * @example
 * await rebuildTable(connection, 'users', { kind: 'alterColumn', column: 'email', nullable: false })
 */
export async function rebuildTable(
  connection: DialectConnection,
  table: string,
  change: TableChange,
): Promise<void> {
  await withForeignKeysOff(connection, table, () =>
    withSavepoint(connection, async () => {
      const live = await readTable(connection, table)
      const definition = applyChange(live.definition, change)
      await replaceTable(connection, { live, definition, change })
    }),
  )
}

interface Replacement {
  readonly live: LiveTable
  readonly definition: TableDefinition
  readonly change: TableChange
}

async function replaceTable(
  connection: DialectConnection,
  replacement: Replacement,
): Promise<void> {
  const { live, definition, change } = replacement
  const dropped = change.kind === 'dropColumn' ? change.column : undefined
  if (dropped !== undefined) checkDroppable(live, dropped)
  const temporary = await temporaryName(connection, live.name)
  await createAndCopy(connection, { ...replacement, temporary })
  await connection.query(`DROP TABLE ${quoteName(live.name)}`)
  await renameWithoutRewriting(connection, temporary, live.name)
  for (const index of live.indexes) {
    if (dropped !== undefined && indexMentions(index.sql, dropped)) continue
    await connection.query(index.sql)
  }
  for (const trigger of live.triggers) await connection.query(trigger.sql)
  await restoreSequence(connection, live, definition)
  await checkViews(connection, live)
  await checkForeignKeys(connection, live)
}

/** `stratum_new_<table>`, which must not exist yet. */
async function temporaryName(connection: DialectConnection, table: string): Promise<string> {
  const temporary = `stratum_new_${table}`
  const { rows } = await connection.query(
    'SELECT 1 FROM sqlite_master WHERE name = ? COLLATE NOCASE',
    [temporary],
  )
  if (rows.length > 0) {
    throw new MigrationError(
      'REBUILD_FAILED',
      `Cannot rebuild table '${table}': a table named '${temporary}' already exists`,
      { hint: `Drop '${temporary}' (left over from an earlier attempt?) and retry.` },
    )
  }
  return temporary
}

/** Creates the new table and copies the rows; errors name the real table, not the temporary one. */
async function createAndCopy(
  connection: DialectConnection,
  replacement: Replacement & { readonly temporary: string },
): Promise<void> {
  const { live, definition, change, temporary } = replacement
  const named = (error: unknown) =>
    String((error as Error).message).replaceAll(temporary, live.name)
  try {
    await connection.query(renderCreateTable(definition, temporary))
  } catch (error) {
    throw new MigrationError(
      'REBUILD_FAILED',
      `Cannot rebuild table '${live.name}': SQLite refuses the new definition: ${named(error)}`,
      { cause: error },
    )
  }
  const copy = copyColumns(live.definition, definition, change)
  if (copy.targets.length === 0) return
  try {
    await connection.query(
      `INSERT INTO ${quoteName(temporary)} (${copy.targets.join(', ')}) SELECT ${copy.sources.join(', ')} FROM ${quoteName(live.name)}`,
    )
  } catch (error) {
    throw new MigrationError(
      'CONSTRAINT_VIOLATION',
      `Cannot rebuild table '${live.name}': its rows do not fit the new definition: ${named(error)}`,
      {
        cause: error,
        hint: 'Update or delete those rows first (or give the column a default); nothing was changed.',
      },
    )
  }
}

/** What the rebuild refuses before touching anything when a column is dropped. */
function checkDroppable(live: LiveTable, column: string): void {
  const primaryKey = primaryKeyColumns(live.definition)
  for (const key of live.incomingForeignKeys) {
    const referenced = key.referencedColumns.length > 0 ? key.referencedColumns : primaryKey
    if (referenced.some((name) => sameName(name, column))) {
      throw new MigrationError(
        'COLUMN_REFERENCED',
        `Cannot drop column '${column}' of table '${live.name}': the foreign key on ${key.table}(${key.columns.join(', ')}) references it`,
        { hint: `Drop that foreign key first (dropConstraint on '${key.table}').` },
      )
    }
  }
  for (const trigger of [...live.triggers, ...live.referencingTriggers]) {
    if (mentions(tokenize(trigger.sql), column)) {
      throw new MigrationError(
        'COLUMN_REFERENCED',
        `Cannot drop column '${column}' of table '${live.name}': trigger '${trigger.name}' uses it`,
        { hint: 'Drop or rewrite the trigger first.' },
      )
    }
  }
}

/** Whether an index's columns, expressions or WHERE clause name `column`. */
export function indexMentions(sql: string, column: string): boolean {
  const tokens = tokenize(sql)
  const on = tokens.findIndex((token) => isKeyword(token, 'ON'))
  return on !== -1 && mentions(tokens.slice(on + 2), column)
}

/** The columns to copy (quoted) and the expressions that fill them. */
function copyColumns(
  before: TableDefinition,
  after: TableDefinition,
  change: TableChange,
): { targets: string[]; sources: string[] } {
  const targets: string[] = []
  const sources: string[] = []
  const rowid = rowidName(before, after)
  if (rowid) {
    targets.push(rowid)
    sources.push(rowid)
  }
  for (const column of after.columns) {
    if (isGenerated(column)) continue
    const old = before.columns.find((candidate) => sameName(candidate.name, column.name))
    if (!old || isGenerated(old)) continue
    targets.push(quoteName(column.name))
    const using =
      change.kind === 'alterColumn' &&
      change.using !== undefined &&
      sameName(change.column, column.name)
    sources.push(using ? `(${change.using})` : quoteName(old.name))
  }
  return { targets, sources }
}

function isGenerated(column: TableDefinition['columns'][number]): boolean {
  return column.constraints.some((c) => c.kind === 'generated')
}

/**
 * The name to copy rowids under, so that rows keep them (full-text indexes and other
 * external tables may point at rowids); undefined when there is nothing to keep.
 */
function rowidName(before: TableDefinition, after: TableDefinition): string | undefined {
  if (!isRowidTable(before) || !isRowidTable(after) || hasRowidAlias(after)) return undefined
  const names = [...before.columns, ...after.columns].map((column) => column.name)
  return ['rowid', '_rowid_', 'oid'].find((name) => !names.some((other) => sameName(other, name)))
}

function isRowidTable(definition: TableDefinition): boolean {
  return !/\bWITHOUT\s+ROWID\b/i.test(definition.options)
}

/** An INTEGER PRIMARY KEY column is the rowid itself (https://www.sqlite.org/lang_createtable.html#rowid). */
function hasRowidAlias(definition: TableDefinition): boolean {
  const key = primaryKeyColumns(definition)
  if (key.length !== 1) return false
  const column = definition.columns.find((candidate) => sameName(candidate.name, key[0] as string))
  if (column?.type.trim().toUpperCase() !== 'INTEGER') return false
  const inline = column?.constraints.find((c) => c.kind === 'primaryKey')
  // The documented quirk: a column-level "INTEGER PRIMARY KEY DESC" is not an alias.
  return !(inline && /\bDESC\b/i.test(inline.body))
}

/**
 * `ALTER TABLE new RENAME TO old` with `legacy_alter_table` on: otherwise SQLite
 * re-checks every view and trigger during the rename, and those that name the old
 * table (dropped a moment ago) fail it. Nothing refers to the new table's name, so
 * there is nothing to rewrite.
 */
async function renameWithoutRewriting(
  connection: DialectConnection,
  from: string,
  to: string,
): Promise<void> {
  const { rows } = await connection.query('PRAGMA legacy_alter_table')
  const previous = Number(rows[0]?.legacy_alter_table ?? 0)
  await connection.query('PRAGMA legacy_alter_table = ON')
  try {
    await connection.query(`ALTER TABLE ${quoteName(from)} RENAME TO ${quoteName(to)}`)
  } finally {
    await connection.query(`PRAGMA legacy_alter_table = ${previous ? 'ON' : 'OFF'}`)
  }
}

/** Keeps AUTOINCREMENT from reusing ids of rows deleted before the rebuild. */
async function restoreSequence(
  connection: DialectConnection,
  live: LiveTable,
  definition: TableDefinition,
): Promise<void> {
  if (live.sequence === undefined) return
  const autoIncrement = definition.columns.some((column) =>
    column.constraints.some((c) => c.kind === 'primaryKey' && c.autoIncrement),
  )
  if (!autoIncrement) return
  await connection.query(
    'INSERT INTO sqlite_sequence (name, seq) SELECT ?, 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = ?)',
    [live.name, live.name],
  )
  await connection.query('UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?', [
    live.sequence,
    live.name,
  ])
}

/** Views are kept as they are; compiling each one proves it still reads the new table. */
async function checkViews(connection: DialectConnection, live: LiveTable): Promise<void> {
  for (const view of live.views) {
    try {
      await connection.query(`SELECT * FROM ${quoteName(view.name)} LIMIT 0`)
    } catch (error) {
      throw new MigrationError(
        'VIEW_BROKEN',
        `Rebuilding table '${live.name}' would break view '${view.name}': ${(error as Error).message}`,
        { cause: error, hint: 'Drop the view first and create it again afterwards.' },
      )
    }
  }
}

/** Rows of the table, and of tables pointing at it, must still have their parents. */
async function checkForeignKeys(connection: DialectConnection, live: LiveTable): Promise<void> {
  const tables = [live.name]
  for (const key of live.incomingForeignKeys) {
    if (!tables.some((table) => sameName(table, key.table))) tables.push(key.table)
  }
  const counts = new Map<string, number>()
  for (const table of tables) {
    let rows: readonly Record<string, unknown>[]
    try {
      rows = (
        await connection.query('SELECT "table", parent FROM pragma_foreign_key_check(?)', [table])
      ).rows
    } catch (error) {
      throw new MigrationError(
        'FOREIGN_KEY_MISMATCH',
        `After rebuilding table '${live.name}', a foreign key no longer matches a primary key or unique constraint: ${(error as Error).message}`,
        {
          cause: error,
          hint: 'A foreign key must reference columns that are unique in the parent table.',
        },
      )
    }
    for (const row of rows) {
      const key = `'${String(row.table)}' referencing '${String(row.parent)}'`
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
  }
  if (counts.size === 0) return
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0)
  const details = [...counts].map(
    ([key, count]) => `${count} row${count === 1 ? '' : 's'} of ${key}`,
  )
  throw new MigrationError(
    'FOREIGN_KEY_VIOLATION',
    `Rebuilding table '${live.name}' would leave ${total} row${total === 1 ? '' : 's'} violating foreign keys: ${details.join('; ')}`,
    { hint: 'Fix or delete those rows first; nothing was changed.' },
  )
}

async function withSavepoint(
  connection: DialectConnection,
  body: () => Promise<void>,
): Promise<void> {
  await connection.query(`SAVEPOINT ${SAVEPOINT}`)
  try {
    await body()
  } catch (error) {
    await connection.query(`ROLLBACK TO ${SAVEPOINT}`).catch(() => {})
    await connection.query(`RELEASE ${SAVEPOINT}`).catch(() => {})
    throw error
  }
  await connection.query(`RELEASE ${SAVEPOINT}`)
}

/**
 * Runs `body` with foreign key enforcement off. When it is on and no transaction is
 * open, it is switched off and back on here; inside a transaction it cannot be, and the
 * rebuild refuses rather than let DROP TABLE delete child rows.
 */
async function withForeignKeysOff(
  connection: DialectConnection,
  table: string,
  body: () => Promise<void>,
): Promise<void> {
  if (!(await foreignKeysOn(connection))) return body()
  await connection.query('PRAGMA foreign_keys = OFF')
  if (await foreignKeysOn(connection)) {
    throw new MigrationError(
      'FOREIGN_KEYS_ENABLED',
      `Cannot rebuild table '${table}' while foreign keys are enforced: dropping the old table would delete child rows`,
      {
        hint: 'Run PRAGMA foreign_keys = OFF before the transaction begins (Stratum does this for steps marked needsForeignKeysOff).',
      },
    )
  }
  try {
    await body()
  } finally {
    await connection.query('PRAGMA foreign_keys = ON')
  }
}

async function foreignKeysOn(connection: DialectConnection): Promise<boolean> {
  const { rows } = await connection.query('PRAGMA foreign_keys')
  return Number(rows[0]?.foreign_keys ?? 0) === 1
}
