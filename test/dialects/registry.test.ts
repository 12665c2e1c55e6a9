import { describe, expect, it } from 'vitest'
import type { Dialect } from '../../src/dialects/dialect.js'
import { dialectFor, registerDialect, registeredDialects } from '../../src/dialects/registry.js'
import { ConfigError } from '../../src/errors.js'

describe('dialect registry', () => {
  it('maps the built-in names to dialects, loaded on first use', async () => {
    expect((await dialectFor({ dialect: 'postgres' })).name).toBe('postgres')
    expect(await dialectFor({ dialect: 'pglite' })).toBe(await dialectFor({ dialect: 'postgres' }))
    expect((await dialectFor({ dialect: 'mysql' })).name).toBe('mysql')
    expect((await dialectFor({ dialect: 'sqlite' })).name).toBe('sqlite')
    expect(registeredDialects()).toEqual(
      expect.arrayContaining(['mysql', 'pglite', 'postgres', 'sqlite']),
    )
  })

  it('takes user dialects, objects or loaders, and refuses unknown names', async () => {
    const custom = { name: 'custom' } as Dialect
    registerDialect('custom', custom)
    expect(await dialectFor({ dialect: 'custom' })).toBe(custom)
    let loads = 0
    registerDialect('lazy', async () => {
      loads++
      return custom
    })
    await dialectFor({ dialect: 'lazy' })
    await dialectFor({ dialect: 'lazy' })
    expect(loads).toBe(1)
    const error = await dialectFor({ dialect: 'nope' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).code).toBe('DIALECT_UNKNOWN')
    expect((error as Error).message).toContain('custom')
  })
})
