// The autogenerate corpus on postgres (see run-scenario.ts); one file per database, so they run in parallel.
import { afterAll } from 'vitest'
import { postgresDatabase } from '../../support/databases.js'
import { defineCorpus } from './define-corpus.js'

const database = await postgresDatabase('corpus')
afterAll(() => database.drop())
await defineCorpus('postgres', database)
