// describeError hides URL passwords it was not told about, the whole password of a URL
// made ambiguous by a raw `?`, and secrets inside the failed run's report in --json.
import pc from 'picocolors'
import { describe, expect, it } from 'vitest'
import { describeError } from '../../src/cli/format-error.js'
import { ConnectionError, MigrationUpgradeError } from '../../src/errors.js'

const colors = pc.createColors(false)
const base = { verbose: true, secrets: ['Kx9q@Vw2'], colors }

describe('describeError masks secrets', () => {
  it('the password of any URL in the message, the hint and the trace', () => {
    const cause = new Error('driver: cannot use mysql://app:other-pw@db/app')
    const error = new ConnectionError('CONNECTION_FAILED', 'failed: postgres://u:hunter2@h/d', {
      cause,
      hint: 'try mysql://app:other-pw@db/app again',
    })
    const report = describeError(error, base)
    const text = [...report.lines, JSON.stringify(report.json)].join('\n')
    expect(text).not.toMatch(/hunter2|other-pw/)
    expect(report.json.error.message).toBe('failed: postgres://u:***@h/d')
  })

  it('the whole password when a raw ? puts an @ after the query mark', () => {
    const error = new ConnectionError(
      'URL_INVALID',
      "Invalid database URL 'mysql://u:***@Yw4:Ux5?Tv6@127.0.0.1/db'",
    )
    const { json } = describeError(error, base)
    expect(json.error.message).toBe("Invalid database URL 'mysql://u:***@127.0.0.1/db'")
  })

  it('known secrets in the --json report of a failed run', () => {
    const report = {
      direction: 'upgrade' as const,
      target: 'head',
      steps: [
        {
          revision: 'a1',
          message: 'uses Kx9q@Vw2',
          path: '/p/a1.ts',
          status: 'failed' as const,
          durationMs: 1,
        },
      ],
      current: [],
    }
    const error = new MigrationUpgradeError('REVISION_FAILED', 'failed with Kx9q%40Vw2', { report })
    const described = describeError(error, base)
    expect(JSON.stringify(described.json)).not.toMatch(/Kx9q/)
    expect(described.json.report?.steps[0]?.message).toBe('uses ***')
    expect(described.lines.join('\n')).not.toMatch(/Kx9q/)
  })
})
