// A SQLite project for in-process tests of the database commands.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { type MainResult, runMain } from './run-main.js'

/** Three revisions in a row: a, b, c (each creates a table). */
export const LINE: readonly RevisionSpec[] = [
  { id: 'a', message: 'create users' },
  { id: 'b', down: 'a', message: 'add email' },
  { id: 'c', down: 'b', message: 'add orders' },
]

/** A revision whose third of five statements is invalid. */
export function failing(id: string, down: string, bad = true): RevisionSpec {
  const table = (name: string) =>
    `await op.createTable('${id}_${name}', [{ name: 'id', type: 'integer' }])`
  return {
    id,
    down,
    message: 'five statements',
    upgrade: [
      table('one'),
      table('two'),
      `await op.execute('${bad ? 'THIS IS NOT SQL' : 'SELECT 1'}')`,
      table('four'),
      table('five'),
    ].join('\n  '),
    downgrade: ['one', 'two', 'four', 'five']
      .map((name) => `await op.dropTable('${id}_${name}')`)
      .join('\n  '),
  }
}

/** A project on a SQLite file in its own folder, and a way to run the CLI in it. */
export interface CliProject extends Project {
  run(...argv: string[]): Promise<MainResult>
  /** Runs and expects exit 0 and an empty stderr; returns stdout. */
  ok(...argv: string[]): Promise<string>
}

/**
 * A project on `sqlite:<dir>/app.db` with the given revisions.
 *
 * @example
 * const project = await cliProject(LINE)
 * await project.ok('upgrade')
 */
export async function cliProject(revisions: readonly RevisionSpec[]): Promise<CliProject> {
  const project = await createProject({ url: 'sqlite:app.db', revisions })
  // Absolute: the tests run in this process, whose working directory is not the project's.
  const url = `sqlite:${join(project.dir, 'app.db')}`
  const config = { url, migrations: 'migrations' }
  writeFileSync(join(project.dir, 'stratum.config.json'), JSON.stringify(config))
  const run = (...argv: string[]) => runMain(argv, { cwd: project.dir })
  return Object.assign(project, {
    url,
    run,
    async ok(...argv: string[]) {
      const result = await run(...argv)
      if (result.code !== 0 || result.stderr !== '') {
        throw new Error(`stratum ${argv.join(' ')} exited ${result.code}:\n${result.stderr}`)
      }
      return result.stdout
    },
  })
}

/** The text of a file. */
export const read = (path: string) => readFileSync(path, 'utf8')
