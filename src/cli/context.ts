import { resolve } from 'node:path'
import type { Command } from 'commander'
import { loadConfig } from '../config/index.js'
import type { ResolvedConfig } from '../config/types.js'
import { UsageError } from '../errors.js'
import { urlSecrets } from '../logging/redact.js'
import { EXIT_OK } from './exit-codes.js'
import type { CliIO } from './io.js'
import { Output } from './output.js'

/** The global options every command accepts. */
export interface GlobalOptions {
  readonly config?: string | undefined
  readonly url?: string | undefined
  readonly json: boolean
  /** `-x key=value` pairs, for hooks and templates. */
  readonly x: Readonly<Record<string, string>>
  readonly verbose: boolean
  readonly quiet: boolean
  /** `--env NAME`: the environment of `environments` (else `STRATUM_ENV`). */
  readonly env?: string | undefined
  /** `--db NAME`: the database of `databases`. */
  readonly db?: string | undefined
}

/**
 * What a command's action needs besides its own arguments: the global options, the output,
 * the configuration, and the secrets to mask in error messages.
 */
export class CliContext {
  readonly io: CliIO
  /** Passwords seen so far (config URL, `--url`); masked in every error message. */
  readonly secrets = new Set<string>()
  /** The code `main` returns when the action finishes without throwing. */
  exitCode = EXIT_OK
  readonly #program: Command
  #output: Output | undefined

  constructor(io: CliIO, program: Command) {
    this.io = io
    this.#program = program
  }

  /** The parsed global options. */
  get globals(): GlobalOptions {
    const opts = this.#program.opts()
    return {
      config: opts.config,
      url: opts.url,
      json: opts.json === true,
      x: opts.xArg ?? {},
      verbose: opts.verbose === true,
      quiet: opts.quiet === true,
      env: opts.env,
      db: opts.db,
    }
  }

  /** The output for this run (created on first use, after the options are parsed). */
  get out(): Output {
    if (this.#output === undefined) {
      const { json, quiet } = this.globals
      this.#output = new Output(this.io, { json, quiet })
    }
    return this.#output
  }

  /**
   * Load the configuration the global options point at (`--config`, `--url`, `--env` or
   * `STRATUM_ENV`, `--db`). `required: false` (for `init`) returns defaults rooted at the
   * working directory when no config file exists. When the project declares several databases
   * and none is chosen, this is a usage error asking for `--db`, unless `anyDatabase` (the
   * commands that run over every database, or show them all).
   */
  async loadConfig(
    options: { required?: boolean; database?: string; anyDatabase?: boolean } = {},
  ): Promise<ResolvedConfig> {
    const { config: configPath, url, env, db } = this.globals
    this.addSecretsOf(url)
    const config = await loadConfig({
      cwd: this.io.cwd,
      configPath: configPath === undefined ? undefined : resolve(this.io.cwd, configPath),
      url,
      required: options.required ?? true,
      environment: env,
      database: options.database ?? db,
      env: this.io.env,
    })
    this.addSecretsOf(config.url)
    if (config.database === undefined && config.databases.length > 1 && !options.anyDatabase) {
      throw new UsageError(
        `This project declares several databases (${config.databases.join(', ')}): choose one with --db NAME`,
        { hint: "'stratum upgrade' without --db upgrades each in turn." },
      )
    }
    return config
  }

  /** Remember the secrets of a database URL so that no error message shows them. */
  addSecretsOf(url: string | undefined): void {
    if (url === undefined) return
    for (const secret of urlSecrets(url)) this.secrets.add(secret)
  }
}
