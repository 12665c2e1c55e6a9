import { MigrationCreationError } from '../errors.js'
import { escapeDocText } from './doc-comment.js'
import { stringListLiteral } from './literal.js'

/** What a revision template is rendered with. */
export interface TemplateValues {
  /** The revision message (`-m`); rendered doc-comment safe. */
  message: string
  revision: string
  /** Parents: none for a root, several for a merge. */
  downRevisions: readonly string[]
  branchLabels: readonly string[]
  dependsOn: readonly string[]
  createDate: Date
  /** Extra import lines. Default ''. */
  imports?: string
  /** The body of `upgrade`. Default {@link DEFAULT_UPGRADES}. */
  upgrades?: string
  /** The body of `downgrade`. Default {@link DEFAULT_DOWNGRADES}. */
  downgrades?: string
  /** `-x key=value` arguments, available as `${x.key}`. */
  x?: Readonly<Record<string, string>>
}

/** The body of `upgrade` in a revision written by hand. */
export const DEFAULT_UPGRADES = '// Write the schema changes of this revision here, with op.'

/** The body of `downgrade` in a revision written by hand. */
export const DEFAULT_DOWNGRADES = '// Undo the upgrade here, in reverse order.'

/**
 * The `script.ts.tmpl` that `init` writes: a revision file with its doc comment,
 * the four metadata exports and async `upgrade`/`downgrade`.
 */
export const DEFAULT_TEMPLATE = `/**
 * \${message}
 *
 * Revision ID: \${revision}
 * Revises: \${revises}
 * Create Date: \${createDate}
 */
import type { MigrationContext } from 'stratum'
\${imports}

export const revision = '\${revision}'
export const downRevision: string | string[] | null = \${downRevision}
export const branchLabels: string[] | null = \${branchLabels}
export const dependsOn: string[] | null = \${dependsOn}

export async function upgrade({ op }: MigrationContext): Promise<void> {
  \${upgrades}
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  \${downgrades}
}
`

const PLACEHOLDER = /\$\$\{|\$\{([^}]*)\}|\$\{/g
// Continuation lines of a multi-line value repeat the text before the placeholder when
// it is indentation or a comment gutter (` * `, `// `).
const GUTTER = /^[ \t]*(?:\*|\/\/)?[ \t]*$/

/**
 * Renders a revision template. `${name}` is replaced by a value, `$${` stands for a
 * literal `${` (so templates can hold TypeScript template literals). Names:
 * `message`, `revision`, `downRevision`, `branchLabels`, `dependsOn` (TypeScript
 * literals), `revises`, `createDate`, `imports`, `upgrades`, `downgrades` and `x.KEY`.
 * A line holding only a placeholder whose value is empty disappears; multi-line values
 * keep the indentation of their line. An unknown name is a `MigrationCreationError`
 * naming `templatePath` and the line.
 *
 * @example
 * renderTemplate(DEFAULT_TEMPLATE, {
 *   message: 'Add users table',
 *   revision: '3f2a9c1b7d4e',
 *   downRevisions: ['1a2b3c4d5e6f'],
 *   branchLabels: [],
 *   dependsOn: [],
 *   createDate: new Date(),
 * }, 'migrations/script.ts.tmpl')
 */
export function renderTemplate(
  template: string,
  values: TemplateValues,
  templatePath: string,
): string {
  const names = templateNames(values)
  const eol = template.includes('\r\n') ? '\r\n' : '\n'
  const out: string[] = []
  template.split(/\r?\n/).forEach((line, index) => {
    const rendered = renderLine({ line, names, eol, where: `${templatePath}:${index + 1}` })
    if (rendered !== undefined) out.push(rendered)
  })
  return out.join(eol)
}

/** The values of every placeholder name, rendered as text. */
function templateNames(values: TemplateValues): Map<string, string> {
  const createDate = values.createDate.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const names = new Map<string, string>([
    ['message', escapeDocText(values.message)],
    ['revision', values.revision],
    ['downRevision', stringListLiteral(values.downRevisions, { single: true })],
    ['branchLabels', stringListLiteral(values.branchLabels)],
    ['dependsOn', stringListLiteral(values.dependsOn)],
    ['revises', values.downRevisions.join(', ')],
    ['createDate', createDate],
    ['imports', values.imports ?? ''],
    ['upgrades', values.upgrades ?? DEFAULT_UPGRADES],
    ['downgrades', values.downgrades ?? DEFAULT_DOWNGRADES],
  ])
  for (const [key, value] of Object.entries(values.x ?? {})) names.set(`x.${key}`, value)
  return names
}

interface LineContext {
  line: string
  names: Map<string, string>
  eol: string
  /** `path:line`, for errors. */
  where: string
}

/** One template line rendered; undefined when it should disappear. */
function renderLine({ line, names, eol, where }: LineContext): string | undefined {
  let out = ''
  let last = 0
  let matches = 0
  let placeholders = 0
  let endsEmpty = false
  for (const match of line.matchAll(PLACEHOLDER)) {
    matches++
    out += line.slice(last, match.index)
    last = match.index + match[0].length
    if (match[0] === '$${') {
      out += '${'
      continue
    }
    const name = match[1]?.trim()
    if (name === undefined) {
      throw new MigrationCreationError(
        'TEMPLATE_SYNTAX',
        `${where}: unterminated placeholder '\${' (write '$\${' for a literal '\${')`,
      )
    }
    const value = names.get(name)
    if (value === undefined) throw unknownPlaceholder(name, names, where)
    placeholders++
    out += continueLines(value, out, eol)
    endsEmpty = value === '' && line.slice(last).trim() === ''
  }
  if (matches === 0) return line
  const rest = line.slice(last)
  if (placeholders === 1 && endsEmpty && out.trim() === '') return undefined
  // An empty value at the end of a line leaves no trailing spaces behind.
  return endsEmpty ? out.replace(/[ \t]+$/, '') : out + rest
}

function continueLines(value: string, before: string, eol: string): string {
  const lines = value.split(/\r\n|\r|\n/)
  if (lines.length === 1) return value
  const lineStart = before.lastIndexOf('\n') + 1
  const prefix = before.slice(lineStart)
  const gutter = GUTTER.test(prefix) ? prefix : ''
  return lines
    .map((text, i) => (i === 0 ? text : text === '' ? gutter.trimEnd() + text : gutter + text))
    .join(eol)
}

function unknownPlaceholder(
  name: string,
  names: Map<string, string>,
  where: string,
): MigrationCreationError {
  const known = [...names.keys()].join(', ')
  const hint = name.startsWith('x.')
    ? `Pass it on the command line: -x ${name.slice(2)}=VALUE.`
    : "Write '$${' for a literal '${' in the template."
  return new MigrationCreationError(
    'TEMPLATE_UNKNOWN_PLACEHOLDER',
    `${where}: unknown placeholder \${${name}} (known: ${known})`,
    { hint },
  )
}
