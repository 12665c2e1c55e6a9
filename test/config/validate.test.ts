import { describe, expect, it } from 'vitest'
import { didYouMean, editDistance } from '../../src/config/did-you-mean.js'
import { validateConfig } from '../../src/config/validate.js'
import { ConfigError } from '../../src/errors.js'

const SOURCE = 'stratum.config.ts'

/** The message of the error `validateConfig` throws for `value`. */
function problem(value: unknown): string {
  try {
    validateConfig(value, SOURCE)
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('CONFIG_INVALID')
    return (error as ConfigError).message
  }
  throw new Error('validateConfig accepted the value')
}

describe('validateConfig', () => {
  it('accepts every field and returns a copy', () => {
    const config = {
      url: 'sqlite:app.db',
      migrations: 'db',
      versionPaths: ['db/versions', 'db/extra'],
      recursiveVersionPaths: true,
      fileTemplate: '{rev}_{slug}',
      truncateSlugLength: 60,
      models: ['src/models/*.ts'],
      exclude: ['spatial_*'],
      versionTable: 'alembic_version',
      versionTableSchema: 'public',
      transactionPerMigration: false,
    }
    const validated = validateConfig(config, SOURCE)
    expect(validated).toEqual(config)
    expect(validated).not.toBe(config)
    expect(validated.versionPaths).not.toBe(config.versionPaths)
  })

  it('accepts an empty object, a string for models, and undefined as absent', () => {
    expect(validateConfig({}, SOURCE)).toEqual({})
    expect(validateConfig({ models: 'src/models.ts' }, SOURCE)).toEqual({ models: 'src/models.ts' })
    expect(validateConfig({ url: undefined, versionTableSchema: undefined }, SOURCE)).toEqual({})
    expect(validateConfig(Object.create(null), SOURCE)).toEqual({})
  })

  it.each<[string, unknown, string]>([
    ['url', 42, "'url' must be a string, got number"],
    ['url', null, "'url' must be a string, got null"],
    ['migrations', ['a'], "'migrations' must be a string, got array"],
    ['migrations', '', "'migrations' must be a non-empty string, got an empty string"],
    ['versionPaths', 3, "'versionPaths' must be a non-empty array of strings, got number"],
    [
      'versionPaths',
      'db/versions',
      "'versionPaths' must be a non-empty array of strings, got string",
    ],
    ['versionPaths', [], "'versionPaths' must be a non-empty array of strings, got an empty array"],
    [
      'versionPaths',
      ['a', 1],
      "'versionPaths' must be a non-empty array of strings, got number at index 1",
    ],
    ['versionPaths', ['a', ''], 'got an empty string at index 1'],
    ['recursiveVersionPaths', 'yes', "'recursiveVersionPaths' must be true or false, got string"],
    ['fileTemplate', 7, "'fileTemplate' must be a string, got number"],
    ['truncateSlugLength', '40', "'truncateSlugLength' must be a positive integer, got string"],
    ['truncateSlugLength', 0, "'truncateSlugLength' must be a positive integer, got 0"],
    ['truncateSlugLength', -3, 'got -3'],
    ['truncateSlugLength', 2.5, 'got 2.5'],
    ['truncateSlugLength', Number.NaN, 'got NaN'],
    ['models', 5, "'models' must be a string or an array of strings, got number"],
    [
      'models',
      ['a', false],
      "'models' must be a string or an array of strings, got boolean at index 1",
    ],
    ['models', '', 'got an empty string'],
    ['exclude', 'tmp_*', "'exclude' must be an array of strings, got string"],
    ['exclude', [{}], "'exclude' must be an array of strings, got object at index 0"],
    ['versionTable', 5, "'versionTable' must be 1 to 63 letters, digits, '_' or '$', got number"],
    ['versionTable', '', "got ''"],
    ['versionTable', 'my-table', "got 'my-table'"],
    ['versionTable', 'x'.repeat(64), 'got'],
    ['versionTable', 'a;drop table x', 'got'],
    ['versionTableSchema', 'bad schema', "'versionTableSchema' must be 1 to 63 letters"],
    ['transactionPerMigration', 1, "'transactionPerMigration' must be true or false, got number"],
  ])('%s = %j', (field, value, message) => {
    const text = problem({ [field]: value })
    expect(text).toContain(`${SOURCE}: `)
    expect(text).toContain(message)
  })

  it('accepts a 63-character version table with $ and digits', () => {
    const name = `v$1_${'x'.repeat(59)}`
    expect(validateConfig({ versionTable: name }, SOURCE)).toEqual({ versionTable: name })
  })

  it.each([
    ['versionPath', "(did you mean 'versionPaths'?)"],
    ['fileTemplat', "(did you mean 'fileTemplate'?)"],
    ['modles', "(did you mean 'models'?)"],
    ['VersionTable', "(did you mean 'versionTable'?)"],
    ['version_table_schema', "(did you mean 'versionTableSchema'?)"],
    ['script_location', "(did you mean 'migrations'?)"],
    ['version_locations', "(did you mean 'versionPaths'?)"],
    ['sqlalchemy.url', "(did you mean 'url'?)"],
    ['uri', "(did you mean 'url'?)"],
  ])('rejects the unknown field %s with a suggestion', (field, message) => {
    expect(problem({ [field]: 'x' })).toBe(`${SOURCE}: unknown field '${field}' ${message}`)
  })

  it('lists the known fields when nothing is close', () => {
    expect(problem({ colour: 'blue' })).toBe(
      `${SOURCE}: unknown field 'colour'; known fields: url, migrations, versionPaths, recursiveVersionPaths, fileTemplate, truncateSlugLength, models, exclude, versionTable, versionTableSchema, transactionPerMigration, snapshots, backup, logging, hooks, postWrite, environments, databases`,
    )
  })

  it.each([
    [
      '{year}_{slug}',
      "'fileTemplate' must be a template containing {rev} (so file names stay unique), got '{year}_{slug}'",
    ],
    ['{rev}_{slgu}', 'got unknown token {slgu} (did you mean {slug}?)'],
    ['{rev}_{weekday}', 'got unknown token {weekday}'],
    ['{rev}_{}', 'got unknown token {}'],
    ['{rev}_{slug', "got an unmatched '{' or '}' in '{rev}_{slug'"],
    ['{rev}}', "an unmatched '{' or '}'"],
    ['%%(rev)s_%%(slug)s', "got Alembic's '%%(rev)s'; write {rev}"],
    ['', "'fileTemplate' must be a non-empty string"],
  ])('rejects the file template %j', (fileTemplate, message) => {
    expect(problem({ fileTemplate })).toContain(message)
  })

  it('accepts every known token', () => {
    const fileTemplate = '{year}-{month}-{day}T{hour}{minute}{second}_{rev}_{slug}'
    expect(validateConfig({ fileTemplate }, SOURCE)).toEqual({ fileTemplate })
  })

  it.each<[unknown, string]>([
    [undefined, 'got undefined'],
    [null, 'got null'],
    [['url'], 'got array'],
    ['sqlite:app.db', 'got string'],
    [42, 'got number'],
    [new Map(), 'got Map'],
    [new (class Settings {})(), 'got Settings'],
    [() => ({}), 'got function'],
  ])('rejects a config that is not a plain object: %j', (value, found) => {
    expect(problem(value)).toBe(`${SOURCE}: the configuration must be an object, ${found}`)
  })

  it('hints that a function should be the object it returns', () => {
    try {
      validateConfig(() => ({}), SOURCE)
    } catch (error) {
      expect((error as ConfigError).hint).toMatch(/not a function/)
    }
  })
})

describe('didYouMean', () => {
  it('measures transpositions as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1)
    expect(editDistance('', 'abc')).toBe(3)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })

  it('suggests nothing for distant names', () => {
    expect(didYouMean('database', ['url', 'models'])).toBeUndefined()
    expect(didYouMean('x', ['url'])).toBeUndefined()
  })
})
