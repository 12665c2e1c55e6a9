import { ConfigError } from '../errors.js'
import { didYouMean } from './did-you-mean.js'
import type { DatabaseConfig, EnvironmentConfig, StratumConfig } from './types.js'

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

/**
 * Reports a problem with one value: called with `expected` (a phrase such as "a string") it
 * throws "'path' must be expected, got found". `field(name, value)` gives the reporter of a
 * value inside this one; `fail(message)` throws any message.
 */
interface Problem {
  (expected: string, found?: string): never
  /** `backup.keep`; `''` for the config itself. */
  readonly path: string
  field(name: string, value: unknown): Problem
  fail(message: string): never
}

/** The reporter for the value at `path`; messages go through `fail`. */
function reporter(path: string, value: unknown, fail: (message: string) => never): Problem {
  const problem = ((expected: string, found?: string) =>
    fail(`'${path}' must be ${expected}, got ${found ?? describe(value)}`)) as Problem
  return Object.assign(problem, {
    path,
    field: (name: string, inner: unknown) =>
      reporter(path === '' ? name : `${path}.${name}`, inner, fail),
    fail,
  })
}

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
  const asModelList = Object.assign(
    (_expected: string, found?: string) => problem(expected, found),
    problem,
  ) as Problem
  return stringArray({ nonEmpty: false })(value, asModelList)
}

const oneOf =
  (choices: readonly string[]): Check =>
  (value, problem) => {
    const expected = `one of ${choices.map((choice) => `'${choice}'`).join(', ')}`
    if (typeof value !== 'string') return problem(expected, describe(value))
    return choices.includes(value) ? value : problem(expected, `'${value}'`)
  }

/** A plain object whose fields are checked by `fields`; unknown fields are problems. */
const objectOf =
  (fields: Readonly<Record<string, Check>>): Check =>
  (value, problem) => {
    if (!isPlainObject(value)) return problem('an object', describe(value))
    return checkFields(value, fields, problem)
  }

/** An object of named entries, each checked by `entry`; names must look like identifiers. */
const namedEntries =
  (entry: () => Check): Check =>
  (value, problem) => {
    if (!isPlainObject(value)) return problem('an object of named entries', describe(value))
    const result: Record<string, unknown> = {}
    for (const [name, item] of Object.entries(value)) {
      if (!ENTRY_NAME.test(name)) {
        problem("entries named with letters, digits, '_' or '-'", `'${name}'`)
      }
      result[name] = entry()(item, problem.field(name, item))
    }
    return result
  }

const hookFunction: Check = (value, problem) =>
  typeof value === 'function' ? value : problem('a function', describe(value))

/** The name of an environment or a database. */
const ENTRY_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,62}$/

const HOOK_NAMES = [
  'beforeUpgrade',
  'afterUpgrade',
  'beforeDowngrade',
  'afterDowngrade',
  'beforeRevision',
  'afterRevision',
] as const

/** The fields shared by the top level, an environment and a database entry. */
const COMMON_FIELDS = {
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
  snapshots: boolean,
  backup: objectOf({ beforeUpgrade: boolean, folder: nonEmptyString, keep: positiveInteger }),
  logging: objectOf({
    level: oneOf(['debug', 'info', 'warn', 'error']),
    format: oneOf(['pretty', 'json']),
    file: nonEmptyString,
  }),
  hooks: objectOf(Object.fromEntries(HOOK_NAMES.map((name) => [name, hookFunction]))),
  postWrite: stringArray({ nonEmpty: false }),
} satisfies Record<string, Check>

const DATABASE_FIELDS: { readonly [K in keyof Required<DatabaseConfig>]: Check } = COMMON_FIELDS

/** An environment may override everything, `databases` included, and be `protected`. */
const ENVIRONMENT_FIELDS: { readonly [K in keyof Required<EnvironmentConfig>]: Check } = {
  ...COMMON_FIELDS,
  protected: boolean,
  databases: namedEntries(() => objectOf(DATABASE_FIELDS)),
}

/** Each field users may write, with its check; the order is the order problems are reported in. */
const FIELDS: { readonly [K in keyof Required<StratumConfig>]: Check } = {
  ...COMMON_FIELDS,
  environments: namedEntries(() => objectOf(ENVIRONMENT_FIELDS)),
  databases: namedEntries(() => objectOf(DATABASE_FIELDS)),
}

/**
 * Check each field of `value` with `fields`: unknown fields are problems (with a suggestion),
 * fields set to `undefined` count as absent. Returns a shallow copy.
 */
function checkFields(
  value: Record<string, unknown>,
  fields: Readonly<Record<string, Check>>,
  problem: Problem,
): Record<string, unknown> {
  const names = Object.keys(fields)
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(fields, key)) continue
    const suggestion = didYouMean(key, names, ALEMBIC_NAMES)
    const shown = problem.path === '' ? key : `${problem.path}.${key}`
    problem.fail(
      suggestion
        ? `unknown field '${shown}' (did you mean '${suggestion}'?)`
        : `unknown field '${shown}'; known fields: ${names.join(', ')}`,
    )
  }
  const result: Record<string, unknown> = {}
  for (const [field, check] of Object.entries(fields)) {
    const fieldValue = value[field]
    if (fieldValue === undefined) continue
    result[field] = check(fieldValue, problem.field(field, fieldValue))
  }
  return result
}

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
  const problem = reporter('', value, (message) => fail(message))
  const result = checkFields(value as Record<string, unknown>, FIELDS, problem)
  return result as StratumConfig
}
