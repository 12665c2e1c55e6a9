import type { UnmodelledObject } from '../dialects/dialect.js'
import { describeUnmodelled, sortUnmodelled } from '../pull/describe-unmodelled.js'
import type { CliContext } from './context.js'

/**
 * Warn about database objects a command leaves out (kept under `--quiet` and `--json`): one
 * warning line saying what happened to them, then one line per object on stderr.
 *
 * @example
 * printUnmodelled(context, result.unmodelled, { what: () => 'not modelled', notes: [] })
 */
export function printUnmodelled(
  context: CliContext,
  items: readonly UnmodelledObject[],
  options: {
    /** What happened to them, for one object (`false`) or several. */
    readonly what: (several: boolean) => string
    readonly notes: readonly string[]
  },
): void {
  const lines = [...sortUnmodelled(items).map(describeUnmodelled), ...options.notes]
  if (lines.length === 0) return
  const count = lines.length === 1 ? '1 object' : `${lines.length} objects`
  context.out.warn(`${count} ${options.what(lines.length > 1)}:`)
  for (const line of lines) context.io.stderr.write(`  - ${line}\n`)
}
