import { createInterface, type Interface } from 'node:readline'
import type { RenameCandidate, RenameResolver } from '../autogenerate/index.js'
import type { CliInput, CliStream } from './io.js'

/** How a candidate is named in the question: `users.fullname`, `table person`. */
function subject(candidate: RenameCandidate, name: string): string {
  const schema = candidate.schema === undefined ? '' : `${candidate.schema}.`
  return candidate.kind === 'table'
    ? `table ${schema}${name}`
    : `${schema}${candidate.table}.${name}`
}

/**
 * The question for one candidate: `Was users.fullname renamed to users.name? [y/N] `.
 *
 * @example
 * renameQuestion({ kind: 'table', table: 'people', from: 'person', to: 'people', similarity: 1 })
 * // 'Was table person renamed to people? [y/N] '
 */
export function renameQuestion(candidate: RenameCandidate): string {
  const target = candidate.kind === 'table' ? candidate.to : subject(candidate, candidate.to)
  return `Was ${subject(candidate, candidate.from)} renamed to ${target}? [y/N] `
}

/**
 * Asks on a terminal whether dropped + added pairs are renames, one `[y/N]` question per
 * candidate: the `RenameResolver` of `revision --autogenerate`. Answers are read line by
 * line from `input` (one reader for the whole run, so answers typed ahead are kept);
 * an empty answer, and the end of the input, mean no. Call `close` when the run ends.
 *
 * @example
 * const prompt = new RenamePrompt({ input: process.stdin, output: process.stderr })
 * try { await migrator.revision({ autogenerate: true, renames: prompt.resolver }) }
 * finally { prompt.close() }
 */
export class RenamePrompt {
  readonly #input: CliInput
  readonly #output: CliStream
  #reader: Interface | undefined
  readonly #lines: string[] = []
  #waiting: ((line: string | undefined) => void) | undefined
  #ended = false

  constructor(options: { readonly input: CliInput; readonly output: CliStream }) {
    this.#input = options.input
    this.#output = options.output
  }

  /** The resolver to hand to the comparison. */
  readonly resolver: RenameResolver = async (candidates) => {
    const answers: boolean[] = []
    for (const candidate of candidates) answers.push(await this.#ask(renameQuestion(candidate)))
    return answers
  }

  /** Stops reading the input (it is left paused, as readline leaves it). */
  close(): void {
    this.#reader?.close()
    this.#reader = undefined
  }

  async #ask(question: string): Promise<boolean> {
    for (;;) {
      this.#output.write(question)
      const line = await this.#nextLine()
      if (line === undefined) {
        this.#output.write('\n')
        return false
      }
      const answer = line.trim().toLowerCase()
      if (answer === 'y' || answer === 'yes') return true
      if (answer === '' || answer === 'n' || answer === 'no') return false
      this.#output.write("Please answer 'y' or 'n'.\n")
    }
  }

  #nextLine(): Promise<string | undefined> {
    const ready = this.#lines.shift()
    if (ready !== undefined) return Promise.resolve(ready)
    if (this.#ended) return Promise.resolve(undefined)
    this.#open()
    return new Promise((resolve) => {
      this.#waiting = resolve
    })
  }

  #open(): void {
    if (this.#reader !== undefined) return
    const reader = createInterface({ input: this.#input, terminal: false, crlfDelay: Infinity })
    reader.on('line', (line) => this.#deliver(line))
    reader.on('close', () => {
      this.#ended = true
      this.#deliver(undefined)
    })
    this.#reader = reader
  }

  #deliver(line: string | undefined): void {
    const waiting = this.#waiting
    if (waiting !== undefined) {
      this.#waiting = undefined
      waiting(line)
    } else if (line !== undefined) {
      this.#lines.push(line)
    }
  }
}
