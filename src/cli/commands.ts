/**
 * The commands, each module loaded only for the command that runs: a cold `stratum status`
 * imports the status command and not the twenty others (about 60 ms less module loading).
 * Help, an unknown command or no command at all load every one, so that commander can
 * list them and suggest the nearest name.
 */
import type { Command } from 'commander'
import type { CliContext } from './context.js'

type Register = (program: Command, context: CliContext) => void

/** In the order `stratum --help` lists them. */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  init: async () => (await import('./init.js')).registerInit,
  revision: async () => (await import('./revision.js')).registerRevision,
  merge: async () => (await import('./merge.js')).registerMerge,
  upgrade: async () => (await import('./upgrade.js')).registerUpgrade,
  downgrade: async () => (await import('./downgrade.js')).registerDowngrade,
  current: async () => (await import('./current.js')).registerCurrent,
  status: async () => (await import('./status.js')).registerStatus,
  stamp: async () => (await import('./stamp.js')).registerStamp,
  repair: async () => (await import('./repair.js')).registerRepair,
  backup: async () => (await import('./backup.js')).registerBackup,
  restore: async () => (await import('./restore.js')).registerRestore,
  check: async () => (await import('./check.js')).registerCheck,
  drift: async () => (await import('./drift.js')).registerDrift,
  pull: async () => (await import('./pull.js')).registerPull,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  verify: async () => (await import('./verify.js')).registerVerify,
  heads: async () => (await import('./heads.js')).registerHeads,
  branches: async () => (await import('./branches.js')).registerBranches,
  history: async () => (await import('./history.js')).registerHistory,
  show: async () => (await import('./show.js')).registerShow,
  config: async () => (await import('./config.js')).registerConfig,
}

/**
 * Registers the command `argv` names on `program` (whose global options are defined), or
 * every command when it names none that exists.
 *
 * @example
 * await registerCommands(program, context, ['--url', 'sqlite:app.db', 'status'])
 */
export async function registerCommands(
  program: Command,
  context: CliContext,
  argv: readonly string[],
): Promise<void> {
  const name = commandName(program, argv)
  const loaders =
    name !== undefined && Object.hasOwn(COMMANDS, name)
      ? [COMMANDS[name] as () => Promise<Register>]
      : Object.values(COMMANDS)
  const registers = await Promise.all(loaders.map((load) => load()))
  for (const register of registers) register(program, context)
}

/**
 * The first argument that is not a global option or a global option's value: the command
 * name, if any. Values attached to their flag (`--url=...`, `-xkey=value`) take no
 * argument of their own.
 *
 * @example
 * commandName(program, ['--db', 'main', 'upgrade', 'head']) // 'upgrade'
 */
export function commandName(program: Command, argv: readonly string[]): string | undefined {
  const takesValue = new Set(
    program.options
      .filter((option) => option.required || option.optional)
      .flatMap((option) => [option.short, option.long])
      .filter((flag): flag is string => flag !== undefined),
  )
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string
    if (argument === '--') return argv[index + 1]
    if (!argument.startsWith('-') || argument === '-') return argument
    if (takesValue.has(argument)) index++
  }
  return undefined
}
