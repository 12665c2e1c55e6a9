/** Compare, apply the upgrade in memory, compare again; apply the downgrade, compare again. */
import { expect } from 'vitest'
import {
  type CompareDialect,
  type CompareOptions,
  type ComparisonResult,
  compareSchemas,
  renderOperations,
} from '../../../src/autogenerate/index.js'
import type { SchemaModel } from '../../../src/schema/model.js'
import { applyOperations } from './apply-operations.js'
import { evaluateRendered } from './evaluate.js'

/**
 * Asserts that the rendered operations build the same operations again, that the upgrade brings `current` to `target` (comparing again finds
 * nothing) and that the downgrade brings it back (nothing either). Returns the result.
 */
export async function expectRoundTrip(
  options: Omit<CompareOptions, 'dialect'> & {
    dialect: CompareDialect
    /** The downgrade cannot restore everything (enum values stay): skip that half. */
    irreversible?: boolean
  },
): Promise<ComparisonResult> {
  const result = await compareSchemas(options)
  const capabilities: object = options.dialect.capabilities
  const apply = {
    foreignKeysNeedIndex:
      'foreignKeysNeedIndex' in capabilities && capabilities.foreignKeysNeedIndex === true,
  }
  // What the revision file would say builds the same operations, valid for the op API.
  expect(await evaluateRendered(renderOperations(result.upgrade))).toEqual(result.upgrade)
  expect(await evaluateRendered(renderOperations(result.downgrade))).toEqual(result.downgrade)
  const upgraded = applyOperations(options.current, result.upgrade, apply)
  const again = await compareSchemas({ ...options, current: upgraded, renameMap: undefined })
  expect(again.changes).toEqual([])
  expect(again.upgrade).toEqual([])
  if (options.irreversible) return result
  const downgraded = applyOperations(upgraded, result.downgrade, apply)
  const back = await compareSchemas({
    ...options,
    target: options.current,
    current: downgraded,
    renameMap: undefined,
  })
  expect(back.changes).toEqual([])
  return result
}

/** Compares and returns the result (for the shape of the operations). */
export function compare(
  target: SchemaModel,
  current: SchemaModel,
  dialect: CompareDialect,
  extra: Partial<CompareOptions> = {},
): Promise<ComparisonResult> {
  return compareSchemas({ target, current, dialect, ...extra })
}
