/**
 * An in-memory database for tests: applies operations to a SchemaModel the way
 * PostgreSQL would (unnamed constraints get the database's names, renames follow into
 * keys and indexes, dropping a column drops what uses it), and fails loudly on an
 * operation that would fail there (a missing table, a duplicate name).
 */
import type {
  ColumnSpec,
  DefaultValue,
  Operation,
  OperationOf,
} from '../../../src/operations/types.js'
import type {
  ColumnModel,
  ForeignKeyModel,
  SchemaModel,
  TableModel,
} from '../../../src/schema/model.js'

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }
type Table = Mutable<TableModel> & { columns: ColumnModel[] }

function fail(message: string): never {
  throw new Error(`simulated database: ${message}`)
}

class Database {
  tables: Table[]
  enums: { name: string; schema?: string; values: string[] }[]
  schemas: Set<string>

  constructor(model: SchemaModel) {
    const copy = structuredClone(model) as SchemaModel
    this.tables = copy.tables.map((t) => ({ ...t }) as Table)
    this.enums = copy.enums.map((e) => ({ ...e, values: [...e.values] }))
    this.schemas = new Set(copy.schemas)
  }

  table(name: string, schema: string | undefined): Table {
    return (
      this.tables.find((t) => t.name === name && t.schema === schema) ??
      fail(`no table ${schema ? `${schema}.` : ''}${name}`)
    )
  }

  /** Every constraint and index name in a schema (PostgreSQL's namespace for indexes). */
  names(schema: string | undefined): Set<string> {
    const out = new Set<string>()
    for (const t of this.tables.filter((t) => t.schema === schema)) {
      for (const item of [
        t.primaryKey,
        ...t.uniques,
        ...t.foreignKeys,
        ...t.checks,
        ...t.indexes,
      ]) {
        if (item?.name) out.add(item.name)
      }
    }
    return out
  }

  name(schema: string | undefined, given: string | undefined, base: string): string {
    const taken = this.names(schema)
    if (given !== undefined) {
      if (taken.has(given)) fail(`name ${given} already used`)
      return given
    }
    let name = base
    for (let n = 1; taken.has(name); n++) name = `${base}${n}`
    return name
  }

  toModel(): SchemaModel {
    const clean = (t: Table): TableModel => JSON.parse(JSON.stringify(t))
    return {
      tables: this.tables.map(clean),
      enums: this.enums.map((e) => JSON.parse(JSON.stringify(e))),
      schemas: [...this.schemas].sort(),
    }
  }
}

function columnModel(spec: ColumnSpec, keyColumn: boolean): ColumnModel {
  const model: Record<string, unknown> = {
    name: spec.name,
    type: spec.type,
    nullable: keyColumn || spec.primaryKey ? false : (spec.nullable ?? true),
  }
  if (spec.default !== undefined) model.default = spec.default
  if (spec.autoIncrement) model.autoIncrement = true
  if (spec.comment !== undefined) model.comment = spec.comment
  return model as unknown as ColumnModel
}

function addInline(db: Database, t: Table, spec: ColumnSpec): void {
  if (spec.primaryKey)
    t.primaryKey = { name: db.name(t.schema, undefined, `${t.name}_pkey`), columns: [spec.name] }
  if (spec.unique) {
    t.uniques.push({
      name: db.name(t.schema, undefined, `${t.name}_${spec.name}_key`),
      columns: [spec.name],
    })
  }
  const ref = spec.references
  if (ref) {
    const key: Record<string, unknown> = {
      name: db.name(t.schema, ref.name, `${t.name}_${spec.name}_fkey`),
      columns: [spec.name],
      referencedTable: ref.table,
      referencedColumns: [ref.column],
    }
    for (const field of ['onDelete', 'onUpdate', 'deferrable', 'initiallyDeferred'] as const) {
      if (ref[field] !== undefined) key[field] = ref[field]
    }
    if (ref.schema !== undefined) key.referencedSchema = ref.schema
    t.foreignKeys.push(key as unknown as ForeignKeyModel)
  }
}

function createTable(db: Database, op: OperationOf<'createTable'>): void {
  if (db.tables.some((t) => t.name === op.table && t.schema === op.schema))
    fail(`table ${op.table} exists`)
  const keyColumns = new Set(op.primaryKey?.columns ?? [])
  const t: Table = {
    name: op.table,
    ...(op.schema ? { schema: op.schema } : {}),
    columns: op.columns.map((c) => columnModel(c, keyColumns.has(c.name))),
    uniques: [],
    foreignKeys: [],
    indexes: [],
    checks: [],
    ...(op.comment !== undefined ? { comment: op.comment } : {}),
  }
  db.tables.push(t)
  for (const spec of op.columns) addInline(db, t, spec)
  if (op.primaryKey) {
    t.primaryKey = {
      name: db.name(t.schema, op.primaryKey.name, `${t.name}_pkey`),
      columns: op.primaryKey.columns,
    }
  }
  for (const u of op.uniques ?? []) {
    t.uniques.push({
      name: db.name(t.schema, u.name, `${t.name}_${u.columns.join('_')}_key`),
      columns: u.columns,
    })
  }
  for (const k of op.foreignKeys ?? []) {
    t.foreignKeys.push({
      ...k,
      name: db.name(t.schema, k.name, `${t.name}_${k.columns.join('_')}_fkey`),
    })
  }
  for (const c of op.checks ?? []) {
    t.checks.push({ name: db.name(t.schema, c.name, `${t.name}_check`), expression: c.expression })
  }
}

function checkReferences(db: Database): void {
  for (const t of db.tables) {
    for (const k of t.foreignKeys) {
      const target = db.tables.find(
        (o) => o.name === k.referencedTable && o.schema === k.referencedSchema,
      )
      if (!target)
        fail(`foreign key ${k.name} of ${t.name} references missing table ${k.referencedTable}`)
      for (const c of k.referencedColumns) {
        if (!target.columns.some((col) => col.name === c))
          fail(`foreign key ${k.name} references missing column ${c}`)
      }
    }
  }
}

function renameColumnEverywhere(db: Database, t: Table, from: string, to: string): void {
  const r = (c: string) => (c === from ? to : c)
  const col = t.columns.find((c) => c.name === from) ?? fail(`no column ${t.name}.${from}`)
  if (t.columns.some((c) => c.name === to)) fail(`column ${t.name}.${to} exists`)
  ;(col as { name: string }).name = to
  if (t.primaryKey) t.primaryKey = { ...t.primaryKey, columns: t.primaryKey.columns.map(r) }
  t.uniques = t.uniques.map((u) => ({ ...u, columns: u.columns.map(r) }))
  t.foreignKeys = t.foreignKeys.map((k) => ({ ...k, columns: k.columns.map(r) }))
  t.indexes = t.indexes.map((i) => ({
    ...i,
    columns: i.columns.map((c) => (typeof c === 'string' ? r(c) : c)),
  }))
  for (const other of db.tables) {
    other.foreignKeys = other.foreignKeys.map((k) =>
      k.referencedTable === t.name && k.referencedSchema === t.schema
        ? { ...k, referencedColumns: k.referencedColumns.map(r) }
        : k,
    )
  }
}

function alterColumn(db: Database, op: OperationOf<'alterColumn'>): void {
  const t = db.table(op.table, op.schema)
  const index = t.columns.findIndex((c) => c.name === op.column)
  if (index < 0) fail(`no column ${op.table}.${op.column}`)
  const col: Record<string, unknown> = { ...t.columns[index] }
  if (op.type !== undefined) col.type = op.type
  if (op.nullable !== undefined) col.nullable = op.nullable
  if (op.default !== undefined) {
    if (op.default === null) delete col.default
    else col.default = op.default as DefaultValue
  }
  if (op.comment !== undefined) {
    if (op.comment === null) delete col.comment
    else col.comment = op.comment
  }
  t.columns[index] = col as unknown as ColumnModel
  if (op.newName !== undefined) renameColumnEverywhere(db, t, op.column, op.newName)
}

function dropColumn(db: Database, op: OperationOf<'dropColumn'>): void {
  const t = db.table(op.table, op.schema)
  if (!t.columns.some((c) => c.name === op.column)) fail(`no column ${op.table}.${op.column}`)
  const uses = (columns: readonly unknown[]) => columns.includes(op.column)
  t.columns = t.columns.filter((c) => c.name !== op.column)
  if (t.primaryKey && uses(t.primaryKey.columns)) delete t.primaryKey
  t.uniques = t.uniques.filter((u) => !uses(u.columns))
  t.foreignKeys = t.foreignKeys.filter((k) => !uses(k.columns))
  t.indexes = t.indexes.filter((i) => !uses(i.columns))
}

function dropConstraint(db: Database, op: OperationOf<'dropConstraint'>): void {
  const t = db.table(op.table, op.schema)
  const before = JSON.stringify(t)
  if (t.primaryKey?.name === op.name && op.type !== 'foreignKey') delete t.primaryKey
  t.uniques = t.uniques.filter((u) => u.name !== op.name)
  t.foreignKeys = t.foreignKeys.filter((k) => k.name !== op.name)
  t.checks = t.checks.filter((c) => c.name !== op.name)
  if (JSON.stringify(t) === before) fail(`no constraint ${op.name} on ${op.table}`)
}

const HANDLERS: { [K in Operation['kind']]?: (db: Database, op: OperationOf<K>) => void } = {
  createTable,
  dropTable: (db, op) => {
    const t = db.table(op.table, op.schema)
    db.tables = db.tables.filter((o) => o !== t)
  },
  renameTable: (db, op) => {
    const t = db.table(op.table, op.schema)
    if (db.tables.some((o) => o.name === op.newName && o.schema === op.schema))
      fail(`table ${op.newName} exists`)
    for (const other of db.tables) {
      other.foreignKeys = other.foreignKeys.map((k) =>
        k.referencedTable === t.name && k.referencedSchema === t.schema
          ? { ...k, referencedTable: op.newName }
          : k,
      )
    }
    t.name = op.newName
  },
  addColumn: (db, op) => {
    const t = db.table(op.table, op.schema)
    if (t.columns.some((c) => c.name === op.column.name)) fail(`column ${op.column.name} exists`)
    t.columns.push(columnModel(op.column, false))
    addInline(db, t, op.column)
  },
  dropColumn,
  alterColumn,
  createIndex: (db, op) => {
    const t = db.table(op.table, op.schema)
    const index: Record<string, unknown> = {
      name: db.name(t.schema, op.name, op.name),
      columns: op.columns,
      unique: op.unique ?? false,
    }
    if (op.where !== undefined) index.where = op.where
    if (op.using !== undefined) index.using = op.using
    t.indexes.push(index as never)
  },
  dropIndex: (db, op) => {
    const t = db.tables.find(
      (o) => o.schema === op.schema && o.indexes.some((i) => i.name === op.name),
    )
    if (!t) fail(`no index ${op.name}`)
    if (op.table !== undefined && t.name !== op.table)
      fail(`index ${op.name} is not on ${op.table}`)
    t.indexes = t.indexes.filter((i) => i.name !== op.name)
  },
  createPrimaryKey: (db, op) => {
    const t = db.table(op.table, op.schema)
    if (t.primaryKey) fail(`${op.table} already has a primary key`)
    t.primaryKey = { name: db.name(t.schema, op.name, `${t.name}_pkey`), columns: op.columns }
    t.columns = t.columns.map((c) => (op.columns.includes(c.name) ? { ...c, nullable: false } : c))
  },
  createUniqueConstraint: (db, op) => {
    const t = db.table(op.table, op.schema)
    t.uniques.push({ name: db.name(t.schema, op.name, op.name), columns: op.columns })
  },
  createForeignKey: (db, op) => {
    const { kind: _k, table, schema, ...key } = op
    const t = db.table(table, schema)
    t.foreignKeys.push({ ...key, name: db.name(t.schema, op.name, op.name) })
  },
  createCheckConstraint: (db, op) => {
    const t = db.table(op.table, op.schema)
    t.checks.push({ name: db.name(t.schema, op.name, op.name), expression: op.expression })
  },
  dropConstraint,
  setTableComment: (db, op) => {
    const t = db.table(op.table, op.schema)
    if (op.comment === null) delete t.comment
    else t.comment = op.comment
  },
  createSchema: (db, op) => {
    if (db.schemas.has(op.name)) fail(`schema ${op.name} exists`)
    db.schemas.add(op.name)
  },
  dropSchema: (db, op) => {
    if (!db.schemas.delete(op.name)) fail(`no schema ${op.name}`)
  },
  createEnum: (db, op) => {
    if (db.enums.some((e) => e.name === op.name && e.schema === op.schema))
      fail(`enum ${op.name} exists`)
    db.enums.push({
      name: op.name,
      ...(op.schema ? { schema: op.schema } : {}),
      values: [...op.values],
    })
  },
  dropEnum: (db, op) => {
    const before = db.enums.length
    db.enums = db.enums.filter((e) => !(e.name === op.name && e.schema === op.schema))
    if (db.enums.length === before) fail(`no enum ${op.name}`)
  },
  addEnumValue: (db, op) => {
    const e =
      db.enums.find((o) => o.name === op.name && o.schema === op.schema) ??
      fail(`no enum ${op.name}`)
    if (e.values.includes(op.value)) fail(`enum ${op.name} has ${op.value}`)
    const anchor = op.before ?? op.after
    if (anchor === undefined) e.values.push(op.value)
    else {
      const at = e.values.indexOf(anchor)
      if (at < 0) fail(`enum ${op.name} has no ${anchor}`)
      e.values.splice(op.before !== undefined ? at : at + 1, 0, op.value)
    }
  },
}

function covered(t: Table, columns: readonly string[]): boolean {
  const covers = (indexed: readonly unknown[] | undefined) =>
    indexed !== undefined && columns.every((column, i) => indexed[i] === column)
  return (
    t.indexes.some((index) => covers(index.columns)) ||
    covers(t.primaryKey?.columns) ||
    t.uniques.some((unique) => covers(unique.columns))
  )
}

/**
 * MySQL: every foreign key has an index; one is made under the key's name where none
 * serves, and dropped again when another index comes to serve.
 */
function keyIndexes(db: Database, before: Operation): void {
  for (const t of db.tables) {
    for (const key of t.foreignKeys) {
      const own = t.indexes.find((index) => index.name === key.name)
      if (own) {
        const others = { ...t, indexes: t.indexes.filter((index) => index !== own) }
        if (covered(others, key.columns)) t.indexes = others.indexes
      }
      if (covered(t, key.columns)) continue
      const dropsIndex =
        before.kind === 'dropIndex' ||
        (before.kind === 'dropConstraint' &&
          (before.type === 'unique' || before.type === 'primaryKey'))
      if (dropsIndex) fail(`cannot drop ${before.name}: foreign key ${key.name} needs its index`)
      t.indexes.push({ name: key.name as string, columns: key.columns, unique: false })
    }
  }
}

export interface ApplyOptions {
  /** Behave like MySQL: foreign keys need an index, and get one when none serves. */
  readonly foreignKeysNeedIndex?: boolean
}

/** The model after running `operations` on it; throws where a database would. */
export function applyOperations(
  model: SchemaModel,
  operations: readonly Operation[],
  options: ApplyOptions = {},
): SchemaModel {
  const db = new Database(model)
  for (const op of operations) {
    const handler = HANDLERS[op.kind] as ((db: Database, op: Operation) => void) | undefined
    if (!handler) fail(`cannot simulate ${op.kind}`)
    handler(db, op)
    checkReferences(db)
    if (options.foreignKeysNeedIndex) keyIndexes(db, op)
  }
  return db.toModel()
}
