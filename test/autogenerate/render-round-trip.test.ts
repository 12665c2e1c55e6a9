import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { renderOperations } from '../../src/autogenerate/index.js'
import { operation } from './support/arbitrary-operations.js'
import { evaluateRendered } from './support/evaluate.js'

describe('renderOperations round trip', () => {
  it('records exactly the rendered operations when the code runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 6 }), async (ops) => {
        const code = renderOperations(ops)
        expect(await evaluateRendered(code)).toEqual(ops)
      }),
      { numRuns: 400 },
    )
  })

  it('keeps lines within 100 columns unless a single literal is longer', () => {
    fc.assert(
      fc.property(operation, (op) => {
        for (const line of renderOperations([op]).split('\n')) {
          if (line.length <= 100) continue
          // A line only overflows when it holds a literal that cannot be broken.
          expect(line.trim()).toMatch(/^(await op\.\w+\()?.*('.{20,}'|\d{20,}|{ sql: ')/)
        }
      }),
      { numRuns: 300 },
    )
  })
})
