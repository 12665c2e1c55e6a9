/**
 * Stratum's error tree. Every error Stratum throws is a `MigrationError` with a
 * stable `code` (for programs) and a one-line `message` (for people); an optional
 * `hint` says what to do next, and `cause` keeps the original error.
 *
 * Library code throws these; only the CLI prints them and picks an exit code.
 *
 * @example
 * try {
 *   await upgrade({ target: 'head' })
 * } catch (error) {
 *   if (error instanceof MultipleHeadsError) console.error(error.heads)
 * }
 */

import type { RunReport } from './runtime/report.js'

/** Options every Stratum error accepts. */
export interface ErrorOptions {
  /** The error that caused this one (a driver error, a file system error...). */
  cause?: unknown
  /** A short suggestion printed under the message. */
  hint?: string
}

/** The root of every error Stratum throws. */
export class MigrationError extends Error {
  /** A stable, machine-readable code such as `REVISION_NOT_FOUND`. */
  readonly code: string
  /** A short suggestion for the user, printed under the message. */
  readonly hint: string | undefined

  constructor(code: string, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.hint = options.hint
  }
}

/** The command line or an API call was used wrongly (the CLI exits with 2). */
export class UsageError extends MigrationError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('USAGE', message, options)
  }
}

/** The configuration is missing, cannot be loaded, or is invalid. */
export class ConfigError extends MigrationError {}

/** `init` could not create the migrations folder. */
export class MigrationInitError extends MigrationError {}

/** A new revision file could not be written (bad arguments, template error...). */
export class MigrationCreationError extends MigrationError {}

/** Options of the errors a failed run throws: what ran, and which revision failed. */
export interface RunErrorOptions extends ErrorOptions {
  /** The run's per-revision report (applied, failed, not run, with durations). */
  report?: RunReport | undefined
  /** The revision that failed, when one did. */
  revision?: string | undefined
}

/** An upgrade failed. `report` says what was applied, what failed and what did not run. */
export class MigrationUpgradeError extends MigrationError {
  readonly report: RunReport | undefined
  readonly revision: string | undefined
  constructor(code: string, message: string, options: RunErrorOptions = {}) {
    super(code, message, options)
    this.report = options.report
    this.revision = options.revision
  }
}

/** A downgrade failed. `report` says what was undone, what failed and what did not run. */
export class MigrationDowngradeError extends MigrationError {
  readonly report: RunReport | undefined
  readonly revision: string | undefined
  constructor(code: string, message: string, options: RunErrorOptions = {}) {
    super(code, message, options)
    this.report = options.report
    this.revision = options.revision
  }
}

/**
 * Thrown by a revision's `downgrade` that cannot be undone (data was destroyed). A
 * downgrade that reaches such a revision stops before running any statement, naming it.
 *
 * @example
 * export async function downgrade(): Promise<void> {
 *   throw new IrreversibleMigrationError('the old prices are gone')
 * }
 */
export class IrreversibleMigrationError extends MigrationError {
  constructor(message = 'This revision cannot be downgraded', options: ErrorOptions = {}) {
    super('IRREVERSIBLE', message, options)
  }
}

/** A revision identifier names no revision. */
export class MigrationNotFoundError extends MigrationError {
  readonly identifier: string
  constructor(identifier: string, message?: string, options: ErrorOptions = {}) {
    super('REVISION_NOT_FOUND', message ?? `No such revision or branch '${identifier}'`, options)
    this.identifier = identifier
  }
}

/** A revision file cannot be read: its metadata is malformed. Names the file and line. */
export class RevisionFileError extends MigrationError {
  readonly path: string
  readonly line: number | undefined
  constructor(path: string, line: number | undefined, problem: string, options: ErrorOptions = {}) {
    super('REVISION_FILE_INVALID', `${line ? `${path}:${line}` : path}: ${problem}`, options)
    this.path = path
    this.line = line
  }
}

/** The revision graph is invalid, or an identifier cannot be resolved against it. */
export class RevisionGraphError extends MigrationError {}

/** Two files declare the same revision id. */
export class DuplicateRevisionError extends RevisionGraphError {
  readonly revision: string
  readonly paths: readonly string[]
  constructor(revision: string, paths: readonly string[]) {
    super(
      'DUPLICATE_REVISION',
      `Revision '${revision}' is declared by more than one file: ${paths.join(', ')}`,
      { hint: 'Give one of them a new revision id (and update whatever revises it).' },
    )
    this.revision = revision
    this.paths = paths
  }
}

/** A revision names a parent or dependency that does not exist. */
export class MissingRevisionError extends RevisionGraphError {
  readonly revision: string
  readonly missing: string
  readonly relation: 'downRevision' | 'dependsOn'
  readonly path: string | undefined
  constructor(options: {
    revision: string
    missing: string
    relation: 'downRevision' | 'dependsOn'
    path?: string | undefined
  }) {
    const where = options.path ? ` (${options.path})` : ''
    const what = options.relation === 'downRevision' ? 'parent' : 'dependency'
    super(
      'MISSING_REVISION',
      `Revision '${options.revision}'${where} names ${what} '${options.missing}', which does not exist`,
      {
        hint: `Restore the file that declares '${options.missing}' (deleted or moved?), or correct the ${options.relation} of '${options.revision}'.`,
      },
    )
    this.revision = options.revision
    this.missing = options.missing
    this.relation = options.relation
    this.path = options.path
  }
}

/** Revisions reach themselves through parents or dependencies. */
export class CycleError extends RevisionGraphError {
  /** The revisions on the cycle, in order; the first follows the last. */
  readonly cycle: readonly string[]
  constructor(cycle: readonly string[], paths: readonly string[] = []) {
    const files = paths.length > 0 ? ` (files: ${paths.join(', ')})` : ''
    super('REVISION_CYCLE', `Revisions form a cycle: ${[...cycle, cycle[0]].join(' -> ')}${files}`)
    this.cycle = cycle
  }
}

/** A branch label is declared by more than one revision. */
export class DuplicateBranchLabelError extends RevisionGraphError {
  readonly label: string
  readonly revisions: readonly string[]
  constructor(label: string, revisions: readonly string[], paths: readonly string[] = []) {
    const files = paths.length > 0 ? ` (${paths.join(', ')})` : ''
    super(
      'DUPLICATE_BRANCH_LABEL',
      `Branch label '${label}' is declared by more than one revision: ${revisions.join(', ')}${files}`,
    )
    this.label = label
    this.revisions = revisions
  }
}

/** A revision id or branch label contains a character the identifier grammar reserves. */
export class InvalidRevisionIdError extends RevisionGraphError {
  readonly revision: string
  constructor(revision: string, problem: string, path?: string) {
    super('INVALID_REVISION_ID', `${path ? `${path}: ` : ''}${problem}`)
    this.revision = revision
  }
}

/** A prefix matches more than one revision. */
export class AmbiguousRevisionError extends RevisionGraphError {
  readonly identifier: string
  readonly candidates: readonly string[]
  /** `where` names the place the prefix was written, e.g. "dependsOn of 'b2' (versions/b2.ts)". */
  constructor(identifier: string, candidates: readonly string[], where?: string) {
    super(
      'AMBIGUOUS_REVISION',
      `Revision prefix '${identifier}'${where ? ` in ${where}` : ''} is ambiguous; it matches ${candidates.join(', ')}`,
      { hint: 'Use more characters of the revision id.' },
    )
    this.identifier = identifier
    this.candidates = candidates
  }
}

/** `head` was asked for but the graph (or branch) has several heads. */
export class MultipleHeadsError extends RevisionGraphError {
  readonly heads: readonly string[]
  constructor(heads: readonly string[], identifier = 'head') {
    super(
      'MULTIPLE_HEADS',
      `'${identifier}' is ambiguous: there are ${heads.length} heads (${heads.join(', ')})`,
      {
        hint: "Name one with '<branch>@head', use 'heads' for all of them, or merge them with 'stratum merge heads -m MESSAGE'.",
      },
    )
    this.heads = heads
  }
}

/**
 * An identifier is well formed but cannot be resolved or walked: a relative step
 * past the end, an ambiguous walk, a revision that is not on the named branch, a
 * range whose ends are not ancestor and descendant...
 */
export class RevisionResolutionError extends RevisionGraphError {
  constructor(message: string, options: ErrorOptions = {}) {
    super('REVISION_RESOLUTION', message, options)
  }
}

/**
 * A relative identifier (`b+1`, `-1`, `label@head-2`) reaches a branch point going up or a
 * merge point going down: more than one revision could be the next step.
 */
export class AmbiguousWalkError extends RevisionResolutionError {
  readonly identifier: string
  /** The revision the walk stood on (`undefined` for base). */
  readonly at: string | undefined
  /** The revisions the next step could go to. */
  readonly candidates: readonly string[]
  constructor(options: {
    identifier: string
    at: string | undefined
    candidates: readonly string[]
    direction: 'up' | 'down'
  }) {
    const from = options.at === undefined ? 'base' : `'${options.at}'`
    const kind = options.direction === 'up' ? 'next revisions' : 'parents'
    super(
      `Ambiguous walk: '${options.identifier}' reaches ${from}, which has several ${kind} (${options.candidates.join(', ')})`,
      {
        hint:
          options.direction === 'up'
            ? "Name the branch ('<label>@<rev>+N') or walk from a revision past the branch point."
            : "Walk from one of the parents instead ('<parent>-N').",
      },
    )
    this.identifier = options.identifier
    this.at = options.at
    this.candidates = options.candidates
  }
}

/**
 * A version-table change does not fit the rows it is applied to: an UPDATE or DELETE
 * matches no row, or an INSERT or UPDATE would duplicate one (someone else changed the table).
 */
export class VersionTableConflictError extends RevisionResolutionError {
  /** The rows the change was applied to. */
  readonly rows: readonly string[]
  constructor(message: string, rows: readonly string[]) {
    super(message, {
      hint: 'Another process may have changed the version table; run `stratum current` and retry.',
    })
    this.rows = rows
  }
}

/** A migration lock could not be taken in time. */
export class LockError extends MigrationError {}

/** The database cannot be reached. */
export class ConnectionError extends MigrationError {}

/** An `op.*` call got an invalid argument; names the method and the argument. */
export class InvalidOperationError extends MigrationError {
  /** The `op` method, e.g. `createIndex`. */
  readonly method: string
  /** The argument at fault, e.g. `columns[1]` or `options.before`. */
  readonly argument: string
  constructor(method: string, argument: string, problem: string, options: ErrorOptions = {}) {
    super('INVALID_OPERATION', `op.${method}(): ${argument} ${problem}`, options)
    this.method = method
    this.argument = argument
  }
}

/** The migration lock stayed taken until the timeout; names who holds it where the database can tell. */
export class LockTimeoutError extends LockError {
  /** The holder (pid, host, user, since, application), when the database reports one. */
  readonly holder:
    | {
        readonly pid?: number | string
        readonly host?: string
        readonly user?: string
        readonly since?: Date
        readonly application?: string
      }
    | undefined
  readonly timeoutMs: number
  constructor(
    message: string,
    details: { holder: LockTimeoutError['holder']; timeoutMs: number; hint?: string },
  ) {
    super('LOCK_TIMEOUT', message, { hint: details.hint })
    this.holder = details.holder
    this.timeoutMs = details.timeoutMs
  }
}

/**
 * A revision ran only in part on a database without transactional DDL (MySQL, MariaDB) or
 * outside a transaction, and nobody has resolved it yet: runs refuse to continue.
 */
export class PartiallyAppliedError extends MigrationError {
  readonly revision: string
  readonly statementsDone: number
  /** Undefined when the revision's statements could not be counted in advance. */
  readonly statementsTotal: number | undefined
  constructor(details: {
    revision: string
    statementsDone: number
    statementsTotal: number | undefined
  }) {
    const of = details.statementsTotal === undefined ? '' : ` of ${details.statementsTotal}`
    super(
      'PARTIALLY_APPLIED',
      `revision ${details.revision} partially applied: ${details.statementsDone}${of} statements ran`,
      {
        hint: "Finish or undo it by hand, then record which: 'stratum repair --resolve applied' or 'stratum repair --resolve rolled-back' (or 'stratum stamp').",
      },
    )
    this.revision = details.revision
    this.statementsDone = details.statementsDone
    this.statementsTotal = details.statementsTotal
  }
}

/** An applied revision's file changed since it ran (its checksum differs from the recorded one). */
export class ChecksumMismatchError extends MigrationError {
  readonly revision: string
  readonly path: string
  readonly recorded: string
  readonly actual: string
  constructor(details: { revision: string; path: string; recorded: string; actual: string }) {
    super(
      'CHECKSUM_MISMATCH',
      `${details.path} changed after revision ${details.revision} was applied (checksum ${details.actual.slice(0, 12)}, recorded ${details.recorded.slice(0, 12)})`,
      {
        hint: "Restore the file, or if the change is intended record the current files with 'stratum repair'.",
      },
    )
    this.revision = details.revision
    this.path = details.path
    this.recorded = details.recorded
    this.actual = details.actual
  }
}

/**
 * The version table disagrees with the revision files or the history (someone edited it,
 * deleted an applied revision's file, or dropped the history table). Codes:
 * `UNKNOWN_VERSION_ROW`, `REVISION_FILE_DELETED`, `REDUNDANT_VERSION_ROWS`,
 * `HISTORY_TABLE_MISSING`, `HISTORY_MISMATCH`. Runs refuse to start until it is resolved.
 */
export class VersionStateError extends MigrationError {}

/**
 * A model definition is invalid, or model discovery failed: a module that does not import,
 * a pattern that matches no file, two tables with one name, a foreign key to a table no
 * model defines. `files` names the model files involved, when known.
 */
export class ModelError extends MigrationError {
  readonly files: readonly string[]
  constructor(
    code: string,
    message: string,
    options: ErrorOptions & { files?: readonly string[] } = {},
  ) {
    super(code, message, options)
    this.files = options.files ?? []
  }
}

/**
 * A hook of the config's `hooks` threw (code `HOOK_FAILED`). The run stopped; the run's error
 * (`MigrationUpgradeError` / `MigrationDowngradeError`, same code) carries it as `cause`, and
 * this error's `cause` is what the hook threw (secrets masked).
 */
export class HookError extends MigrationError {
  /** The hook, e.g. `beforeRevision`. */
  readonly hook: string
  /** The revision a revision hook ran around; undefined for the run hooks. */
  readonly revision: string | undefined
  constructor(
    hook: string,
    message: string,
    options: ErrorOptions & { revision?: string | undefined } = {},
  ) {
    super('HOOK_FAILED', message, options)
    this.hook = hook
    this.revision = options.revision
  }
}

/**
 * A `postWrite` command failed (code `POST_WRITE_FAILED`): it exited non-zero, was not
 * found, or could not start. The revision file stays written; `path` names it.
 */
export class PostWriteError extends MigrationCreationError {
  /** The command line as configured. */
  readonly command: string
  /** Its exit code; undefined when it could not start or was killed by a signal. */
  readonly exitCode: number | undefined
  /** The revision file that was written. */
  readonly path: string
  constructor(
    details: { command: string; exitCode: number | undefined; path: string },
    message: string,
    options: ErrorOptions = {},
  ) {
    super('POST_WRITE_FAILED', message, options)
    this.command = details.command
    this.exitCode = details.exitCode
    this.path = details.path
  }
}

/**
 * A backup or a restore failed, or was refused before it touched the database. Codes:
 * `BACKUP_TOOL_MISSING` (pg_dump, mariadb-dump... not on PATH), `BACKUP_FAILED` (the dump
 * tool failed, the disk is full, the folder is not writable), `BACKUP_UNSUPPORTED` (the
 * dialect cannot back up, or not this database), `RESTORE_FILE_INVALID` (missing, truncated,
 * altered or not a dump of this kind of database: checked before anything changes),
 * `RESTORE_TOOL_MISSING`, `RESTORE_FAILED`.
 */
export class BackupError extends MigrationError {}
