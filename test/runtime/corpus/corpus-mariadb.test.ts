// The autogenerate corpus on mariadb (see run-scenario.ts); one file per database, so they run in parallel.
import { afterAll } from 'vitest'
import { mysqlDatabase } from '../../support/databases.js'
import { defineCorpus } from './define-corpus.js'

const database = await mysqlDatabase('corpus')
afterAll(() => database.drop())
await defineCorpus('mariadb', database)
