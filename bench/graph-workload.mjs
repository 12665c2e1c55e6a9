// A generated revision history shaped like a real team's: a long trunk where, every
// 40 revisions, two developers branch off for a few revisions each and a merge
// revision joins them back; some revisions depend on an earlier one; a few branch labels.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Deterministic 12-hex ids, so runs are comparable. */
function revisionId(index) {
  return (0x100000000000 + index * 2654435761).toString(16).slice(-12).padStart(12, '0')
}

/**
 * The graph as RevisionMeta-shaped records, parents first.
 * @param {number} count how many revisions
 */
export function generateGraph(count) {
  const metas = []
  const add = (downRevisions, extra = {}) => {
    const revision = revisionId(metas.length)
    metas.push({
      revision,
      downRevisions,
      branchLabels: extra.branchLabels ?? [],
      dependsOn: extra.dependsOn ?? [],
      message: `revision ${metas.length} ${extra.note ?? 'add a table'}`,
      path: '',
    })
    return revision
  }
  let trunk = add([], { branchLabels: ['app'], note: 'initial schema' })
  while (metas.length < count) {
    const left = count - metas.length
    if (metas.length % 40 === 0 && left >= 8) {
      // Two short feature branches from the same branch point, then a merge.
      let a = trunk
      let b = trunk
      for (let i = 0; i < 3; i++) a = add([a], { note: 'feature a' })
      for (let i = 0; i < 3; i++) b = add([b], { note: 'feature b' })
      trunk = add([a, b], { note: 'merge features' })
    } else if (metas.length % 97 === 0 && metas.length > 100) {
      const earlier = metas[metas.length - 50].revision
      trunk = add([trunk], { dependsOn: [earlier], note: 'depends on an earlier revision' })
    } else {
      trunk = add([trunk])
    }
  }
  return metas
}

const literal = (values) =>
  values.length === 0
    ? 'null'
    : values.length === 1
      ? `'${values[0]}'`
      : `[${values.map((v) => `'${v}'`).join(', ')}]`
const list = (values) =>
  values.length === 0 ? 'null' : `[${values.map((v) => `'${v}'`).join(', ')}]`

/** The file the default template would write for one revision. */
export function revisionSource(meta, index) {
  return `/**
 * ${meta.message}
 *
 * Revision ID: ${meta.revision}
 * Revises: ${meta.downRevisions.join(', ')}
 * Create Date: 2026-11-26T10:30:00Z
 */
import type { MigrationContext } from 'stratum'

export const revision = '${meta.revision}'
export const downRevision: string | string[] | null = ${literal(meta.downRevisions)}
export const branchLabels: string[] | null = ${list(meta.branchLabels)}
export const dependsOn: string[] | null = ${list(meta.dependsOn)}

export async function upgrade({ op }: MigrationContext): Promise<void> {
  await op.createTable('table_${index}', (t) => {
    t.column('id', 'integer', { primaryKey: true })
    t.column('name', 'text')
  })
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  await op.dropTable('table_${index}')
}
`
}

/** Writes a project (config + versions/) holding `count` generated revisions. */
export function writeProject(directory, count) {
  rmSync(directory, { recursive: true, force: true })
  const versions = join(directory, 'migrations', 'versions')
  mkdirSync(versions, { recursive: true })
  writeFileSync(join(directory, 'stratum.config.json'), '{ "migrations": "migrations" }\n')
  generateGraph(count).forEach((meta, index) => {
    const stamp = `2026${String(1 + (index % 12)).padStart(2, '0')}01_0000`
    writeFileSync(
      join(versions, `${stamp}-${meta.revision}_rev_${index}.ts`),
      revisionSource(meta, index),
    )
  })
}
