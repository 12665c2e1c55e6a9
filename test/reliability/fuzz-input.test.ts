/**
 * Scenario 6, bad input: fast-check throws random and mutated revision files, configs and
 * command lines at the CLI (in-process, `main(argv, io)`), on each database. Whatever it
 * gets, Stratum never prints a stack trace or an internal error, exits 0, 1 or 2 with one
 * `stratum: error:` line when it fails, and never changes the database on a failure: the
 * canary table keeps its row, the version table and the tables stay as they were (see
 * fuzz-bed.ts). Input that happens to be valid may run; the bed puts everything back.
 *
 * Left out of the command-line vocabulary: `backup`, `restore`, `verify`, `pull` and
 * `baseline` (slow, and covered by their own tests), `--verbose` (which prints stacks on
 * purpose), and paths that leave the project folder.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import fc from 'fast-check'
import { afterAll, describe, it } from 'vitest'
import { dropTargets } from '../runtime/targets.js'
import { revisionSource } from '../support/project.js'
import { FuzzBed } from './fuzz-bed.js'
import { DROP_TIMEOUT_MS, reliabilityTargets } from './support.js'

const { all, targets } = await reliabilityTargets('fuzz_input')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

const RUNS = Number(process.env.STRATUM_FUZZ_RUNS ?? 50)
const SELECT_ONE = "await op.execute('SELECT 1')"

/** A valid revision `b` on top of `a`, the seed of the mutations. */
const VALID_B = revisionSource({ id: 'b', down: 'a', upgrade: SELECT_ONE, downgrade: SELECT_ONE })

/** One edit of a text: insert, delete, replace or duplicate a slice. */
const mutation = fc.tuple(
  fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'truncate'),
  fc.nat(),
  fc.nat({ max: 40 }),
  fc.string({ maxLength: 12, unit: 'binary' }),
)

function mutate(text: string, edits: readonly (readonly [string, number, number, string])[]) {
  let out = text
  for (const [kind, position, length, piece] of edits) {
    const at = position % (out.length + 1)
    if (kind === 'insert') out = out.slice(0, at) + piece + out.slice(at)
    else if (kind === 'delete') out = out.slice(0, at) + out.slice(at + length)
    else if (kind === 'replace') out = out.slice(0, at) + piece + out.slice(at + piece.length)
    else if (kind === 'duplicate') out = out.slice(0, at + length) + out.slice(at)
    else out = out.slice(0, at)
  }
  return out
}

/** Strings that stay inside the project folder when used as paths. */
const safeString = fc.string({ maxLength: 12 }).filter((text) => !/[/\\]|\.\./.test(text))

const REVISION_TOKENS = ['a', 'b', 'head', 'heads', 'base', '+1', '-1', 'a:head', 'zz@head', 'a+2']
const COMMANDS = [
  'upgrade',
  'downgrade',
  'current',
  'history',
  'heads',
  'branches',
  'show',
  'stamp',
  'status',
  'check',
  'repair',
  'merge',
  'revision',
  'init',
  'config',
]
const FLAGS = [
  '--json',
  '-q',
  '--sql',
  '--lock-timeout',
  '--url',
  '-x',
  '--config',
  '--env',
  '--db',
  '-m',
  '--head',
  '--rev-id',
  '--purge',
  '--check',
  '--resolve',
  '-r',
  '-i',
  '--splice',
  '--branch-label',
  '--depends-on',
  '--version-path',
  '--transaction-mode',
  '--autogenerate',
  '--help',
  '-V',
]
const argv = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...COMMANDS) },
    { weight: 3, arbitrary: fc.constantFrom(...FLAGS) },
    { weight: 3, arbitrary: fc.constantFrom(...REVISION_TOKENS) },
    { weight: 2, arbitrary: safeString },
  ),
  { maxLength: 6 },
)

/** Config fields, and random JSON for one of them. */
const FIELDS = [
  'url',
  'migrations',
  'versionPaths',
  'recursiveVersionPaths',
  'fileTemplate',
  'truncateSlugLength',
  'models',
  'exclude',
  'versionTable',
  'versionTableSchema',
  'transactionPerMigration',
  'backup',
  'logging',
  'hooks',
  'postWrite',
  'environments',
  'databases',
  'versionTabel',
]
const jsonValue = fc
  .jsonValue({ maxDepth: 2 })
  .filter((value) => !/[/\\]|\.\./.test(JSON.stringify(value)))

describe.each(targets)('bad input on $name', (target) => {
  const skip = !target.database.available
  const prefix = `fz_${target.name.slice(0, 2)}`

  it.skipIf(skip)(
    'revision files: random bytes and mutated valid files',
    async () => {
      const bed = await FuzzBed.create(target, {
        prefix: `${prefix}r`,
        revisions: [{ id: 'a', upgrade: SELECT_ONE, downgrade: SELECT_ONE }],
      })
      let round = 0
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc
                .uint8Array({ maxLength: 300 })
                .map((bytes) => Buffer.from(bytes).toString('latin1')),
              fc
                .array(mutation, { minLength: 1, maxLength: 3 })
                .map((edits) => mutate(VALID_B, edits)),
            ),
            fc.constantFrom(
              ['upgrade', 'head'],
              ['status'],
              ['history'],
              ['upgrade', 'head', '--sql'],
            ),
            async (text, command) => {
              // A new name each time: module loaders may cache a path.
              const path = `${bed.project.versions}/b_${round++}.ts`
              writeFileSync(path, text, 'latin1')
              const result = await bed.run(command)
              await bed.check(result, { text, command })
              await bed.reset()
            },
          ),
          { numRuns: RUNS },
        )
      } finally {
        await bed.remove()
      }
    },
    120_000,
  )

  it.skipIf(skip)(
    'configs: random JSON for a field, for the whole file, and random text',
    async () => {
      const bed = await FuzzBed.create(target, {
        prefix: `${prefix}c`,
        revisions: [{ id: 'a', upgrade: SELECT_ONE, downgrade: SELECT_ONE }],
      })
      const path = `${bed.project.dir}/stratum.config.json`
      const valid = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
      try {
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(
              fc
                .tuple(fc.constantFrom(...FIELDS), jsonValue)
                .map(([field, value]) => JSON.stringify({ ...valid, [field]: value })),
              jsonValue.map((value) => JSON.stringify(value)),
              fc.string({ maxLength: 60 }),
            ),
            fc.constantFrom(['upgrade', 'head'], ['status'], ['current'], ['heads']),
            async (text, command) => {
              writeFileSync(path, text)
              const result = await bed.run(command)
              await bed.check(result, { text, command })
              await bed.reset()
            },
          ),
          { numRuns: RUNS },
        )
      } finally {
        await bed.remove()
      }
    },
    120_000,
  )

  it.skipIf(skip)(
    'command lines: random argv',
    async () => {
      const bed = await FuzzBed.create(target, {
        prefix: `${prefix}a`,
        revisions: [
          { id: 'a', upgrade: SELECT_ONE, downgrade: SELECT_ONE },
          { id: 'b', down: 'a', upgrade: SELECT_ONE, downgrade: SELECT_ONE },
        ],
      })
      try {
        await fc.assert(
          fc.asyncProperty(argv, async (args) => {
            const result = await bed.run(args)
            await bed.check(result, args)
            await bed.reset()
          }),
          { numRuns: RUNS * 2 },
        )
      } finally {
        await bed.remove()
      }
    },
    120_000,
  )
})
