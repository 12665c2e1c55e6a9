/**
 * Scenario 6, identifiers: fast-check builds table and column names out of quotes,
 * backticks, semicolons, comment markers, newlines, Unicode and plain letters, and a
 * revision uses them through `op.createTable` and then `op.addColumn` (run in-process).
 * Either the names are created exactly — read back from the catalog, byte for byte — and
 * `downgrade base` removes them, or Stratum (or the database) rejects them with one clean
 * error: no stack trace, no internal error, the canary alive, and the database left at a
 * revision that ran whole (the table absent, or present with its first column only).
 */
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { dropTargets, type Target } from '../runtime/targets.js'
import { FuzzBed } from './fuzz-bed.js'
import { DROP_TIMEOUT_MS, reliabilityTargets } from './support.js'

const { all, targets } = await reliabilityTargets('fuzz_identifiers')
afterAll(() => dropTargets(all), DROP_TIMEOUT_MS)

const RUNS = Number(process.env.STRATUM_FUZZ_RUNS ?? 40)

const PIECES = [
  '"',
  '`',
  "'",
  ';',
  '--',
  '/*',
  '*/',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\\',
  '$',
  '?',
  ':x',
  '%',
  '.',
  'é',
  'ß',
  'Ω',
  '日本',
  '😀',
  '\u200b',
  '\u0000',
  'DROP TABLE x',
  'a',
  'B',
  '_',
  '0',
]
const identifier = fc
  .array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ minLength: 1, maxLength: 3 })), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(''))

/**
 * The columns of `table`, in order, from the catalog ([] when the table does not exist).
 * Every table's columns are read and the name compared here, byte for byte: a catalog's own
 * comparison may fold case or refuse characters it cannot store.
 */
async function catalogColumns(bed: FuzzBed, table: string): Promise<string[]> {
  const sql = {
    sqlite:
      "SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY p.cid",
    postgres:
      "SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY ordinal_position",
    mariadb:
      'SELECT table_name AS t, column_name AS c FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY ordinal_position',
    pglite: '',
  }[bed.target.name]
  const rows = await bed.query(sql)
  return rows.filter((row) => row.t === table).map((row) => String(row.c))
}

/** Two revisions (ids new each round: module loaders may cache a path). */
function revisions(round: number, table: string, first: string, second: string) {
  const t = JSON.stringify(table)
  return [
    {
      id: `n${round}a`,
      down: 'base0',
      upgrade: `await op.createTable(${t}, [{ name: ${JSON.stringify(first)}, type: 'integer' }])`,
      downgrade: `await op.dropTable(${t})`,
    },
    {
      id: `n${round}b`,
      down: `n${round}a`,
      upgrade: `await op.addColumn(${t}, { name: ${JSON.stringify(second)}, type: 'varchar(20)', nullable: true })`,
      downgrade: `await op.dropColumn(${t}, ${JSON.stringify(second)})`,
    },
  ]
}

describe.each(targets)('identifiers on $name', (target: Target) => {
  it.skipIf(!target.database.available)(
    'names with quotes, comment markers, newlines and Unicode: created exactly or rejected cleanly',
    async () => {
      const bed = await FuzzBed.create(target, {
        prefix: `fi_${target.name.slice(0, 2)}`,
        revisions: [{ id: 'base0', upgrade: "await op.execute('SELECT 1')" }],
      })
      let created = 0
      let round = 0
      try {
        await fc.assert(
          fc.asyncProperty(identifier, identifier, identifier, async (table, first, second) => {
            round++
            for (const spec of revisions(round, table, first, second)) bed.project.write(spec)
            const input = { table, first, second }
            const up = await bed.run(['upgrade', 'head', '-q'])
            // As for any input: clean, the canary alive; on failure the first revision may
            // have run whole before the second was refused.
            await bed.check(up, input, { mayChangeOnFailure: true })
            const columns = await catalogColumns(bed, table)
            const rows = await bed.versions()
            if (up.code === 0) {
              created++
              expect(columns, JSON.stringify(input)).toEqual([first, second])
              expect(rows).toEqual([`n${round}b`])
              const down = await bed.run(['downgrade', 'base0', '-q'])
              expect(down.code, down.stderr).toBe(0)
              expect(await catalogColumns(bed, table)).toEqual([])
            } else {
              if (rows.join() === `n${round}a`) expect(columns).toEqual([first])
              else {
                expect(rows).toEqual(['base0'])
                expect(columns).toEqual([])
              }
            }
            await bed.reset()
          }),
          { numRuns: RUNS },
        )
      } finally {
        await bed.remove()
      }
      // Most names are legal somewhere: the property must not pass by rejecting everything.
      expect(created).toBeGreaterThan(0)
    },
    180_000,
  )
})
