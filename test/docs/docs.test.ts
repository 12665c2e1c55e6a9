// Every guide in docs/ runs as written: see run-docs.ts for the conventions.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { docSteps, runDocPage } from './run-docs.js'

const DOCS = fileURLToPath(new URL('../../docs/', import.meta.url))
const pages = readdirSync(DOCS)
  .filter((name) => name.endsWith('.md'))
  .filter((name) =>
    docSteps(readFileSync(join(DOCS, name), 'utf8')).some((s) => s.kind === 'command'),
  )

describe('docs pages', () => {
  it('has runnable pages', () => {
    expect(pages.length).toBeGreaterThan(0)
  })

  it.each(pages)(
    '%s runs as written',
    (name) => {
      expect(runDocPage(join(DOCS, name))).toEqual([])
    },
    120_000,
  )
})
