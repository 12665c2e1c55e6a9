import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CONFIG_FILE_NAMES, findConfigFile } from '../../src/config/find-config-file.js'
import { jsonErrorOffset } from '../../src/config/json-error-offset.js'
import { loadConfig } from '../../src/config/load.js'
import { ConfigError } from '../../src/errors.js'

const SOURCE_ENTRY = fileURLToPath(new URL('../../src/index.ts', import.meta.url))

let root: string

beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'stratum-config-')))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Write files (path relative to the temp root → content) and return the root. */
async function files(entries: Record<string, string>): Promise<string> {
  for (const [path, content] of Object.entries(entries)) {
    const file = join(root, path)
    await mkdir(dirname(file), { recursive: true })
    await writeFile(file, content)
  }
  return root
}

/** The ConfigError `loadConfig` rejects with. */
async function loadError(options: Parameters<typeof loadConfig>[0]): Promise<ConfigError> {
  const error = await loadConfig(options).then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ConfigError)
  return error as ConfigError
}

describe('loadConfig: file kinds', () => {
  it('loads TypeScript with types and a local .ts helper, without a build step', async () => {
    await files({
      'helper.ts': `export interface Paths { migrations: string }
export const paths: Paths = { migrations: 'db/migrations' }
export function file(name: string): string { return \`sqlite:\${name}.db\` }`,
      'stratum.config.ts': `import { file, paths, type Paths } from './helper.js'
interface Local { table: string }
const local: Local = { table: 'schema_version' }
const picked: Paths['migrations'] = paths.migrations
export default { url: file('app'), migrations: picked, versionTable: local.table }`,
    })
    const config = await loadConfig({ cwd: root })
    expect(config).toMatchObject({
      configPath: join(root, 'stratum.config.ts'),
      rootDir: root,
      url: 'sqlite:app.db',
      migrations: join(root, 'db/migrations'),
      versionPaths: [join(root, 'db/migrations/versions')],
      versionTable: 'schema_version',
    })
  })

  it.each([
    [
      'stratum.config.mts',
      "const table: string = 'v_mts'\nexport default { versionTable: table }",
      'v_mts',
    ],
    ['stratum.config.js', "export default { versionTable: 'v_js' }", 'v_js'],
    ['stratum.config.mjs', "export default { versionTable: 'v_mjs' }", 'v_mjs'],
    ['stratum.config.json', '{ "versionTable": "v_json" }', 'v_json'],
    [
      'stratum.config.ts',
      "export default Promise.resolve({ versionTable: 'v_promise' })",
      'v_promise',
    ],
  ])('loads %s', async (name, content, versionTable) => {
    await files({ [name]: content })
    const config = await loadConfig({ cwd: root })
    expect(config.configPath).toBe(join(root, name))
    expect(config.versionTable).toBe(versionTable)
  })

  it('reads the URL from the environment, as the documentation shows', async () => {
    await files({
      'stratum.config.ts': 'export default { url: process.env.STRATUM_TEST_CONFIG_URL }',
    })
    process.env.STRATUM_TEST_CONFIG_URL = 'postgres://app:pw@db/shop'
    try {
      expect((await loadConfig({ cwd: root })).url).toBe('postgres://app:pw@db/shop')
    } finally {
      delete process.env.STRATUM_TEST_CONFIG_URL
    }
    expect((await loadConfig({ cwd: root })).url).toBeUndefined()
  })

  it('sees edits to the config when loaded again in the same process', async () => {
    await files({ 'stratum.config.ts': "export default { versionTable: 'first' }" })
    expect((await loadConfig({ cwd: root })).versionTable).toBe('first')
    await files({ 'stratum.config.ts': "export default { versionTable: 'second' }" })
    expect((await loadConfig({ cwd: root })).versionTable).toBe('second')
  })

  it.skipIf(!existsSync(SOURCE_ENTRY))(
    "resolves import 'stratum' to the running Stratum where the project has not installed it",
    async () => {
      await files({
        'stratum.config.ts': `import { defineConfig } from 'stratum'
export default defineConfig({ versionTable: 'from_stratum' })`,
      })
      expect((await loadConfig({ cwd: root })).versionTable).toBe('from_stratum')
    },
  )
})

describe('loadConfig: finding the file', () => {
  it('searches upward from a nested folder and resolves paths against the config folder', async () => {
    await files({
      'stratum.config.json': '{ "migrations": "db" }',
      'packages/api/src/.keep': '',
    })
    const cwd = join(root, 'packages/api/src')
    const config = await loadConfig({ cwd })
    expect(config.configPath).toBe(join(root, 'stratum.config.json'))
    expect(config.rootDir).toBe(root)
    expect(config.migrations).toBe(join(root, 'db'))
  })

  it('prefers .ts, then .mts, .js, .mjs, .json within one folder', async () => {
    const contents: Record<string, string> = {}
    for (const name of CONFIG_FILE_NAMES) {
      const table = name.replace(/\W/g, '_')
      contents[name] = name.endsWith('.json')
        ? `{ "versionTable": "${table}" }`
        : `export default { versionTable: '${table}' }`
    }
    await files(contents)
    for (const name of CONFIG_FILE_NAMES) {
      const config = await loadConfig({ cwd: root })
      expect(config.configPath).toBe(join(root, name))
      expect(config.versionTable).toBe(name.replace(/\W/g, '_'))
      await rm(join(root, name))
    }
  })

  it('prefers the nearest folder over a better extension further up', async () => {
    await files({
      'stratum.config.ts': 'export default {}',
      'sub/stratum.config.json': '{}',
    })
    expect(await findConfigFile(join(root, 'sub'))).toBe(join(root, 'sub/stratum.config.json'))
  })

  it('ignores a folder that has a config file name', async () => {
    await files({ 'stratum.config.ts/.keep': '', 'stratum.config.json': '{}' })
    expect(await findConfigFile(root)).toBe(join(root, 'stratum.config.json'))
  })

  it('loads an explicit --config path without searching, relative to cwd', async () => {
    await files({
      'stratum.config.ts': "export default { versionTable: 'searched' }",
      'config/custom.ts': "export default { versionTable: 'explicit', migrations: 'm' }",
    })
    const config = await loadConfig({ cwd: root, configPath: 'config/custom.ts' })
    expect(config.configPath).toBe(join(root, 'config/custom.ts'))
    expect(config.versionTable).toBe('explicit')
    expect(config.migrations).toBe(join(root, 'config/m'))
  })

  it('names a missing explicit config file', async () => {
    const error = await loadError({ cwd: root, configPath: 'nope/stratum.config.ts' })
    expect(error.code).toBe('CONFIG_NOT_FOUND')
    expect(error.message).toBe(`Config file ${join(root, 'nope/stratum.config.ts')} does not exist`)
  })

  it('rejects an explicit config path that is a folder', async () => {
    await files({ 'conf/.keep': '' })
    const error = await loadError({ cwd: root, configPath: 'conf' })
    expect(error.code).toBe('CONFIG_NOT_FOUND')
    expect(error.message).toMatch(/is not a file/)
  })

  describe('without any config file', () => {
    // A stray config in a folder above the temp folder would be found; say so rather than fail.
    const strayConfig = (() => {
      let folder = dirname(tmpdir())
      for (;;) {
        for (const name of CONFIG_FILE_NAMES) {
          if (existsSync(join(folder, name))) return join(folder, name)
        }
        if (dirname(folder) === folder) return undefined
        folder = dirname(folder)
      }
    })()
    const noStray =
      strayConfig === undefined &&
      !CONFIG_FILE_NAMES.some((name) => existsSync(join(tmpdir(), name)))

    it.skipIf(!noStray)('fails with CONFIG_NOT_FOUND and a hint when required', async () => {
      const error = await loadError({ cwd: root })
      expect(error.code).toBe('CONFIG_NOT_FOUND')
      expect(error.message).toBe(
        `No stratum.config.ts (or .mts, .js, .mjs, .json) found in ${root} or any parent folder`,
      )
      expect(error.hint).toBe("Run 'stratum init' to create one, or pass --config PATH.")
    })

    it.skipIf(!noStray)('returns the defaults rooted at cwd when not required', async () => {
      const config = await loadConfig({ cwd: root, required: false, url: 'sqlite:app.db' })
      expect(config).toEqual({
        configPath: undefined,
        rootDir: root,
        url: 'sqlite:app.db',
        migrations: join(root, 'migrations'),
        versionPaths: [join(root, 'migrations/versions')],
        recursiveVersionPaths: false,
        fileTemplate: '{year}{month}{day}_{hour}{minute}-{rev}_{slug}',
        truncateSlugLength: 40,
        models: [],
        exclude: [],
        versionTable: 'stratum_version',
        versionTableSchema: undefined,
        transactionPerMigration: true,
        snapshots: false,
        backup: { beforeUpgrade: false, folder: join(root, 'migrations/dumps'), keep: undefined },
        logging: { level: 'info', format: 'pretty', file: undefined },
        hooks: {},
        postWrite: [],
        environment: undefined,
        protected: false,
        database: undefined,
        databases: [],
      })
      expect(Object.isFrozen(config)).toBe(true)
      expect(Object.isFrozen(config.versionPaths)).toBe(true)
    })
  })
})

describe('loadConfig: resolving', () => {
  it('resolves relative paths against the config folder and keeps absolute ones', async () => {
    const elsewhere = join(root, 'elsewhere/versions')
    await files({
      'proj/stratum.config.ts': `export default {
  migrations: 'db/migrations',
  versionPaths: ['db/v1', ${JSON.stringify(elsewhere)}],
  models: ['src/models/*.ts', '!src/models/legacy.ts'],
  exclude: ['tmp_*'],
}`,
    })
    const config = await loadConfig({ cwd: join(root, 'proj') })
    expect(config.migrations).toBe(join(root, 'proj/db/migrations'))
    expect(config.versionPaths).toEqual([join(root, 'proj/db/v1'), elsewhere])
    expect(config.models).toEqual([
      join(root, 'proj/src/models/*.ts'),
      `!${join(root, 'proj/src/models/legacy.ts')}`,
    ])
    expect(config.exclude).toEqual(['tmp_*'])
  })

  it('turns a single models string into an array', async () => {
    await files({ 'stratum.config.json': '{ "models": "src/models.ts" }' })
    expect((await loadConfig({ cwd: root })).models).toEqual([join(root, 'src/models.ts')])
  })

  it('lets --url override the config URL', async () => {
    await files({ 'stratum.config.json': '{ "url": "sqlite:app.db" }' })
    expect((await loadConfig({ cwd: root })).url).toBe('sqlite:app.db')
    const config = await loadConfig({ cwd: root, url: 'postgres://u:p@h/d' })
    expect(config.url).toBe('postgres://u:p@h/d')
  })

  it('checks a --url override, masking its password', async () => {
    await files({ 'stratum.config.json': '{}' })
    const error = await loadError({ cwd: root, url: 'postgres://u:hunter2@h:nope/d' })
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toBe(
      "--url: Invalid database URL 'postgres://u:***@h:nope/d': the port must be a number from 1 to 65535",
    )
  })

  it('checks the config URL, naming the file and masking the password', async () => {
    await files({ 'stratum.config.ts': "export default { url: 'oracle://u:hunter2@h/d' }" })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('URL_INVALID')
    expect(error.message).toMatch(
      /^stratum\.config\.ts: 'url': Invalid database URL 'oracle:\/\/u:\*\*\*@h\/d': unsupported scheme/,
    )
    expect(error.message).not.toContain('hunter2')
    expect(error.cause).toBeInstanceOf(ConfigError)
  })
})

describe('loadConfig: errors', () => {
  it('reports an invalid field with the file path relative to cwd', async () => {
    await files({ 'stratum.config.ts': 'export default { versionPaths: 5 }', 'sub/.keep': '' })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message).toBe(
      "stratum.config.ts: 'versionPaths' must be a non-empty array of strings, got number",
    )
    // From a sub-folder the file is outside cwd: the path is absolute.
    const fromSub = await loadError({ cwd: join(root, 'sub') })
    expect(fromSub.message).toMatch(new RegExp(`^${join(root, 'stratum.config.ts')}: `))
  })

  it('rejects a typo in a field name with a suggestion', async () => {
    await files({ 'stratum.config.ts': "export default { versionPath: ['v'] }" })
    expect((await loadError({ cwd: root })).message).toBe(
      "stratum.config.ts: unknown field 'versionPath' (did you mean 'versionPaths'?)",
    )
  })

  it('says when the module has no default export', async () => {
    await files({ 'stratum.config.ts': "export const config = { url: 'sqlite:a.db' }" })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('CONFIG_INVALID')
    expect(error.message).toBe('stratum.config.ts: has no default export')
    expect(error.hint).toMatch(/export default defineConfig/)
  })

  it('says when the default export is not an object', async () => {
    await files({ 'stratum.config.mjs': 'export default () => ({})' })
    expect((await loadError({ cwd: root })).message).toBe(
      'stratum.config.mjs: the configuration must be an object, got function',
    )
  })

  it('wraps an error thrown while importing, keeping the cause', async () => {
    await files({
      'stratum.config.ts':
        "if (!process.env.NOPE_NOT_SET) throw new Error('DATABASE_URL is not set')\nexport default {}",
    })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('CONFIG_LOAD_FAILED')
    expect(error.message).toBe('stratum.config.ts: loading failed: DATABASE_URL is not set')
    expect((error.cause as Error).message).toBe('DATABASE_URL is not set')
  })

  it('wraps an error thrown by a module the config imports', async () => {
    await files({
      'lib/settings.ts': "throw new TypeError('bad settings')",
      'stratum.config.ts': "import './lib/settings.ts'\nexport default {}",
    })
    expect((await loadError({ cwd: root })).message).toMatch(
      /^stratum\.config\.ts: loading failed: .*bad settings/,
    )
  })

  it('reports a syntax error in a TypeScript config on one line', async () => {
    await files({ 'stratum.config.ts': 'export default { url: \n' })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('CONFIG_LOAD_FAILED')
    expect(error.message).toMatch(/^stratum\.config\.ts: loading failed: /)
    expect(error.message).not.toContain('\n')
  })

  it('wraps a rejected default export promise', async () => {
    await files({ 'stratum.config.mjs': "export default Promise.reject(new Error('vault down'))" })
    const error = await loadError({ cwd: root })
    expect(error.code).toBe('CONFIG_LOAD_FAILED')
    expect(error.message).toBe(
      "stratum.config.mjs: the default export's promise rejected: vault down",
    )
  })

  it.each([
    ['{\n  "url": "postgres://u:hunter2@h/d",\n}\n', 'at line 3, column 1'],
    ['{\n  "migrations": \n}', 'at line 3, column 1'],
    ['{ "a": 1', 'at line 1, column 9'],
    ['', 'at line 1, column 1'],
    ['{ "url": "postgres://u:hunter2@h/d" } }', ''],
  ])(
    'reports malformed JSON %j with the file, the line and no text from it',
    async (json, where) => {
      await files({ 'stratum.config.json': json })
      const error = await loadError({ cwd: root })
      expect(error.code).toBe('CONFIG_INVALID')
      expect(error.message).toMatch(/^stratum\.config\.json: invalid JSON/)
      expect(error.message).toContain(where)
      expect(error.message).not.toContain('hunter2')
      expect(error.cause).toBeInstanceOf(SyntaxError)
    },
  )

  it('rejects a JSON config that is not an object', async () => {
    await files({ 'stratum.config.json': '["url"]' })
    expect((await loadError({ cwd: root })).message).toBe(
      'stratum.config.json: the configuration must be an object, got array',
    )
  })
})

describe('jsonErrorOffset', () => {
  it.each<[string, number | undefined]>([
    ['{ "a": 1, "b": [true, false, null, -1.5e3, "x\\n\\u00e9"] }', undefined],
    ['  []  ', undefined],
    ['{ "a": }', 7],
    ['{ "a": 1, }', 10],
    ['{ "a" 1 }', 6],
    ['[1, 2', 5],
    ['{} x', 3],
    ['"\\x"', 2],
    ['"a\nb"', 2],
    ['{ "a": tru }', 10],
    ['01', 1],
    ['', 0],
  ])('%j', (text, offset) => {
    expect(jsonErrorOffset(text)).toBe(offset)
    if (offset === undefined) expect(() => JSON.parse(text)).not.toThrow()
    else expect(() => JSON.parse(text)).toThrow(SyntaxError)
  })
})
