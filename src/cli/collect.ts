/**
 * A commander option parser that collects a repeatable option into a list.
 *
 * @example
 * command.option('--branch-label <label>', 'a label (repeatable)', collect)
 */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value]
}
