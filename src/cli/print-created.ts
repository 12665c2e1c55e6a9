import type { CreatedRevision } from '../commands/create-revision.js'
import type { CliContext } from './context.js'
import { revisionToJson } from './format-revision.js'

/**
 * Report a revision file that `revision` or `merge` wrote: Alembic's
 * `Generating <path> ... done`, only the path under `--quiet`, or the revision as JSON.
 */
export function printCreated(context: CliContext, created: CreatedRevision): void {
  const out = context.out
  if (out.json) out.printJson({ ...revisionToJson(created.revision), path: created.path })
  else if (out.quiet) out.print(out.path(created.path))
  else out.print(`Generating ${out.path(created.path)} ... ${out.colors.green('done')}`)
}
