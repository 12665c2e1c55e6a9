import { ConfigError } from '../errors.js'
import { didYouMean } from './did-you-mean.js'
import type { StratumConfig } from './types.js'

/** The tokens a `fileTemplate` may use. */
export const FILE_TEMPLATE_TOKENS = [
  'rev',
  'slug',
  'year',
  'month',
  'day',
  'hour',
  'minute',
  'second',
] as const

/** Alembic's names for our fields, so a ported config gets a pointed suggestion. */
const ALEMBIC_NAMES: Readonly<Record<string, string>> = {
  'sqlalchemy.url': 'url',
  databaseUrl: 'url',
  connectionString: 'url',
  scriptLocation: 'migrations',
  versionLocations: 'versionPaths',
  recursiveVersionLocations: 'recursiveVersionPaths',
}

/** An identifier Stratum accepts for table and schema names. */
const IDENTIFIER = /^[A-Za-z0-9_$]{1,63}$/

type Check = (value: unknown, problem: Problem) => unknown

/** Reports one invalid field: `expected` is a phrase such as "a string". */
type Problem = (expected: string, found?: string) => never

/** A type name for messages: `number`, `array`, `null`, `Map`... */
function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null
    const name = prototype?.constructor?.name
    return isPlainObject(value) || typeof name !== 'string' || name === '' ? 'object' : name
  }
  return typeof value
}

/** An object literal (from any realm), not an array, class instance, Map or module namespace. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  if (Object.prototype.toString.call(value) !== '[object Object]') return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === null || Object.getPrototypeOf(prototype) === null
}

const string: Check = (value, problem) =>
  typeof value === 'string' ? value : problem('a string', describe(value))

const nonEmptyString: Check = (value, problem) =>
  string(value, problem) === '' ? problem('a non-empty string', 'an empty string') : value

const boolean: Check = (value, problem) =>
  typeof value === 'boolean' ? value : problem('true or false', describe(value))

const stringArray =
  (options: { nonEmpty: boolean }): Check =>
  (value, problem) => {
    const expected = options.nonEmpty ? 'a non-empty array of strings' : 'an array of strings'
    if (!Array.isArray(value)) return problem(expected, describe(value))
    if (options.nonEmpty && value.length === 0) return problem(expected, 'an empty array')
    value.forEach((item, index) => {
      if (typeof item !== 'string') problem(expected, `${describe(item)} at index ${index}`)
      if (item === '') problem(expected, `an empty string at index ${index}`)
    })
    return [...value]
  }

const positiveInteger: Check = (value, problem) => {
  if (typeof value !== 'number') return problem('a positive integer', describe(value))
  return Number.isInteger(value) && value > 0 ? value : problem('a positive integer', String(value))
}

const identifier: Check = (value, problem) => {
  const expected = "1 to 63 letters, digits, '_' or '$'"
  if (typeof value !== 'string') return problem(expected, describe(value))
  return IDENTIFIER.test(value) ? value : problem(expected, `'${value}'`)
}

const fileTemplate: Check = (value, problem) => {
  const template = nonEmptyString(value, problem) as string
  const known: readonly string[] = FILE_TEMPLATE_TOKENS
  const list = FILE_TEMPLATE_TOKENS.map((token) => `{${token}}`).join(' ')
  const alembic = /%%?\((\w+)\)\w/.exec(template)
  if (alembic) {
    problem(
      `a template with {name} tokens (${list})`,
      `Alembic's '${alembic[0]}'; write {${alembic[1]}}`,
    )
  }
  for (const [, token = ''] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (known.includes(token)) continue
    const suggestion = didYouMean(token, known)
    const hint = suggestion ? ` (did you mean {${suggestion}}?)` : ''
    problem(`a template using only ${list}`, `unknown token {${token}}${hint}`)
  }
  if (/[{}]/.test(template.replace(/\{[^{}]*\}/g, ''))) {
    problem('a template with balanced braces', `an unmatched '{' or '}' in '${template}'`)
  }
  if (!template.includes('{rev}')) {
    // Without the revision id, two revisions created in the same minute would get the same file name.
    problem('a template containing {rev} (so file names stay unique)', `'${template}'`)
  }
  return template
}

const modelList: Check = (value, problem) => {
  const expected = 'a string or an array of strings'
  if (typeof value === 'string') return value === '' ? problem(expected, 'an empty string') : value
  if (!Array.isArray(value)) return problem(expected, describe(value))
  return stringArray({ nonEmpty: false })(value, (_expected, found) => problem(expected, found))
}

/** Each field users may write, with its check; the order is the order problems are reported in. */
const FIELDS: { readonly [K in keyof Required<StratumConfig>]: Check } = {
  url: string,
  migrations: nonEmptyString,
  versionPaths: stringArray({ nonEmpty: true }),
  recursiveVersionPaths: boolean,
  fileTemplate,
  truncateSlugLength: positiveInteger,
  models: modelList,
  exclude: stringArray({ nonEmpty: false }),
  versionTable: identifier,
  versionTableSchema: identifier,
  transactionPerMigration: boolean,
}

const FIELD_NAMES = Object.keys(FIELDS)

/**
 * Check a loaded config value and return it as a `StratumConfig` (a shallow
 * copy; fields set to `undefined` count as absent). `source` names the file in
 * messages. Throws a `ConfigError` (code `CONFIG_INVALID`) for the first problem:
 * not an object, an unknown field (with a suggestion for a likely typo), or a
 * field of the wrong type or value.
 *
 * @example
 * validateConfig({ versionPath: ['db/versions'] }, 'stratum.config.ts')
 * // ConfigError: stratum.config.ts: unknown field 'versionPath' (did you mean 'versionPaths'?)
 * validateConfig({ truncateSlugLength: 0 }, 'stratum.config.ts')
 * // ConfigError: stratum.config.ts: 'truncateSlugLength' must be a positive integer, got 0
 */
export function validateConfig(value: unknown, source: string): StratumConfig {
  const fail = (message: string, hint?: string): never => {
    throw new ConfigError('CONFIG_INVALID', `${source}: ${message}`, { hint })
  }
  if (!isPlainObject(value)) {
    const found = describe(value)
    fail(
      `the configuration must be an object, got ${found}`,
      typeof value === 'function'
        ? 'Export the config object itself, not a function: export default defineConfig({ ... })'
        : 'Write: export default defineConfig({ ... })',
    )
  }
  const config = value as Record<string, unknown>
  for (const key of Object.keys(config)) {
    if (Object.hasOwn(FIELDS, key)) continue
    const suggestion = didYouMean(key, FIELD_NAMES, ALEMBIC_NAMES)
    fail(
      suggestion
        ? `unknown field '${key}' (did you mean '${suggestion}'?)`
        : `unknown field '${key}'; known fields: ${FIELD_NAMES.join(', ')}`,
    )
  }
  const result: Record<string, unknown> = {}
  for (const [field, check] of Object.entries(FIELDS)) {
    const fieldValue = config[field]
    if (fieldValue === undefined) continue
    result[field] = check(fieldValue, (expected, found) =>
      fail(`'${field}' must be ${expected}, got ${found ?? describe(fieldValue)}`),
    )
  }
  return result as StratumConfig
}
