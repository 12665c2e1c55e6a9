import { describe, expect, it } from 'vitest'
import { mergeConfig, selectConfig } from '../../src/config/overrides.js'
import { resolveConfig } from '../../src/config/resolve.js'
import type { StratumConfig } from '../../src/config/types.js'
import { validateConfig } from '../../src/config/validate.js'

const SOURCE = 'stratum.config.ts'

function problem(value: unknown): string {
  try {
    validateConfig(value, SOURCE)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a ConfigError')
}

describe('validateConfig: the nested fields', () => {
  it('accepts a full operations config', () => {
    const hook = () => {}
    const config = {
      backup: { beforeUpgrade: true, folder: 'dumps', keep: 3 },
      logging: { level: 'debug', format: 'json', file: 'logs/stratum.log' },
      hooks: { beforeUpgrade: hook, afterRevision: hook },
      postWrite: ['npx biome format --write {file}'],
      environments: {
        production: { protected: true, url: 'postgres://prod@db/app', backup: { keep: 10 } },
        'ci-1': { databases: { main: { url: 'sqlite::memory:' } } },
      },
      databases: { main: { url: 'sqlite:main.db' }, analytics: { migrations: 'analytics' } },
    }
    expect(validateConfig(config, SOURCE)).toEqual(config)
  })

  it.each([
    [{ backup: { keep: 0 } }, "'backup.keep' must be a positive integer, got 0"],
    [{ backup: true }, "'backup' must be an object, got boolean"],
    [{ backup: { kep: 1 } }, "unknown field 'backup.kep' (did you mean 'keep'?)"],
    [
      { logging: { level: 'verbose' } },
      "'logging.level' must be one of 'debug', 'info', 'warn', 'error', got 'verbose'",
    ],
    [
      { logging: { format: 'text' } },
      "'logging.format' must be one of 'pretty', 'json', got 'text'",
    ],
    [
      { hooks: { beforeUpgrade: 'echo hi' } },
      "'hooks.beforeUpgrade' must be a function, got string",
    ],
    [
      { hooks: { beforeUpgrades: () => {} } },
      "unknown field 'hooks.beforeUpgrades' (did you mean 'beforeUpgrade'?)",
    ],
    [{ postWrite: 'prettier' }, "'postWrite' must be an array of strings, got string"],
    [
      { environments: { production: { protected: 'yes' } } },
      "'environments.production.protected' must be true or false, got string",
    ],
    [
      { environments: { production: { environments: {} } } },
      "unknown field 'environments.production.environments'",
    ],
    [
      { environments: { 'bad name': {} } },
      "'environments' must be entries named with letters, digits, '_' or '-', got 'bad name'",
    ],
    [{ databases: { main: { url: 5 } } }, "'databases.main.url' must be a string, got number"],
    [{ databases: { main: { databases: {} } } }, "unknown field 'databases.main.databases'"],
    [{ databases: { main: { protected: true } } }, "unknown field 'databases.main.protected'"],
    [
      { environments: { prod: { databases: { main: { versionTable: 'a b' } } } } },
      "'environments.prod.databases.main.versionTable' must be",
    ],
  ])('rejects %j', (config, message) => {
    expect(problem(config)).toContain(`${SOURCE}: ${message}`)
  })
})

describe('mergeConfig', () => {
  it('merges plain objects field by field and replaces arrays and values', () => {
    const base: StratumConfig = {
      url: 'sqlite:a.db',
      exclude: ['tmp_*'],
      backup: { beforeUpgrade: true, keep: 5 },
    }
    expect(mergeConfig(base, { exclude: ['x'], backup: { keep: 2 }, url: undefined })).toEqual({
      url: 'sqlite:a.db',
      exclude: ['x'],
      backup: { beforeUpgrade: true, keep: 2 },
    })
    expect(base.backup).toEqual({ beforeUpgrade: true, keep: 5 })
  })
})

describe('selectConfig', () => {
  const config: StratumConfig = {
    url: 'sqlite:dev.db',
    backup: { beforeUpgrade: true },
    environments: {
      staging: { url: 'sqlite:staging.db' },
      production: {
        protected: true,
        backup: { keep: 7 },
        databases: { main: { url: 'sqlite:p.db' } },
      },
    },
    databases: { main: {}, analytics: { url: 'sqlite:analytics.db', migrations: 'db/analytics' } },
  }

  it('keeps the top level without an environment and with several databases', () => {
    const selected = selectConfig(config, {})
    expect(selected).toMatchObject({
      environment: undefined,
      protected: false,
      database: undefined,
    })
    expect(selected.databases).toEqual(['main', 'analytics'])
    expect(selected.config.url).toBe('sqlite:dev.db')
    expect(selected.config).not.toHaveProperty('environments')
  })

  it('applies an environment, then a database, merging nested fields', () => {
    const selected = selectConfig(config, { environment: 'production', database: 'main' })
    expect(selected).toMatchObject({ environment: 'production', protected: true, database: 'main' })
    expect(selected.config.url).toBe('sqlite:p.db')
    expect(selected.config.backup).toEqual({ beforeUpgrade: true, keep: 7 })
    expect(selected.config.migrations).toBe('migrations/main')
  })

  it("keeps a database's own folder", () => {
    const selected = selectConfig(config, { database: 'analytics' })
    expect(selected.config).toMatchObject({
      url: 'sqlite:analytics.db',
      migrations: 'db/analytics',
    })
  })

  it('chooses the only database without being asked', () => {
    const only = selectConfig({ databases: { main: { url: 'sqlite:m.db' } } }, {})
    expect(only.database).toBe('main')
    expect(only.config.url).toBe('sqlite:m.db')
  })

  it('names the unknown environment or database and lists the known ones', () => {
    expect(() => selectConfig(config, { environment: 'prodution' })).toThrow(
      "--env: unknown environment 'prodution' (did you mean 'production'?); known: staging, production",
    )
    expect(() => selectConfig(config, { environment: 'qa', source: 'STRATUM_ENV' })).toThrow(
      "STRATUM_ENV: unknown environment 'qa'",
    )
    expect(() => selectConfig(config, { database: 'main2' })).toThrow(
      "--db: unknown database 'main2' (did you mean 'main'?); known: main, analytics",
    )
    expect(() => selectConfig({}, { database: 'main' })).toThrow(
      "--db: unknown database 'main'; no databases are configured",
    )
  })

  it('treats a blank name as none', () => {
    expect(selectConfig(config, { environment: '  ' }).environment).toBeUndefined()
  })
})

describe('resolveConfig: the operations fields', () => {
  it('fills in defaults and makes paths absolute', () => {
    const resolved = resolveConfig(
      { logging: { file: 'logs/s.log' }, backup: { folder: 'backups' } },
      { rootDir: '/app' },
    )
    expect(resolved.backup).toEqual({
      beforeUpgrade: false,
      folder: '/app/backups',
      keep: undefined,
    })
    expect(resolved.logging).toEqual({ level: 'info', format: 'pretty', file: '/app/logs/s.log' })
    expect(resolved.postWrite).toEqual([])
    expect(resolved.hooks).toEqual({})
  })

  it("puts dumps in the selected database's folder", () => {
    const resolved = resolveConfig(
      { databases: { main: {}, other: {} } },
      { rootDir: '/app', database: 'other', environment: undefined },
    )
    expect(resolved.migrations).toBe('/app/migrations/other')
    expect(resolved.versionPaths).toEqual(['/app/migrations/other/versions'])
    expect(resolved.backup.folder).toBe('/app/migrations/other/dumps')
    expect(resolved.databases).toEqual(['main', 'other'])
  })
})
