/**
 * The run log of the commands that change the database (`upgrade`, `downgrade`, `stamp`,
 * `repair`): with `logging.file` set, a logger from `config.logging` (`--verbose` lowers the
 * level to `debug`) follows the Migrator's events and writes the run to the file. Without
 * it nothing is opened and the terminal output is the same.
 */
import type { RunLog, RunLogStart } from '../logging/index.js'
import type { Migrator, RunOptions } from '../runtime/migrator.js'
import type { RepairOptions, RepairResult } from '../runtime/repair.js'
import type { Direction, RunReport } from '../runtime/report.js'
import type { StampResult } from '../runtime/stamp.js'
import type { CliContext } from './context.js'

/**
 * Run `work` with the run log attached: the start line first, then the revisions as they
 * run, then `end` (success) or the masked error. A log file that cannot be opened stops the
 * command before it touches the database; one that fails later (a full disk) only warns.
 *
 * @example
 * const result = await logged(context, migrator, { command: 'stamp', target: 'head' }, () => migrator.stamp(['head']), (log, r) => log.stamped(r))
 */
export async function logged<T>(
  context: CliContext,
  migrator: Migrator,
  start: Omit<RunLogStart, 'url'>,
  work: () => Promise<T>,
  end: (log: RunLog, result: T) => void,
): Promise<T> {
  const { config } = migrator
  const file = config.logging.file
  if (file === undefined) return work()
  // Loaded only when a log is configured: the other runs start without it.
  const { createLogger, RunLog } = await import('../logging/index.js')
  const logger = createLogger({
    level: context.globals.verbose ? 'debug' : config.logging.level,
    format: config.logging.format,
    file,
    secrets: [...context.secrets],
    context: { database: config.database, environment: config.environment },
  })
  const log = new RunLog(logger, { ...start, url: config.url })
  const detach = log.attach(migrator)
  try {
    const result = await work()
    end(log, result)
    return result
  } catch (error) {
    log.failed(error)
    throw error
  } finally {
    detach()
    logger.close()
    const failure = logger.failure
    if (failure !== undefined) {
      context.out.warn(`could not write the log file ${context.out.path(file)}: ${failure.message}`)
    }
  }
}

/**
 * `migrator.upgrade(target, options)` or `migrator.downgrade(target, options)`, logged.
 *
 * @example
 * const report = await loggedMove(context, migrator, 'upgrade', 'head', { backup: false })
 */
export function loggedMove(
  context: CliContext,
  migrator: Migrator,
  direction: Direction,
  target: string,
  options: RunOptions & { sql?: false } = {},
): Promise<RunReport> {
  return logged(
    context,
    migrator,
    { command: direction, target },
    () =>
      direction === 'upgrade'
        ? migrator.upgrade(target, options)
        : migrator.downgrade(target, options),
    (log, report) => log.finished(report),
  )
}

/**
 * `migrator.stamp(targets, { purge })`, logged with the rows before and after.
 *
 * @example
 * const result = await loggedStamp(context, migrator, ['head'], false)
 */
export function loggedStamp(
  context: CliContext,
  migrator: Migrator,
  targets: readonly string[],
  purge: boolean,
): Promise<StampResult> {
  return logged(
    context,
    migrator,
    { command: 'stamp', target: targets.join(' ') },
    () => migrator.stamp(targets, { purge }),
    (log, result) => log.stamped(result, { purge }),
  )
}

/**
 * `migrator.repair(options)`, logged with each checksum accepted and the revision resolved.
 *
 * @example
 * const result = await loggedRepair(context, migrator, { resolve: 'applied' })
 */
export function loggedRepair(
  context: CliContext,
  migrator: Migrator,
  options: RepairOptions,
): Promise<RepairResult> {
  return logged(
    context,
    migrator,
    { command: 'repair' },
    () => migrator.repair(options),
    (log, result) => log.repaired(result),
  )
}
