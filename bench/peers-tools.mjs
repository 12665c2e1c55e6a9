// The commands issue 6's peer benchmark times (bench/peers.mjs): process measurement, the
// throwaway PostgreSQL databases, and for every tool how it upgrades, downgrades and
// reports status. Every tool runs in its default transaction mode.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  bin,
  createDatabase as createServerDatabase,
  dropDatabase,
  hasTime,
  measure as measureWithOutput,
  pgQuery,
  pgUrl,
  postgresVersion,
  psqlArgs,
  root,
  work,
} from './postgres.mjs'

export { bin, dropDatabase, hasTime, pgQuery, pgUrl, postgresVersion, work }

const binaries = join(root, 'node_modules', '.bin')
const kyselyScript = join(root, 'bench', 'peers-kysely.mjs')

/** Times a command as bench/postgres.mjs does, with the tool's output thrown away. */
export const measure = (command, args, options = {}) =>
  measureWithOutput(command, args, { stdout: 'ignore', ...options })

/** Creates a throwaway database for one peer run and returns its name. */
export const createDatabase = () => createServerDatabase('stratum_peers')

/** How many of the workload's tables (`t_…`) a database holds. */
export const workloadTables = (database) =>
  Number(
    pgQuery(
      database,
      "SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'",
    ),
  )

/** Stratum's CLI with some arguments, run in `cwd`. */
export const stratum = (args, cwd, options = {}) =>
  measure(process.execPath, [bin, ...args], { cwd, ...options })

/** Writes `stratum <args> --sql` output of a project to a file and returns the file. */
export function writeScript(project, args, file) {
  const result = stratum(['--url', pgUrl('placeholder'), ...args, '--sql'], project, {
    stdout: 'pipe',
  })
  if (result.error) throw new Error(`stratum ${args.join(' ')} --sql failed: ${result.error}`)
  writeFileSync(file, result.stdout)
  return file
}

const psqlFile = (database, flags, file) =>
  measure('psql', [...psqlArgs(database), '-v', 'ON_ERROR_STOP=1', ...flags, '-f', file])

/**
 * The tools of one workload size. `paths` holds the Stratum project, the peers' projects
 * (writePeerProjects) and the offline scripts (`upNone`, `upEach`, `downNone`, `downEach`).
 * `mode` is the transaction mode each runs in; `floor` names the psql row it is compared to.
 *
 * @example peerTools(paths).map((tool) => tool.name)
 */
export function peerTools(paths) {
  const env = (database) => ({ env: { DATABASE_URL: pgUrl(database) } })
  const knex = (database, args) =>
    measure(join(binaries, 'knex'), ['--knexfile', 'knexfile.cjs', ...args], {
      cwd: paths.knex,
      ...env(database),
    })
  const kysely = (database, command) =>
    measure(process.execPath, [kyselyScript, command, 'migrations'], {
      cwd: paths.kysely,
      ...env(database),
    })
  const nodePgMigrate = (database, args) =>
    measure(join(binaries, 'node-pg-migrate'), [...args, '-m', 'migrations'], {
      cwd: paths.nodePgMigrate,
      ...env(database),
    })
  const project = paths.stratum
  return [
    {
      name: 'psql -1 (floor)',
      mode: 'one transaction',
      up: (database) => psqlFile(database, ['-1'], paths.upNone),
      down: (database) => psqlFile(database, ['-1'], paths.downNone),
    },
    {
      name: 'psql (floor)',
      mode: 'per revision',
      up: (database) => psqlFile(database, [], paths.upEach),
      down: (database) => psqlFile(database, [], paths.downEach),
    },
    {
      name: 'stratum',
      mode: 'per revision',
      up: (database) => stratum(['--url', pgUrl(database), '-q', 'upgrade', 'head'], project),
      down: (database) => stratum(['--url', pgUrl(database), '-q', 'downgrade', 'base'], project),
      status: (database) => stratum(['--url', pgUrl(database), 'status'], project),
    },
    {
      name: 'stratum --transaction-mode all',
      mode: 'one transaction',
      up: (database) =>
        stratum(
          ['--url', pgUrl(database), '-q', 'upgrade', 'head', '--transaction-mode', 'all'],
          project,
        ),
      down: (database) =>
        stratum(
          ['--url', pgUrl(database), '-q', 'downgrade', 'base', '--transaction-mode', 'all'],
          project,
        ),
    },
    {
      name: 'knex migrate:latest',
      mode: 'one transaction',
      up: (database) => knex(database, ['migrate:latest']),
      down: (database) => knex(database, ['migrate:rollback', '--all']),
      status: (database) => knex(database, ['migrate:status']),
    },
    {
      name: 'kysely Migrator',
      mode: 'one transaction',
      up: (database) => kysely(database, 'up'),
      down: (database) => kysely(database, 'down'),
      status: (database) => kysely(database, 'status'),
    },
    {
      name: 'node-pg-migrate',
      mode: 'one transaction',
      up: (database) => nodePgMigrate(database, ['up']),
      down: (database) => nodePgMigrate(database, ['down', String(paths.count)]),
    },
  ]
}
