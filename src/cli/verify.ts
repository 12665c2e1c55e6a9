import type { Command } from 'commander'
import type { VerifyProgress } from '../runtime/verify-report.js'
import type { CliContext } from './context.js'
import { EXIT_FAILURE } from './exit-codes.js'
import { verifyEnd, verifyFailure, verifyStart, verifySummary } from './format-verify.js'

/** The flags of `verify`. */
interface VerifyFlags {
  readonly scratchUrl?: string
  readonly range?: string
  readonly strict?: boolean
}

/**
 * `stratum verify`: on a scratch database, upgrade to each revision, downgrade it, check the
 * schema is back, upgrade again. One progress line per revision; the differences of a
 * downgrade that does not restore the schema, then an error naming it (exit 1). `--json`
 * prints the per-revision results. Ctrl-C stops after the current step and drops the
 * scratch database (a second Ctrl-C kills at once).
 */
export function registerVerify(program: Command, context: CliContext): void {
  program
    .command('verify')
    .description(
      'check on a scratch database that each downgrade restores the schema its upgrade started from',
    )
    .option(
      '--scratch-url <url>',
      'where the scratch database is created (default: PGlite in memory for PostgreSQL, SQLite in memory, a new database on the MySQL server)',
    )
    .option('--range <A:B>', 'only the revisions of a range; those below it are applied unchecked')
    .option('--strict', 'fail on irreversible revisions (no downgrade) instead of skipping them')
    .action(async (flags: VerifyFlags) => {
      context.addSecretsOf(flags.scratchUrl)
      const config = await context.loadConfig()
      const { verify } = await import('../runtime/verify.js')
      const out = context.out
      const controller = new AbortController()
      const stop = () => {
        out.note('Interrupted: stopping after the current step and dropping the scratch database')
        controller.abort()
      }
      // `once`: a second Ctrl-C finds no listener and ends the process at once.
      process.once('SIGINT', stop)
      process.once('SIGTERM', stop)
      let lineOpen = false
      const onProgress = (event: VerifyProgress) => {
        if (lineOpen && event.kind !== 'end') out.progress('\n')
        lineOpen = false
        if (event.kind === 'scratch')
          out.status(`Verifying on a scratch database: ${event.description}`)
        else if (event.kind === 'prepare') {
          const { revisions } = event
          const which =
            revisions.length <= 5 ? revisions.join(', ') : `${revisions.length} revisions`
          out.status(`Applying what lies below the range first, unchecked: ${which}`)
        } else if (event.kind === 'start') {
          out.progress(verifyStart(event, out.colors))
          lineOpen = true
        } else out.progress(`${verifyEnd(event.result, out.colors)}\n`)
      }
      let report: Awaited<ReturnType<typeof verify>>
      try {
        report = await verify({
          config,
          scratchUrl: flags.scratchUrl,
          range: flags.range,
          strict: flags.strict === true,
          x: context.globals.x,
          signal: controller.signal,
          onProgress,
        })
      } finally {
        if (lineOpen) out.progress('\n')
        process.off('SIGINT', stop)
        process.off('SIGTERM', stop)
      }
      if (out.json) {
        out.printJson(report.revisions)
        if (!report.ok) context.exitCode = EXIT_FAILURE
        return
      }
      const failed = report.failed
      if (failed === undefined) {
        out.status(verifySummary(report))
        return
      }
      for (const difference of failed.differences) out.print(`  ${difference.text}`)
      throw verifyFailure(failed)
    })
}
