// The autogenerate corpus on sqlite (see run-scenario.ts); one file per database, so they run in parallel.
import { afterAll } from 'vitest'
import { sqliteDatabase } from '../../support/databases.js'
import { defineCorpus } from './define-corpus.js'

const database = sqliteDatabase('corpus')
afterAll(() => database.drop())
await defineCorpus('sqlite', database)
