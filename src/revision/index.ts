/** The revision graph: building and validating it, the identifier grammar, and plans. */
export { type Revision, RevisionGraph } from './graph.js'
export { type ParsedIdentifier, parseIdentifier } from './identifier.js'
export type { Branch } from './lookup.js'
export type { RevisionMeta } from './meta.js'
export { nameProblem, RESERVED_NAMES } from './names.js'
export { type MigrationStep, planDowngrade, planUpgrade } from './plan.js'
export {
  historyRange,
  parseRange,
  type ResolvedTarget,
  type ResolveOptions,
  resolveRevision,
  resolveRevisions,
  resolveTarget,
} from './resolve.js'
export { planStamp, type StampPlan } from './stamp.js'
export { ancestorsOf, descendantsOf, lineageOf, sortByPosition } from './traverse.js'
export {
  appliedRevisions,
  applyVersionChanges,
  impliedRevisions,
  minimalRows,
  type VersionChange,
} from './version-table.js'
