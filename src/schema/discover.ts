/**
 * Model discovery: the `models` patterns of the config to one `SchemaModel`. Each
 * matching module is imported (TypeScript through jiti, `'stratum'` mapped to the running
 * package) and every table and enum type it exports is collected — top-level exports,
 * and one level inside exported plain objects and arrays (`export default { users }`).
 */
import { readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { isAbsolute, relative } from 'node:path'
import { ModelError } from '../errors.js'
import { isPlainObject } from '../operations/freeze.js'
import { evaluateFast } from '../runtime/fast-module.js'
import { importModule, stratumApi } from '../script/load-module.js'
import { type EnumType, isEnumType } from './enum-type.js'
import { expandGlob, globToRegExp, hasGlobSyntax } from './glob.js'
import type { EnumModel, SchemaModel, TableModel } from './model.js'
import { type AnyTable, isTable } from './table.js'

/** Options of `discoverModels`. */
export interface DiscoverModelsOptions {
  /** Absolute module paths or globs (`config.models`); a leading `!` excludes matches. */
  readonly patterns: readonly string[]
  /** What messages show paths relative to. */
  readonly cwd: string
}

/** What the models describe, and the files they came from. */
export interface DiscoveredModels {
  readonly schema: SchemaModel
  /** The model files imported, sorted. */
  readonly files: readonly string[]
}

/** Files a glob collects: modules, not declaration files. */
const MODULE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/
const DECLARATION_FILE = /\.d\.[cm]?ts$/

interface Found<T> {
  readonly value: T
  readonly file: string
}

function shownPath(file: string, cwd: string): string {
  const shown = relative(cwd, file)
  return shown === '' || shown.startsWith('..') || isAbsolute(shown) ? file : shown
}

/** The first non-empty line of whatever was thrown. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return (
    message
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line !== '') ?? 'unknown error'
  )
}

/** A Stratum error from any copy of the package (model files may load a second copy). */
function stratumError(error: unknown): error is Error & { code: string; hint?: string } {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined
  return typeof code === 'string' && code.startsWith('MODEL_')
}

/** The model files the patterns select, sorted; throws when a pattern matches none. */
async function modelFiles(options: DiscoverModelsOptions): Promise<string[]> {
  const include = options.patterns.filter((pattern) => !pattern.startsWith('!'))
  const exclude = options.patterns
    .filter((pattern) => pattern.startsWith('!'))
    .map((pattern) => globToRegExp(pattern.slice(1)))
  if (include.length === 0) {
    throw new ModelError('MODEL_NOT_FOUND', 'No model modules are configured', {
      hint: "Set models in stratum.config.ts, e.g. models: ['src/models/**/*.ts']",
    })
  }
  const files = new Set<string>()
  for (const pattern of include) {
    const shown = shownPath(pattern, options.cwd)
    if (!hasGlobSyntax(pattern) && (await stat(pattern).catch(() => undefined))?.isDirectory()) {
      throw new ModelError('MODEL_NOT_FOUND', `Model path '${shown}' is a folder, not a module`, {
        hint: `Name the modules, or use a glob such as '${shown}/**/*.ts'.`,
      })
    }
    const matches = (await expandGlob(pattern)).filter(
      (file) => !hasGlobSyntax(pattern) || (MODULE_FILE.test(file) && !DECLARATION_FILE.test(file)),
    )
    if (matches.length === 0) {
      throw new ModelError('MODEL_NOT_FOUND', `No model file matches '${shown}'`, {
        hint: 'Check the models setting in stratum.config.ts.',
      })
    }
    for (const file of matches) files.add(file)
  }
  const kept = [...files].filter((file) => !exclude.some((pattern) => pattern.test(file)))
  if (kept.length === 0) {
    throw new ModelError('MODEL_NOT_FOUND', 'Every model file matched is excluded by a ! pattern', {
      hint: 'Check the models setting in stratum.config.ts.',
    })
  }
  return kept.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** `:line:column` when a transpiler's message points into `file` (jiti puts it on line 2). */
function location(error: unknown, file: string): string {
  const message = error instanceof Error ? error.message : ''
  for (const line of message.split('\n').slice(1)) {
    const match = /^(.*):(\d+):(\d+)$/.exec(line.trim())
    if (match?.[1] === file) return `:${match[2]}:${match[3]}`
  }
  return ''
}

/**
 * Evaluates a model module, fresh each time (a long-lived process, a watcher or a test,
 * sees edited models). A file of plain shape (`import { ... } from 'stratum'`, `export
 * const` tables, type annotations on them at most) takes the fast path revision files
 * take (runtime/fast-module.ts): its types erased, compiled by V8 under its own name, in
 * milliseconds where jiti spends a third of a second, and seconds after each edit (Babel);
 * `'stratum'` is then the running Stratum itself. Anything else goes through jiti.
 */
async function evaluateModels(file: string): Promise<Record<string, unknown>> {
  let source: string | undefined
  try {
    source = readFileSync(file, 'utf8')
  } catch {
    // Unreadable here: jiti reports it as it reports any module it cannot load.
  }
  const fast = source === undefined ? undefined : await evaluateFast(source, file, stratumApi)
  return fast ?? (await importModule(file, { fresh: true }))
}

async function importModels(file: string, shown: string): Promise<Record<string, unknown>> {
  try {
    return await evaluateModels(file)
  } catch (error) {
    if (stratumError(error)) {
      throw new ModelError(error.code, `${shown}: ${error.message}`, {
        cause: error,
        hint: error.hint,
        files: [file],
      })
    }
    const where = `${shown}${location(error, file)}`
    throw new ModelError('MODEL_IMPORT_FAILED', `${where}: import failed: ${firstLine(error)}`, {
      cause: error,
      hint: 'Fix the error in the model module (or its imports); the cause has the stack.',
      files: [file],
    })
  }
}

/** Exported values, and the values inside exported plain objects and arrays. */
function exportedValues(namespace: Record<string, unknown>): unknown[] {
  return Object.values(namespace).flatMap((value) => {
    if (Array.isArray(value)) return [value, ...value]
    if (isPlainObject(value)) return [value, ...Object.values(value)]
    return [value]
  })
}

function keyOf(item: { readonly schema?: string | undefined; readonly name: string }): string {
  return `${item.schema ?? ''}\u0000${item.name}`
}

function labelOf(item: { readonly schema?: string | undefined; readonly name: string }): string {
  return item.schema === undefined ? item.name : `${item.schema}.${item.name}`
}

function byKey<T extends { readonly schema?: string; readonly name: string }>(a: T, b: T): number {
  const [left, right] = [keyOf(a), keyOf(b)]
  return left < right ? -1 : left > right ? 1 : 0
}

/** Collects tables and enum types across files, refusing two different ones with one name. */
class Collector {
  readonly tables = new Map<string, Found<TableModel>>()
  readonly enums = new Map<string, Found<EnumModel>>()
  private readonly seen = new Set<unknown>()

  constructor(private readonly cwd: string) {}

  add(value: unknown, file: string): void {
    if (this.seen.has(value)) return
    if (isTable(value)) {
      this.seen.add(value)
      this.addTable(value, file)
    } else if (isEnumType(value)) {
      this.seen.add(value)
      this.addEnum((value as EnumType).toModel(), file)
    }
  }

  private addTable(table: AnyTable, file: string): void {
    let model: TableModel
    try {
      model = table.toModel()
      for (const enumModel of table.enumTypes()) this.addEnum(enumModel, file)
    } catch (error) {
      const shown = shownPath(file, this.cwd)
      throw new ModelError(
        stratumError(error) ? error.code : 'MODEL_INVALID',
        `${shown}: ${firstLine(error)}`,
        { cause: error, files: [file] },
      )
    }
    this.put({ map: this.tables, found: { value: model, file }, what: 'Table' })
  }

  private addEnum(model: EnumModel, file: string): void {
    this.put({ map: this.enums, found: { value: model, file }, what: 'Enum type' })
  }

  /**
   * The same definition reached twice (a module re-exporting another, each evaluated on
   * its own) is one; two different definitions with one name are an error.
   */
  private put<T extends TableModel | EnumModel>(options: {
    readonly map: Map<string, Found<T>>
    readonly found: Found<T>
    readonly what: string
  }): void {
    const { map, found, what } = options
    const key = keyOf(found.value)
    const earlier = map.get(key)
    if (earlier === undefined) {
      map.set(key, found)
      return
    }
    if (JSON.stringify(earlier.value) === JSON.stringify(found.value)) return
    const files = [earlier.file, found.file]
    const where =
      earlier.file === found.file
        ? `twice in ${shownPath(found.file, this.cwd)}`
        : `in both ${files.map((file) => shownPath(file, this.cwd)).join(' and ')}`
    throw new ModelError(
      what === 'Table' ? 'MODEL_DUPLICATE_TABLE' : 'MODEL_DUPLICATE_ENUM',
      `${what} '${labelOf(found.value)}' is defined ${where}`,
      { hint: 'Give one of them another name (or schema), or define it once.', files },
    )
  }

  /** Every foreign key must reach a table the models define. */
  checkReferences(): void {
    for (const { value: table, file } of this.tables.values()) {
      for (const foreignKey of table.foreignKeys) {
        const target = { schema: foreignKey.referencedSchema, name: foreignKey.referencedTable }
        if (this.tables.has(keyOf(target))) continue
        throw new ModelError(
          'MODEL_MISSING_REFERENCE',
          `${shownPath(file, this.cwd)}: table '${labelOf(table)}' has a foreign key (${foreignKey.columns.join(', ')}) to table '${labelOf(target)}', which no model file defines`,
          {
            hint: `Add the module defining '${labelOf(target)}' to models in stratum.config.ts, and export the table.`,
            files: [file],
          },
        )
      }
    }
  }

  schema(): SchemaModel {
    const tables = [...this.tables.values()].map((found) => found.value).sort(byKey)
    const enums = [...this.enums.values()].map((found) => found.value).sort(byKey)
    const schemas = new Set(
      [...tables, ...enums].flatMap((item) => (item.schema === undefined ? [] : [item.schema])),
    )
    return Object.freeze({
      tables: Object.freeze(tables),
      enums: Object.freeze(enums),
      schemas: Object.freeze([...schemas].sort()),
    })
  }
}

/**
 * Imports the model modules that `patterns` select and collects their tables and enum
 * types into one `SchemaModel` (tables and enums sorted by schema and name; the schemas
 * they name). Patterns are absolute paths or globs (`*`, `**`, `?`, `{a,b}`); globs
 * collect module files only (`.ts`, `.mts`, `.cts`, `.js`, `.mjs`, `.cjs`, `.tsx`, `.jsx`,
 * not `.d.ts`); `!pattern` excludes files.
 *
 * Throws `ModelError`: `MODEL_NOT_FOUND` (no pattern, a pattern matching no file, a
 * folder), `MODEL_IMPORT_FAILED` (a module threw; names the file and the error's first
 * line, `cause` keeps the error), `MODEL_INVALID` (a malformed definition, prefixed with
 * its file), `MODEL_DUPLICATE_TABLE` / `MODEL_DUPLICATE_ENUM` (two different definitions
 * with one schema and name; names both files), `MODEL_MISSING_REFERENCE` (a foreign key
 * to a table no model defines).
 *
 * @example
 * const { schema, files } = await discoverModels({ patterns: config.models, cwd: config.rootDir })
 * schema.tables.map((table) => table.name) // ['posts', 'users']
 */
export async function discoverModels(options: DiscoverModelsOptions): Promise<DiscoveredModels> {
  const files = await modelFiles(options)
  const collector = new Collector(options.cwd)
  for (const file of files) {
    const namespace = await importModels(file, shownPath(file, options.cwd))
    for (const value of exportedValues(namespace)) collector.add(value, file)
  }
  collector.checkReferences()
  return Object.freeze({ schema: collector.schema(), files: Object.freeze(files) })
}
