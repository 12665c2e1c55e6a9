import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MigrationCreationError } from '../../src/errors.js'
import { readRevisionMeta } from '../../src/script/read-metadata.js'
import {
  DEFAULT_DOWNGRADES,
  DEFAULT_TEMPLATE,
  DEFAULT_UPGRADES,
  renderTemplate,
  type TemplateValues,
} from '../../src/script/template.js'

const TEMPLATE_PATH = 'migrations/script.ts.tmpl'

const values: TemplateValues = {
  message: 'Add users table',
  revision: '3f2a9c1b7d4e',
  downRevisions: ['1a2b3c4d5e6f'],
  branchLabels: [],
  dependsOn: [],
  createDate: new Date('2026-11-26T10:30:00.123Z'),
}

function render(template: string, overrides: Partial<TemplateValues> = {}): string {
  return renderTemplate(template, { ...values, ...overrides }, TEMPLATE_PATH)
}

describe('DEFAULT_TEMPLATE', () => {
  it('renders the revision file shape of DESIGN.md', () => {
    expect(render(DEFAULT_TEMPLATE)).toBe(`/**
 * Add users table
 *
 * Revision ID: 3f2a9c1b7d4e
 * Revises: 1a2b3c4d5e6f
 * Create Date: 2026-11-26T10:30:00Z
 */
import type { MigrationContext } from 'stratum'

export const revision = '3f2a9c1b7d4e'
export const downRevision: string | string[] | null = '1a2b3c4d5e6f'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade({ op }: MigrationContext): Promise<void> {
  ${DEFAULT_UPGRADES}
}

export async function downgrade({ op }: MigrationContext): Promise<void> {
  ${DEFAULT_DOWNGRADES}
}
`)
  })

  it('renders a root, a merge with labels and dependencies, imports and bodies', () => {
    const root = render(DEFAULT_TEMPLATE, { downRevisions: [], message: '' })
    expect(root).toContain('/**\n *\n *\n * Revision ID: 3f2a9c1b7d4e\n * Revises:\n * Create')
    expect(root).toContain('export const downRevision: string | string[] | null = null\n')

    const merge = render(DEFAULT_TEMPLATE, {
      downRevisions: ['a1', 'b2'],
      branchLabels: ['users'],
      dependsOn: ['c3', 'billing'],
      imports: "import { sql } from 'stratum'",
      upgrades: "await op.addColumn('users', 'email')\n\nawait op.createIndex('users', ['email'])",
      downgrades: "await op.dropColumn('users', 'email')",
    })
    expect(merge).toContain(' * Revises: a1, b2\n')
    expect(merge).toContain(
      "from 'stratum'\nimport { sql } from 'stratum'\n\nexport const revision",
    )
    expect(merge).toContain("null = ['a1', 'b2']\n")
    expect(merge).toContain("export const branchLabels: string[] | null = ['users']\n")
    expect(merge).toContain("export const dependsOn: string[] | null = ['c3', 'billing']\n")
    expect(merge).toContain(
      "{\n  await op.addColumn('users', 'email')\n\n  await op.createIndex('users', ['email'])\n}",
    )
    expect(readRevisionMeta(merge, 'm.ts')).toEqual({
      revision: '3f2a9c1b7d4e',
      downRevisions: ['a1', 'b2'],
      branchLabels: ['users'],
      dependsOn: ['c3', 'billing'],
      message: 'Add users table',
      path: 'm.ts',
    })
  })

  it.each([
    'Add users table',
    "Don't break 'quotes' or \"double quotes\"",
    'Close the comment */ early',
    'Already escaped *\\/ and *\\\\/ stay exact',
    `Backslash \\ and template \`\${literal}\` and $\${escape}`,
    'Unicode: café, 数据库, Ωμέγα, 🚀',
    '*starts with a star',
    '',
  ])('round-trips the message %j through readRevisionMeta', (message) => {
    const source = render(DEFAULT_TEMPLATE, { message })
    expect(readRevisionMeta(source, 'r.ts').message).toBe(message)
  })

  it('round-trips any metadata through readRevisionMeta', () => {
    const id = fc.stringMatching(/^[0-9a-f]{1,12}$/)
    const anyString = fc.string({ unit: 'grapheme', minLength: 1 })
    const message = fc
      .string({ unit: 'grapheme' })
      .filter((m) => !/[\r\n]/.test(m) && m.trim() === m && !m.startsWith('Revision ID:'))
    fc.assert(
      fc.property(
        id,
        fc.array(id, { maxLength: 3 }),
        fc.array(anyString, { maxLength: 3 }),
        fc.array(anyString, { maxLength: 3 }),
        message,
        (revision, downRevisions, branchLabels, dependsOn, msg) => {
          const source = render(DEFAULT_TEMPLATE, {
            revision,
            downRevisions,
            branchLabels,
            dependsOn,
            message: msg,
          })
          expect(readRevisionMeta(source, 'p.ts')).toEqual({
            revision,
            downRevisions,
            branchLabels,
            dependsOn,
            message: msg,
            path: 'p.ts',
          })
        },
      ),
      { numRuns: 300 },
    )
  })

  it('keeps a multi-line message inside the doc comment', () => {
    const source = render(DEFAULT_TEMPLATE, { message: 'First line\n\nMore detail */ here' })
    expect(source).toContain('/**\n * First line\n *\n * More detail *\\/ here\n *\n * Revision')
    expect(readRevisionMeta(source, 'r.ts').message).toBe('First line')
  })
})

describe('renderTemplate', () => {
  it('reads $${ as a literal ${', () => {
    const template = `const s = \`id $\${revision} is \${revision}\`\n$$ and $ alone`
    expect(render(template)).toBe(`const s = \`id \${revision} is 3f2a9c1b7d4e\`\n$$ and $ alone`)
  })

  it('provides -x values as x.KEY', () => {
    const template = `// tenant: \${x.tenant}, \${ x.data-dir }`
    const rendered = render(template, { x: { tenant: "o'neil", 'data-dir': '/tmp/a b' } })
    expect(rendered).toBe("// tenant: o'neil, /tmp/a b")
  })

  it('renders -x values in a custom template that still reads back', () => {
    const template = DEFAULT_TEMPLATE.replace(
      `\${imports}`,
      `// Generated for \${x.tenant} by \${x.author}`,
    )
    const source = render(template, { x: { tenant: 'acme', author: "Zoë */ O'Brien" } })
    expect(source).toContain("// Generated for acme by Zoë */ O'Brien\n")
    expect(readRevisionMeta(source, 'r.ts')).toMatchObject({
      revision: '3f2a9c1b7d4e',
      downRevisions: ['1a2b3c4d5e6f'],
      message: 'Add users table',
    })
  })

  it('names the template, line and known names for an unknown placeholder', () => {
    const template = `line one\nline two\nthree \${revison}`
    let caught: unknown
    try {
      render(template)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(MigrationCreationError)
    const error = caught as MigrationCreationError
    expect(error.code).toBe('TEMPLATE_UNKNOWN_PLACEHOLDER')
    expect(error.message).toContain(`migrations/script.ts.tmpl:3: unknown placeholder \${revison}`)
    expect(error.message).toContain('known: message, revision, downRevision, branchLabels')
  })

  it('treats an x.KEY that was not given as unknown, with a hint', () => {
    const make = () => render(`a\n\${x.tenant}`, { x: { other: '1' } })
    expect(make).toThrow(/script\.ts\.tmpl:2: unknown placeholder \$\{x\.tenant\}.*x\.other/)
    try {
      make()
    } catch (error) {
      expect((error as MigrationCreationError).hint).toContain('-x tenant=VALUE')
    }
  })

  it('rejects an unterminated placeholder', () => {
    expect(() => render('ok\nbad ${message')).toThrow(/script\.ts\.tmpl:2: unterminated/)
  })

  it('drops a line holding only an empty placeholder, and trailing spaces', () => {
    expect(render(`a\n  \${imports}  \nb`, { imports: '' })).toBe('a\nb')
    expect(render(`Revises: \${revises}\n`, { downRevisions: [] })).toBe('Revises:\n')
    expect(render(`x \${imports} y`, { imports: '' })).toBe('x  y')
  })

  it('indents multi-line values like their line', () => {
    const rendered = render(`{\n    \${upgrades}\n}`, { upgrades: 'a()\n\nif (x) {\n  b()\n}' })
    expect(rendered).toBe('{\n    a()\n\n    if (x) {\n      b()\n    }\n}')
    expect(render(`const a = \${upgrades}`, { upgrades: 'f(\n1)' })).toBe('const a = f(\n1)')
  })

  it('keeps CRLF line ends of the template, also in multi-line values', () => {
    const rendered = render(`a\r\n  \${upgrades}\r\nb\r\n`, { upgrades: 'x\ny' })
    expect(rendered).toBe('a\r\n  x\r\n  y\r\nb\r\n')
  })

  it('escapes quotes, backslashes and line breaks in literals', () => {
    const source = render(DEFAULT_TEMPLATE, {
      branchLabels: ["it's", 'back\\slash', 'new\nline', 'tab\t'],
    })
    expect(source).toContain(`['it\\'s', 'back\\\\slash', 'new\\nline', 'tab\\t']`)
    expect(readRevisionMeta(source, 'r.ts').branchLabels).toEqual([
      "it's",
      'back\\slash',
      'new\nline',
      'tab\t',
    ])
  })
})
