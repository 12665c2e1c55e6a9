/**
 * A whole introspected schema as model files: one per table (the default) or one per
 * schema. Each file imports what it uses from `'stratum'` and the tables its foreign keys
 * reference from their files; named enum types live in their schema's file (`_schema.ts`
 * when split by table); what the DSL cannot express is listed in a comment at the top.
 */
import { posix } from 'node:path'
import { stringLiteral } from '../autogenerate/render/literal.js'
import { renderComment } from '../autogenerate/render/render-operations.js'
import type { UnmodelledObject } from '../dialects/dialect.js'
import { MigrationError } from '../errors.js'
import type { ColumnModel, SchemaModel } from '../schema/model.js'
import { array, type CodeDoc, call, object, printCode, text } from './code-doc.js'
import { describeUnmodelled, sortUnmodelled } from './describe-unmodelled.js'
import { camelName, UniqueNames } from './model-names.js'
import {
  type ModelPlan,
  type PlannedEnum,
  type PlannedTable,
  type PullSplit,
  planModels,
} from './model-plan.js'
import type { ColumnContext } from './render-column.js'
import { LINE_WIDTH, renderTable } from './render-table.js'

/** Options of {@link renderModels}. */
export interface RenderModelsOptions {
  /** `table` (default): a file per table; `schema`: a file per schema. */
  readonly split?: PullSplit | undefined
  /** The default schema's name (`public`), for the name of its file when split by schema. */
  readonly defaultSchema?: string | undefined
  /** What the DSL cannot express, listed at the top of the files. */
  readonly unmodelled?: readonly UnmodelledObject[] | undefined
}

/** One file to write. */
export interface ModelFile {
  /** Relative to the output folder, `/`-separated: `invoice_line.ts`, `billing/_schema.ts`. */
  readonly path: string
  readonly text: string
  /** The tables it defines (`schema.name` outside the default schema). */
  readonly tables: readonly string[]
  /** Column settings the DSL cannot say, also listed at the top (`unmodelled` is too). */
  readonly notes: readonly string[]
}

interface FileParts {
  readonly tables: PlannedTable[]
  readonly enums: PlannedEnum[]
  readonly notes: string[]
}

const HEADER = [
  '// Models pulled from the database by `stratum pull`. They are yours to edit: autogenerate',
  '// compares them with the database from now on.',
]

function label(schema: string | undefined, name: string): string {
  return schema === undefined ? name : `${schema}.${name}`
}

/** `./artist.js`, `../billing/invoice.js`: the import of `to` from `from`. */
function importPath(from: string, to: string): string {
  const path = posix.relative(posix.dirname(from), to).replace(/\.ts$/, '.js')
  return path.startsWith('.') ? path : `./${path}`
}

function enumCode(item: PlannedEnum): CodeDoc {
  const values = array(item.model.values.map((value) => text(stringLiteral(value))))
  const schema = item.model.schema
  return call(
    'enumType',
    text(stringLiteral(item.model.name)),
    values,
    ...(schema === undefined ? [] : [object([['schema', text(stringLiteral(schema))]])]),
  )
}

function statement(start: string, doc: CodeDoc): string {
  const place = { indent: '', column: start.length, trailing: 0, width: LINE_WIDTH }
  return `${start}${printCode(doc, place)}`
}

/** Everything one file holds, in order: tables by name, enums, notes. */
function groupFiles(
  plan: ModelPlan,
  unmodelled: readonly UnmodelledObject[],
): Map<string, FileParts> {
  const files = new Map<string, FileParts>()
  const parts = (file: string) => {
    let found = files.get(file)
    if (found === undefined) {
      found = { tables: [], enums: [], notes: [] }
      files.set(file, found)
    }
    return found
  }
  for (const table of plan.tables) parts(table.file).tables.push(table)
  for (const item of plan.enums) parts(item.file).enums.push(item)
  for (const item of sortUnmodelled(unmodelled)) {
    const table = item.table === undefined ? undefined : plan.table(item.schema, item.table)
    parts(table?.file ?? plan.schemaFile(item.schema)).notes.push(describeUnmodelled(item))
  }
  return files
}

/** The text of one file. */
function renderFile(file: string, parts: FileParts, plan: ModelPlan): ModelFile {
  const dsl = new Set<string>()
  const imports = new Map<string, Set<string>>()
  const locals = new UniqueNames({ taken: plan.exportNames })
  const localEnums: string[] = []
  const notes: string[] = []
  const importFrom = (item: { readonly file: string; readonly exportName: string }) => {
    if (item.file === file) return
    const names = imports.get(item.file) ?? new Set<string>()
    names.add(item.exportName)
    imports.set(item.file, names)
  }
  const tables = parts.tables.map((planned) => {
    const context: ColumnContext = {
      plan,
      use: (name) => dsl.add(name),
      localEnum: (column: ColumnModel) => {
        dsl.add('enumType')
        const name = locals.take(camelName(`${planned.model.name}_${column.name}`), 'Enum')
        const values = typeof column.type === 'string' ? [] : column.type.enum
        const model = { name: `${planned.model.name}_${column.name}`, values }
        localEnums.push(statement(`const ${name} = `, enumCode({ model, exportName: name, file })))
        return name
      },
      note: (text) => notes.push(`${label(planned.model.schema, planned.model.name)} ${text}`),
    }
    const code = renderTable(planned, context)
    for (const key of planned.model.foreignKeys) {
      const target = plan.table(key.referencedSchema, key.referencedTable)
      if (target !== undefined) importFrom(target)
    }
    for (const column of planned.model.columns) {
      const type =
        typeof column.type === 'string' ? column.type.replace(/\[\]$/, '') : column.type.name
      const named = type === undefined ? undefined : plan.enumType(type)
      if (named !== undefined) importFrom(named)
    }
    return code
  })
  if (parts.enums.length > 0) dsl.add('enumType')
  const enums = parts.enums.map((item) =>
    statement(`export const ${item.exportName} = `, enumCode(item)),
  )
  const lines = [...HEADER]
  const listed = [...parts.notes, ...notes]
  if (listed.length > 0) {
    lines.push(
      '//',
      '// Not modelled here: the model DSL cannot express these (autogenerate leaves them alone).',
      ...listed.map((note) =>
        renderComment({ level: 'info', text: `- ${note}` }, { width: LINE_WIDTH }),
      ),
    )
  }
  const importLines: string[] = []
  if (dsl.size > 0) importLines.push(importLine([...dsl], 'stratum'))
  for (const [from, names] of [...imports].sort(([a], [b]) => byText(a, b))) {
    importLines.push(importLine([...names], importPath(file, from)))
  }
  const body = [...enums, ...localEnums, ...tables]
  const blocks = [
    lines.join('\n'),
    ...(importLines.length > 0 ? [importLines.join('\n')] : []),
    ...body,
  ]
  return {
    path: file,
    text: `${blocks.join('\n\n')}\n`,
    tables: parts.tables.map((planned) => label(planned.model.schema, planned.model.name)),
    notes,
  }
}

/** `import { a, b } from 'x'`, one name per line when it does not fit. */
function importLine(names: readonly string[], from: string): string {
  const sorted = [...names].sort(byText)
  const line = `import { ${sorted.join(', ')} } from ${stringLiteral(from)}`
  if (line.length <= LINE_WIDTH) return line
  return `import {\n${sorted.map((name) => `  ${name},`).join('\n')}\n} from ${stringLiteral(from)}`
}

/** Every foreign key must reach a pulled table, or the files would not load. */
function checkReferences(schema: SchemaModel): void {
  const pulled = new Set(schema.tables.map((table) => `${table.schema ?? ''}\u0000${table.name}`))
  for (const table of schema.tables) {
    for (const key of table.foreignKeys) {
      if (pulled.has(`${key.referencedSchema ?? ''}\u0000${key.referencedTable}`)) continue
      const target =
        key.referencedSchema === undefined
          ? key.referencedTable
          : `${key.referencedSchema}.${key.referencedTable}`
      const where = table.schema === undefined ? table.name : `${table.schema}.${table.name}`
      throw new MigrationError(
        'PULL_MISSING_REFERENCE',
        `Table '${where}' has a foreign key to '${target}', which is not pulled`,
        {
          hint: `Pull the schema of '${target}' too (--schema, or none for all), and check that the config's exclude globs leave it in.`,
        },
      )
    }
  }
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * The model files of an introspected schema, sorted by path. Loading them (model discovery)
 * and comparing with the same database gives no operations. Throws `MigrationError`
 * `PULL_MISSING_REFERENCE` when a foreign key references a table the schema lacks.
 *
 * @example
 * const files = renderModels(await migrator.introspect(), { split: 'schema', defaultSchema: 'public' })
 * files.map((file) => file.path) // ['public.ts']
 */
export function renderModels(schema: SchemaModel, options: RenderModelsOptions = {}): ModelFile[] {
  checkReferences(schema)
  const plan = planModels(schema, {
    split: options.split ?? 'table',
    defaultSchema: options.defaultSchema,
  })
  const files = groupFiles(plan, options.unmodelled ?? [])
  return [...files]
    .map(([file, parts]) => renderFile(file, parts, plan))
    .sort((a, b) => byText(a.path, b.path))
}
