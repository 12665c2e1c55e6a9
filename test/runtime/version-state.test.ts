/**
 * The version table compared with the files and the history, without a database: what
 * counts as tampering and what does not (test/reliability/tampering.test.ts runs the same
 * cases through the CLI on real databases).
 */
import { describe, expect, it } from 'vitest'
import type { VersionStateError } from '../../src/errors.js'
import type { HistoryRow } from '../../src/runtime/history-table.js'
import { stateTables } from '../../src/runtime/tables.js'
import {
  checkVersionState,
  hasVersionStateProblems,
  versionStateProblems,
} from '../../src/runtime/version-state.js'
import { forest, linear, twoBranches } from '../support/graphs.js'

const tables = stateTables({ versionTable: 'stratum_version', versionTableSchema: undefined })

let nextId = 1
function run(
  revision: string,
  direction: HistoryRow['direction'] = 'upgrade',
  outcome: HistoryRow['outcome'] = 'applied',
): HistoryRow {
  return {
    id: nextId++,
    revision,
    direction,
    outcome,
    checksum: undefined,
    statementsDone: undefined,
    statementsTotal: undefined,
  }
}

const problemsOf = (
  graph: ReturnType<typeof linear>,
  rows: string[] | undefined,
  history: HistoryRow[],
  historyExists = true,
) => versionStateProblems({ graph, rows, history, historyExists: async () => historyExists })

function refusal(problems: Awaited<ReturnType<typeof problemsOf>>): VersionStateError {
  try {
    checkVersionState(problems, tables)
  } catch (error) {
    return error as VersionStateError
  }
  throw new Error('expected a refusal')
}

describe('versionStateProblems', () => {
  it('finds nothing wrong with what Stratum writes', async () => {
    const clean = [
      await problemsOf(linear(), undefined, []),
      await problemsOf(linear(), [], []),
      await problemsOf(linear(), ['b'], [run('a'), run('b')]),
      await problemsOf(linear(), ['a'], [run('a'), run('b'), run('b', 'downgrade')]),
      // Two branches have two heads; a dependency on another line is not a row of its own.
      await problemsOf(twoBranches(), ['c2', 'd2'], [run('c2'), run('d2')]),
      await problemsOf(forest(), ['x3', 'y2'], [run('x3'), run('y2')]),
    ]
    for (const problems of clean) expect(hasVersionStateProblems(problems)).toBe(false)
  })

  it('tells an unknown row from the row of a deleted file', async () => {
    const problems = await problemsOf(linear(), ['gone', 'zzz'], [run('a'), run('gone')])
    expect(problems.unknownRows).toEqual(['zzz'])
    expect(problems.deletedFiles).toEqual(['gone'])
    expect(refusal(problems).code).toBe('REVISION_FILE_DELETED')
    const unknown = refusal(await problemsOf(linear(), ['zzz'], [run('a')]))
    expect(unknown.code).toBe('UNKNOWN_VERSION_ROW')
    expect(unknown.message).toContain("'zzz'")
  })

  it('finds a row another row implies', async () => {
    const problems = await problemsOf(linear(), ['a', 'c'], [run('c')])
    expect(problems.redundantRows).toEqual([{ row: 'a', impliedBy: 'c' }])
    expect(refusal(problems).code).toBe('REDUNDANT_VERSION_ROWS')
  })

  it('finds a missing history table only when the version table has rows', async () => {
    expect((await problemsOf(linear(), ['b'], [], false)).historyMissing).toBe(true)
    expect((await problemsOf(linear(), [], [], false)).historyMissing).toBe(false)
    expect((await problemsOf(linear(), ['b'], [], true)).historyMissing).toBe(false)
    expect(refusal(await problemsOf(linear(), ['b'], [], false)).code).toBe('HISTORY_TABLE_MISSING')
  })

  it('compares the rows with the last run the history records', async () => {
    const deleted = await problemsOf(linear(), [], [run('a'), run('b')])
    expect(deleted.historyMismatch).toEqual({ revision: 'b', direction: 'upgrade', rows: [] })
    const error = refusal(deleted)
    expect(error.code).toBe('HISTORY_MISMATCH')
    expect(error.message).toContain('says base')
    const undone = await problemsOf(linear(), ['b'], [run('b'), run('b', 'downgrade')])
    expect(undone.historyMismatch?.direction).toBe('downgrade')
    // A stamp or a repair is the user's word: nothing to compare after one.
    expect((await problemsOf(linear(), [], [run('b'), run('b', 'stamp')])).historyMismatch).toBe(
      undefined,
    )
    expect(
      (await problemsOf(linear(), [], [run('b'), run('b', 'repair', 'repaired')])).historyMismatch,
    ).toBe(undefined)
  })
})
