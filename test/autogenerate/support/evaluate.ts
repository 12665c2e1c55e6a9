/** Runs rendered statements with a recording `op`, as a revision's upgrade would. */
import { Operations } from '../../../src/operations/index.js'
import type { Operation } from '../../../src/operations/types.js'

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>

/** The operations the rendered code builds when run. */
export async function evaluateRendered(code: string): Promise<Operation[]> {
  const recorded: Operation[] = []
  const op = new Operations(async (operation) => {
    recorded.push(operation)
  })
  await new AsyncFunction('op', `'use strict'\n${code}`)(op)
  return recorded
}
