/** A list of operations as the statements of an `upgrade` or `downgrade` body. */

import type { Operation } from '../../operations/types.js'
import type { OperationNote } from '../compare/types.js'
import { renderOperation } from './render-operation.js'

export interface RenderOptions {
  /** Put in front of every line. Default ''. */
  readonly indent?: string
  /** Lines are kept within this many columns where possible. Default 100. */
  readonly width?: number
  /** Comments to write above operations (warnings, data-loss notes). */
  readonly notes?: readonly OperationNote[]
}

/**
 * A comment, word-wrapped within `width`; `// WARNING: ` for warnings. Any line
 * break in the text starts a new comment line, so the text cannot leave the comment.
 *
 * @example
 * renderComment({ level: 'info', text: 'Recreates the column; its data is not restored.' })
 * // '// Recreates the column; its data is not restored.'
 */
export function renderComment(
  note: Pick<OperationNote, 'level' | 'text'>,
  options: { readonly indent?: string; readonly width?: number } = {},
): string {
  const indent = options.indent ?? ''
  const width = options.width ?? 100
  const prefix = `${indent}// `
  const first = note.level === 'warning' ? 'WARNING: ' : ''
  const lines: string[] = []
  note.text.split(/\r\n|[\r\n\u2028\u2029]/).forEach((paragraph, index) => {
    let line = index === 0 ? first : ''
    for (const word of paragraph.split(/[ \t]+/).filter((part) => part !== '')) {
      const candidate = line === '' || line.endsWith(' ') ? line + word : `${line} ${word}`
      if (prefix.length + candidate.length > width && line.trim() !== '') {
        lines.push(line.trimEnd())
        line = word
      } else line = candidate
    }
    lines.push(line.trimEnd())
  })
  return lines.map((line) => (line === '' ? prefix.trimEnd() : prefix + line)).join('\n')
}

/**
 * The operations as TypeScript statements using the `op` API, one per operation, with
 * the notes as comments above the operations they concern (a blank line before each
 * comment block). Evaluating the statements with an `Operations` instance as `op`
 * records operations equal to `operations`.
 *
 * @example
 * renderOperations([{ kind: 'addColumn', table: 'users', column: { name: 'email', type: 'text' } }])
 * // "await op.addColumn('users', { name: 'email', type: 'text' })"
 */
export function renderOperations(
  operations: readonly Operation[],
  options: RenderOptions = {},
): string {
  const layout = { indent: options.indent ?? '', width: options.width ?? 100 }
  const notes = new Map<number, OperationNote[]>()
  for (const note of options.notes ?? []) {
    const at = Math.min(Math.max(note.before, 0), operations.length)
    notes.set(at, [...(notes.get(at) ?? []), note])
  }
  const out: string[] = []
  for (let i = 0; i <= operations.length; i++) {
    const comments = notes.get(i)
    if (comments) {
      if (out.length > 0) out.push('')
      for (const note of comments) out.push(renderComment(note, layout))
    }
    const operation = operations[i]
    if (operation) out.push(renderOperation(operation, layout))
  }
  return out.join('\n')
}
