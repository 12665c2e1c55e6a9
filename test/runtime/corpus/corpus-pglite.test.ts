// The autogenerate corpus on pglite (see run-scenario.ts); one file per database, so they run in parallel.
import { afterAll } from 'vitest'
import { pgliteDatabase } from '../../support/databases.js'
import { defineCorpus } from './define-corpus.js'

const database = pgliteDatabase('corpus')
afterAll(() => database.drop())
await defineCorpus('pglite', database)
