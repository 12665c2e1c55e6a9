// Hooks and postWrite as a user meets them, through the built bin/stratum: a
// stratum.config.ts whose typed hooks write a log file and an audit table through `db`,
// `-x` values reaching them, a throwing hook stopping the run with one clear line, and
// postWrite commands that format each new revision file (output only with --verbose) or fail.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { shellQuote } from '../../src/script/post-write.js'
import { tempProject } from '../commands/project.js'
import { withConnection } from '../runtime/targets.js'
import { postgresDatabase, sqliteDatabase } from '../support/databases.js'
import { expectOneLineError, ok, stratum } from './stratum.js'

const targets = [
  { name: 'sqlite', database: sqliteDatabase('e2e_hooks') },
  { name: 'postgres', database: await postgresDatabase('e2e_hooks') },
]
afterAll(() => Promise.all(targets.map((target) => target.database.drop())))

const LONG = 180_000
const NODE = shellQuote(process.execPath)
const FORMAT = `${NODE} -e "require('fs').appendFileSync(process.argv[1], '// formatted by postWrite\\n'); console.log('formatted', process.argv[1])" {file}`
const BROKEN = `${NODE} -e "console.error('formatter: cannot parse'); process.exit(1)"`

/** The config: hooks that log every call and audit each upgraded revision through `db`. */
function config(url: string, log: string, postWrite: readonly string[]): string {
  return `import { appendFileSync } from 'node:fs'
import { defineConfig, type RunHookContext } from 'stratum'

const log = (line: string) => appendFileSync(${JSON.stringify(log)}, line + '\\n')
const run = (name: string) => ({ target, x, url }: RunHookContext) =>
  log(\`\${name} \${target} \${JSON.stringify(x)} \${url === ${JSON.stringify(url)}}\`)

export default defineConfig({
  url: ${JSON.stringify(url)},
  hooks: {
    beforeUpgrade: run('beforeUpgrade'),
    beforeDowngrade: run('beforeDowngrade'),
    async beforeRevision({ revision, direction, x }) {
      log(\`beforeRevision \${revision} \${direction}\`)
      if (x.fail === revision) throw new Error(\`refusing \${revision}\`)
    },
    async afterRevision({ revision, direction, message, db, x }) {
      log(\`afterRevision \${revision} \${direction} \${message}\`)
      if (direction === 'upgrade') {
        await db.insertInto('audit').values({ revision, note: x.note ?? '' }).execute()
      }
    },
    afterUpgrade: ({ applied }) => log(\`afterUpgrade \${applied.join(',')}\`),
    afterDowngrade: ({ applied }) => log(\`afterDowngrade \${applied.join(',')}\`),
  },
  models: ['models/*.ts'],
  exclude: ['audit', 'widgets', 'gadgets'],
  postWrite: ${JSON.stringify(postWrite)},
})
`
}

/** Fills the placeholder bodies of a revision file. */
function fill(path: string, upgrade: string, downgrade: string): void {
  const text = readFileSync(path, 'utf8')
  writeFileSync(
    path,
    text
      .replace(/^ {2}\/\/ Write the schema changes.*$/m, `  ${upgrade}`)
      .replace(/^ {2}\/\/ Undo the upgrade.*$/m, `  ${downgrade}`),
  )
}

describe.each(targets)('hooks e2e on $name', ({ database }) => {
  it.skipIf(!database.available)(
    'postWrite formats new files; hooks log, audit through db, see -x, and stop a run',
    async () => {
      const project = tempProject('stratum-e2e-hooks-')
      const cwd = project.root
      const logPath = join(cwd, 'hooks.log')
      const logLines = () =>
        existsSync(logPath) ? readFileSync(logPath, 'utf8').split('\n').filter(Boolean) : []
      const writeConfig = (postWrite: readonly string[]) =>
        writeFileSync(join(cwd, 'stratum.config.ts'), config(database.url, logPath, postWrite))
      try {
        ok(cwd, 'init')
        writeConfig([FORMAT])
        const versions = join(cwd, 'migrations', 'versions')
        const pathOf = (id: string) =>
          join(versions, readdirSync(versions).find((name) => name.includes(id)) ?? id)

        // postWrite runs on each file; its output shows only with --verbose.
        const created = stratum(cwd, 'revision', '-m', 'create audit', '--rev-id', 'a1')
        expect(created).toMatchObject({ code: 0, stderr: '' })
        expect(created.stdout).toMatch(/^Generating .*a1_create_audit\.ts \.\.\. done\n$/)
        const verbose = stratum(cwd, '--verbose', 'revision', '-m', 'widgets', '--rev-id', 'b2')
        expect(verbose.code).toBe(0)
        expect(verbose.stderr).toContain(`postWrite: ${NODE} -e`)
        expect(verbose.stderr).toContain(`  formatted ${pathOf('b2')}`)
        ok(cwd, 'revision', '-m', 'gadgets', '--rev-id', 'c3')
        for (const id of ['a1', 'b2', 'c3']) {
          expect(readFileSync(pathOf(id), 'utf8').endsWith('// formatted by postWrite\n')).toBe(
            true,
          )
        }
        fill(
          pathOf('a1'),
          "await op.createTable('audit', [{ name: 'revision', type: 'varchar(32)' }, { name: 'note', type: 'varchar(64)' }])",
          "await op.dropTable('audit')",
        )
        fill(
          pathOf('b2'),
          "await op.createTable('widgets', [{ name: 'id', type: 'integer' }])",
          "await op.dropTable('widgets')",
        )
        fill(
          pathOf('c3'),
          "await op.createTable('gadgets', [{ name: 'id', type: 'integer' }])",
          "await op.dropTable('gadgets')",
        )

        // A throwing beforeRevision stops the run at b2, with one clear line.
        const failed = stratum(cwd, 'upgrade', 'head', '-x', 'fail=b2', '-x', 'note=first')
        expect(failed.code).toBe(1)
        expect(failed.stderr.split('\n').slice(0, 2)).toEqual([
          'stratum: error: Upgrade failed at revision b2 (widgets): beforeRevision hook failed: refusing b2',
          '  hint: The run stopped before revision b2 ran; fix the hook and run again.',
        ])
        expect(failed.stderr).toMatch(
          /applied +a1, create audit.*\n +failed +b2, widgets.*\n +not run +c3/,
        )
        expect(failed.stderr).not.toMatch(/\n\s+at /)
        expect(logLines()).toEqual([
          'beforeUpgrade head {"fail":"b2","note":"first"} true',
          'beforeRevision a1 upgrade',
          'afterRevision a1 upgrade create audit',
          'beforeRevision b2 upgrade',
        ])
        expect(ok(cwd, 'current')).toBe('a1\n')

        writeFileSync(logPath, '')
        ok(cwd, 'upgrade', '-x', 'note=second')
        expect(logLines()).toEqual([
          'beforeUpgrade head {"note":"second"} true',
          'beforeRevision b2 upgrade',
          'afterRevision b2 upgrade widgets',
          'beforeRevision c3 upgrade',
          'afterRevision c3 upgrade gadgets',
          'afterUpgrade b2,c3',
        ])
        const audit = await withConnection(database.url, (connection) =>
          connection.query('SELECT revision, note FROM audit ORDER BY revision'),
        )
        expect(audit.rows).toEqual([
          { revision: 'a1', note: 'first' },
          { revision: 'b2', note: 'second' },
          { revision: 'c3', note: 'second' },
        ])

        // revision --autogenerate writes through postWrite too.
        mkdirSync(join(cwd, 'models'))
        writeFileSync(
          join(cwd, 'models', 'things.ts'),
          "import { defineTable, integer } from 'stratum'\nexport const things = defineTable('things', { id: integer().primaryKey() })\n",
        )
        const auto = stratum(cwd, 'revision', '--autogenerate', '-m', 'things', '--rev-id', 'e5')
        expect(auto).toMatchObject({ code: 0, stderr: '  Detected table things added\n' })
        const autogenerated = readFileSync(pathOf('e5'), 'utf8')
        expect(autogenerated).toContain("createTable('things'")
        expect(autogenerated.endsWith('// formatted by postWrite\n')).toBe(true)

        // Offline runs call no hook; downgrades call the downgrade twins.
        writeFileSync(logPath, '')
        ok(cwd, 'upgrade', 'a1:c3', '--sql')
        expect(logLines()).toEqual([])
        ok(cwd, 'downgrade', '-1')
        expect(logLines()).toEqual([
          'beforeDowngrade -1 {} true',
          'beforeRevision c3 downgrade',
          'afterRevision c3 downgrade gadgets',
          'afterDowngrade c3',
        ])

        // A failing postWrite command: one line naming it, its exit code and stderr; the file stays.
        writeConfig([FORMAT, BROKEN])
        const broken = stratum(cwd, 'revision', '-m', 'more', '--rev-id', 'd4')
        const error = expectOneLineError(broken, 1)
        expect(error).toBe(
          `stratum: error: the revision file was written: ${relative(cwd, pathOf('d4'))}; postWrite command \`${BROKEN}\` failed (exit 1): formatter: cannot parse`,
        )
        expect(readFileSync(pathOf('d4'), 'utf8').endsWith('// formatted by postWrite\n')).toBe(
          true,
        )
      } finally {
        project.remove()
      }
    },
    LONG,
  )
})
