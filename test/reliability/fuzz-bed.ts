/**
 * A test bed for fuzzing the CLI in-process (`main(argv, io)`): a project whose revisions
 * are applied, a canary table with a row, and a baseline of what the database and the
 * project hold. After each input, `check` asserts the contract for bad input (no stack
 * trace, no internal error, a clean error line, the canary alive, the version table and the
 * tables unchanged unless the input was valid and succeeded) and `reset` puts everything
 * back for the next input. The bed asks the database on one connection of its own.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { expect } from 'vitest'
import { parseUrl } from '../../src/config/url.js'
import type { DialectConnection } from '../../src/dialects/dialect.js'
import { dialectFor } from '../../src/dialects/registry.js'
import { type MainResult, runMain } from '../cli/run-main.js'
import type { Target } from '../runtime/targets.js'
import { createProject, type Project, type RevisionSpec } from '../support/project.js'
import { tablesSql } from './support.js'

/** A Node stack frame line. */
const STACK = /\n {4}at /

function filesUnder(root: string): Map<string, string> {
  const files = new Map<string, string>()
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else files.set(relative(root, path), readFileSync(path, 'latin1'))
    }
  }
  walk(root)
  return files
}

/** The bed; create with {@link FuzzBed.create}, `remove` when done. */
export class FuzzBed {
  #tables: string[] = []
  #versions: string[] = []
  #historyIds = 0
  #files = new Map<string, string>()

  private constructor(
    readonly target: Target,
    readonly project: Project,
    readonly connection: DialectConnection,
    readonly prefix: string,
  ) {}

  /** The bed's version table, `<prefix>_version`. */
  get versionTable(): string {
    return `${this.prefix}_version`
  }

  /**
   * A project on `target` with `revisions` applied, the canary table `<prefix>_canary` with
   * one row, and the baseline recorded.
   *
   * @example
   * const bed = await FuzzBed.create(target, { prefix: 'fa', revisions: [{ id: 'a' }] })
   */
  static async create(
    target: Target,
    options: { prefix: string; revisions: readonly RevisionSpec[] },
  ): Promise<FuzzBed> {
    const project = await createProject({
      url: target.database.url,
      revisions: options.revisions,
      config: { versionTable: `${options.prefix}_version` },
    })
    const url = parseUrl(target.database.url)
    const connection = await (await dialectFor(url)).connect(url)
    const bed = new FuzzBed(target, project, connection, options.prefix)
    await bed.query(`CREATE TABLE ${options.prefix}_canary (id integer, note varchar(20))`)
    await bed.query(`INSERT INTO ${options.prefix}_canary (id, note) VALUES (1, 'alive')`)
    const upgraded = await bed.run(['upgrade', 'head', '-q'])
    expect(upgraded.code, upgraded.stderr).toBe(0)
    await bed.#record()
    return bed
  }

  /** Rows of one statement on the bed's connection. */
  async query(sql: string, parameters: readonly unknown[] = []) {
    return (await this.connection.query(sql, parameters)).rows
  }

  /** The tables of the database, sorted. */
  async tables(): Promise<string[]> {
    return (await this.query(tablesSql(this.target))).map((row) => String(row.name)).sort()
  }

  /** The version rows, sorted. */
  async versions(): Promise<string[]> {
    const rows = await this.query(`SELECT version_num AS v FROM ${this.versionTable}`)
    return rows.map((row) => String(row.v)).sort()
  }

  async #record(): Promise<void> {
    this.#tables = await this.tables()
    this.#versions = await this.versions()
    const [row] = await this.query(`SELECT MAX(id) AS m FROM ${this.versionTable}_history`)
    this.#historyIds = Number(row?.m ?? 0)
    this.#files = filesUnder(this.project.dir)
  }

  /** `stratum ...argv` in the project, in-process, with no environment. */
  run(argv: readonly string[]): Promise<MainResult> {
    return runMain(argv, { cwd: this.project.dir })
  }

  /**
   * The contract for any input: no stack trace, no internal error, exit 0, 1 or 2, an error
   * line (or the usage) when it failed; the canary alive; the version table and the tables
   * as they were unless the run succeeded (valid input may change the database) or
   * `mayChangeOnFailure` (a run of several revisions may fail after the first ran whole).
   */
  async check(
    result: MainResult,
    input: unknown,
    options: { readonly mayChangeOnFailure?: boolean } = {},
  ): Promise<void> {
    const shown = JSON.stringify(input)?.slice(0, 400)
    expect(result.stderr, shown).not.toMatch(STACK)
    expect(result.stdout, shown).not.toMatch(STACK)
    expect(result.stderr, shown).not.toContain('internal error')
    expect([0, 1, 2], shown).toContain(result.code)
    if (result.code !== 0) {
      expect(result.stderr, shown).toMatch(/^(stratum: error: \S|Usage: stratum )/)
      // One error line: what follows it (a hint, a run's summary) is indented.
      const [, ...rest] = result.stderr.trimEnd().split('\n')
      if (result.stderr.startsWith('stratum: error:')) {
        for (const line of rest) expect(line, shown).toMatch(/^ {2,}\S/)
      }
    }
    const canary = await this.query(`SELECT id, note FROM ${this.prefix}_canary`)
    expect(
      canary.map((row) => [Number(row.id), row.note]),
      shown,
    ).toEqual([[1, 'alive']])
    if (result.code !== 0 && options.mayChangeOnFailure !== true) {
      expect(await this.versions(), shown).toEqual(this.#versions)
      expect(await this.tables(), shown).toEqual(this.#tables)
    }
  }

  /** Puts the database (version rows, history, tables) and the project files back. */
  async reset(): Promise<void> {
    const quote = (name: string) =>
      this.target.name === 'mariadb'
        ? `\`${name.replaceAll('`', '``')}\``
        : `"${name.replaceAll('"', '""')}"`
    for (const table of await this.tables()) {
      if (!this.#tables.includes(table)) await this.query(`DROP TABLE ${quote(table)}`)
    }
    if ((await this.versions()).join() !== this.#versions.join()) {
      await this.query(`DELETE FROM ${this.versionTable}`)
      for (const row of this.#versions) {
        await this.query(`INSERT INTO ${this.versionTable} (version_num) VALUES ('${row}')`)
      }
    }
    await this.query(`DELETE FROM ${this.versionTable}_history WHERE id > ${this.#historyIds}`)
    const now = filesUnder(this.project.dir)
    for (const path of now.keys()) {
      if (!this.#files.has(path)) rmSync(join(this.project.dir, path), { force: true })
    }
    for (const [path, text] of this.#files) {
      if (now.get(path) === text) continue
      mkdirSync(dirname(join(this.project.dir, path)), { recursive: true })
      writeFileSync(join(this.project.dir, path), text, 'latin1')
    }
  }

  async remove(): Promise<void> {
    await this.connection.close()
    await this.project.remove()
  }
}
