import { join, sep } from 'node:path'
import type { Command } from 'commander'
import type { CliContext } from './context.js'

/** `stratum init [dir]`: create the migrations folder and `stratum.config.ts`. */
export function registerInit(program: Command, context: CliContext): void {
  program
    .command('init')
    .description(
      'create the migrations folder (versions/, script.ts.tmpl, README.md) and stratum.config.ts',
    )
    .argument('[dir]', "the migrations folder to create (default migrations, or --db's folder)")
    .action(async (dir: string | undefined) => {
      // With --db, the folder is that database's (from the existing config).
      const directory =
        dir ??
        (context.globals.db === undefined ? 'migrations' : (await context.loadConfig()).migrations)
      // Loaded here: the other commands do not need the templates init writes.
      const { init } = await import('../commands/init.js')
      const result = await init({
        cwd: context.io.cwd,
        directory,
        configPath: context.globals.config,
      })
      const out = context.out
      const config = out.path(result.configPath)
      if (!result.configCreated) {
        out.warn(
          `${config} already exists and was left unchanged; check that its 'migrations' field points at ${out.path(result.directory)}`,
        )
      }
      if (out.json) {
        out.printJson({
          directory: result.directory,
          configPath: result.configPath,
          configCreated: result.configCreated,
          created: result.created,
        })
        return
      }
      const folders = new Set([result.directory, join(result.directory, 'versions')])
      for (const path of result.created) {
        out.status(`Created ${out.path(path)}${folders.has(path) ? sep : ''}`)
      }
      if (result.gitignore?.change === 'appended') {
        out.status(`Added the dumps folder to ${out.path(result.gitignore.path)}`)
      }
      const next = 'then write a first revision: stratum revision -m "create users table"'
      out.status(
        result.configCreated
          ? `Edit ${config} (its url comes from DATABASE_URL), ${next}`
          : `Check ${config}, ${next}`,
      )
    })
}
