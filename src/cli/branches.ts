import type { Command } from 'commander'
import { branches } from '../commands/branches.js'
import type { CliContext } from './context.js'
import { formatRevisionLine, revisionToJson } from './format-revision.js'

/** `stratum branches`: every branch point and the revisions it branches into. */
export function registerBranches(program: Command, context: CliContext): void {
  program
    .command('branches')
    .description('show the branch points and their children')
    .action(async () => {
      const config = await context.loadConfig()
      const points = await branches({ config })
      const out = context.out
      if (out.json) {
        out.printJson(points.map(({ point }) => revisionToJson(point)))
        return
      }
      const colors = out.colors
      const groups = points.map(({ point, children }) => {
        const lines = [formatRevisionLine(point, { colors, treeMarkers: true, message: true })]
        const indent = ' '.repeat(point.revision.length)
        for (const child of children) {
          const line = formatRevisionLine(child, {
            colors,
            headMarkers: true,
            treeMarkers: true,
            message: true,
          })
          lines.push(`${indent} -> ${line}`)
        }
        return lines.join('\n')
      })
      if (groups.length > 0) out.print(groups.join('\n\n'))
    })
}
