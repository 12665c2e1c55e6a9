import { MigrationError } from '../errors.js'
import type { RevisionVerification, VerifyReport } from '../runtime/verify-report.js'
import { formatDuration } from './format-run.js'
import type { Colors } from './output.js'

/**
 * The start of a revision's progress line: `Verifying 3f2a9c1b7d4e, add email ...`.
 *
 * @example
 * verifyStart({ revision: 'a1', message: 'create users' }, colors) // 'Verifying a1, create users ...'
 */
export function verifyStart(
  event: { readonly revision: string; readonly message: string },
  colors: Colors,
): string {
  const message = event.message === '' ? '' : `, ${event.message}`
  return `Verifying ${colors.yellow(event.revision)}${message} ...`
}

/**
 * The end of a revision's progress line: ` restored (upgrade 12 ms, downgrade 4 ms)`,
 * ` NOT RESTORED (...)`, ` skipped: irreversible (upgrade 3 ms)`, ` upgrade failed (5 ms)`.
 *
 * @example
 * verifyEnd(result, colors) // ' restored (upgrade 12 ms, downgrade 4 ms)'
 */
export function verifyEnd(result: RevisionVerification, colors: Colors): string {
  const times = [`upgrade ${formatDuration(result.upgradeMs)}`]
  if (result.downgradeMs !== null) times.push(`downgrade ${formatDuration(result.downgradeMs)}`)
  const word: Record<RevisionVerification['status'], string> = {
    restored: colors.green('restored'),
    'not restored': colors.red('NOT RESTORED'),
    irreversible: colors.yellow('skipped: irreversible, no downgrade to check'),
    'upgrade failed': colors.red('upgrade failed'),
    'downgrade failed': colors.red('downgrade failed'),
    'reupgrade failed': colors.red('upgrade after the downgrade failed'),
  }
  return ` ${word[result.status]} (${times.join(', ')})`
}

/**
 * The closing line of a verification that passed.
 *
 * @example
 * verifySummary(report) // 'Verified 5 revisions: every downgrade restores the schema.'
 */
export function verifySummary(report: VerifyReport): string {
  const count = report.revisions.length
  if (count === 0) return 'No revisions to verify.'
  const skipped = report.revisions.filter((r) => r.status === 'irreversible').length
  const checked = count - skipped
  const revisions = (n: number) => (n === 1 ? '1 revision' : `${n} revisions`)
  const main = `Verified ${revisions(checked)}: every downgrade restores the schema.`
  if (skipped === 0) return main
  const those = skipped === 1 ? 'it has no downgrade' : 'they have no downgrade'
  return `${main} Skipped ${revisions(skipped)} (irreversible: ${those}; --strict fails instead).`
}

/**
 * The error for a verification that failed: one line naming the revision, and a hint.
 *
 * @example
 * throw verifyFailure(report.failed)
 */
export function verifyFailure(failed: RevisionVerification): MigrationError {
  const name = `${failed.revision}${failed.message === '' ? '' : ` (${failed.message})`}`
  const reason = failed.error?.message ?? ''
  const own = failed.error?.hint
  switch (failed.status) {
    case 'not restored': {
      const n = failed.differences.length
      return new MigrationError(
        'VERIFY_FAILED',
        `verify failed: the downgrade of ${name} does not restore the schema (${n === 1 ? '1 difference' : `${n} differences`})`,
        { hint: 'Make its downgrade undo exactly what its upgrade does.' },
      )
    }
    case 'irreversible':
      return new MigrationError(
        'VERIFY_FAILED',
        `verify failed: revision ${name} cannot be downgraded (--strict): ${reason}`,
        { hint: 'Add a downgrade, or verify without --strict to skip it.' },
      )
    case 'reupgrade failed':
      return new MigrationError(
        'VERIFY_FAILED',
        `verify failed: upgrading ${name} again after its downgrade failed: ${reason}`,
        {
          hint:
            own ??
            'Its downgrade may leave what the schema snapshot does not read (a view, function, sequence or trigger).',
        },
      )
    default:
      return new MigrationError('VERIFY_FAILED', `verify failed: ${reason}`, {
        ...(own === undefined ? {} : { hint: own }),
      })
  }
}
