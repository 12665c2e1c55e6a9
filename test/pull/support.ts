/**
 * Helpers of the pull tests: the sample schemas (test/fixtures), loading rendered model
 * files through model discovery, and Biome's formatting of a file.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ModelFile } from '../../src/pull/render-models.js'
import { discoverModels } from '../../src/schema/discover.js'
import type { SchemaModel } from '../../src/schema/model.js'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The SQL of a sample schema: `chinook/sqlite.sql`, `pagila/postgres.sql`... */
export function fixture(name: string): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', name), 'utf8')
}

/** Writes the files into a fresh folder, loads them as model discovery does, removes them. */
export async function loadModels(files: readonly ModelFile[]): Promise<SchemaModel> {
  const root = mkdtempSync(join(tmpdir(), 'stratum-pulled-'))
  try {
    for (const file of files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true })
      writeFileSync(join(root, file.path), file.text)
    }
    return (await discoverModels({ patterns: [join(root, '**', '*.ts')], cwd: root })).schema
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

/** The text Biome's formatter makes of `text` with the repository's settings. */
export function biomeFormat(text: string): string {
  const result = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'biome'),
    ['format', '--stdin-file-path=src/pulled.ts'],
    { cwd: ROOT, input: text, encoding: 'utf8' },
  )
  if (result.status !== 0) throw new Error(`biome failed: ${result.stderr}`)
  return result.stdout
}
