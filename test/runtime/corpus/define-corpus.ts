/** The corpus as vitest tests for one database: one test per scenario. */
import { describe, it } from 'vitest'
import type { TestDatabase } from '../../support/databases.js'
import { dialectOf, knownGap, runScenario, skipReason } from './run-scenario.js'
import { SCENARIOS } from './scenarios.js'

/**
 * Registers every scenario for `database`. A scenario the dialect cannot express is
 * skipped, and one hitting a known gap is expected to fail; both say why in the name.
 */
export async function defineCorpus(label: string, database: TestDatabase): Promise<void> {
  const dialect = database.available ? await dialectOf(database.url) : undefined
  describe.skipIf(!database.available)(`autogenerate corpus on ${label}`, () => {
    for (const scenario of SCENARIOS) {
      const skip = dialect === undefined ? '' : skipReason(scenario, dialect)
      const gap = dialect === undefined ? '' : knownGap(scenario, dialect)
      const run = () => runScenario(database.url, scenario)
      if (skip !== '') it.skip(`${scenario.name} (skipped: ${skip})`, run)
      else if (gap !== '') it.fails(`${scenario.name} (known gap: ${gap})`, run, 60_000)
      else it(scenario.name, run, 60_000)
    }
  })
}
