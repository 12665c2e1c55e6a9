import type { CreatedRevision } from '../commands/create-revision.js'
import type { CliContext } from './context.js'
import { revisionToJson } from './format-revision.js'

/**
 * Report a revision file that `revision` or `merge` wrote: Alembic's
 * `Generating <path> ... done`, only the path under `--quiet`, or the revision as JSON.
 * With `--verbose`, what the `postWrite` commands ran and printed goes to stderr.
 */
export function printCreated(context: CliContext, created: CreatedRevision): void {
  const out = context.out
  if (context.globals.verbose) printPostWrite(context, created.postWrite)
  if (out.json) out.printJson({ ...revisionToJson(created.revision), path: created.path })
  else if (out.quiet) out.print(out.path(created.path))
  else out.print(`Generating ${out.path(created.path)} ... ${out.colors.green('done')}`)
}

function printPostWrite(context: CliContext, results: CreatedRevision['postWrite']): void {
  const write = (text: string) => context.io.stderr.write(`${text}\n`)
  for (const result of results) {
    write(`postWrite: ${result.commandLine} (${result.durationMs} ms)`)
    for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
      if (line.trim() !== '') write(`  ${line.trimEnd()}`)
    }
  }
}
