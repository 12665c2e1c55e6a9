import { readFileSync } from 'node:fs'
import { RevisionFileError } from '../errors.js'
import type { RevisionMeta } from '../revision/meta.js'
import { readDocMessage } from './doc-comment.js'
import { lineAt, Tokenizer, type TokenKind } from './tokenizer.js'

type Field = 'revision' | 'downRevision' | 'branchLabels' | 'dependsOn'

const FIELDS: ReadonlySet<string> = new Set<Field>([
  'revision',
  'downRevision',
  'branchLabels',
  'dependsOn',
])

const WHY = '(Stratum reads revision metadata without running the file)'

const EXPECTED: Record<Field, string> = {
  revision: `revision must be a string literal ${WHY}`,
  downRevision: `downRevision must be null, a string literal or an array of string literals ${WHY}`,
  branchLabels: `branchLabels must be null, a string literal or an array of string literals ${WHY}`,
  dependsOn: `dependsOn must be null, a string literal or an array of string literals ${WHY}`,
}

interface Declaration {
  /** null for `null`/`undefined`; the strings otherwise (one for a plain string). */
  readonly values: string[] | null
  /** Offset of the declared name (the line is computed only for errors). */
  readonly offset: number
}

/**
 * Reads a revision's metadata from its source without running it: the module-level
 * `export const` declarations of `revision`, `downRevision`, `branchLabels` and
 * `dependsOn` (literals only) and the message from the opening doc comment.
 * Throws a `RevisionFileError` naming the file and line when they are malformed.
 *
 * @example
 * readRevisionMeta("export const revision = 'b2'\nexport const downRevision = 'a1'", 'b2.ts')
 * // { revision: 'b2', downRevisions: ['a1'], branchLabels: [], dependsOn: [], message: '', path: 'b2.ts' }
 */
export function readRevisionMeta(source: string, path: string): RevisionMeta {
  const found = new MetadataReader(source, path).read()
  const revision = found.get('revision')
  if (revision === undefined) {
    throw new RevisionFileError(
      path,
      undefined,
      "no `export const revision = '<id>'` found (every revision file declares its id)",
    )
  }
  const down = found.get('downRevision')
  if (down === undefined) {
    throw new RevisionFileError(
      path,
      undefined,
      'no `export const downRevision = ...` found (use null for a root revision)',
    )
  }
  return {
    revision: revision.values?.[0] ?? '',
    downRevisions: down.values ?? [],
    branchLabels: found.get('branchLabels')?.values ?? [],
    dependsOn: found.get('dependsOn')?.values ?? [],
    message: readDocMessage(source),
    path,
  }
}

/**
 * Reads and parses one revision file (UTF-8; a BOM and CRLF line ends are fine).
 *
 * @example
 * const meta = readRevisionFile('/app/migrations/versions/20261126_1030-3f2a9c1b7d4e_add_users.ts')
 */
export function readRevisionFile(path: string): RevisionMeta {
  return readRevisionMeta(readRevisionSource(path), path)
}

/**
 * The text of a revision file; a `RevisionFileError` naming the file when it cannot be read.
 *
 * @example
 * const source = readRevisionSource('/app/migrations/versions/20261126_1030-3f2a9c1b7d4e_add_users.ts')
 */
export function readRevisionSource(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new RevisionFileError(path, undefined, `cannot read the file (${code})`, {
      cause: error,
    })
  }
}

/** Walks the module-level statements and collects the four metadata declarations. */
class MetadataReader {
  private readonly t: Tokenizer
  private readonly found = new Map<Field, Declaration>()

  constructor(source: string, path: string) {
    this.t = new Tokenizer(source, path)
  }

  read(): Map<Field, Declaration> {
    const t = this.t
    let kind = t.next()
    let afterDot = false
    while (kind !== 'eof') {
      if (kind === 'name' && t.depth === 0 && !afterDot && t.isName('export')) {
        kind = this.exportStatement()
        afterDot = false
        continue
      }
      afterDot = kind === 'punct' && t.is('.')
      kind = t.next()
    }
    return this.found
  }

  /** At `export`: reads `const|let|var` declarators; returns the token to continue from. */
  private exportStatement(): TokenKind {
    const t = this.t
    let kind = t.next()
    if (!(t.isName('const') || t.isName('let') || t.isName('var'))) return kind
    for (;;) {
      kind = t.next()
      if (kind !== 'name') return kind // destructuring: not metadata
      const name = t.text()
      if (!FIELDS.has(name)) return t.next()
      kind = this.declarator(name as Field)
      if (!t.is(',')) return kind
    }
  }

  /** At a metadata name: reads `[: type] = literal [as const]` and checks what follows. */
  private declarator(field: Field): TokenKind {
    const t = this.t
    const nameOffset = t.start
    const previous = this.found.get(field)
    if (previous) {
      const first = lineAt(t.source, previous.offset)
      throw t.error(`${field} is declared twice (first on line ${first})`)
    }
    t.next()
    if (t.is(':')) this.skipType()
    if (!t.is('=')) throw t.error(EXPECTED[field], nameOffset)
    t.next()
    const values = field === 'revision' ? [this.stringLiteral(field)] : this.listValue(field)
    this.found.set(field, { values, offset: nameOffset })
    let kind = t.next()
    // TypeScript reads `as` as an operator only on the same line.
    if (t.isName('as') && !t.newlineBefore) {
      t.next()
      if (!t.isName('const')) throw t.error(EXPECTED[field])
      kind = t.next()
    }
    if (kind === 'eof' || t.is(',')) return kind
    if (t.is(';')) return t.next()
    if (t.newlineBefore && startsStatement(t)) return kind
    throw t.error(EXPECTED[field])
  }

  /** Skips a type annotation up to the `=` of the initializer (or where it should be). */
  private skipType(): void {
    const t = this.t
    let kind = t.next()
    while (kind !== 'eof') {
      if (t.depth === 0) {
        if (t.is('=') || t.is(';') || t.is(',')) return
        if (t.newlineBefore && t.isName('export')) return
      }
      kind = t.next()
    }
  }

  /** At a value: `null`, `undefined`, a string literal or an array of string literals. */
  private listValue(field: Field): string[] | null {
    const t = this.t
    if (t.isName('null') || t.isName('undefined')) return null
    if (!t.is('[')) return [this.stringLiteral(field)]
    const values: string[] = []
    t.next()
    while (!t.is(']')) {
      values.push(this.stringLiteral(field))
      t.next()
      if (t.is(',')) t.next()
      else if (!t.is(']')) throw t.error(EXPECTED[field])
    }
    return values
  }

  private stringLiteral(field: Field): string {
    const t = this.t
    if (t.kind !== 'string' && !t.isPlainTemplate()) throw t.error(EXPECTED[field])
    const value = t.stringValue()
    if (value === '') {
      throw t.error(
        field === 'revision' ? 'revision must not be empty' : `${field} contains an empty string`,
      )
    }
    return value
  }
}

// After a value and a line break, these tokens begin a new statement (automatic
// semicolon insertion); anything else would continue the expression.
function startsStatement(t: Tokenizer): boolean {
  if (t.kind === 'name' || t.kind === 'string' || t.kind === 'number') return true
  return t.is('{') || t.is('@') || t.is('!') || t.is('~') || t.is('#') || t.is('}')
}
