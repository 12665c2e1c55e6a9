/**
 * Where each pulled table and enum type goes and what it is called: its file, its
 * exported const, and a key per column. Planned once for the whole schema, so that a
 * foreign key in one file can import the table it references from another.
 */
import type { EnumModel, SchemaModel, TableModel } from '../schema/model.js'
import { camelName, fileName, UniqueNames } from './model-names.js'

/** One file per table (the default), or one per schema. */
export type PullSplit = 'table' | 'schema'

export interface PlannedTable {
  readonly model: TableModel
  /** The exported const: `invoiceLine`. */
  readonly exportName: string
  /** The file, relative to the output folder, `/`-separated: `invoice_line.ts`. */
  readonly file: string
  /** Column SQL name → key in `defineTable`. */
  readonly keys: ReadonlyMap<string, string>
}

export interface PlannedEnum {
  readonly model: EnumModel
  readonly exportName: string
  readonly file: string
}

export interface ModelPlan {
  readonly tables: readonly PlannedTable[]
  readonly enums: readonly PlannedEnum[]
  /** The file of each schema's enum types and schema-wide notes (`undefined`: the default schema). */
  readonly schemaFile: (schema: string | undefined) => string
  /** A table by schema and name. */
  readonly table: (schema: string | undefined, name: string) => PlannedTable | undefined
  /** A named enum type by the name a column type gives it (`mood`, `billing.mood`). */
  readonly enumType: (typeName: string) => PlannedEnum | undefined
  /** Every exported const, so local names can avoid them. */
  readonly exportNames: ReadonlySet<string>
}

const key = (schema: string | undefined, name: string) => `${schema ?? ''}\u0000${name}`

/** Column keys of one table: camelCase, unique within the table. */
function columnKeys(table: TableModel): Map<string, string> {
  const names = new UniqueNames()
  // Keys are object properties, so reserved words are fine; only duplicates are not.
  return new Map(
    table.columns.map((column) => {
      const wanted = camelName(column.name, 'column')
      return [column.name, names.take(wanted, wanted)]
    }),
  )
}

/** A file namer whose names compare without case, as on macOS and Windows disks. */
function fileNamer(taken: readonly string[] = []): UniqueNames {
  return new UniqueNames({ fold: (name) => name.toLowerCase(), taken, files: true })
}

/**
 * Plans the files and names of a schema's models.
 *
 * @example
 * const plan = planModels(schema, { split: 'table', defaultSchema: 'public' })
 * plan.tables.map((table) => table.file) // ['album.ts', 'artist.ts', ...]
 */
export function planModels(
  schema: SchemaModel,
  options: { readonly split: PullSplit; readonly defaultSchema?: string | undefined },
): ModelPlan {
  const exports = new UniqueNames()
  const files = fileNamer()
  const folders = new Map<string, UniqueNames>()
  const schemaFiles = new Map<string, string>()
  const schemaFile = (name: string | undefined): string => {
    const found = schemaFiles.get(name ?? '')
    if (found !== undefined) return found
    const base =
      options.split === 'schema'
        ? `${fileName(name ?? options.defaultSchema ?? 'schema', 'schema')}.ts`
        : `${name === undefined ? '' : `${fileName(name, 'schema')}/`}_schema.ts`
    const file = files.take(base.slice(0, -3)).concat('.ts')
    schemaFiles.set(name ?? '', file)
    return file
  }
  const tableFile = (table: TableModel): string => {
    if (options.split === 'schema') return schemaFile(table.schema)
    const folder = table.schema === undefined ? '' : `${fileName(table.schema, 'schema')}/`
    let namer = folders.get(folder)
    if (namer === undefined) {
      // A table file never takes the name of its folder's shared file.
      namer = fileNamer(['_schema'])
      folders.set(folder, namer)
    }
    return `${folder}${namer.take(fileName(table.name))}.ts`
  }
  // Tables of the default schema first, so that they keep the plain names.
  const ordered = [...schema.tables].sort(
    (a, b) => Number(a.schema !== undefined) - Number(b.schema !== undefined),
  )
  const tables = ordered.map(
    (model): PlannedTable => ({
      model,
      exportName: exports.take(
        model.schema === undefined || !takenLater(ordered, model)
          ? camelName(model.name, 'table')
          : camelName(`${model.schema}_${model.name}`, 'table'),
        'Table',
      ),
      file: tableFile(model),
      keys: columnKeys(model),
    }),
  )
  const enums = schema.enums.map(
    (model): PlannedEnum => ({
      model,
      exportName: exports.take(camelName(model.name, 'enum'), 'Enum'),
      file: schemaFile(model.schema),
    }),
  )
  const byTable = new Map(tables.map((table) => [key(table.model.schema, table.model.name), table]))
  const byEnum = new Map(
    enums.map((item) => [
      item.model.schema === undefined ? item.model.name : `${item.model.schema}.${item.model.name}`,
      item,
    ]),
  )
  const exportNames = new Set([...tables, ...enums].map((item) => item.exportName))
  return {
    tables: [...tables].sort(
      (a, b) => compare(a.file, b.file) || compare(a.exportName, b.exportName),
    ),
    enums,
    schemaFile,
    table: (schemaName, name) => byTable.get(key(schemaName, name)),
    enumType: (typeName) => byEnum.get(typeName),
    exportNames,
  }
}

/** Whether a table of another schema shares this table's name (then the schema prefixes it). */
function takenLater(tables: readonly TableModel[], table: TableModel): boolean {
  return tables.some((other) => other !== table && other.name === table.name)
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
