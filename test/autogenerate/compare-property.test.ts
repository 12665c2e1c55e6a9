import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CompareDialect,
  compareSchemas,
  type RenameResolver,
} from '../../src/autogenerate/index.js'
import { mysqlDialect } from '../../src/dialects/mysql/index.js'
import { postgresDialect } from '../../src/dialects/postgres/index.js'
import { sqliteDialect } from '../../src/dialects/sqlite/index.js'
import type { SchemaModel } from '../../src/schema/model.js'
import { applyOperations } from './support/apply-operations.js'
import { schemaArbitrary } from './support/arbitrary-schemas.js'
import { mysqlLike, pgLike, sqliteLike } from './support/fake-dialect.js'
import { EMPTY } from './support/models.js'
import { expectRoundTrip } from './support/round-trip.js'

/** What a database would hold for `model`: created from nothing, so every key is named. */
async function asDatabase(
  model: SchemaModel,
  dialect: CompareDialect = pgLike,
): Promise<SchemaModel> {
  const created = await compareSchemas({ target: model, current: EMPTY, dialect })
  const capabilities: object = dialect.capabilities
  const foreignKeysNeedIndex = 'foreignKeysNeedIndex' in capabilities
  return applyOperations(EMPTY, created.upgrade, { foreignKeysNeedIndex })
}

const needsIndex = {
  ...mysqlLike,
  name: 'mysql-like, keys need an index',
  capabilities: { ...mysqlLike.capabilities, foreignKeysNeedIndex: true },
}

const yesToAll: RenameResolver = async (candidates) => candidates.map(() => true)

describe('compareSchemas on random schemas', () => {
  for (const dialect of [
    needsIndex,
    pgLike,
    mysqlLike,
    sqliteLike,
    postgresDialect,
    mysqlDialect,
    sqliteDialect,
  ]) {
    it(`upgrade reaches the models and downgrade comes back (${dialect.name})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          schemaArbitrary,
          schemaArbitrary,
          fc.boolean(),
          async (target, raw, yes) => {
            const current = await asDatabase(raw, dialect)
            await expectRoundTrip({
              target,
              current,
              dialect,
              ...(yes ? { renames: yesToAll } : {}),
            })
          },
        ),
        { numRuns: 150 },
      )
    })
  }

  it('finds nothing between a schema and the database built from it', async () => {
    await fc.assert(
      fc.asyncProperty(schemaArbitrary, async (model) => {
        const result = await compareSchemas({
          target: model,
          current: await asDatabase(model),
          dialect: pgLike,
        })
        expect(result.changes).toEqual([])
      }),
      { numRuns: 150 },
    )
  })
})
