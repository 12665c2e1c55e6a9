import { createInterface } from 'node:readline'
import type { ResolvedConfig } from '../config/types.js'
import { MigrationError } from '../errors.js'
import type { CliContext } from './context.js'

/**
 * Ask `question` on the terminal and go on only on `y`/`yes`. With `yes` (the `--yes` flag)
 * nothing is asked. Without a terminal on stdin it refuses rather than guess: a
 * `MigrationError` with code `CONFIRMATION_REQUIRED` and a hint to pass `--yes`. Any other
 * answer (or the end of input) is code `CONFIRMATION_DECLINED`. Either way nothing has changed.
 *
 * @example
 * await confirm(context, 'Restore dumps/app.sql over the database?', { yes: flags.yes === true })
 */
export async function confirm(
  context: CliContext,
  question: string,
  options: { readonly yes: boolean },
): Promise<void> {
  if (options.yes) return
  const input = context.io.stdin ?? process.stdin
  if (input.isTTY !== true) {
    throw new MigrationError(
      'CONFIRMATION_REQUIRED',
      `${question} Refusing without a terminal to confirm on; nothing was changed`,
      { hint: 'Pass --yes to confirm in scripts.' },
    )
  }
  const reader = createInterface({ input, terminal: false })
  context.io.stderr.write(`${question} [y/N] `)
  const answer = await new Promise<string | undefined>((resolve) => {
    reader.once('line', resolve)
    reader.once('close', () => resolve(undefined))
  })
  reader.close()
  if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) return
  throw new MigrationError('CONFIRMATION_DECLINED', 'Cancelled: nothing was changed')
}

/**
 * For a destructive command (`downgrade`, `stamp --purge`, `restore`): when the environment in
 * effect is `protected`, confirm first (see `confirm`); otherwise go on.
 *
 * @example
 * await confirmIfProtected(context, config, 'downgrade to -1', { yes })
 */
export async function confirmIfProtected(
  context: CliContext,
  config: ResolvedConfig,
  action: string,
  options: { readonly yes: boolean },
): Promise<void> {
  if (!config.protected) return
  const where = config.database === undefined ? '' : ` (database '${config.database}')`
  await confirm(
    context,
    `The environment '${config.environment}' is protected: ${action}${where}?`,
    options,
  )
}
