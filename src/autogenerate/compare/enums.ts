/**
 * Schemas and named enum types (PostgreSQL). Values are added in place (`before` /
 * `after`), so the type's order matches the model's. PostgreSQL cannot drop or
 * reorder enum values: those changes are reported, with the manual steps written into
 * the revision as a warning, never silently left out.
 */
import type { EnumModel, SchemaModel } from '../../schema/model.js'
import { Phase, warning } from './change-plan.js'
import type { CompareContext } from './context.js'
import { displayName, tableKey } from './names.js'

/** Creates the schemas only the models use (schemas are never dropped). */
export function compareSchemaNames(
  context: CompareContext,
  target: SchemaModel,
  current: SchemaModel,
): void {
  const existing = new Set(current.schemas)
  for (const schema of target.schemas) {
    if (existing.has(schema)) continue
    context.plan.change({ kind: 'createSchema', schema, detail: `schema ${schema} added` })
    context.plan.add({
      phase: Phase.createSchemas,
      up: [{ kind: 'createSchema', name: schema }],
      down: [{ kind: 'dropSchema', name: schema }],
    })
  }
}

function keyOf(model: EnumModel): string {
  return tableKey(model.name, model.schema)
}

/** Enum types created, dropped, and values added, removed or reordered. */
export function compareEnums(
  context: CompareContext,
  target: SchemaModel,
  current: SchemaModel,
): void {
  const { plan } = context
  const found = new Map(current.enums.map((model) => [keyOf(model), model]))
  const wanted = new Set(target.enums.map(keyOf))
  for (const model of target.enums) {
    const existing = found.get(keyOf(model))
    if (existing) {
      compareValues(context, model, existing)
      continue
    }
    plan.change({
      kind: 'createEnum',
      schema: model.schema,
      name: model.name,
      detail: `enum ${displayName(model.name, model.schema)} added`,
    })
    plan.add({
      phase: Phase.createEnums,
      up: [{ kind: 'createEnum', name: model.name, schema: model.schema, values: model.values }],
      down: [{ kind: 'dropEnum', name: model.name, schema: model.schema }],
    })
  }
  for (const model of current.enums) {
    if (wanted.has(keyOf(model))) continue
    plan.change({
      kind: 'dropEnum',
      schema: model.schema,
      name: model.name,
      detail: `enum ${displayName(model.name, model.schema)} dropped`,
    })
    plan.add({
      phase: Phase.dropEnums,
      up: [{ kind: 'dropEnum', name: model.name, schema: model.schema }],
      down: [{ kind: 'createEnum', name: model.name, schema: model.schema, values: model.values }],
    })
  }
}

/** The position of each added value: after the nearest earlier value, else before a later one. */
function placements(
  target: readonly string[],
  current: readonly string[],
): { value: string; before?: string; after?: string }[] {
  const present = new Set(current)
  const out: { value: string; before?: string; after?: string }[] = []
  target.forEach((value, i) => {
    if (present.has(value)) return
    const after = target.slice(0, i).findLast((other) => present.has(other))
    const before =
      after === undefined ? target.slice(i + 1).find((other) => present.has(other)) : undefined
    out.push({ value, ...(after !== undefined ? { after } : {}), ...(before ? { before } : {}) })
    present.add(value)
  })
  return out
}

function compareValues(context: CompareContext, target: EnumModel, current: EnumModel): void {
  const { plan } = context
  const name = displayName(target.name, target.schema)
  for (const placed of placements(target.values, current.values)) {
    plan.change({
      kind: 'addEnumValue',
      schema: target.schema,
      name: target.name,
      detail: `enum ${name}: value '${placed.value}' added`,
    })
    plan.add({
      phase: Phase.createEnums,
      up: [{ kind: 'addEnumValue', name: target.name, schema: target.schema, ...placed }],
      down: [
        warning(
          `enum ${name}: the value '${placed.value}' stays; PostgreSQL cannot drop an enum value (recreate the type by hand if it must go)`,
        ),
      ],
    })
  }
  const wanted = new Set(target.values)
  const removed = current.values.filter((value) => !wanted.has(value))
  const kept = current.values.filter((value) => wanted.has(value))
  const order = target.values.filter((value) => kept.includes(value))
  const reordered = kept.some((value, i) => order[i] !== value)
  const manual = `create the new type under a temporary name, ALTER each column using it to the new type (USING column::text::new_type), drop ${name}, then rename the new type to ${target.name}`
  if (removed.length > 0) {
    const list = removed.map((value) => `'${value}'`).join(', ')
    const text = `enum ${name}: value(s) ${list} are no longer in the model, but PostgreSQL cannot drop an enum value. By hand: ${manual}.`
    plan.change({
      kind: 'removeEnumValue',
      schema: target.schema,
      name: target.name,
      detail: `enum ${name}: value(s) ${list} removed`,
    })
    plan.warn(text)
    plan.add({ phase: Phase.enumNotes, up: [warning(text)], down: [] })
  }
  if (reordered) {
    const text = `enum ${name}: the values are in another order than in the model (${target.values.join(', ')}), and PostgreSQL cannot reorder them. By hand: ${manual}.`
    plan.change({
      kind: 'reorderEnumValues',
      schema: target.schema,
      name: target.name,
      detail: `enum ${name}: values reordered`,
    })
    plan.warn(text)
    plan.add({ phase: Phase.enumNotes, up: [warning(text)], down: [] })
  }
}
