import type { Command } from 'commander'
import { type ConfigDescription, describeConfig } from '../config/describe.js'
import type { CliContext } from './context.js'

/** What `stratum config` shows: one database's config, or every database's. */
type Shown = ConfigDescription | { readonly databases: Record<string, ConfigDescription> }

/**
 * `stratum config`: the effective configuration after `--env`/`STRATUM_ENV`, `--db` and
 * `--url`, with secrets masked; `--json` prints it as an object. When the project declares
 * several databases and `--db` names none, each database's configuration is shown.
 */
export function registerConfig(program: Command, context: CliContext): void {
  program
    .command('config')
    .description(
      'show the effective configuration (environment and overrides applied, secrets masked)',
    )
    .action(async () => {
      const config = await context.loadConfig({ anyDatabase: true })
      let shown: Shown = describeConfig(config)
      if (config.database === undefined && config.databases.length > 1) {
        const databases: Record<string, ConfigDescription> = {}
        for (const database of config.databases) {
          databases[database] = describeConfig(await context.loadConfig({ database }))
        }
        shown = { databases }
      }
      if (context.out.json) context.out.printJson(shown)
      else for (const line of formatLines(shown, '')) context.out.print(line)
    })
}

/** `key: value` lines, nested objects indented by two spaces, lists inline. */
function formatLines(value: object, indent: string): string[] {
  const lines: string[] = []
  for (const [key, item] of Object.entries(value)) {
    if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
      lines.push(`${indent}${key}:`, ...formatLines(item, `${indent}  `))
    } else {
      lines.push(`${indent}${key}: ${formatValue(item)}`)
    }
  }
  return lines
}

function formatValue(value: unknown): string {
  if (value === null) return '(none)'
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ')
  return String(value)
}
