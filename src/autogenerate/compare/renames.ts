/**
 * Renames, decided in a fixed order so that nothing is dropped silently: a
 * `renamedFrom` hint in the model first (authoritative), then the explicit
 * `--rename` answers, then the resolver for dropped + added pairs that look alike.
 * A column still dropped while another was added to its table, or a table still
 * dropped while a look-alike was added, gets a warning naming the `--rename` to give.
 */
import { MigrationError } from '../../errors.js'
import { displayName } from './names.js'
import type { RenameCandidate, RenameMap, RenameResolver } from './types.js'

interface Named {
  readonly name: string
  readonly renamedFrom?: string
}

/** Where renames are looked for: the tables of one schema, or the columns of one table. */
export interface RenameScope<T extends Named> {
  readonly kind: 'table' | 'column'
  readonly schema?: string
  /** For columns: the table's name in the models. */
  readonly table?: string
  /** For columns: the table's name in the database, when it is renamed too. */
  readonly oldTable?: string
  /** In the database only. */
  readonly dropped: readonly T[]
  /** In the models only. */
  readonly added: readonly T[]
  /** How alike a pair looks (0 to 1), or undefined when it is not worth asking about. */
  readonly similarity: (from: T, to: T) => number | undefined
}

export interface ResolvedScope<T extends Named> {
  readonly scope: RenameScope<T>
  readonly renamed: readonly { readonly from: T; readonly to: T }[]
  readonly dropped: readonly T[]
  readonly added: readonly T[]
  /** Dropped items that may have been renamed: the warning to show above each drop. */
  readonly suspicious: ReadonlyMap<T, string>
}

/** The `--rename` answers, looked up by scope and marked as they are used. */
export class ExplicitRenames {
  readonly #entries = new Map<string, { readonly to: string; readonly arg: string }>()
  readonly #used = new Set<string>()

  constructor(map: RenameMap | undefined) {
    for (const rename of map?.tables ?? []) {
      this.#entries.set(entryKey('table', rename.schema, '', rename.from), {
        to: rename.to,
        arg: renameArgument('table', rename),
      })
    }
    for (const rename of map?.columns ?? []) {
      this.#entries.set(entryKey('column', rename.schema, rename.table, rename.from), {
        to: rename.to,
        arg: renameArgument('column', rename),
      })
    }
  }

  /** The new name given for `from` in this scope, if any. */
  lookup(
    scope: Pick<RenameScope<Named>, 'kind' | 'schema' | 'table' | 'oldTable'>,
    from: string,
  ): { key: string; to: string } | undefined {
    const tables = scope.kind === 'table' ? [''] : [scope.table ?? '', scope.oldTable ?? '']
    for (const table of tables) {
      const key = entryKey(scope.kind, scope.schema, table, from)
      const entry = this.#entries.get(key)
      if (entry) return { key, to: entry.to }
    }
    return undefined
  }

  use(key: string): void {
    this.#used.add(key)
  }

  /** The arguments that matched no dropped + added pair. */
  unused(): string[] {
    return [...this.#entries].filter(([key]) => !this.#used.has(key)).map(([, entry]) => entry.arg)
  }
}

function entryKey(kind: string, schema: string | undefined, table: string, from: string): string {
  return [kind, schema ?? '', table, from].join('\u0000')
}

/**
 * The `--rename` argument that answers for a pair, as the warning suggests it.
 *
 * @example
 * renameArgument('column', { table: 'users', from: 'fullname', to: 'name' }) // 'users.fullname=name'
 */
export function renameArgument(
  kind: 'table' | 'column',
  rename: { readonly schema?: string; readonly table?: string; from: string; to: string },
): string {
  const prefix = rename.schema === undefined ? '' : `${rename.schema}.`
  if (kind === 'table') return `${prefix}${rename.from}=${prefix}${rename.to}`
  return `${prefix}${rename.table}.${rename.from}=${rename.to}`
}

interface Working<T extends Named> {
  readonly scope: RenameScope<T>
  readonly renamed: { from: T; to: T }[]
  readonly dropped: Set<T>
  readonly added: Set<T>
}

function pair<T extends Named>(work: Working<T>, from: T, to: T): void {
  work.renamed.push({ from, to })
  work.dropped.delete(from)
  work.added.delete(to)
}

function where<T extends Named>(scope: RenameScope<T>): string {
  return scope.kind === 'table'
    ? `table ${scope.schema === undefined ? '' : `${scope.schema}.`}`
    : `column ${displayName(scope.table ?? '', scope.schema)}.`
}

/** Hints (`renamedFrom`) and explicit answers, before anything is asked. */
function applyKnown<T extends Named>(
  work: Working<T>,
  explicit: ExplicitRenames,
  warn: (text: string) => void,
): void {
  const { scope } = work
  for (const to of [...work.added]) {
    if (to.renamedFrom === undefined) continue
    const from = [...work.dropped].find((item) => item.name === to.renamedFrom)
    if (from) {
      pair(work, from, to)
      continue
    }
    warn(
      `${where(scope)}${to.name} says renamedFrom '${to.renamedFrom}', but the database has no ${scope.kind} '${to.renamedFrom}' that the models drop; ${to.name} is created as a new ${scope.kind}`,
    )
  }
  for (const from of [...work.dropped]) {
    const answer = explicit.lookup(scope, from.name)
    if (!answer) continue
    const to = [...work.added].find((item) => item.name === answer.to)
    if (!to) continue
    explicit.use(answer.key)
    pair(work, from, to)
  }
}

function candidates<T extends Named>(
  work: Working<T>,
): { candidate: RenameCandidate; from: T; to: T }[] {
  const { scope } = work
  const out: { candidate: RenameCandidate; from: T; to: T }[] = []
  for (const from of work.dropped) {
    for (const to of work.added) {
      const similarity = scope.similarity(from, to)
      if (similarity === undefined) continue
      const candidate: RenameCandidate = {
        kind: scope.kind,
        ...(scope.schema === undefined ? {} : { schema: scope.schema }),
        table: scope.kind === 'table' ? to.name : (scope.table ?? ''),
        from: from.name,
        to: to.name,
        similarity,
      }
      out.push({ candidate, from, to })
    }
  }
  return out
}

function suspicion<T extends Named>(work: Working<T>): Map<T, string> {
  const out = new Map<T, string>()
  if (work.added.size === 0) return out
  const { scope } = work
  for (const from of work.dropped) {
    // Any column of the same table may be the renamed one; only look-alike tables are.
    const added = [...work.added]
      .filter((to) => scope.kind === 'column' || scope.similarity(from, to) !== undefined)
      .map((item) => item.name)
    if (added.length === 0) continue
    const likeliest = [...added].sort(
      (a, b) => nameSimilarity(from.name, b) - nameSimilarity(from.name, a),
    )[0] as string
    const argument = renameArgument(scope.kind, {
      schema: scope.schema,
      table: scope.table,
      from: from.name,
      to: likeliest,
    })
    out.set(
      from,
      `${where(scope)}${from.name} is dropped while ${added.join(', ')} ${added.length === 1 ? 'is' : 'are'} added. If it was renamed, say so (renamedFrom: '${from.name}' in the model, or --rename ${argument}); as generated, its data is lost.`,
    )
  }
  return out
}

/**
 * Decides the renames of every scope: hints, explicit answers, then one call to the
 * resolver with every look-alike pair (most alike first). Explicit answers that match
 * nothing are reported through `warn`.
 *
 * @example
 * const [users] = await resolveRenames([scope], { resolver, explicit: new ExplicitRenames(map), warn })
 */
export async function resolveRenames<T extends Named>(
  scopes: readonly RenameScope<T>[],
  options: {
    readonly resolver: RenameResolver | undefined
    readonly explicit: ExplicitRenames
    readonly warn: (text: string) => void
  },
): Promise<ResolvedScope<T>[]> {
  const works: Working<T>[] = scopes.map((scope) => ({
    scope,
    renamed: [],
    dropped: new Set(scope.dropped),
    added: new Set(scope.added),
  }))
  for (const work of works) applyKnown(work, options.explicit, options.warn)
  const asked = works.flatMap((work) => candidates(work).map((entry) => ({ ...entry, work })))
  asked.sort(
    (a, b) =>
      b.candidate.similarity - a.candidate.similarity ||
      compareText(a.candidate.table, b.candidate.table) ||
      compareText(a.candidate.from, b.candidate.from) ||
      compareText(a.candidate.to, b.candidate.to),
  )
  if (asked.length > 0 && options.resolver) {
    const answers = await options.resolver(asked.map((entry) => entry.candidate))
    if (!Array.isArray(answers) || answers.length !== asked.length) {
      throw new MigrationError(
        'RENAME_ANSWERS',
        `The rename resolver gave ${Array.isArray(answers) ? answers.length : 'no'} answer(s) for ${asked.length} candidate(s); it must answer each one`,
      )
    }
    asked.forEach((entry, i) => {
      if (answers[i] !== true) return
      const { work, from, to, candidate } = entry
      if (work.dropped.has(from) && work.added.has(to)) {
        pair(work, from, to)
        return
      }
      options.warn(
        `The answer that ${candidate.kind} ${candidate.from} was renamed to ${candidate.to} is ignored: one of them is already part of another rename`,
      )
    })
  }
  return works.map((work) => ({
    scope: work.scope,
    renamed: work.renamed,
    dropped: work.scope.dropped.filter((item) => work.dropped.has(item)),
    added: work.scope.added.filter((item) => work.added.has(item)),
    suspicious: suspicion(work),
  }))
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * How alike two names are: the Dice coefficient of their letter pairs (0 to 1).
 *
 * @example
 * nameSimilarity('fullname', 'full_name') // about 0.8
 */
export function nameSimilarity(a: string, b: string): number {
  const pairs = (text: string) => {
    const lower = text.toLowerCase()
    const out = new Map<string, number>()
    for (let i = 0; i < lower.length - 1; i++) {
      const bigram = lower.slice(i, i + 2)
      out.set(bigram, (out.get(bigram) ?? 0) + 1)
    }
    return out
  }
  const left = pairs(a)
  const right = pairs(b)
  const total = Math.max(a.length - 1, 0) + Math.max(b.length - 1, 0)
  if (total === 0) return a.toLowerCase() === b.toLowerCase() ? 1 : 0
  let shared = 0
  for (const [bigram, count] of left) shared += Math.min(count, right.get(bigram) ?? 0)
  return (2 * shared) / total
}
