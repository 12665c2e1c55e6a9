import { readFileSync } from 'node:fs'
import { Command, CommanderError, InvalidArgumentError } from 'commander'
import { UsageError } from '../errors.js'
import { registerCommands } from './commands.js'
import { CliContext } from './context.js'
import { EXIT_OK, EXIT_USAGE } from './exit-codes.js'
import { describeError } from './format-error.js'
import { type CliIO, resolveIO } from './io.js'

/**
 * Run the `stratum` command line and return its exit code (0 ok, 1 failure, 2 bad usage).
 * Never calls `process.exit`; `bin/stratum` sets `process.exitCode` from the result. Tests pass
 * their own streams, working directory and environment in `io`.
 *
 * @example
 * const code = await main(['heads', '--json'], { stdout, stderr, cwd: '/tmp/project' })
 */
export async function main(argv: readonly string[], io: Partial<CliIO> = {}): Promise<number> {
  const cliIO = resolveIO(io)
  const usage: { message?: string } = {}
  const program = createProgram(cliIO, usage)
  const context = new CliContext(cliIO, program)
  await registerCommands(program, context, argv)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return context.exitCode
  } catch (error) {
    if (error instanceof CommanderError) return commanderExit(error, usage, context)
    return reportError(error, context)
  }
}

function createProgram(io: CliIO, usage: { message?: string }): Command {
  const program = new Command('stratum')
  program
    .description(
      'Database schema migrations for TypeScript: a revision graph with branches and merges, run against PostgreSQL, MySQL/MariaDB and SQLite or printed as SQL.',
    )
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('-c, --config <path>', 'the config file (default: stratum.config.* found upward)')
    .option('--url <url>', 'the database URL (overrides the config)')
    .option('--env <name>', 'the environment of the config to apply (default: $STRATUM_ENV)')
    .option('--db <name>', 'the database of the config to use, when it declares several')
    .option('--json', 'machine-readable output on stdout')
    .option(
      '-x, --x-arg <key=value>',
      'a value for revisions (context.x), hooks and templates (repeatable)',
      collectX,
    )
    .option('--verbose', 'more detail; stack traces on errors')
    .option('-q, --quiet', 'only the requested data (no progress or status lines)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Keep commander's message; `main` prints it in Stratum's error format, on one line
      // (commander puts its "(Did you mean upgrade?)" on a second one).
      outputError: (text) => {
        usage.message = text
          .trim()
          .replace(/^error:\s*/, '')
          .replace(/\s*\n\s*/g, ' ')
      },
    })
    .showSuggestionAfterError(true)
  return program
}

function collectX(value: string, previous: Record<string, string> | undefined) {
  const at = value.indexOf('=')
  if (at <= 0) throw new InvalidArgumentError('Expected key=value.')
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) }
}

/** Help and version exit 0; every other commander error is bad usage (2). */
function commanderExit(error: CommanderError, usage: { message?: string }, context: CliContext) {
  if (error.exitCode === 0 || error.code === 'commander.helpDisplayed') return EXIT_OK
  if (error.code === 'commander.version') return EXIT_OK
  if (usage.message === undefined) return EXIT_USAGE // help printed on stderr: `stratum` alone
  const report = describeError(
    new UsageError(usage.message, { hint: "Run 'stratum --help' or 'stratum <command> --help'." }),
    {
      verbose: false,
      secrets: secretsOf(context),
      colors: context.out.errorColors,
      cwd: context.io.cwd,
    },
  )
  writeReport(report, context)
  return EXIT_USAGE
}

function reportError(error: unknown, context: CliContext): number {
  const report = describeError(error, {
    verbose: context.globals.verbose,
    secrets: secretsOf(context),
    colors: context.out.errorColors,
    cwd: context.io.cwd,
  })
  writeReport(report, context)
  return report.exitCode
}

function writeReport(report: ReturnType<typeof describeError>, context: CliContext): void {
  for (const line of report.lines) context.io.stderr.write(`${line}\n`)
  if (context.globals.json) context.io.stdout.write(`${JSON.stringify(report.json)}\n`)
}

function secretsOf(context: CliContext): string[] {
  context.addSecretsOf(context.globals.url)
  return [...context.secrets]
}

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8')
  return (JSON.parse(text) as { version: string }).version
}
